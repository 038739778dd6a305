#include "sign/revisions.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <podofo/podofo.h>

#include "sign/pdfdoc.hpp"

using namespace PoDoFo;

namespace vb::sign {

namespace {

using Doc = PdfMemDocument;

std::string str(const PdfObject *o) {
  if (!o)
    return "null";
  std::string s;
  o->ToString(s, ePdfWriteMode_Compact);
  return s;
}

std::string stream_bytes(PdfObject *o) {
  if (!o->HasStream())
    return {};
  char *buf = nullptr;
  pdf_long len = 0;
  o->GetStream()->GetCopy(&buf, &len);
  std::string s(buf ? buf : "", size_t(len));
  podofo_free(buf);
  return s;
}

// Keys of two dictionaries whose values differ (as written).
std::set<std::string> changed_keys(const PdfObject *a, const PdfObject *b) {
  std::set<std::string> out;
  if (!a || !b || !a->IsDictionary() || !b->IsDictionary())
    return {"(not a dictionary)"};
  std::set<std::string> keys;
  for (const auto &[k, v] : a->GetDictionary().GetKeys())
    keys.insert(k.GetName());
  for (const auto &[k, v] : b->GetDictionary().GetKeys())
    keys.insert(k.GetName());
  for (const auto &k : keys)
    if (str(a->GetDictionary().GetKey(k)) != str(b->GetDictionary().GetKey(k)))
      out.insert(k);
  return out;
}

bool only(const std::set<std::string> &changed, std::initializer_list<const char *> allowed) {
  for (const auto &k : changed)
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char *a) { return k == a; }))
      return false;
  return true;
}

std::string list(const std::set<std::string> &keys) {
  std::string s;
  for (const auto &k : keys)
    s += (s.empty() ? "/" : ", /") + k;
  return s;
}

// The references in an array (resolved through the document), in order.
std::vector<PdfReference> refs(Doc &d, PdfObject *array) {
  std::vector<PdfReference> r;
  if (array && array->IsArray())
    for (PdfObject &e : array->GetArray())
      if (e.IsReference())
        r.push_back(e.GetReference());
  (void)d;
  return r;
}

bool superset(const std::vector<PdfReference> &big, const std::vector<PdfReference> &small) {
  return std::all_of(small.begin(), small.end(), [&](const PdfReference &r) {
    return std::find(big.begin(), big.end(), r) != big.end();
  });
}

// A signature field or its widget: /FT /Sig here or on an ancestor.
bool is_sig(Doc &d, PdfObject *o) {
  for (int i = 0; o && o->IsDictionary() && i < 16; ++i) {
    PdfObject *ft = key(d, o, "FT");
    if (ft && ft->IsName())
      return ft->GetName() == PdfName("Sig");
    o = key(d, o, "Parent");
  }
  return false;
}

// A signature value: a dictionary with /Contents.
bool signed_value(Doc &d, PdfObject *v) {
  (void)d;
  return v && v->IsDictionary() && v->GetDictionary().HasKey("Contents");
}

// An empty signature dictionary some tools write before signing.
bool is_placeholder(Doc &d, PdfObject *o) {
  PdfObject *t = key(d, o, "Type");
  return o && o->IsDictionary() && t && t->IsName() && t->GetName() == PdfName("Sig") && !signed_value(d, o);
}

class Compare {
public:
  Compare(Doc &a, Doc &b, UpdateCheck &out) : a_(a), b_(b), out_(out) {}

  void run() {
    const PdfObject *ta = a_.GetTrailer(), *tb = b_.GetTrailer();
    const PdfObject *ra = ta->GetDictionary().GetKey("Root"), *rb = tb->GetDictionary().GetKey("Root");
    if (!ra || !rb || str(ra) != str(rb))
      change("the document catalog was replaced");
    if (tb->GetDictionary().HasKey("Encrypt") != ta->GetDictionary().HasKey("Encrypt"))
      change("encryption was added or removed");
    if (const PdfObject *ia = ta->GetDictionary().GetKey("Info"))
      if (str(ia) != str(tb->GetDictionary().GetKey("Info")))
        change("the document information was replaced");
    catalog();
    pages();
    objects();
  }

private:
  void change(const std::string &what) {
    out_.only_signing = false;
    if (std::find(out_.changes.begin(), out_.changes.end(), what) == out_.changes.end())
      out_.changes.push_back(what);
  }

  void catalog() {
    PdfObject *ca = a_.GetCatalog(), *cb = b_.GetCatalog();
    auto keys = changed_keys(ca, cb);
    if (!only(keys, {"AcroForm", "DSS"}))
      change("the document catalog changed (" + list(keys) + ")");
    PdfObject *fa = key(a_, ca, "AcroForm"), *fb = key(b_, cb, "AcroForm");
    if (fa && !fb) {
      change("the form was removed");
      return;
    }
    if (!fb)
      return;
    if (fa) {
      auto fk = changed_keys(fa, fb);
      if (!only(fk, {"Fields", "SigFlags", "DR", "DA", "NeedAppearances"}))
        change("the form changed (" + list(fk) + ")");
    }
    auto old_fields = refs(a_, key(a_, fa, "Fields"));
    auto new_fields = refs(b_, key(b_, fb, "Fields"));
    if (!superset(new_fields, old_fields))
      change("form fields were removed");
    for (const PdfReference &r : new_fields)
      if (std::find(old_fields.begin(), old_fields.end(), r) == old_fields.end() &&
          !is_sig(b_, b_.GetObjects().GetObject(r)))
        change("a form field that is not a signature was added (object " + std::to_string(r.ObjectNumber()) +
               ")");
  }

