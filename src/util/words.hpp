// Words of a line: the pieces between spaces, empty ones dropped.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vb {

inline std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos)
      j = s.size();
    if (j > i)
      out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

} // namespace vb
