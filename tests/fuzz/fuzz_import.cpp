// libFuzzer target: any bytes through vanban import (text or DOCX). It must
// return an error or data, never crash, leak or run away.
#include <cstddef>
#include <cstdint>
#include <string>

#include "import/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  vb::imp::Options opt;
  opt.templates_dir = VANBAN_TEMPLATES;
  vb::Diagnostics diags;
  auto xml = vb::imp::import_document(bytes, "fuzz.txt", opt, diags);
  // A failed import always says why.
  if (!xml && !diags.has_errors())
    __builtin_trap();
  return 0;
}
