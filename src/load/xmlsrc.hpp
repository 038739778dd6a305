// libxml2 parsing with what libxml2 does not give by itself: the column of
// every element and attribute, and a hardened configuration (no DTD, no
// entities, no network). Internal to the loader.
#pragma once
#include <cstdint>
#include <libxml/tree.h>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "util/diag.hpp"

namespace vb::load {

struct XmlSource {
  xmlDocPtr doc = nullptr;
  std::unordered_map<const xmlNode *, SourceLoc> elements;
  std::map<std::pair<const xmlNode *, std::string>, SourceLoc> attributes;

  SourceLoc loc(const xmlNode *n) const;
  SourceLoc attr_loc(const xmlNode *n, const char *attr) const;

  XmlSource() = default;
  XmlSource(const XmlSource &) = delete;
  XmlSource &operator=(const XmlSource &) = delete;
  ~XmlSource();
};

// Parses `bytes`; on error (or past `max_elements` elements) reports
// FILE:LINE:COL and returns null.
std::unique_ptr<XmlSource> parse_xml(const std::string &bytes, const std::string &file, Diagnostics &diags,
                                     size_t max_elements = SIZE_MAX);

void prepare_schema();

// Validates against the RELAX NG schema compiled into vanban.
bool validate_schema(const XmlSource &src, const std::string &file, Diagnostics &diags);

} // namespace vb::load
