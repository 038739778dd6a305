#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/ec.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>
#include <png.h>

#include "sign/cms.hpp"
#include "sign/keys.hpp"
#include "sign/number.hpp"
#include "sign/pdfdoc.hpp"
#include "sign/placement.hpp"
#include "sign/revisions.hpp"
#include "sign/sign.hpp"
#include "util/utf8.hpp"

using namespace vb;
using namespace vb::sign;

namespace {

std::string slurp(const std::string &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string &p, const std::string &s) {
  std::ofstream(p, std::ios::binary) << s;
}

struct TempDir {
  std::string path;
  TempDir() {
    char t[] = "/tmp/vanban-sign-XXXXXX";
    path = mkdtemp(t);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string operator/(const std::string &f) const { return path + "/" + f; }
};

// A P-256 key and a self-signed certificate valid from `from` to `to`
// (seconds from now), with a UTF-8 name and the signing key usages.
struct TestKey {
  EVP_PKEY *key = nullptr;
  X509 *cert = nullptr;
  TestKey(const std::string &cn, long from = -3600, long to = 86400) {
    key = EVP_EC_gen("P-256");
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert), from);
    X509_gmtime_adj(X509_getm_notAfter(cert), to);
    X509_NAME *n = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_NID(n, NID_commonName, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.c_str()), -1, -1, 0);
    X509_NAME_add_entry_by_NID(n, NID_organizationName, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Sở Nội vụ"), -1, -1, 0);
    X509_set_issuer_name(cert, n);
    X509_set_pubkey(cert, key);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ku =
        X509V3_EXT_conf_nid(nullptr, &ctx, NID_key_usage, "critical,digitalSignature,nonRepudiation");
    X509_add_ext(cert, ku, -1);
    X509_EXTENSION_free(ku);
    X509_sign(cert, key, EVP_sha256());
  }
  ~TestKey() {
    EVP_PKEY_free(key);
    X509_free(cert);
  }
  void write_p12(const std::string &path, const char *pass) const {
    PKCS12 *p = PKCS12_create(pass, "test", key, cert, nullptr, 0, 0, 0, 0, 0);
    FILE *f = std::fopen(path.c_str(), "wb");
    i2d_PKCS12_fp(f, p);
    std::fclose(f);
    PKCS12_free(p);
  }
};

// A one-page PDF with one unsigned signature field, the way vanban renders
// them: a merged field and widget with /FT /Sig, /T, /P and /Rect. Written
// by hand here: only the sign stage itself reads PDFs through PoDoFo.
std::string field_pdf(const std::string &name) {
  std::string t = "<FEFF";
  char hex[8];
  for (size_t i = 0; i < name.size();) {
    std::snprintf(hex, sizeof hex, "%04X", unsigned(next_cp(name, i)));
    t += hex;
  }
  t += ">";
  const std::string content = "50 700 m 300 700 l S";
  std::vector<std::string> objs = {
      "<</Type/Catalog/Pages 2 0 R/AcroForm 5 0 R>>",
      "<</Type/Pages/Kids[3 0 R]/Count 1>>",
      "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Annots[6 0 R]/Resources<<>>>>",
      "<</Length " + std::to_string(content.size()) + ">>\nstream\n" + content + "\nendstream",
      "<</Fields[6 0 R]>>",
      "<</Type/Annot/Subtype/Widget/FT/Sig/T" + t + "/F 4/P 3 0 R/Rect[300 400 520 470]>>"};
  std::string pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> at;
  for (size_t i = 0; i < objs.size(); ++i) {
    at.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : at) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<</Size " + std::to_string(objs.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// An incremental update that replaces object `obj` with a content stream.
std::string redraw(const std::string &pdf, int obj, const std::string &content, int size) {
  size_t prev = std::stoul(pdf.substr(pdf.rfind("startxref") + 10));
  std::string u = "\n" + std::to_string(obj) + " 0 obj\n<</Length " + std::to_string(content.size()) +
                  ">>\nstream\n" + content + "\nendstream\nendobj\n";
  size_t off = pdf.size() + 1, xref = pdf.size() + u.size();
  char line[24];
  std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
  u += "xref\n0 1\n0000000000 65535 f \n" + std::to_string(obj) + " 1\n" + line + "trailer\n<</Size " +
       std::to_string(size) + "/Root 1 0 R/Prev " + std::to_string(prev) + ">>\nstartxref\n" +
       std::to_string(xref) + "\n%%EOF\n";
  return pdf + u;
}

} // namespace

