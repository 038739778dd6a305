// One XML part of a DOCX, parsed by libxml2 hardened as the loader is: no
// DTD (a DOCTYPE is refused before its declarations are read), no entities,
// no network, libxml2's own depth and size limits. Plus the few helpers the
// reader walks the tree with (local names, attributes by local name).
#pragma once
#include <libxml/tree.h>
#include <memory>
#include <optional>
#include <string>

#include "util/diag.hpp"

namespace vb::imp {

struct XmlPart {
  xmlDocPtr doc = nullptr;
  XmlPart() = default;
  XmlPart(const XmlPart &) = delete;
  XmlPart &operator=(const XmlPart &) = delete;
  ~XmlPart();
  xmlNode *root() const { return xmlDocGetRootElement(doc); }
};

// Parses `bytes`; errors are reported at `where`:LINE:COL.
std::unique_ptr<XmlPart> parse_part(const std::string &bytes, const std::string &where, Diagnostics &diags);

// Element helpers. Names are local names: "p" matches w:p.
bool is(const xmlNode *n, const char *local);
const xmlNode *child(const xmlNode *n, const char *local);
std::optional<std::string> attr(const xmlNode *n, const char *local);
// OOXML on/off properties: <w:b/>, <w:b w:val="true|1|on"/> are on; "0",
// "false", "off" are off; absent is nullopt.
std::optional<bool> flag(const xmlNode *props, const char *local);

} // namespace vb::imp
