// WordprocessingML: the model → the XML parts of a .docx package (document,
// styles, settings, footnotes, headers, relationships, core properties).
// Packaging into a zip is opc's job; this file knows nothing about zip.
#pragma once
#include <vector>

#include "docx/docx.hpp"
#include "docx/opc.hpp"

namespace vb::docx {

// The parts in their fixed package order ([Content_Types].xml first).
std::vector<opc::Part> wordml_parts(const model::Document &doc, const tmpl::Template &t,
                                    const text::Fonts &fonts, const Options &opt);

// Fixed geometry of the DOCX that the PDF layout must reproduce (see
// docs/geometry.md). Values in twips unless said otherwise.
namespace geom {
// Rule paragraph (style VbRule): a top border drawn across the paragraph's
// indented width, `rule_before` below the line above, then `rule_line` of
// exact line height before the next paragraph.
inline constexpr long rule_before = 40; // 2 pt
inline constexpr long rule_line = 120;  // 6 pt exact
// The tiny paragraph (style VbTiny) that opens the body and closes sections.
inline constexpr long tiny_line = 20; // 1 pt exact
// The agency rule is this share of the issuing agency's widest line;
// the subject and appendix rules this share of their widest line.
inline constexpr double agency_rule_share = 0.4;
inline constexpr double subject_rule_share = 1.0 / 3.0;
// Covenant signature grid: space above each block, cell padding left/right.
inline constexpr long party_gap = 240;      // 12 pt
inline constexpr long party_cell_pad = 108; // 5.4 pt
} // namespace geom

} // namespace vb::docx