TEST_CASE("the signer's image fits the room between title and name, centred, never enlarged") {
  Rect field{300, 400, 200, 70};
  Rect big = signature_box(field, 400, 200); // scaled to height 66
  CHECK(big.h == doctest::Approx(66));
  CHECK(big.w == doctest::Approx(132));
  CHECK(big.x + big.w / 2 == doctest::Approx(400));
  CHECK(big.y + big.h / 2 == doctest::Approx(435));
  Rect small = signature_box(field, 60, 20);
  CHECK(small.w == doctest::Approx(60));
  CHECK(small.h == doctest::Approx(20));
  Rect wide = signature_box(field, 800, 40); // the width decides
  CHECK(wide.w == doctest::Approx(200));
}

TEST_CASE("the seal keeps its real size and covers about the signer's image's left third") {
  Rect field{300, 400, 200, 70};
  Rect img{350, 410, 90, 50};
  double d = 36 * 72 / 25.4;
  Rect s = seal_box(field, &img, d, d);
  CHECK(s.w == doctest::Approx(d));
  CHECK(s.x + s.w == doctest::Approx(350 + 30));
  CHECK(s.y + s.h / 2 == doctest::Approx(435));
  Rect huge = seal_box(field, &img, 200, 200); // capped at 45 mm
  CHECK(huge.w == doctest::Approx(45 * 72 / 25.4));
  Rect alone = seal_box(field, nullptr, d, d);
  CHECK(alone.x + alone.w / 2 == doctest::Approx(400));
}

TEST_CASE("the stamp sits at the top right of the page, in its top margin") {
  Rect a4{0, 0, 595.28, 841.89};
  Rect s = stamp_box(a4, 120, 23);
  CHECK(s.x + s.w == doctest::Approx(595.28 - 15 * 72 / 25.4));
  CHECK(s.y + s.h == doctest::Approx(841.89 - 6 * 72 / 25.4));
  CHECK(841.89 - s.y < 20 * 72 / 25.4); // above a 20 mm top margin
}

TEST_CASE("signing times are Vietnam's time in ISO 8601") {
  CHECK(iso_vietnam(0) == "1970-01-01T07:00:00+07:00");
  CHECK(iso_vietnam(1710472893) == "2024-03-15T10:21:33+07:00");
  CHECK(pdf_date_vietnam(1710472893) == "D:20240315102133+07'00'");
  std::time_t t = 0;
  REQUIRE(parse_pdf_date("D:20240315102133+07'00'", t));
  CHECK(t == 1710472893);
  REQUIRE(parse_pdf_date("D:20240315032133Z", t));
  CHECK(t == 1710472893);
  REQUIRE(parse_pdf_date("D:20240315", t));
  CHECK(!parse_pdf_date("yesterday", t));
  auto lines = stamp_lines(Kind::Copy, "", "TrS", "Sở Nội vụ", 1710472893);
  CHECK(lines == std::vector<std::string>{"TRÍCH SAO", "Sở Nội vụ", "2024-03-15T10:21:33+07:00"});
  lines = stamp_lines(Kind::Attachment, "12/KH-UBND", "", "", 1710472893);
  CHECK(lines == std::vector<std::string>{"12/KH-UBND", "2024-03-15T10:21:33+07:00"});
  CHECK(copy_form_text("SY") == "SAO Y");
  CHECK(copy_form_text("SL") == "SAO LỤC");
  CHECK(copy_form_text("sy").empty());
}

