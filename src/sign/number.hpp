// The document's số và ký hiệu as printed on its first page, for the stamp
// of an attachment signed in its own file: the `Số: 12/KH-UBND` line of a
// document, or the `(Kèm theo Kế hoạch số 12/KH-UBND ngày …)` line of an
// appendix. Text comes back from the page through the fonts' ToUnicode maps.
#pragma once
#include <string>

#include <podofo/podofo.h>

namespace vb::sign {

// The page's text in content order; runs placed apart are separated by a
// line break so words of different lines do not run together.
std::string page_text(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfPage *page);

// The number found in `text`: after "Số:" or after "số" in a "Kèm theo"
// line. "" when there is none; "/KH-UBND" (no number yet) is returned as is.
std::string find_number(const std::string &text);

} // namespace vb::sign
