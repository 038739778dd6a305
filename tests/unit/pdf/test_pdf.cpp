#include <doctest/doctest.h>

#include "pdf/pdf.hpp"

using namespace vb;

namespace {

layout::Document sample() {
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
    r.text = "Cộng hòa xã hội chủ nghĩa Việt Nam";
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

} // namespace

TEST_CASE("PDF output is byte-identical from run to run") {
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  pdf::Options opt;
  std::string a = pdf::write(sample(), *fonts, opt, d);
  std::string b = pdf::write(sample(), *fonts, opt, d);
  REQUIRE_MESSAGE(!a.empty(), d.str());
  CHECK(a.rfind("%PDF-", 0) == 0);
  CHECK(a == b);
  CHECK(a.find("/CreationDate(D:20240201000000Z)") != std::string::npos);
}

TEST_CASE("only the faces used are embedded; signature fields are optional") {
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  pdf::Options opt;
  std::string a = pdf::write(sample(), *fonts, opt, d);
  CHECK(a.find("LiberationSerif-Bold") != std::string::npos);
  CHECK(a.find("LiberationSerif-Italic") == std::string::npos);
  CHECK(a.find("/FT/Sig") != std::string::npos);
  opt.signature_fields = false;
  std::string b = pdf::write(sample(), *fonts, opt, d);
  CHECK(b.find("/FT/Sig") == std::string::npos);
}

TEST_CASE("text is written as glyph codes with a ToUnicode map") {
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  pdf::Options opt;
  opt.threads = 1;
  std::string a = pdf::write(sample(), *fonts, opt, d);
  opt.threads = 2;
  std::string b = pdf::write(sample(), *fonts, opt, d);
  CHECK(a == b); // threads change nothing
  CHECK(a.find("/FontFile2") != std::string::npos);
  CHECK(a.find("/ToUnicode") != std::string::npos);
  CHECK(a.find("/Encoding/Identity-H") != std::string::npos);
  CHECK(a.find("+LiberationSerif-Bold") != std::string::npos);
}
