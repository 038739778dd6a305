// Reading archives back, with libzip (ZIP_CHECKCONS): used by the tests and
// tools, so our own writer is checked by an independent implementation.
#include <stdexcept>
#include <zip.h>

#include "docx/opc.hpp"

namespace vb::docx::opc {

namespace {
[[noreturn]] void fail(const std::string &what, zip_error_t *e) {
  std::string msg = "zip: " + what + ": " + (e ? zip_error_strerror(e) : "unknown error");
  throw std::runtime_error(msg);
}
} // namespace

std::vector<Part> read_zip(const std::string &bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src)
    fail("create buffer", &err);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!za) {
    zip_source_free(src);
    fail("open", &err);
  }
  std::vector<Part> parts;
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    auto idx = static_cast<zip_uint64_t>(i);
    if (zip_stat_index(za, idx, 0, &st) < 0)
      fail("stat", zip_get_error(za));
    Part p;
    p.name = st.name;
    p.compress = st.comp_method != ZIP_CM_STORE;
    p.data.resize(st.size);
    zip_file_t *f = zip_fopen_index(za, idx, 0);
    if (!f)
      fail("open entry " + p.name, zip_get_error(za));
    zip_int64_t r = zip_fread(f, p.data.data(), st.size);
    zip_fclose(f);
    if (r < 0 || static_cast<zip_uint64_t>(r) != st.size)
      throw std::runtime_error("zip: short read of " + p.name);
    parts.push_back(std::move(p));
  }
  zip_discard(za);
  return parts;
}

} // namespace vb::docx::opc