TEST_CASE("the signed file goes beside the input; a .signed.pdf is updated in place") {
  CHECK(default_output("out/plan.pdf") == "out/plan.signed.pdf");
  CHECK(default_output("out/plan.signed.pdf") == "out/plan.signed.pdf");
  CHECK(default_output("SCAN.PDF") == "SCAN.signed.pdf");
  CHECK(default_output("noext") == "noext.signed.pdf");
}

TEST_CASE("the number is read from 'Số:' or from the appendix's 'Kèm theo … số …' line") {
  CHECK(find_number("HỘI ĐỒNG\nSố: 12/KH-UBND\nHà Tĩnh") == "12/KH-UBND");
  CHECK(find_number("Số:\n   \n/KH-KTĐ\n") == "/KH-KTĐ");
  CHECK(find_number("Phụ lục\n(Kèm theo Kế hoạch số 16/KH-UBND ngày 03 tháng 02 năm 2025)") == "16/KH-UBND");
  CHECK(find_number("(Kèm theo Kế hoạch số\n16/\nKH-\nUBND\nngày") == "16/KH-UBND"); // placed in pieces
  CHECK(find_number("Kèm theo danh sách) số 5") == "");
  CHECK(find_number("nothing here").empty());
}

TEST_CASE("the CMS signature: CAdES detached, SHA-256, no signing-time, and it checks") {
  TestKey k("Nguyễn Văn A");
  Credentials c;
  c.cert = k.cert;
  c.key = k.key;
  X509_up_ref(k.cert);
  EVP_PKEY_up_ref(k.key);
  std::string data = "%PDF-1.7 signed bytes";
  unsigned char md[32];
  unsigned n = 0;
  EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr);
  std::string err;
  std::string der = make_cades(c, md, err);
  REQUIRE(!der.empty());
  CHECK(der.size() <= cades_size_bound(c));
  CmsCheck ok = check_cms(der, data, std::time(nullptr), nullptr);
  CHECK(ok.valid);
  CHECK(ok.digest == "SHA-256");
  CHECK(ok.signer == "Nguyễn Văn A (Sở Nội vụ)");
  CHECK(!ok.has_signing_time);
  CHECK(ok.cert_in_time);
  CmsCheck bad = check_cms(der, data + "x", std::time(nullptr), nullptr);
  CHECK(!bad.valid);
  CHECK(bad.parsed);
  CHECK(!check_cms("not a signature", data, 0, nullptr).parsed);
  // PAdES baseline B: the ESS signing-certificate-v2 attribute is there.
  const unsigned char *p = reinterpret_cast<const unsigned char *>(der.data());
  CMS_ContentInfo *cms = d2i_CMS_ContentInfo(nullptr, &p, long(der.size()));
  REQUIRE(cms);
  CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  CHECK(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1) >= 0);
  CHECK(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) < 0);
  CMS_ContentInfo_free(cms);
}

TEST_CASE("certificates that cannot sign now are refused") {
  TestKey expired("Old", -86400 * 10, -86400);
  TestKey future("Later", 86400, 86400 * 10);
  TestKey good("Good");
  Diagnostics d;
  CHECK(!check_certificate(expired.cert, std::time(nullptr), "x.p12", d));
  CHECK(d.str().find("expired on") != std::string::npos);
  CHECK(!check_certificate(future.cert, std::time(nullptr), "x.p12", d));
  CHECK(check_certificate(good.cert, std::time(nullptr), "x.p12", d));
}

