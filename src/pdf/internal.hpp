// PoDoFo-facing helpers of the PDF writer (private to src/pdf).
#pragma once
#include <podofo/podofo.h>

#include "layout/layout.hpp"

namespace vb::pdf::detail {

// One unsigned signature field (/FT /Sig widget) per SigField of the page.
// `date` (PDF date string) stamps the widgets' /M, which PoDoFo would set
// to the current time.
void add_signature_fields(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfPage &page,
                          const layout::Page &boxes, const std::string &date);

// Draws the page's PNG images (alpha becomes an SMask). Returns false and
// sets `err` when an image cannot be read.
bool draw_images(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfPainter &painter,
                 const layout::Page &boxes, std::string &err);

} // namespace vb::pdf::detail
