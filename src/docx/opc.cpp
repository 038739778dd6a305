// A deterministic zip writer (the subset of PKZIP that OPC needs): entries
// in the given order, DOS time 1980-01-01 00:00, deflate through zlib at
// level 1. Written here rather than through libzip, whose dependency tree
// (libcrypto, libbz2) cost more at process start than writing a DOCX.
#include "docx/opc.hpp"

#include <stdexcept>
#include <zlib.h>

namespace vb::docx::opc {

namespace {

void u16(std::string &o, unsigned v) {
  o += char(v & 0xff);
  o += char((v >> 8) & 0xff);
}
void u32(std::string &o, unsigned long v) {
  u16(o, unsigned(v & 0xffff));
  u16(o, unsigned((v >> 16) & 0xffff));
}

// Raw deflate (no zlib header), as zip stores it.
std::string deflate_raw(const std::string &in) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zip: deflateInit2 failed");
  std::string out(deflateBound(&z, uLong(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
  z.avail_in = uInt(in.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = uInt(out.size());
  int rc = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (rc != Z_STREAM_END)
    throw std::runtime_error("zip: deflate failed");
  out.resize(z.total_out);
  return out;
}

constexpr unsigned kDosTime = 0, kDosDate = 0x21; // 1980-01-01 00:00

} // namespace

std::string write_zip(const std::vector<Part> &parts) {
  if (parts.size() > 0xffff)
    throw std::runtime_error("zip: too many entries");
  std::string out, central;
  for (const Part &p : parts) {
    unsigned long crc = crc32(0L, reinterpret_cast<const Bytef *>(p.data.data()), uInt(p.data.size()));
    std::string packed = p.compress ? deflate_raw(p.data) : std::string();
    const std::string &body = p.compress ? packed : p.data;
    unsigned method = p.compress ? 8 : 0;
    if (out.size() > 0xffffffffUL || body.size() > 0xffffffffUL || p.data.size() > 0xffffffffUL)
      throw std::runtime_error("zip: part too large (no zip64): " + p.name);
    unsigned long offset = out.size();
    u32(out, 0x04034b50); // local file header
    u16(out, 20);         // version needed: 2.0 (deflate)
    u16(out, 0);          // flags
    u16(out, method);
    u16(out, kDosTime);
    u16(out, kDosDate);
    u32(out, crc);
    u32(out, body.size());
    u32(out, p.data.size());
    u16(out, unsigned(p.name.size()));
    u16(out, 0); // extra
    out += p.name;
    out += body;

    u32(central, 0x02014b50); // central directory header
    u16(central, 20);         // version made by: MS-DOS, 2.0
    u16(central, 20);
    u16(central, 0);
    u16(central, method);
    u16(central, kDosTime);
    u16(central, kDosDate);
    u32(central, crc);
    u32(central, body.size());
    u32(central, p.data.size());
    u16(central, unsigned(p.name.size()));
    u16(central, 0); // extra
    u16(central, 0); // comment
    u16(central, 0); // disk
    u16(central, 0); // internal attributes
    u32(central, 0); // external attributes
    u32(central, offset);
    central += p.name;
  }
  unsigned long cd_offset = out.size();
  out += central;
  u32(out, 0x06054b50); // end of central directory
  u16(out, 0);
  u16(out, 0);
  u16(out, unsigned(parts.size()));
  u16(out, unsigned(parts.size()));
  u32(out, central.size());
  u32(out, cd_offset);
  u16(out, 0); // comment
  return out;
}

} // namespace vb::docx::opc
