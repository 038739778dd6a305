// Unsigned signature fields: a /FT /Sig widget over each signer's room, so
// a signing tool (or pdfsig) finds where each signature belongs.
#include "pdf/internal.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

void add_signature_fields(PdfMemDocument &doc, PdfPage &page, const layout::Page &boxes,
                          const std::string &date) {
  if (boxes.fields.empty())
    return;
  // No default appearance: it would embed a whole font for nothing.
  PdfAcroForm *form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
  for (const layout::SigField &f : boxes.fields) {
    PdfRect r(f.x, boxes.height - f.y - f.h, f.w, f.h);
    PdfAnnotation *widget = page.CreateAnnotation(ePdfAnnotation_Widget, r);
    widget->SetFlags(ePdfAnnotationFlags_Print);
    // The widget is also the field (merged dictionary): /FT /Sig, the
    // name, and no value (/V) until someone signs.
    PdfSignatureField field(widget, form, &doc, false);
    field.SetFieldName(utf8(f.name));
    widget->GetObject()->GetDictionary().AddKey("M", PdfString(date)); // not the clock: reproducible
  }
}

} // namespace vb::pdf::detail
