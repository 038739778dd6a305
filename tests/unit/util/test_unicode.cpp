#include <doctest/doctest.h>

#include "util/unicode.hpp"

using namespace vb;

TEST_CASE("Vietnamese capitals and small letters through ICU") {
  CHECK(upper_vi("ủy ban nhân dân xã trí yên") == "ỦY BAN NHÂN DÂN XÃ TRÍ YÊN");
  CHECK(lower_vi("ỦY BAN NHÂN DÂN TỈNH BẮC NINH") == "ủy ban nhân dân tỉnh bắc ninh");
  CHECK(upper_vi("đường ơn ưu") == "ĐƯỜNG ƠN ƯU");
  CHECK(lower_vi("ĐƯỜNG") == "đường");
  CHECK(upper_vi("Kế hoạch số 05-KH/UBND") == "KẾ HOẠCH SỐ 05-KH/UBND");
  CHECK(upper_vi("plain ascii 123") == "PLAIN ASCII 123");
  CHECK(upper_vi("") == "");
  // Full case mapping: a letter may grow (the old table kept it as it was).
  CHECK(upper_vi("straße") == "STRASSE");
  // Every precomposed Vietnamese letter, both ways.
  const std::string lower = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstu"
                            "ùủũúụưừửữứựvxyỳỷỹýỵ";
  const std::string upper = "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬBCDĐEÈẺẼÉẸÊỀỂỄẾỆGHIÌỈĨÍỊKLMNOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢPQRSTU"
                            "ÙỦŨÚỤƯỪỬỮỨỰVXYỲỶỸÝỴ";
  CHECK(upper_vi(lower) == upper);
  CHECK(lower_vi(upper) == lower);
}

TEST_CASE("NFC") {
  CHECK(nfc("Vie\xcc\xa3\xcc\x82t") == "Việt");
  CHECK(nfc("ascii") == "ascii");
}
