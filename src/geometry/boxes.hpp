// The boxes a page is made of, positioned in points with the origin at the
// top-left corner and y down. Geometry produces them relative to a block's
// top; the layout engine moves them onto pages; the PDF writer paints them.
#pragma once
#include <string>

#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::geo {

// A piece of text drawn as one string at (x, y), y = baseline. (Members
// ordered for size: a 1,000-page document holds ~400,000 of them.)
struct TextRun {
  double x = 0, y = 0;
  double size = 14;
  std::string text; // UTF-8 NFC
  text::Face face = text::Face::Regular;
  SourceLoc src; // the data element the text comes from (0:0 = none): the preview's click target
  bool superscript = false;
};

// A straight line from (x1, y1) to (x2, y2) (centre of the stroke).
struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct Image {
  double x = 0, y = 0, w = 0, h = 0; // top-left and size
  std::string path;                  // PNG file
};

// Where a signer signs: an unsigned signature field goes here.
struct SigField {
  double x = 0, y = 0, w = 0, h = 0;
  std::string name;
};

} // namespace vb::geo
