#include "geometry/measure.hpp"

#include <cmath>
#include <vector>

namespace vb::geo {

Units to_units(double pt) {
  return std::llround(pt * double(kUnitsPerPt));
}

Units advance_units(const text::Fonts &fonts, text::Face f, char32_t cp, double size) {
  if (cp == kNoBreakHyphen)
    cp = U'-';
  else if (cp == kNoBreakSpace)
    cp = U' ';
  return to_units(fonts.advance(f, cp, size));
}

Units width_units(const text::Fonts &fonts, text::Face f, std::string_view s, double size) {
  Units u = 0;
  for (size_t i = 0; i < s.size();)
    u += advance_units(fonts, f, next_cp(s, i), size);
  return u;
}

double line_height(const text::Fonts &fonts, text::Face f, double size) {
  double exact = fonts.line_height(f, size) * 20;
  double twips = std::ceil(exact - 1e-6);
  if (std::abs(size - 10) < 1e-9)
    twips = std::max(twips, 231.0);
  return twips / 20;
}

Units italic_correction(const text::Fonts &fonts, text::Face f, double size) {
  if (!is_italic(f))
    return 0;
  long height_twips = std::lround(fonts.line_height(f, size) * 20);
  return Units(height_twips / 12) * (kUnitsPerPt / 20);
}

namespace {

bool is_lower(char32_t c) {
  if (c >= 'a' && c <= 'z')
    return true;
  if (c >= 0xDF && c <= 0xFF && c != 0xF7)
    return true;
  if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1EA0 && c <= 0x1EF9)) // pairs: odd = lower
    return (c & 1) == 1 || c == 0x111;
  return c == 0x1A1 || c == 0x1B0; // ơ ư
}

bool is_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0;
}

bool is_dash(char32_t c) {
  return c == U'-' || c == U'\u2013' || c == U'\u2014';
}

} // namespace

std::string glue(std::string_view text) {
  std::vector<char32_t> cps;
  cps.reserve(text.size());
  for (size_t i = 0; i < text.size();)
    cps.push_back(next_cp(text, i));
  const size_t n = cps.size();
  // Symbol numbers: per space-separated token, ignoring brackets and
  // punctuation around it.
  for (size_t b = 0; b < n;) {
    if (cps[b] == U' ') {
      ++b;
      continue;
    }
    size_t e = b;
    while (e < n && cps[e] != U' ')
      ++e;
    size_t cb = b, ce = e;
    while (cb < ce && !is_alnum(cps[cb]))
      ++cb;
    while (ce > cb && !is_alnum(cps[ce - 1]))
      --ce;
    bool sep = false, lower = false;
    for (size_t k = cb; k < ce; ++k) {
      sep = sep || cps[k] == U'-' || cps[k] == U'/';
      lower = lower || is_lower(cps[k]);
    }
    if (sep && !lower)
      for (size_t k = cb; k < ce; ++k)
        if (cps[k] == U'-')
          cps[k] = kNoBreakHyphen;
    b = e;
  }
  // Spaced dashes: " - " (or a dash ending the text after a space).
  for (size_t k = 1; k < n; ++k)
    if (is_dash(cps[k]) && cps[k - 1] == U' ' && (k + 1 == n || cps[k + 1] == U' '))
      cps[k - 1] = kNoBreakSpace;
  std::string out;
  out.reserve(text.size() + 8);
  for (char32_t c : cps)
    append_utf8(out, c);
  return out;
}

} // namespace vb::geo
