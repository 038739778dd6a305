// Reading a PDF's signature fields through PoDoFo, the same way for
// vanban's own writer and for any other: the field tree of the AcroForm,
// each /FT /Sig field with its widget, page, rectangle and value.
#pragma once
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <podofo/podofo.h>

namespace vb::sign {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0; // PDF user space: (x, y) is the bottom-left corner
};

struct SigField {
  std::string name;                    // fully qualified (/T of the ancestors joined with '.')
  PoDoFo::PdfObject *field = nullptr;  // the dictionary with /T
  PoDoFo::PdfObject *widget = nullptr; // its widget annotation (often the same object)
  PoDoFo::PdfObject *value = nullptr;  // /V: the signature dictionary, null when unsigned
  PoDoFo::PdfPage *page = nullptr;     // null when the widget has no page
  int page_number = 0;                 // 1-based
  Rect rect;
};

// Every signature field in AcroForm order.
std::vector<SigField> signature_fields(PoDoFo::PdfMemDocument &doc);

// A document's object that may be a reference: the object itself.
PoDoFo::PdfObject *resolve(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfObject *o);

// A dictionary key's value (following references), or null.
PoDoFo::PdfObject *key(PoDoFo::PdfMemDocument &doc, PoDoFo::PdfObject *dict, const char *name);

// A literal or hex string.
inline bool is_string(const PoDoFo::PdfObject *o) {
  return o && (o->IsString() || o->IsHexString());
}

// A text string's UTF-8 (PDFDocEncoding or UTF-16).
std::string utf8(const PoDoFo::PdfObject *o);

// Signing times, the way Decree 30 asks: Vietnam's time (UTC+7, no summer
// time), ISO 8601: "2024-03-15T10:21:33+07:00". And as a PDF date.
std::string iso_vietnam(std::time_t t);
std::string pdf_date_vietnam(std::time_t t);
// A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') → time; false if unreadable.
bool parse_pdf_date(const std::string &s, std::time_t &out);

// Turns PoDoFo's messages off (errors come back as values through us).
void quiet_podofo();

} // namespace vb::sign
