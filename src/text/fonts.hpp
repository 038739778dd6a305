// Text measurement lives here and only here: the advance widths and vertical
// metrics of the actual font files (Liberation Serif 2, Times New Roman's
// metrics), read with FreeType. Layout and the DOCX header rules both use it.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/diag.hpp"
#include "util/utf8.hpp"

namespace vb::text {

enum class Face { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
inline Face face_of(bool bold, bool italic) {
  return static_cast<Face>((bold ? 1 : 0) + (italic ? 2 : 0));
}

struct VMetrics {
  double ascender;  // em units / units_per_em (positive)
  double descender; // positive magnitude
  double line_gap;
  double line_spacing() const { return ascender + descender + line_gap; } // em
};

class Fonts {
public:
  // Loads the four faces from `dir` (default: $VANBAN_FONT_DIR or
  // /usr/share/fonts/truetype/liberation2). Returns null and reports a clear
  // error (naming the missing file and the package) when a face is missing.
  static std::shared_ptr<const Fonts> load(Diagnostics &diags, std::string dir = {});
  static std::string default_dir();

  ~Fonts();
  Fonts(const Fonts &) = delete;
  Fonts &operator=(const Fonts &) = delete;

  // Width of one code point / a UTF-8 string at `size` points, in points.
  double advance(Face f, char32_t cp, double size) const;
  double width(Face f, std::string_view utf8, double size) const;

  // Single line height as Word/LibreOffice lay it out: (asc + desc + gap) * size.
  double line_height(Face f, double size) const;
  // Distance from the top of a single-spaced line to its baseline:
  // line_height - descender*size (the line gap sits above the text).
  double baseline_offset(Face f, double size) const;
  VMetrics vmetrics(Face f) const;

  bool has_glyph(Face f, char32_t cp) const;
  // The glyph id of a code point (0 when the face has none).
  unsigned glyph(Face f, char32_t cp) const;
  const std::string &path(Face f) const;
  // The font file's bytes, read once per process (memory-mapped): the PDF
  // writer subsets them without touching the file again.
  std::string_view data(Face f) const;

private:
  Fonts() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

using vb::append_utf8;
using vb::next_cp;

} // namespace vb::text
