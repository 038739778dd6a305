// Text measurement lives here and only here: the advance widths and vertical
// metrics of the actual font files, read with FreeType. Layout, the DOCX
// header rules and the PDF writer all use it.
//
// Which files: Times New Roman, the face Decree 30 names, when fontconfig
// finds that family itself (not a substitute); otherwise Liberation Serif 2
// (the same advance widths); or what the user points to (FontSpec). A code
// point the chosen face lacks is measured and drawn with a fallback face
// (DejaVu Serif), so no character is ever dropped; one that no face has is
// reported by `check` (uncovered()).
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/diag.hpp"
#include "util/utf8.hpp"

namespace vb::text {

enum class Face { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
inline Face face_of(bool bold, bool italic) {
  return static_cast<Face>((bold ? 1 : 0) + (italic ? 2 : 0));
}

// Where the four faces come from (the first that is given wins).
struct FontSpec {
  // One file per face (Regular, Bold, Italic, BoldItalic): TrueType or
  // OpenType (.ttf, .otf with CFF outlines), or a face of a collection
  // (.ttc) written "FILE#INDEX" or "FILE#NAME" (family and style, or
  // PostScript name). All four or none.
  std::array<std::string, 4> files;
  std::string family; // a fontconfig family, e.g. "Noto Serif": its four faces
  std::string dir;    // a folder with LiberationSerif-{Regular,…}.ttf ($VANBAN_FONT_DIR)
  bool any() const { return !family.empty() || !dir.empty() || !files[0].empty(); }
};

struct VMetrics {
  double ascender;  // em units / units_per_em (positive)
  double descender; // positive magnitude
  double line_gap;
  double line_spacing() const { return ascender + descender + line_gap; } // em
};

// One font program: a primary face or a fallback face.
struct FaceFile {
  std::string path;
  unsigned index = 0;  // face in a collection
  std::string family;  // as the font names itself
  std::string style;   // "Regular", "Bold Italic", …
  std::string ps_name; // PostScript name (may be empty)
  bool cff = false;    // CFF outlines (OpenType .otf) rather than TrueType glyf
  unsigned units_per_em = 1000;
  unsigned num_glyphs = 0;
  double bbox[4] = {0, 0, 0, 0}; // font units
  double ascent = 0, descent = 0, cap_height = 0, italic_angle = 0;
  bool fixed_pitch = false, serif = true;
};

class Fonts {
public:
  // Resolves and loads the four faces. Returns null and reports a clear
  // error (what is missing and how to fix it) when a face cannot be used.
  static std::shared_ptr<const Fonts> load(Diagnostics &diags, const FontSpec &spec = {});
  // Backwards-compatible form: `dir` as FontSpec::dir.
  static std::shared_ptr<const Fonts> load(Diagnostics &diags, std::string dir);
  static std::string default_dir();

  ~Fonts();
  Fonts(const Fonts &) = delete;
  Fonts &operator=(const Fonts &) = delete;

  // Width of one code point / a UTF-8 string at `size` points, in points;
  // code points the face lacks are measured in the fallback face.
  double advance(Face f, char32_t cp, double size) const;
  double width(Face f, std::string_view utf8, double size) const;

  // Single line height as Word/LibreOffice lay it out: (asc + desc + gap) * size.
  double line_height(Face f, double size) const;
  // Distance from the top of a single-spaced line to its baseline:
  // line_height - descender*size (the line gap sits above the text).
  double baseline_offset(Face f, double size) const;
  VMetrics vmetrics(Face f) const;

  // The fallback face draws `cp` in style `f` (the primary face lacks it).
  bool uses_fallback(Face f, char32_t cp) const;
  // The primary face has the code point (the fallback is not consulted).
  bool has_glyph(Face f, char32_t cp) const;
  // The glyph id of a code point in the primary face (0 when it has none).
  unsigned glyph(Face f, char32_t cp) const;
  const std::string &path(Face f) const;
  // The font file's bytes, read once per process (memory-mapped).
  std::string_view data(Face f) const;

  // ---- faces as the PDF writer and the DOCX see them
  // A slot is a font program: 0–3 the primary faces (Face order), 4–7 the
  // fallback face for each style (loaded on first need).
  static constexpr int kSlots = 8;
  // The slot that draws `cp` in style `f`; -1 for a code point that no face
  // has (drawn as the primary face's .notdef) and for default-ignorable
  // code points the primary face lacks (drawn as nothing).
  int slot_of(Face f, char32_t cp) const;
  // Glyph id of `cp` in `slot` (0 when none).
  unsigned glyph_in(int slot, char32_t cp) const;
  // Advance of glyph `gid` of `slot` in 1/1000 em (PDF glyph space).
  double glyph_advance(int slot, unsigned gid) const;
  const FaceFile &file(int slot) const;
  std::string_view bytes(int slot) const;

  // The family a word processor is told to use (DOCX w:rFonts): "Times New
  // Roman" for the default (Liberation Serif 2 stands in for it with the
  // same metrics), else the chosen family.
  const std::string &docx_family() const;
  // The fallback family, for DOCX runs of characters the faces lack.
  const std::string &fallback_family() const;

  // Code points of `utf8` (style f) that no face has, each once.
  std::vector<char32_t> uncovered(Face f, std::string_view utf8) const;

  // A few lines for `vanban fonts`: which files draw which face.
  std::string describe() const;

private:
  Fonts() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Zero-width formatting characters (word joiner, soft hyphen, …): never
// drawn from a fallback face and never reported as missing.
bool default_ignorable(char32_t cp);

using vb::append_utf8;
using vb::next_cp;

} // namespace vb::text
