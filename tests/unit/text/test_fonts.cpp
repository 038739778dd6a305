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

TEST_CASE("a code point the faces lack is measured in the fallback face") {
  Diagnostics d;
  auto f = text::Fonts::load(d, std::string(text::Fonts::default_dir()));
  REQUIRE(f);
  CHECK(f->slot_of(text::Face::Regular, U'a') == 0);
  CHECK(f->slot_of(text::Face::Bold, U'ự') == 1);
  CHECK(!f->uses_fallback(text::Face::Regular, U'ự'));
  // A word joiner is nothing to draw and takes no room.
  CHECK(f->slot_of(text::Face::Regular, U'\u2060') ==
        (f->has_glyph(text::Face::Regular, U'\u2060') ? 0 : -1));
  if (!f->has_glyph(text::Face::Regular, U'\u2060'))
    CHECK(f->advance(text::Face::Regular, U'\u2060', 12) == 0);
  if (f->slot_of(text::Face::Regular, U'∀') == 4) {
    CHECK(f->uses_fallback(text::Face::Regular, U'∀'));
    CHECK(f->advance(text::Face::Regular, U'∀', 10) > 3);
    CHECK(f->file(4).family == "DejaVu Serif");
    CHECK(f->uncovered(text::Face::Regular, "a∀b").empty());
  }
  // CJK: neither Liberation Serif nor DejaVu Serif has it.
  auto missing = f->uncovered(text::Face::Regular, "a中b中");
  CHECK(missing == std::vector<char32_t>{U'中'});
}

TEST_CASE("user font files: all four faces or a clear error; a bad file is named") {
  Diagnostics d;
  text::FontSpec spec;
  spec.files[0] = text::Fonts::default_dir() + "/LiberationSerif-Regular.ttf";
  CHECK(!text::Fonts::load(d, spec));
  CHECK(d.str().find("no font file is given for the Bold face") != std::string::npos);
  Diagnostics d2;
  for (auto &s : spec.files)
    s = VANBAN_SOURCE_DIR "/README.md";
  CHECK(!text::Fonts::load(d2, spec));
  CHECK(d2.str().find("README.md: error: not a TrueType or OpenType font file") != std::string::npos);
  Diagnostics d3;
  for (int i = 0; i < 4; ++i)
    spec.files[size_t(i)] = text::Fonts::default_dir() + "/LiberationSerif-Regular.ttf#3";
  CHECK(!text::Fonts::load(d3, spec));
  CHECK(d3.str().find("has 1 face(s); there is no face 3") != std::string::npos);
}

TEST_CASE("a fontconfig family is taken only when it really is installed") {
  Diagnostics d;
  text::FontSpec spec;
  spec.family = "No Such Family vanban";
  CHECK(!text::Fonts::load(d, spec));
  CHECK(d.str().find("fontconfig finds no font of the family 'No Such Family vanban'") != std::string::npos);
  Diagnostics d2;
  spec.family = "Liberation Serif";
  auto f = text::Fonts::load(d2, spec);
  REQUIRE_MESSAGE(f, d2.str());
  CHECK(f->file(1).style == "Bold");
  CHECK(f->docx_family() == "Liberation Serif");
  CHECK(f->describe().find("LiberationSerif-BoldItalic.ttf") != std::string::npos);
}
