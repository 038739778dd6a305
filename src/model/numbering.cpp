#include <string>

#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::model {

std::string roman(int n) {
  static const struct {
    int v;
    const char *s;
  } t[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
           {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string r;
  for (const auto &p : t)
    while (n >= p.v) {
      r += p.s;
      n -= p.v;
    }
  return r;
}

// Vietnamese alphabet order for points: a b c d đ e g h i k l m n o p q r s t u v x y.
std::string viet_alpha(int n) {
  static const char *letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                  "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
  constexpr int count = sizeof letters / sizeof *letters;
  std::string r;
  // Past y: aa, ab, … (rare; keeps labels unique).
  if (n > count)
    r += letters[((n - 1) / count - 1) % count];
  r += letters[(n - 1) % count];
  return r;
}

std::string two_digits(int n) {
  return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n);
}

namespace {
char32_t upper_cp(char32_t c) {
  if (c >= 'a' && c <= 'z')
    return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
    return c - 32;
  // Latin Extended-A (ă, đ, ĩ, ũ …) and Vietnamese Extended: upper/lower pairs.
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
    return (c & 1) ? c - 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
    return (c & 1) ? c : c - 1;
  if (c == 0x1A1 || c == 0x1B0)
    return c - 1; // ơ ư
  if (c >= 0x1EA0 && c <= 0x1EF9)
    return (c & 1) ? c - 1 : c;
  return c;
}
char32_t lower_cp(char32_t c) {
  if (c >= 'A' && c <= 'Z')
    return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
    return c + 32;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
    return (c & 1) ? c : c + 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
    return (c & 1) ? c + 1 : c;
  if (c == 0x1A0 || c == 0x1AF)
    return c + 1;
  if (c >= 0x1EA0 && c <= 0x1EF9)
    return (c & 1) ? c : c + 1;
  return c;
}
template <class F> std::string map_cps(const std::string &s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();)
    append_utf8(out, f(next_cp(s, i)));
  return out;
}
} // namespace

std::string upper_vi(const std::string &s) {
  return map_cps(s, upper_cp);
}
std::string lower_vi(const std::string &s) {
  return map_cps(s, lower_cp);
}

} // namespace vb::model
