// Where each kind of signature shows on the page and what its text says
// (Decree 30/2020, Appendix I; docs/signatures.md). Pure geometry in PDF
// points, bottom-left origin, so it can be tested without a PDF.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "sign/pdfdoc.hpp"
#include "sign/sign.hpp"

namespace vb::sign {

// The handwritten-signature image in the signer's field (the room between
// title and name): scaled down, never up, to fit (height − 4 pt, width),
// centred both ways, as docs/geometry.md places it in a rendered document.
Rect signature_box(const Rect &field, double image_w, double image_h);

// The seal at its real size (capped at 45 mm), vertically centred on the
// field, its right edge a third into the signer's image so that it covers
// about the image's left third; centred on the field when there is no image.
Rect seal_box(const Rect &field, const Rect *signer_image, double seal_w, double seal_h);

// The text stamp of an attachment or a copy: its top-right corner in the
// first page's top margin, 15 mm from the right edge and 6 mm from the top.
Rect stamp_box(const Rect &page, double text_w, double text_h);

// The lines of the top-right stamp. Attachment: the số và ký hiệu, then the
// time. Copy: the form of copy, the copying organisation, then the time.
std::vector<std::string> stamp_lines(Kind kind, const std::string &number, const std::string &copy_form,
                                     const std::string &copier, std::time_t when);

// "SY" → "SAO Y", "SL" → "SAO LỤC", "TrS" → "TRÍCH SAO"; "" when unknown.
std::string copy_form_text(const std::string &code);

constexpr double kStampSize = 10;                 // Times New Roman 10 pt, upright, black
constexpr double kStampMaxWidth = 75 * 72 / 25.4; // a long organisation name wraps

} // namespace vb::sign
