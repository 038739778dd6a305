// Page geometry both outputs share: the page frame, column widths, rules,
// spacer paragraphs and the fixed numbers of the DOCX's own paragraphs
// (docs/geometry.md). The DOCX writer writes these numbers; the layout
// engine places boxes with them. Lengths in twips (1/20 pt) where Word
// stores twips, so both round the same way.
#pragma once
#include <optional>
#include <vector>

#include "template/styles.hpp"
#include "text/fonts.hpp"

namespace vb::geo {

inline double pt(long twips) {
  return double(twips) / 20.0;
}

// ---------------------------------------------------------------- page
// Page size and margins, in whole twips as the DOCX has them (LibreOffice
// lays out in twips); a landscape page swaps width and height, same margins.
struct Frame {
  long width = 0, height = 0;
  long top = 0, bottom = 0, left = 0, right = 0;
  long text_twips() const { return width - left - right; }
  double text_x() const { return pt(left); }
  double text_w() const { return pt(text_twips()); }
  double body_h() const { return pt(height - top - bottom); } // the text area's height
};
Frame frame(const tmpl::Template &t, bool landscape);

// w:header of the section: the top of the header paragraph, placed so that
// the page number's baseline is at the template's header distance.
long header_twips(const tmpl::Template &t, const tmpl::Styles &st, const text::Fonts &fonts);
// Baseline of the page number, from the page's top edge (points).
double page_number_baseline(const tmpl::Template &t);

// ---------------------------------------------------------------- columns
// Widths from relative weights: round(total × weight / Σ), the last column
// takes the rest (a weight ≤ 0 counts as 0; all 0: equal columns).
std::vector<long> column_widths(long total, const std::vector<double> &weights);
// Two columns, the left one `share` of the total (header, ending).
std::vector<long> two_columns(long total, double share);
// Covenant signature grid: 2 × cols half-columns, floor(total / 2·cols)
// each, the last the remainder; a block spans two.
std::vector<long> party_grid(long total, int cols);
int party_columns(const tmpl::Template &t); // the template's choice, 1–3
inline constexpr long kPartyPad = 108;      // cell padding left/right (5.4 pt)
inline constexpr long kPartyGap = 240;      // space above each block (12 pt)
// A table column narrower than this inside its padding cannot hold text
// (LibreOffice loops forever on one): the data is rejected.
inline constexpr double kMinColumnText = 14.0; // points

// ---------------------------------------------------------------- rules
// A rule is an empty paragraph (style VbRule) with a top border: `before`
// below the line above, the border, then an exact line. Its length is a
// share of the widest line it underlines.
inline constexpr long kRuleBefore = 60; // 3 pt: clear of the descenders above
inline constexpr long kRuleLine = 120;  // 6 pt exact
inline constexpr double kAgencyRuleShare = 0.4;
inline constexpr double kSubjectRuleShare = 1.0 / 3.0;
// A rule `len_pt` long centred in a box `box` twips wide: its paragraph's
// left and right indents. nullopt when the rule would be empty (no paragraph).
struct RuleIndents {
  long left = 0, right = 0;
};
std::optional<RuleIndents> rule_indents(long box, double len_pt);
// Height of a rule paragraph in points, before its space after.
double rule_height(const tmpl::Styles &st);

// The 1 pt spacer paragraph (style VbTiny) that opens the body, carries
// section breaks and separates adjacent tables.
inline constexpr long kTiny = 20;

// ---------------------------------------------------------------- footnotes
// The footnote area as LibreOffice draws it for our DOCX (measured): 2.83 pt,
// a 0.5 pt rule a quarter of the text width long, 2.87 pt, then the notes;
// the area ends at the bottom margin.
inline constexpr double kFnSepAbove = 2.83;
inline constexpr double kFnSepBelow = 2.87;
inline constexpr double kFnSepShare = 0.25;
inline constexpr double kFnSepWidth = 0.5;

} // namespace vb::geo
