#include "docx/opc.hpp"

#include <stdexcept>
#include <zip.h>

namespace vb::docx::opc {

namespace {
[[noreturn]] void fail(const std::string &what, zip_error_t *e) {
  std::string msg = "zip: " + what + ": " + (e ? zip_error_strerror(e) : "unknown error");
  throw std::runtime_error(msg);
}
} // namespace

std::string write_zip(const std::vector<Part> &parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *mem = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!mem)
    fail("create buffer", &err);
  zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(mem);
    fail("open", &err);
  }
  zip_source_keep(mem); // we read the archive back from it after zip_close

  // zip_source_buffer does not copy and reads at zip_close: `parts` outlives it.
  for (const Part &p : parts) {
    zip_source_t *s = zip_source_buffer(za, p.data.data(), p.data.size(), 0);
    if (!s)
      fail("source " + p.name, zip_get_error(za));
    zip_int64_t idx = zip_file_add(za, p.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(s);
      fail("add " + p.name, zip_get_error(za));
    }
    auto i = static_cast<zip_uint64_t>(idx);
    // DOS time 0, date 0x21 = 1980-01-01: zip_file_set_mtime would go through local time.
    if (zip_file_set_dostime(za, i, 0, 0x21, 0) < 0 ||
        zip_set_file_compression(za, i, p.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                 p.compress ? 1 : 0) < 0) // level 1: 3× faster than 9, ~10% larger
      fail("set attributes of " + p.name, zip_get_error(za));
  }
  if (zip_close(za) < 0) {
    zip_error_t *e = zip_get_error(za);
    std::string msg = std::string("zip: close: ") + zip_error_strerror(e);
    zip_discard(za);
    zip_source_free(mem);
    throw std::runtime_error(msg);
  }

  std::string out;
  zip_stat_t st;
  if (zip_source_stat(mem, &st) < 0 || zip_source_open(mem) < 0) {
    zip_source_free(mem);
    throw std::runtime_error("zip: cannot read back the archive");
  }
  out.resize(st.size);
  zip_int64_t n = zip_source_read(mem, out.data(), st.size);
  zip_source_close(mem);
  zip_source_free(mem);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    throw std::runtime_error("zip: short read of the archive");
  return out;
}

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
