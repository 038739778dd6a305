// Unsigned signature fields: a /FT /Sig widget over each signer's room, so
// a signing tool (or pdfsig) finds where each signature belongs.
#include "pdf/internal.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

void add_signature_fields(PdfMemDocument &doc, PdfPage &page, const layout::Page &boxes,
                          const std::string &date) {
  if (boxes.fields.empty())
    return;
  // No default appearance: it would embed a whole Arial font for nothing.
  PdfAcroForm *form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
  for (const layout::SigField &f : boxes.fields) {
    PdfRect r(f.x, boxes.height - f.y - f.h, f.w, f.h);
    // The widget is also the field (merged dictionary): /FT /Sig, /T name,
    // printable, and no value (/V) until someone signs.
    PdfAnnotation *w = page.CreateAnnotation(ePdfAnnotation_Widget, r);
    w->SetFlags(ePdfAnnotationFlags_Print);
    PdfDictionary &d = w->GetObject()->GetDictionary();
    d.AddKey(PdfName("FT"), PdfName("Sig"));
    d.AddKey(PdfName("M"), PdfString(date)); // not the wall clock: output stays reproducible
    d.AddKey(PdfName("T"), PdfString(reinterpret_cast<const pdf_utf8 *>(f.name.c_str())));
    PdfDictionary &fd = form->GetObject()->GetDictionary();
    if (!fd.HasKey("Fields"))
      fd.AddKey(PdfName("Fields"), PdfArray());
    fd.GetKey("Fields")->GetArray().push_back(w->GetObject()->Reference());
  }
}

} // namespace vb::pdf::detail
