// The DOCX package through libzip: entries in the given order, deflated at
// level 1 (PNGs stored), every entry dated 1980-01-01 00:00 in DOS time so
// the same parts give the same bytes in every time zone. libzip switches to
// ZIP64 by itself past 4 GiB or 65,535 entries.
#include <stdexcept>
#include <zip.h>

#include "docx/opc.hpp"

namespace vb::docx::opc {

namespace {

[[noreturn]] void fail(const std::string &what, zip_error_t *e) {
  throw std::runtime_error("zip: " + what + ": " + (e ? zip_error_strerror(e) : "unknown error"));
}

constexpr zip_uint16_t kDosTime = 0, kDosDate = 0x21; // 1980-01-01 00:00

// Owns the archive's output buffer; libzip reads the parts' bytes only at
// zip_close, so `parts` must outlive it (it does: it is the caller's).
struct Archive {
  zip_source_t *out = nullptr;
  zip_t *za = nullptr;
  ~Archive() {
    if (za)
      zip_discard(za);
    if (out)
      zip_source_free(out);
  }
};

} // namespace

std::string write_zip(const std::vector<Part> &parts) {
  Archive a;
  zip_error_t err;
  zip_error_init(&err);
  a.out = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!a.out)
    fail("create the output buffer", &err);
  zip_source_keep(a.out); // still ours to read after zip_close
  a.za = zip_open_from_source(a.out, ZIP_TRUNCATE, &err);
  if (!a.za)
    fail("open the archive", &err);
  for (const Part &p : parts) {
    zip_source_t *s = zip_source_buffer(a.za, p.data.data(), p.data.size(), 0);
    if (!s)
      fail("add " + p.name, zip_get_error(a.za));
    zip_int64_t idx = zip_file_add(a.za, p.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      fail("add " + p.name, zip_get_error(a.za));
    }
    auto i = zip_uint64_t(idx);
    if (zip_set_file_compression(a.za, i, p.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, p.compress ? 1 : 0) <
            0 ||
        zip_file_set_dostime(a.za, i, kDosTime, kDosDate, 0) < 0)
      fail("set up " + p.name, zip_get_error(a.za));
  }
  if (zip_close(a.za) < 0)
    fail("write the archive", zip_get_error(a.za));
  a.za = nullptr;

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_open(a.out) < 0)
    fail("read the archive", zip_source_error(a.out));
  std::string bytes;
  if (zip_source_stat(a.out, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    bytes.resize(st.size);
    zip_int64_t n = zip_source_read(a.out, bytes.data(), st.size);
    if (n < 0 || zip_uint64_t(n) != st.size)
      fail("read the archive", zip_source_error(a.out));
  }
  zip_source_close(a.out);
  return bytes;
}

} // namespace vb::docx::opc
