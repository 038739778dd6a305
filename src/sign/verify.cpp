// vanban verify: every signature field, each signature checked against the
// bytes it covers, and what changed in the document after it.
#include <algorithm>
#include <cstdio>
#include <memory>

#include <podofo/podofo.h>

#include "sign/cms.hpp"
#include "sign/pdfdoc.hpp"
#include "sign/revisions.hpp"
#include "sign/sign.hpp"
#include "util/fsio.hpp"

using namespace PoDoFo;

namespace vb::sign {

namespace {

constexpr size_t kMaxPdf = size_t(512) << 20;

struct Found {
  SigField field;
  std::string subfilter, reason, location, name;
  std::time_t when = 0;
  bool has_time = false;
  size_t end = 0; // where the signed revision ends
  bool ranges_ok = false;
  std::string problem; // why the signature is not valid
  CmsCheck cms;
};

int hexval(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

// The signed bytes of one signature, and its ByteRange checked: from the
// start of the file, around exactly the /Contents hex string.
void examine(const std::string &file, PdfMemDocument &doc, Found &s, X509_STORE *trust) {
  PdfObject *v = s.field.value;
  PdfObject *sf = key(doc, v, "SubFilter");
  s.subfilter = sf && sf->IsName() ? sf->GetName().GetName() : "";
  s.reason = utf8(key(doc, v, "Reason"));
  s.location = utf8(key(doc, v, "Location"));
  s.name = utf8(key(doc, v, "Name"));
  if (PdfObject *m = key(doc, v, "M"); is_string(m))
    s.has_time = parse_pdf_date(m->GetString().GetString(), s.when);
  PdfObject *br = key(doc, v, "ByteRange");
  std::vector<int64_t> r;
  if (br && br->IsArray())
    for (const PdfObject &e : br->GetArray())
      r.push_back(e.IsNumber() ? e.GetNumber() : -1);
  auto bad = [&](const std::string &why) { s.problem = "the signed range is wrong: " + why; };
  if (r.size() != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || r[3] < 0 ||
      uint64_t(r[2]) + uint64_t(r[3]) > file.size()) {
    bad("/ByteRange is not [0 a b c] inside the file");
    return;
  }
  s.end = size_t(r[2] + r[3]);
  size_t g0 = size_t(r[1]), g1 = size_t(r[2]);
  if (file[g0] != '<' || file[g1 - 1] != '>') {
    bad("the gap is not the signature's hex string");
    return;
  }
  std::string gap;
  for (size_t i = g0 + 1; i + 1 < g1; i += 2) {
    int hi = hexval(file[i]), lo = hexval(file[i + 1]);
    if (hi < 0 || lo < 0) {
      bad("the gap is not hex digits");
      return;
    }
    gap += char(hi * 16 + lo);
  }
  PdfObject *c = key(doc, v, "Contents");
  std::string contents =
      is_string(c) ? std::string(c->GetString().GetString(), c->GetString().GetLength()) : "";
  if (contents != gap) {
    bad("the gap is not this signature's /Contents");
    return;
  }
  s.ranges_ok = true;
  if (s.subfilter != "ETSI.CAdES.detached" && s.subfilter != "adbe.pkcs7.detached") {
    s.problem = "unsupported signature type /" + (s.subfilter.empty() ? std::string("(none)") : s.subfilter);
    return;
  }
  std::string data = file.substr(0, g0) + file.substr(g1, size_t(r[3]));
  s.cms = check_cms(contents, data, s.has_time ? s.when : std::time(nullptr), trust);
  if (!s.cms.has_signing_time && !s.has_time)
    s.when = std::time(nullptr);
  if (s.cms.has_signing_time && !s.has_time) {
    s.when = s.cms.signing_time;
    s.has_time = true;
  }
  if (!s.cms.valid)
    s.problem = s.cms.problem;
}

} // namespace

int verify(const VerifyRequest &req, std::string &out, Diagnostics &diags) {
  quiet_podofo();
  std::string err;
  auto file = read_file(req.input, err, kMaxPdf);
  if (!file) {
    diags.error(req.input, {}, "cannot read the PDF: " + err);
    return kExitIo;
  }
  if (file->compare(0, 5, "%PDF-") != 0 && file->substr(0, 1024).find("%PDF-") == std::string::npos) {
    diags.error(req.input, {}, "is not a PDF file");
    return kExitInvalid;
  }
  X509_STORE *trust = trust_store(req.ca_file, err);
  if (!trust) {
    diags.error(req.ca_file, {}, err);
    return kExitIo;
  }
  std::unique_ptr<X509_STORE, void (*)(X509_STORE *)> trust_owner(trust, X509_STORE_free);
  PdfMemDocument doc;
  std::vector<Found> sigs;
  std::vector<std::string> unsigned_fields;
  try {
    doc.LoadFromBuffer(file->data(), long(file->size()));
    for (SigField &f : signature_fields(doc)) {
      if (!f.value) {
        unsigned_fields.push_back(f.name);
        continue;
      }
      Found s;
      s.field = f;
      examine(*file, doc, s, trust);
      sigs.push_back(std::move(s));
    }
  } catch (const PdfError &e) {
    diags.error(req.input, {},
                e.GetError() == ePdfError_InvalidPassword
                    ? std::string("the PDF is encrypted with a password")
                    : std::string("cannot read the PDF (damaged?): ") + PdfError::ErrorName(e.GetError()));
    return kExitInvalid;
  } catch (const std::exception &e) {
    diags.error(req.input, {}, std::string("cannot read the PDF (damaged?): ") + e.what());
    return kExitInvalid;
  }
  // Signatures in the order they were made.
  std::stable_sort(sigs.begin(), sigs.end(), [](const Found &a, const Found &b) { return a.end < b.end; });
  std::vector<size_t> ends;
  for (const Found &s : sigs)
    if (s.ranges_ok)
      ends.push_back(s.end);
  auto updates = check_updates(*file, ends);

  out += req.input + ": " + std::to_string(sigs.size()) + " signature(s), " +
         std::to_string(unsigned_fields.size()) + " unsigned signature field(s)\n";
  int bad = 0;
  for (size_t i = 0; i < sigs.size(); ++i) {
    const Found &s = sigs[i];
    bool ok = s.problem.empty();
    out += "[" + std::to_string(i + 1) + "] " + s.field.name;
    if (s.field.page_number)
      out += " (page " + std::to_string(s.field.page_number) + ")";
    out += "\n    signer:        " + (s.cms.signer.empty() ? "(unknown)" : s.cms.signer) + "\n";
    out += "    time:          " + (s.has_time ? iso_vietnam(s.when) : "(not given)") + "\n";
    if (!s.reason.empty())
      out += "    reason:        " + s.reason + "\n";
    out += "    signature:     " + std::string(ok ? "valid" : "INVALID: " + s.problem);
    if (s.ranges_ok)
      out += " (" + s.subfilter + (s.cms.digest.empty() ? "" : ", " + s.cms.digest) + ")";
    out += "\n";
    if (s.cms.parsed) {
      std::string cert = s.cms.cert_in_time ? "valid at the signing time" : "NOT valid at the signing time";
      if (!s.cms.cert_in_time)
        ok = false;
      if (s.cms.cert_problem.empty()) {
        cert += "; issuer trusted";
      } else {
        cert += "; issuer not trusted: " + s.cms.cert_problem;
        if (!req.ca_file.empty())
          ok = false;
        else
          cert += " (give --ca FILE to check against your trust anchors)";
      }
      out += "    certificate:   " + cert + "\n";
    }
    std::string after;
    if (!s.ranges_ok) {
      after = "unknown";
    } else if (s.end == file->size()) {
      after = "no";
    } else {
      std::vector<std::string> changes;
      bool unsigned_tail = false;
      for (const UpdateCheck &u : updates) {
        if (u.from < s.end)
          continue;
        changes.insert(changes.end(), u.changes.begin(), u.changes.end());
        if (std::find(ends.begin(), ends.end(), u.to) == ends.end())
          unsigned_tail = true;
      }
      if (changes.empty() && !unsigned_tail) {
        after = "only by later signatures";
      } else {
        if (changes.empty())
          changes.push_back("an update that is not a signature was appended");
        after = "YES";
        for (const auto &c : changes)
          after += "; " + c;
        ok = false;
      }
    }
    out += "    changed after: " + after + "\n";
    if (!ok)
      ++bad;
  }
  for (const auto &u : unsigned_fields)
    out += "not signed: " + u + "\n";
  if (sigs.empty()) {
    diags.error(req.input, {}, "the document has no signatures");
    return kExitInvalid;
  }
  if (bad) {
    diags.error(req.input, {},
                std::to_string(bad) + " of " + std::to_string(sigs.size()) + " signature(s) do not hold");
    return kExitInvalid;
  }
  return kExitOk;
}

} // namespace vb::sign
