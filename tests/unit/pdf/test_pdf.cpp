#include <doctest/doctest.h>

#include "pdf/pdf.hpp"

using namespace vb;

namespace {

layout::Document sample(const std::string &extra = {}) {
  layout::Document d;
  d.title = "Tổ chức phong trào thi đua";
  d.author = "SỞ NỘI VỤ";
  d.date = "2024-02-01";
  for (int i = 0; i < 2; ++i) {
    layout::Page p;
    p.width = 595.3;
    p.height = 841.9;
    layout::TextRun r;
    r.x = 85;
    r.y = 100;
    r.text = "Cộng hòa xã hội chủ nghĩa Việt Nam" + extra;
    p.runs.push_back(r);
    r.face = text::Face::Bold;
    r.y = 120;
    p.runs.push_back(r);
    p.rules.push_back({85, 130, 200, 130, 0.75});
    if (i == 1)
      p.fields.push_back({300, 200, 200, 70, "Nguyễn Văn A"});
    d.pages.push_back(p);
  }
  return d;
}

size_t count(const std::string &s, const std::string &what) {
  size_t n = 0;
  for (size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size())
    ++n;
  return n;
}

std::shared_ptr<const text::Fonts> fonts() {
  Diagnostics d;
  auto f = text::Fonts::load(d, std::string(text::Fonts::default_dir()));
  REQUIRE_MESSAGE(f, d.str());
  return f;
}

} // namespace

TEST_CASE("PDF output is byte-identical from run to run and between thread counts") {
  auto f = fonts();
  Diagnostics d;
  pdf::Options opt;
  opt.threads = 1;
  std::string a = pdf::write(sample(), *f, opt, d);
  opt.threads = 2;
  std::string b = pdf::write(sample(), *f, opt, d);
  REQUIRE_MESSAGE(!a.empty(), d.str());
  CHECK(a.rfind("%PDF-1.7", 0) == 0);
  CHECK(a == b);
  CHECK(a.find("/CreationDate(D:20240201000000Z)") != std::string::npos);
  CHECK(a.find("/ModDate(D:20240201000000Z)") != std::string::npos);
  CHECK(a.find("/ID[") != std::string::npos);
}

TEST_CASE("only the faces used are embedded, as subset CID fonts with ToUnicode") {
  auto f = fonts();
  Diagnostics d;
  std::string a = pdf::write(sample(), *f, {}, d);
  CHECK(a.find("+LiberationSerif-Bold") != std::string::npos);
  CHECK(a.find("LiberationSerif-Italic") == std::string::npos);
  CHECK(count(a, "/Subtype/Type0") == 2);
  CHECK(count(a, "/CIDFontType2") == 2);
  CHECK(count(a, "/FontFile2") == 2);
  CHECK(count(a, "/ToUnicode") == 2);
  CHECK(count(a, "/Identity-H") == 2);
  CHECK(a.find("DejaVu") == std::string::npos); // no fallback needed
}

TEST_CASE("signature fields: one unsigned /FT /Sig widget per signer, optional") {
  auto f = fonts();
  Diagnostics d;
  pdf::Options opt;
  std::string a = pdf::write(sample(), *f, opt, d);
  CHECK(count(a, "/FT/Sig") == 1);
  CHECK(a.find("/AcroForm") != std::string::npos);
  CHECK(a.find("/V ") == std::string::npos); // unsigned
  CHECK(a.find("/M(D:20240201000000Z)") != std::string::npos);
  opt.signature_fields = false;
  std::string b = pdf::write(sample(), *f, opt, d);
  CHECK(b.find("/FT/Sig") == std::string::npos);
  CHECK(b.find("/AcroForm") == std::string::npos);
}

TEST_CASE("characters the faces lack are drawn from the fallback face, none dropped") {
  auto f = fonts();
  if (!f->has_glyph(text::Face::Regular, U'∀') && f->slot_of(text::Face::Regular, U'∀') >= 0) {
    Diagnostics d;
    std::string a = pdf::write(sample(" ∀x ⊕ 𝑥"), *f, {}, d);
    REQUIRE(!a.empty());
    // The fallback face's subset, once per style drawn with it.
    CHECK(count(a, "+DejaVuSerif/") + count(a, "+DejaVuSerif-Bold/") >= 2);
    CHECK(count(a, "/ToUnicode") == 4);
  } else {
    MESSAGE("DejaVu Serif is not installed: fallback not exercised");
  }
}

TEST_CASE("an unreadable image is left out with a warning, the rest is written") {
  auto f = fonts();
  layout::Document doc = sample();
  doc.pages[0].images.push_back({100, 100, 50, 20, "/nonexistent/seal.png"});
  Diagnostics d;
  std::string a = pdf::write(doc, *f, {}, d);
  CHECK(!a.empty());
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].severity == Severity::Warning);
  CHECK(a.find("/Subtype/Image") == std::string::npos);
}
