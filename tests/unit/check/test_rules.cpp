#include <doctest/doctest.h>

#include "check/rules.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"
#include "test_support.hpp"

using namespace vb;

namespace {
std::string warnings(const std::string &header, const std::string &ending, check::Today now = {2024, 6, 1}) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document kind=\"ke-hoach\" year=\"2024\">\n" + header +
      "\n<subject>S</subject><body><p>x</p></body>\n" + ending + "\n</document>\n";
  Diagnostics d;
  auto doc = load::load_string(xml, "w.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  auto t = tmpl::load_template(testing::templates_dir(), "ke-hoach", d);
  REQUIRE(t);
  model::finalize(*doc, *t);
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  check::decree_rules(*doc, *t, fonts.get(), now, d);
  return d.str();
}
const std::string kHeader =
    "<header><agency>SỞ NỘI VỤ</agency><code>KH-SNV</code><place>P</place><date/></header>";
const std::string kEnding = "<recipients><to>A</to><archive>VT</archive></recipients>"
                            "<signature><authority>GIÁM ĐỐC</authority><name>Nguyễn Văn A</name></signature>";
} // namespace

TEST_CASE("a correct plan draws no warning") {
  CHECK(warnings(kHeader, kEnding) == "");
}

TEST_CASE("the ký hiệu must carry the kind's abbreviation") {
  std::string h = kHeader;
  h.replace(h.find("KH-SNV"), 6, "QĐ-SNV");
  CHECK(warnings(h, kEnding) ==
        "w.xml:3:35: warning: ký hiệu 'QĐ-SNV' starts with 'QĐ', but a Kế hoạch (plan) is "
        "'KH' (Decree 30, Appendix III) (write KH-<AGENCY>, e.g. KH-UBND)\n");
}

TEST_CASE("no academic title before the signer's name") {
  std::string e = kEnding;
  e.replace(e.find("Nguyễn"), 0, "TS. ");
  CHECK(warnings(kHeader, e) ==
        "w.xml:5:57: warning: the signer's name 'TS. Nguyễn Văn A' starts with the title "
        "'TS.' (Decree 30 (ô 7b) prints the name alone: drop 'TS.')\n");
}

TEST_CASE("Nơi nhận needs its Lưu line") {
  CHECK(warnings(kHeader,
                 "<recipients><to>A</to></recipients><signature><authority>X</authority></signature>") ==
        "w.xml:5:1: warning: Nơi nhận has no 'Lưu: VT' line (end <recipients> with <archive>VT, "
        "<unit></archive>)\n");
}

TEST_CASE("a date more than a year ahead") {
  CHECK(warnings(kHeader, kEnding, {2022, 12, 1}) == "w.xml:3:70: warning: the date P, ngày        tháng     "
                                                     "   năm 2024 is more than a year in the future (check "
                                                     "the year of <date> and of <document>)\n");
  CHECK(warnings(kHeader, kEnding, {2023, 1, 1}) == "");
}

TEST_CASE("header lines too wide for their column") {
  std::string h = kHeader;
  h.replace(h.find("SỞ NỘI VỤ"), std::string("SỞ NỘI VỤ").size(), "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
  CHECK(warnings(h, kEnding)
            .find("w.xml:3:9: warning: issuing agency line 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH' is") == 0);
}
