#include <doctest/doctest.h>

#include "model/finalize.hpp"

using namespace vb::model;

TEST_CASE("label helpers") {
  CHECK(roman(1) == "I");
  CHECK(roman(4) == "IV");
  CHECK(roman(9) == "IX");
  CHECK(roman(14) == "XIV");
  CHECK(viet_alpha(1) == "a");
  CHECK(viet_alpha(5) == "đ");
  CHECK(viet_alpha(6) == "e");
  CHECK(viet_alpha(7) == "g"); // no f in the Vietnamese alphabet
  CHECK(viet_alpha(23) == "y");
  CHECK(two_digits(5) == "05");
  CHECK(two_digits(16) == "16");
  CHECK(upper_vi("Sở Lao động - Thương binh và Xã hội; ơ ư đ ă ỹ") ==
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI; Ơ Ư Đ Ă Ỹ");
  CHECK(lower_vi("KẾ HOẠCH") == "kế hoạch");
}

TEST_CASE("ND30 number and date lines: leading zeros and blanks") {
  Header h;
  h.place = "Trí Yên";
  h.year = 2024;
  h.day = 1;
  h.month = 2;
  h.number = 5;
  h.code = "KH-UBND";
  CHECK(number_line(h, "KH") == "Số: 05/KH-UBND");
  CHECK(date_line(h) == "Trí Yên, ngày 01 tháng 02 năm 2024");
  h.month = 5;
  h.day = 12;
  h.number = 16;
  CHECK(number_line(h, "KH") == "Số: 16/KH-UBND");
  CHECK(date_line(h) == "Trí Yên, ngày 12 tháng 5 năm 2024");
  h.day.reset();
  h.number.reset();
  CHECK(number_line(h, "KH") == "Số:       /KH-UBND");
  CHECK(date_line(h) == "Trí Yên, ngày        tháng 5 năm 2024");
  h.month.reset();
  CHECK(date_line(h) == "Trí Yên, ngày        tháng        năm 2024");
  h.code.clear();
  CHECK(number_line(h, "") == "");
}