  void pages() {
    int na = a_.GetPageCount(), nb = b_.GetPageCount();
    if (na != nb) {
      change("pages were added or removed");
      return;
    }
    for (int i = 0; i < nb; ++i) {
      PdfObject *pa = a_.GetPage(i)->GetObject(), *pb = b_.GetPage(i)->GetObject();
      std::string page = "page " + std::to_string(i + 1);
      if (pa->Reference() != pb->Reference()) {
        change(page + " was replaced");
        continue;
      }
      page_objects_[pb->Reference()] = i + 1;
      auto keys = changed_keys(pa, pb);
      if (!only(keys, {"Annots"}))
        change(page + " changed (" + list(keys) + ")");
      if (PdfObject *c = pb->GetDictionary().GetKey("Contents")) {
        if (c->IsReference())
          contents_[c->GetReference()] = i + 1;
        PdfObject *cr = resolve(b_, c);
        for (const PdfReference &r : refs(b_, cr && cr->IsArray() ? cr : nullptr))
          contents_[r] = i + 1;
      }
      PdfObject *aa = key(a_, pa, "Annots"), *ab = key(b_, pb, "Annots");
      if (PdfObject *raw = pb->GetDictionary().GetKey("Annots"); raw && raw->IsReference())
        annots_arrays_.insert(raw->GetReference());
      auto old_a = refs(a_, aa), new_a = refs(b_, ab);
      if (!superset(new_a, old_a))
        change("annotations were removed from " + page);
      for (const PdfReference &r : new_a)
        if (std::find(old_a.begin(), old_a.end(), r) == old_a.end() &&
            !is_sig(b_, b_.GetObjects().GetObject(r)))
          change("an annotation that is not a signature was added to " + page);
    }
  }

  // Every object written again: the same, or one signing may change.
  void objects() {
    PdfObject *form = b_.GetCatalog()->GetDictionary().GetKey("AcroForm");
    const PdfObject *info = b_.GetTrailer()->GetDictionary().GetKey("Info");
    std::set<PdfReference> in_b;
    for (PdfObject *ob : b_.GetObjects()) {
      const PdfReference &r = ob->Reference();
      in_b.insert(r);
      PdfObject *oa = a_.GetObjects().GetObject(r);
      if (!oa)
        continue; // new: reachable only through the changes checked here
      if (str(oa) == str(ob) && stream_bytes(oa) == stream_bytes(ob))
        continue;
      std::string what = "object " + std::to_string(r.ObjectNumber());
      if (r == b_.GetCatalog()->Reference() || (form && form->IsReference() && form->GetReference() == r) ||
          page_objects_.count(r) || annots_arrays_.count(r))
        continue; // checked above
      if (info && info->IsReference() && info->GetReference() == r) {
        auto keys = changed_keys(oa, ob);
        if (!only(keys, {"ModDate", "Producer"}))
          change("the document information changed (" + list(keys) + ")");
        continue;
      }
      if (auto c = contents_.find(r); c != contents_.end()) {
        change("the text or drawing of page " + std::to_string(c->second) + " changed (" + what + ")");
        continue;
      }
      if (is_sig(a_, oa)) {
        auto keys = changed_keys(oa, ob);
        if (signed_value(a_, key(a_, oa, "V")))
          change("a signed field was changed (" + what + ": " + list(keys) + ")");
        else if (!only(keys, {"V", "AP", "AS", "F", "DA", "MK"}))
          change("a signature field was changed beyond its signing (" + what + ": " + list(keys) + ")");
        continue;
      }
      if (is_placeholder(a_, oa)) // an empty signature dictionary being filled
        continue;
      change(what + " changed");
    }
    for (PdfObject *oa : a_.GetObjects())
      if (!in_b.count(oa->Reference()))
        change("object " + std::to_string(oa->Reference().ObjectNumber()) + " was removed");
  }

  Doc &a_, &b_;
  UpdateCheck &out_;
  std::map<PdfReference, int> page_objects_, contents_;
  std::set<PdfReference> annots_arrays_;
};

} // namespace

std::vector<UpdateCheck> check_updates(const std::string &file, std::vector<size_t> ends) {
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  while (!ends.empty() && ends.back() > file.size())
    ends.pop_back();
  if (ends.empty())
    return {};
  if (ends.back() < file.size())
    ends.push_back(file.size());
  std::vector<std::unique_ptr<Doc>> docs;
  for (size_t e : ends) {
    auto d = std::make_unique<Doc>();
    try {
      d->LoadFromBuffer(file.data(), long(e));
    } catch (const std::exception &) {
      d.reset();
    } catch (const PdfError &) {
      d.reset();
    }
    docs.push_back(std::move(d));
  }
  std::vector<UpdateCheck> out;
  for (size_t i = 0; i + 1 < ends.size(); ++i) {
    UpdateCheck u;
    u.from = ends[i];
    u.to = ends[i + 1];
    if (!docs[i] || !docs[i + 1]) {
      u.readable = u.only_signing = false;
      u.changes.push_back("the update cannot be read");
    } else {
      try {
        Compare(*docs[i], *docs[i + 1], u).run();
      } catch (const PdfError &e) {
        u.readable = u.only_signing = false;
        u.changes.push_back(std::string("the update cannot be read: ") + PdfError::ErrorName(e.GetError()));
      } catch (const std::exception &e) {
        u.readable = u.only_signing = false;
        u.changes.push_back(std::string("the update cannot be read: ") + e.what());
      }
    }
    out.push_back(std::move(u));
  }
  return out;
}

} // namespace vb::sign
