// Text measured the way the word processor decides line breaks, and the
// glue that keeps symbol numbers and spaced dashes from breaking. Both the
// layout engine and the DOCX writer use these, so the two outputs agree on
// where a line may end.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "text/fonts.hpp"

namespace vb::geo {

// Widths for line breaking, in units of 1/120 pt (1/6 twip). LibreOffice
// measures text on a reference device of 8640 dpi: each glyph's advance is
// rounded to a whole device pixel, a line's text fits when the sum is at
// most the line's width in twips. (Measured: 68 'a' at 14 pt need 8416 twips,
// not the exact 8412.3.) Word does the same sums in its own units; the
// difference is below a twip per line.
using Units = std::int64_t;
inline constexpr Units kUnitsPerPt = 120;
Units to_units(double pt);
inline double to_pt(Units u) {
  return double(u) / double(kUnitsPerPt);
}
Units advance_units(const text::Fonts &fonts, text::Face f, char32_t cp, double size);
Units width_units(const text::Fonts &fonts, text::Face f, std::string_view utf8, double size);

// LibreOffice keeps an italic portion this far from the line's end ("italic
// correction", a twelfth of the portion's height, in whole twips) in DOCX
// files of Word 2013+ compatibility; Word itself does not. We follow
// LibreOffice here: the rule costs at most 1.35 pt on lines ending in italic.
Units italic_correction(const text::Fonts &fonts, text::Face f, double size);
inline bool is_italic(text::Face f) {
  return f == text::Face::Italic || f == text::Face::BoldItalic;
}

// Height of a single-spaced line in the word processor: the font's line
// spacing (ascent + descent + line gap) in whole twips. Measured on
// LibreOffice for every half-point size from 8 to 14 pt (all faces alike):
// the exact value rounded up, except 10 pt, which is 231 twips, not 230.
double line_height(const text::Fonts &fonts, text::Face f, double size);

// Characters the glue inserts (drawn as '-' and ' ').
inline constexpr char32_t kNoBreakHyphen = 0x2011; // w:noBreakHyphen in DOCX
inline constexpr char32_t kNoBreakSpace = 0xA0;

// Glue: returns `text` with
//  - the hyphens of symbol numbers ("05-CT/TW", "98/2023/NĐ-CP", "KH-UBND":
//    a token with a hyphen or slash inside and no lower-case letter) turned
//    into non-breaking hyphens (slashes never break in the word processor);
//  - the space before a spaced dash ("kinh tế - xã hội") made non-breaking,
//    so no line starts with a dash that reads as a bullet.
std::string glue(std::string_view text);

} // namespace vb::geo
