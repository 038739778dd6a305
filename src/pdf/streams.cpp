// Deflating the streams ourselves, on two cores, and handing PoDoFo the
// encoded bytes (PdfStream::SetRawData).
#include <atomic>
#include <thread>

#ifdef VANBAN_LIBDEFLATE
#include <libdeflate.h>
#else
#include <zlib.h>
#endif

#include "pdf/internal.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

#ifdef VANBAN_LIBDEFLATE
// libdeflate's level 1 is twice as fast as zlib's and 3 % smaller. One
// compressor per thread, reused for every stream.
bool deflate(std::string_view in, std::string &out) {
  struct Compressor {
    libdeflate_compressor *c = libdeflate_alloc_compressor(1);
    ~Compressor() {
      if (c)
        libdeflate_free_compressor(c);
    }
  };
  thread_local Compressor z;
  if (!z.c)
    return false;
  out.resize(libdeflate_zlib_compress_bound(z.c, in.size()));
  size_t n = libdeflate_zlib_compress(z.c, in.data(), in.size(), out.data(), out.size());
  out.resize(n);
  return n > 0;
}
#else
bool deflate(std::string_view in, std::string &out) {
  uLongf len = compressBound(uLong(in.size()));
  out.resize(len);
  if (compress2(reinterpret_cast<Bytef *>(out.data()), &len, reinterpret_cast<const Bytef *>(in.data()),
                uLong(in.size()), Z_BEST_SPEED) != Z_OK)
    return false;
  out.resize(len);
  return true;
}
#endif

void run_jobs(std::vector<std::function<void()>> &jobs, int threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();)
      jobs[i]();
  };
  // A thread costs ~50 µs: worth it from a few jobs on.
  if (threads > 1 && jobs.size() >= 4) {
    std::thread helper(work);
    work();
    helper.join();
  } else {
    work();
  }
}

void set_stream(PdfObject &obj, const std::string &bytes, bool deflated) {
  PdfMemoryInputStream in(bytes.data(), pdf_long(bytes.size()));
  obj.GetStream()->SetRawData(&in, pdf_long(bytes.size()));
  if (deflated)
    obj.GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

PdfString utf8(const std::string &s) {
  return PdfString(reinterpret_cast<const pdf_utf8 *>(s.c_str()));
}

} // namespace vb::pdf::detail
