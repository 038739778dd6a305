// libFuzzer target: the loader on arbitrary bytes. Must never crash, hang,
// leak or trip a sanitizer; every input ends as a document or diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb::Diagnostics d;
  auto doc = vb::load::load_string(std::string(reinterpret_cast<const char *>(data), size), "fuzz.xml", d);
  // A failed load always says why, with a file name.
  if (!doc && (d.items().empty() || d.items()[0].file.empty()))
    __builtin_trap();
  return 0;
}
