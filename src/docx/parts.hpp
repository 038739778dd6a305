// The package parts that do not depend on the body's content: styles,
// settings, page-number headers, content types, relationships, document
// properties. Internal to the DOCX backend.
#pragma once
#include <string>

#include "docx/docx.hpp"
#include "template/styles.hpp"

namespace vb::docx {

inline constexpr const char *kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char *kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char *kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr const char *kRelBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

inline std::string num(long v) {
  return std::to_string(v);
}
const char *jc(tmpl::Align a); // w:jc value

std::string styles_xml(const tmpl::Styles &st, const tmpl::Template &t, const std::string &family);
std::string settings_xml();
std::string header_xml(const tmpl::Styles &st, bool page_number);
std::string content_types_xml();
std::string root_rels_xml();
// Relationships of word/document.xml; images are media/image1.png … imageN.png (rIdImg1 …).
std::string document_rels_xml(size_t images);
std::string core_xml(const model::Document &doc, const Options &opt);
std::string app_xml();

} // namespace vb::docx
