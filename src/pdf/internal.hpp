// Pieces of the PDF writer (private to src/pdf).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vb::pdf::detail {

// What the PDF font objects need from a TrueType face (font units are
// converted to the PDF's 1000-unit glyph space).
struct TtfInfo {
  bool ok = false;
  unsigned upem = 2048;
  unsigned num_glyphs = 0;
  double bbox[4] = {0, 0, 0, 0}; // 1000 units
  double ascent = 0, descent = 0, cap_height = 0, italic_angle = 0;
  std::string ps_name;   // PostScript name from the name table (may be empty)
  uint32_t checksum = 0; // head.checkSumAdjustment: identifies the file
};
TtfInfo ttf_info(std::string_view font);

// Advance width of a glyph in 1000 units.
double ttf_advance(std::string_view font, const TtfInfo &info, unsigned gid);

// A subset with the glyphs renumbered: new glyph i is old glyph
// `glyphs[i]` (glyphs[0] must be 0, .notdef). Components of composite
// glyphs are renumbered too, and appended to `glyphs` when missing.
// cvt/fpgm/prep/OS/2 kept, head/hhea/maxp/hmtx/loca/glyf rebuilt, post
// format 3. Returns "" if the font cannot be read.
std::string ttf_subset(std::string_view font, std::vector<uint16_t> &glyphs);

// PNG → 8-bit samples: `color` has `channels` (1 or 3) per pixel, `alpha`
// one per pixel or empty. False when the data is not a readable PNG.
struct Raster {
  unsigned width = 0, height = 0, channels = 3;
  std::string color, alpha;
};
bool decode_png(const std::string &bytes, Raster &out);

} // namespace vb::pdf::detail
