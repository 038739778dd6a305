#include <string>

#include "model/finalize.hpp"

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

} // namespace vb::model
