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

// ---------------------------------------------------------------- the TrueType subsetter

#include "pdf/internal.hpp"

namespace {

unsigned be16(const std::string &s, size_t o) {
  return (uint8_t(s[o]) << 8) | uint8_t(s[o + 1]);
}
unsigned long be32(const std::string &s, size_t o) {
  return (be16(s, o) << 16) | be16(s, o + 2);
}

// Offset and length of a table of an sfnt, or {0, 0}.
std::pair<size_t, size_t> table(const std::string &f, const char *tag) {
  for (unsigned i = 0; i < be16(f, 4); ++i)
    if (f.compare(12 + 16 * i, 4, tag) == 0)
      return {be32(f, 12 + 16 * i + 8), be32(f, 12 + 16 * i + 12)};
  return {0, 0};
}

} // namespace

TEST_CASE("the font subset renumbers glyphs, keeps composite components and is a valid sfnt") {
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  std::string_view full = fonts->data(text::Face::Regular);
  REQUIRE(full.size() > 100000);
  // 'ệ' is a composite in Liberation Serif 2 (e + dot below + circumflex).
  std::vector<uint16_t> glyphs{0, uint16_t(fonts->glyph(text::Face::Regular, U'A')),
                               uint16_t(fonts->glyph(text::Face::Regular, U'ệ'))};
  REQUIRE(glyphs[1] != 0);
  REQUIRE(glyphs[2] != 0);
  std::string sub = pdf::detail::ttf_subset(full, glyphs);
  REQUIRE(!sub.empty());
  CHECK(sub.size() < 20000);
  CHECK(glyphs.size() >= 3); // components appended
  auto [maxp, maxp_len] = table(sub, "maxp");
  auto [head, head_len] = table(sub, "head");
  auto [loca, loca_len] = table(sub, "loca");
  auto [glyf, glyf_len] = table(sub, "glyf");
  auto [hmtx, hmtx_len] = table(sub, "hmtx");
  REQUIRE((maxp && head && loca && glyf && hmtx));
  unsigned n = be16(sub, maxp + 4);
  CHECK(n == glyphs.size());
  CHECK(be16(sub, head + 50) == 1); // long loca
  CHECK(loca_len == 4 * (n + 1));
  CHECK(hmtx_len == 4 * n);
  CHECK(table(sub, "cvt ").second > 0);
  CHECK(table(sub, "fpgm").second > 0);
  CHECK(table(sub, "prep").second > 0);
  // Every glyph's outline is inside glyf; every component id is a glyph of the subset.
  for (unsigned g = 0; g < n; ++g) {
    unsigned long a = be32(sub, loca + 4 * g), b = be32(sub, loca + 4 * g + 4);
    REQUIRE(a <= b);
    REQUIRE(b <= glyf_len);
    if (b - a >= 10 && int16_t(be16(sub, glyf + a)) < 0) {
      size_t p = glyf + a + 10;
      for (;;) {
        unsigned flags = be16(sub, p), comp = be16(sub, p + 2);
        CHECK(comp < n);
        p += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
        if (!(flags & 0x20))
          break;
      }
    }
  }
  // The whole-font checksum (with checkSumAdjustment) is the magic number.
  unsigned long sum = 0;
  for (size_t i = 0; i + 4 <= sub.size(); i += 4)
    sum = (sum + be32(sub, i)) & 0xffffffffUL;
  CHECK(sum == 0xB1B0AFBAUL);
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
