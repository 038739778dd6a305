// Helpers shared by the unit tests.
#pragma once
#include <cstdlib>
#include <string>

namespace vb::testing {

inline std::string source_dir() {
  return VANBAN_SOURCE_DIR;
}
inline std::string binary_dir() {
  return VANBAN_BINARY_DIR;
}
inline std::string templates_dir() {
  return source_dir() + "/templates";
}
inline std::string data_dir() {
  return source_dir() + "/data";
}
// Set VANBAN_UPDATE_GOLDEN=1 to rewrite golden files instead of comparing.
inline bool update_golden() {
  const char *e = std::getenv("VANBAN_UPDATE_GOLDEN");
  return e && *e && std::string(e) != "0";
}

} // namespace vb::testing
