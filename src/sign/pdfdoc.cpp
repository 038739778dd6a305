#include "sign/pdfdoc.hpp"

#include <cstdio>
#include <set>

using namespace PoDoFo;

namespace vb::sign {

namespace {

constexpr std::time_t kVietnam = 7 * 3600;

// Walks the field tree from `node`; `parent` is the qualified name so far
// and `ft` the inherited field type.
void walk(PdfMemDocument &doc, PdfObject *node, const std::string &parent, const PdfName &ft,
          std::vector<SigField> &out, std::set<const PdfObject *> &seen, int depth) {
  if (!node || !node->IsDictionary() || depth > 32)
    return;
  if (!seen.insert(node).second)
    return; // a cycle in a damaged form
  PdfDictionary &d = node->GetDictionary();
  std::string name = parent;
  if (PdfObject *t = d.GetKey("T"))
    name = parent.empty() ? utf8(t) : parent + "." + utf8(t);
  PdfName type = ft;
  if (PdfObject *f = key(doc, node, "FT"); f && f->IsName())
    type = f->GetName();
  PdfObject *kids = key(doc, node, "Kids");
  bool kid_fields = false;
  if (kids && kids->IsArray())
    for (PdfObject &k : kids->GetArray()) {
      PdfObject *ko = resolve(doc, &k);
      if (ko && ko->IsDictionary() && ko->GetDictionary().HasKey("T"))
        kid_fields = true;
    }
  if (kid_fields) {
    for (PdfObject &k : kids->GetArray())
      walk(doc, resolve(doc, &k), name, type, out, seen, depth + 1);
    return;
  }
  if (type != PdfName("Sig"))
    return;
  SigField f;
  f.name = name;
  f.field = node;
  f.widget = node;
  if (kids && kids->IsArray() && !kids->GetArray().empty())
    f.widget = resolve(doc, &kids->GetArray()[0]);
  // A /V without /Contents is a placeholder some tools write: not signed.
  PdfObject *v = key(doc, node, "V");
  f.value = v && v->IsDictionary() && v->GetDictionary().HasKey("Contents") ? v : nullptr;
  if (f.widget && f.widget->IsDictionary()) {
    PdfObject *p = f.widget->GetDictionary().GetKey("P");
    if (p && p->IsReference()) {
      try {
        f.page = doc.GetPagesTree()->GetPage(p->GetReference());
      } catch (const PdfError &) {
        f.page = nullptr;
      }
    }
    if (!f.page) // no /P: look for the widget in the pages' /Annots
      for (int i = 0; i < doc.GetPageCount() && !f.page; ++i) {
        PdfPage *pg = doc.GetPage(i);
        PdfObject *annots = key(doc, pg->GetObject(), "Annots");
        if (annots && annots->IsArray())
          for (PdfObject &a : annots->GetArray())
            if (a.IsReference() && a.GetReference() == f.widget->Reference())
              f.page = pg;
      }
    if (f.page)
      f.page_number = int(f.page->GetPageNumber());
    PdfObject *r = key(doc, f.widget, "Rect");
    if (r && r->IsArray() && r->GetArray().size() == 4) {
      double v4[4];
      for (int i = 0; i < 4; ++i) {
        const PdfObject &e = r->GetArray()[size_t(i)];
        v4[i] = e.IsNumber() ? double(e.GetNumber()) : e.IsReal() ? e.GetReal() : 0;
      }
      f.rect = {std::min(v4[0], v4[2]), std::min(v4[1], v4[3]), std::abs(v4[2] - v4[0]),
                std::abs(v4[3] - v4[1])};
    }
  }
  out.push_back(f);
}

} // namespace

PdfObject *resolve(PdfMemDocument &doc, PdfObject *o) {
  for (int i = 0; o && o->IsReference() && i < 8; ++i)
    o = doc.GetObjects().GetObject(o->GetReference());
  return o && o->IsReference() ? nullptr : o;
}

PdfObject *key(PdfMemDocument &doc, PdfObject *dict, const char *name) {
  if (!dict || !dict->IsDictionary())
    return nullptr;
  return resolve(doc, dict->GetDictionary().GetKey(name));
}

std::string utf8(const PdfObject *o) {
  if (!is_string(o))
    return {};
  return o->GetString().GetStringUtf8();
}

std::vector<SigField> signature_fields(PdfMemDocument &doc) {
  std::vector<SigField> out;
  PdfObject *root = doc.GetCatalog();
  PdfObject *form = key(doc, root, "AcroForm");
  PdfObject *fields = key(doc, form, "Fields");
  if (!fields || !fields->IsArray())
    return out;
  std::set<const PdfObject *> seen;
  for (PdfObject &f : fields->GetArray())
    walk(doc, resolve(doc, &f), "", PdfName(), out, seen, 0);
  return out;
}

std::string iso_vietnam(std::time_t t) {
  std::time_t v = t + kVietnam;
  std::tm tm{};
  gmtime_r(&v, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

std::string pdf_date_vietnam(std::time_t t) {
  std::time_t v = t + kVietnam;
  std::tm tm{};
  gmtime_r(&v, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%S+07'00'", &tm);
  return buf;
}

bool parse_pdf_date(const std::string &s, std::time_t &out) {
  size_t i = s.compare(0, 2, "D:") == 0 ? 2 : 0;
  auto digits = [&](int n, int &v) {
    v = 0;
    for (int k = 0; k < n; ++k, ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9')
        return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo = 1, d = 1, h = 0, mi = 0, se = 0;
  if (!digits(4, y))
    return false;
  // Later fields are optional, in order.
  if (digits(2, mo) && digits(2, d) && digits(2, h) && digits(2, mi) && digits(2, se)) {
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  std::time_t t = timegm(&tm);
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int sign = s[i] == '+' ? 1 : -1, oh = 0, om = 0;
    ++i;
    if (digits(2, oh)) {
      if (i < s.size() && s[i] == '\'')
        ++i;
      if (!digits(2, om))
        om = 0;
    }
    t -= sign * (oh * 3600 + om * 60);
  }
  out = t;
  return true;
}

void quiet_podofo() {
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
}

} // namespace vb::sign
