// Preview backend: laid-out pages (layout::Page, the very boxes the PDF
// writer paints) → SVG, for the editor's live preview. Text is drawn with the
// same font files, each run at the position the PDF gives it, so the preview
// and the PDF cannot disagree on a line break or a page break.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "layout/layout.hpp"

namespace vb::preview {

struct SvgOptions {
  // The value of a text line's data-e attribute for its source element
  // (TextRun::src); empty = no attribute. The editor maps it to a form field.
  std::function<std::string(SourceLoc)> anchor;
  // The href of an image file (layout::Image::path); empty = the image is
  // drawn as an outlined box.
  std::function<std::string(const std::string &path)> image_href;
};

// One page as the opening <svg …> tag and its elements (rules, images, one
// <text> per line), in drawing order: the editor replaces only the elements
// an edit changed. Closed by "</svg>".
struct SvgPage {
  std::string open;
  std::vector<std::string> parts;
};
SvgPage page_parts(const layout::Page &page, const SvgOptions &opt = {});

// One page as a standalone SVG element, in points (viewBox = the page).
// Faces are CSS classes r, b, i, z (regular, bold, italic, bold italic): the
// embedding page maps them to the font files (@font-face), with kerning and
// ligatures off as in the PDF. Deterministic: same page, same bytes.
std::string page_svg(const layout::Page &page, const SvgOptions &opt = {});

} // namespace vb::preview
