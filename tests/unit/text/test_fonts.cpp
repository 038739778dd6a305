#include <doctest/doctest.h>

#include "text/fonts.hpp"

using namespace vb;

TEST_CASE("Liberation Serif metrics match the measured Times New Roman figures") {
  Diagnostics d;
  auto f = text::Fonts::load(d);
  REQUIRE_MESSAGE(f, d.str());
  // ND30.md: the Quốc hiệu is 95.7 mm at 13 pt bold, the motto 60.5 mm at 14 pt bold.
  double qh = f->width(text::Face::Bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13);
  CHECK(qh * 25.4 / 72 == doctest::Approx(95.7).epsilon(0.005));
  double motto = f->width(text::Face::Bold, "Độc lập - Tự do - Hạnh phúc", 14);
  CHECK(motto * 25.4 / 72 == doctest::Approx(60.5).epsilon(0.005));
  // Single line spacing is 1.15 em (TOOLCHAIN.md).
  CHECK(f->line_height(text::Face::Regular, 14) == doctest::Approx(14 * 1.15).epsilon(0.002));
  CHECK(f->has_glyph(text::Face::Italic, U'ự'));
}

TEST_CASE("a missing font folder is a clear error") {
  Diagnostics d;
  auto f = text::Fonts::load(d, "/nonexistent");
  CHECK(!f);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].str().find("/nonexistent/LiberationSerif-Regular.ttf: error: font file not found") == 0);
}

TEST_CASE("UTF-8 decoding survives bad bytes") {
  std::string s = "a\xC3\xA9\xFF\xE1\xBB";
  size_t i = 0;
  CHECK(text::next_cp(s, i) == U'a');
  CHECK(text::next_cp(s, i) == U'é');
  CHECK(text::next_cp(s, i) == 0xFFFD);
  CHECK(text::next_cp(s, i) == 0xFFFD);
}
