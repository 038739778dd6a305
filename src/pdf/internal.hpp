// Pieces of the PDF writer (private to src/pdf). PoDoFo owns every PDF
// object; these helpers only prepare what goes into them.
#pragma once
#include <array>
#include <functional>
#include <memory>
#include <podofo/podofo.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout/layout.hpp"
#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::pdf::detail {

// ------------------------------------------------------------ streams
// zlib-wrapped deflate at the fastest level (libdeflate when the build has
// it, else zlib): PoDoFo would deflate at zlib's default level, which made
// compression most of the PDF stage.
bool deflate(std::string_view in, std::string &out);

// Runs `jobs` on this thread and, when `threads` > 1 and there is enough
// work, one helper thread. The jobs write only their own results.
void run_jobs(std::vector<std::function<void()>> &jobs, int threads);

// Sets a stream object's bytes, already deflated (or stored as is when
// `deflated` is false).
void set_stream(PoDoFo::PdfObject &obj, const std::string &bytes, bool deflated);

PoDoFo::PdfString utf8(const std::string &s);

// ------------------------------------------------------------ fonts
// The font programs drawn with, one per slot of text::Fonts (the four
// faces and their fallbacks): text is encoded as glyph ids (Identity-H),
// the glyphs used are collected, and at the end each font becomes a Type0
// font with a CIDFontType2 (TrueType) or CIDFontType0 (CFF) descendant, a
// harfbuzz subset of the font program, its widths and a ToUnicode map.
class FontSet {
public:
  FontSet(PoDoFo::PdfMemDocument &doc, const text::Fonts &fonts);
  ~FontSet();

  // Appends the page-content operators that draw `utf8` in style `f` at
  // `size` (the caller has placed the text position): one Tf/Tj per run of
  // code points drawn by the same face. Notes the fonts the page uses in
  // `used` (slot → resource).
  void show(text::Face f, double size, const std::string &utf8, std::string &ops, std::array<bool, 8> &used);
  void reset_state() { cur_slot_ = -1, cur_size_ = -1; } // at each BT

  // The font object of a slot (created on first use).
  PoDoFo::PdfObject *object(int slot);

  // Jobs that subset and deflate the font programs and ToUnicode maps
  // (thread-safe among themselves); then finish() fills the font objects.
  void add_jobs(std::vector<std::function<void()>> &jobs);
  bool finish(std::string &err);

private:
  struct Used;
  PoDoFo::PdfMemDocument &doc_;
  const text::Fonts &fonts_;
  std::array<std::unique_ptr<Used>, text::Fonts::kSlots> used_; // null until a slot is drawn with
  // Per style: code point → slot and glyph (-1 slot = nothing to draw).
  struct Map {
    std::unordered_map<char32_t, std::pair<int, unsigned>> other;
    std::array<std::pair<int, unsigned>, 0x250 + 0x100> latin;
    bool init = false;
  };
  std::array<Map, 4> map_{};
  int cur_slot_ = -1;
  double cur_size_ = -1;
};

// ------------------------------------------------------------ images
// A decoded PNG as PoDoFo image objects (colour, and an SMask for alpha).
struct ImageObj {
  PoDoFo::PdfObject *image = nullptr, *mask = nullptr;
  std::string color, alpha; // samples; deflated in place by the jobs
  bool ok_color = false, ok_alpha = false;
};
// Decodes `path`; null (and `err`) when the PNG cannot be read.
std::unique_ptr<ImageObj> make_image(PoDoFo::PdfMemDocument &doc, const std::string &path, std::string &err);
void finish_image(ImageObj &im);

// ------------------------------------------------------------ fields
// One unsigned signature field (/FT /Sig widget) per SigField of the page.
// `date` stamps the widgets' /M, which PoDoFo would set to the clock.
void add_signature_fields(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfPage &page, const layout::Page &boxes,
                          const std::string &date);

} // namespace vb::pdf::detail