TEST_CASE("sign then verify a field; refusals leave the file as it was") {
  TempDir dir;
  TestKey k("Trần Thị B");
  k.write_p12(dir / "k.p12", "secret");
  spit(dir / "doc.pdf", field_pdf("Giám đốc"));
  std::string before = slurp(dir / "doc.pdf");
  setenv("VANBAN_PIN", "secret", 1);

  SignRequest r;
  std::string said;
  r.input = dir / "doc.pdf";
  r.field = "Giám đốc";
  r.key.p12 = dir / "k.p12";
  Diagnostics d;
  REQUIRE(sign::sign(r, said, d) == kExitOk);
  CHECK(said.find("doc.signed.pdf: signed 'Giám đốc' as Trần Thị B at ") != std::string::npos);
  CHECK(said.find("+07:00") != std::string::npos);
  CHECK(slurp(dir / "doc.pdf") == before);
  std::string signed_pdf = slurp(dir / "doc.signed.pdf");
  CHECK(signed_pdf.compare(0, before.size(), before) == 0); // incremental

  std::string report;
  Diagnostics vd;
  VerifyRequest v;
  v.input = dir / "doc.signed.pdf";
  CHECK(verify(v, report, vd) == kExitOk);
  CHECK(report.find("[1] Giám đốc (page 1)") != std::string::npos);
  CHECK(report.find("signer:        Trần Thị B (Sở Nội vụ)") != std::string::npos);
  CHECK(report.find("signature:     valid (ETSI.CAdES.detached, SHA-256)") != std::string::npos);
  CHECK(report.find("changed after: no") != std::string::npos);

  // Signed already: refused, the file untouched.
  r.input = dir / "doc.signed.pdf";
  Diagnostics again;
  CHECK(sign::sign(r, said, again) == kExitInvalid);
  CHECK(again.str().find("already signed by Trần Thị B") != std::string::npos);
  CHECK(slurp(dir / "doc.signed.pdf") == signed_pdf);

  // No such field, wrong password.
  r.input = dir / "doc.pdf";
  r.field = "Phó Giám đốc";
  Diagnostics nf;
  CHECK(sign::sign(r, said, nf) == kExitInvalid);
  CHECK(nf.str().find("the fields are: 'Giám đốc'") != std::string::npos);
  r.field = "Giám đốc";
  setenv("VANBAN_PIN", "wrong", 1);
  Diagnostics wp;
  CHECK(sign::sign(r, said, wp) == kExitInvalid);
  CHECK(wp.str().find("wrong password") != std::string::npos);
  unsetenv("VANBAN_PIN");

  // One byte of the first revision changed: the signature no longer holds.
  std::string bad = signed_pdf;
  size_t at = bad.find("stream\n");
  REQUIRE(at < before.size());
  bad[at + 12] ^= 1;
  spit(dir / "bad.pdf", bad);
  v.input = dir / "bad.pdf";
  report.clear();
  Diagnostics bd;
  CHECK(verify(v, report, bd) == kExitInvalid);
  CHECK(report.find("INVALID") != std::string::npos);
}

TEST_CASE("after a signature, a later signature is allowed and a redrawn page is a change") {
  TempDir dir;
  TestKey k("Lê Văn C");
  k.write_p12(dir / "k.p12", "");
  spit(dir / "doc.pdf", field_pdf("Chủ tịch"));
  SignRequest r;
  std::string said;
  r.input = dir / "doc.pdf";
  r.field = "Chủ tịch";
  r.key.p12 = dir / "k.p12";
  Diagnostics d;
  REQUIRE(sign::sign(r, said, d) == kExitOk); // a password-less PKCS#12 needs no PIN
  std::string one = slurp(dir / "doc.signed.pdf");

  // A second revision that only adds a signature (an organisation's copy stamp).
  r.kind = Kind::Copy;
  r.copy_form = "SY";
  r.input = dir / "doc.signed.pdf";
  r.field.clear();
  Diagnostics d2;
  REQUIRE(sign::sign(r, said, d2) == kExitOk);
  std::string two = slurp(dir / "doc.signed.pdf");
  auto u = check_updates(two, {one.size(), two.size()});
  REQUIRE(u.size() == 1);
  CHECK(u[0].only_signing);

  // A third revision that redraws the page.
  std::string trailer = two.substr(two.rfind("trailer"));
  int size = std::stoi(trailer.substr(trailer.find("/Size") + 6));
  std::string three = redraw(two, 4, "0 0 m 500 500 l S", size);
  u = check_updates(three, {one.size(), two.size()});
  REQUIRE(u.size() == 2);
  CHECK(u[0].only_signing);
  CHECK(!u[1].only_signing);
  REQUIRE(!u[1].changes.empty());
  CHECK(u[1].changes[0].find("page 1") != std::string::npos);
}

