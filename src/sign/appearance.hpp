// What a signature looks like on the page: the appearance stream of its
// widget, drawn with PoDoFo. A PNG picture (the handwritten signature or
// the seal, transparency kept as a soft mask), or the stamp's lines of text
// in Liberation Serif 2 (Times New Roman's metrics), embedded as a subset
// with a ToUnicode map so the text can be copied and searched.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <podofo/podofo.h>

#include "sign/pdfdoc.hpp"
#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::sign {

struct Picture {
  std::string path;
  unsigned px_w = 0, px_h = 0;
  double w = 0, h = 0; // natural size in points: pixels at the PNG's pHYs (96 dpi without)
  std::vector<unsigned char> rgba;
  bool transparent = false;             // some pixel is not opaque
  bool bluish = false, reddish = false; // the inked pixels' average colour
};

// Reads a PNG (at most 8 MiB); reports and returns nullopt on failure.
std::optional<Picture> read_picture(const std::string &path, Diagnostics &diags);

// The form XObject (BBox [0 0 w h]) showing `pic` in `box` (XObject space).
// Stays valid as an object of `doc` after return.
PoDoFo::PdfObject *picture_appearance(PoDoFo::PdfMemDocument &doc, double w, double h, const Picture &pic,
                                      const Rect &box);

// An empty appearance (an invisible signature that keeps the field's place).
PoDoFo::PdfObject *empty_appearance(PoDoFo::PdfMemDocument &doc, double w, double h);

// Lines wrapped to `max_w` at spaces, measured by the text stage.
std::vector<std::string> wrap_lines(const std::vector<std::string> &lines, const text::Fonts &fonts,
                                    double size, double max_w);

// The size of `lines` set right-aligned in `size` pt, one line height apart.
std::pair<double, double> text_block_size(const std::vector<std::string> &lines, const text::Fonts &fonts,
                                          double size);

// The form XObject of a right-aligned text block filling [0 0 w h].
PoDoFo::PdfObject *text_appearance(PoDoFo::PdfMemDocument &doc, double w, double h,
                                   const std::vector<std::string> &lines, const text::Fonts &fonts,
                                   double size);

// Where the signer's image is drawn in a signed field's appearance (page
// space), read from its /AP: the seal goes over its left third.
std::optional<Rect> drawn_image(PoDoFo::PdfMemDocument &doc, const SigField &f);

// Sets `xobject` as the normal appearance of `widget`.
void set_appearance(PoDoFo::PdfObject *widget, PoDoFo::PdfObject *xobject);

} // namespace vb::sign