namespace {

// A transparent PNG of w × h pixels: a blue stroke on nothing.
void write_png(const std::string &path, unsigned w, unsigned h) {
  std::vector<unsigned char> px(size_t(w) * h * 4, 0);
  for (unsigned x = 0; x < w; ++x) {
    double dy = double(h) / 3 * ((x / 7) % 2 ? 1 : -1) * (x % 7) / 7.0;
    unsigned y = unsigned(double(h) / 2 + dy);
    unsigned char *p = &px[(size_t(y) * w + x) * 4];
    p[0] = 20, p[1] = 40, p[2] = 200, p[3] = 255;
  }
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  img.width = w;
  img.height = h;
  img.format = PNG_FORMAT_RGBA;
  REQUIRE(png_image_write_to_file(&img, path.c_str(), 0, px.data(), 0, nullptr));
}

} // namespace

TEST_CASE("random field names, rooms and pictures: every signature verifies") {
  TempDir dir;
  TestKey k("Phạm Thị D");
  k.write_p12(dir / "k.p12", "");
  std::mt19937 rng(20240315);
  const std::vector<std::string> bits = {"Đại diện", "Sở",       "(Tài chính)", "\\",
                                         "Ủy ban",   "ngày 1/2", "Ư",           "x"};
  for (int round = 0; round < 6; ++round) {
    std::string name;
    for (int i = 0, n = 1 + int(rng() % 4); i < n; ++i)
      name += (i ? " " : "") + bits[rng() % bits.size()];
    spit(dir / "doc.pdf", field_pdf(name));
    write_png(dir / "s.png", 20 + rng() % 600, 10 + rng() % 300);
    SignRequest r;
    std::string said;
    r.input = dir / "doc.pdf";
    r.output = dir / "out.pdf";
    r.field = name;
    r.image = dir / "s.png";
    r.key.p12 = dir / "k.p12";
    Diagnostics d;
    INFO(name);
    REQUIRE(sign::sign(r, said, d) == kExitOk);
    VerifyRequest v;
    v.input = dir / "out.pdf";
    std::string report;
    Diagnostics vd;
    CHECK(verify(v, report, vd) == kExitOk);
    CHECK(report.find("[1] " + name + " (page 1)") != std::string::npos);
  }
}

TEST_CASE("hostile bytes: verify never accepts a changed signed byte, and never crashes") {
  TempDir dir;
  TestKey k("Hoàng Văn E");
  k.write_p12(dir / "k.p12", "");
  spit(dir / "doc.pdf", field_pdf("Giám đốc"));
  SignRequest r;
  std::string said;
  r.input = dir / "doc.pdf";
  r.field = "Giám đốc";
  r.key.p12 = dir / "k.p12";
  Diagnostics d;
  REQUIRE(sign::sign(r, said, d) == kExitOk);
  const std::string good = slurp(dir / "doc.signed.pdf");
  size_t gap0 = good.find("/Contents<"), gap1 = good.find('>', gap0 + 10);
  REQUIRE(gap1 != std::string::npos);
  std::mt19937 rng(7);
  for (int i = 0; i < 40; ++i) {
    std::string bad = good;
    size_t at = rng() % bad.size();
    bad[at] = char(bad[at] ^ (1 + rng() % 255));
    spit(dir / "bad.pdf", bad);
    VerifyRequest v;
    v.input = dir / "bad.pdf";
    std::string report;
    Diagnostics vd;
    int rc = verify(v, report, vd);
    if (at < gap0 || at > gap1) {
      INFO("byte " << at);
      CHECK(rc != kExitOk);
    }
  }
  // Cut short anywhere: an error, never a crash.
  for (size_t cut : {size_t(0), size_t(9), good.size() / 3, good.size() - 7}) {
    spit(dir / "cut.pdf", good.substr(0, cut));
    VerifyRequest v;
    v.input = dir / "cut.pdf";
    std::string report;
    Diagnostics vd;
    CHECK(verify(v, report, vd) != kExitOk);
  }
}
