#include <chrono>
#include <cstring>
#include <doctest/doctest.h>
#include <zlib.h>

#include "image/png.hpp"

using namespace vb;

namespace {

// A minimal PNG encoder for the cases (one IDAT, filter 0 on every row).
std::string be32(uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
std::string chunk(const std::string &type, const std::string &data) {
  std::string td = type + data;
  uLong crc = crc32(0, reinterpret_cast<const Bytef *>(td.data()), uInt(td.size()));
  return be32(uint32_t(data.size())) + td + be32(uint32_t(crc));
}
std::string png(uint32_t w, uint32_t h, int depth, int color, const std::string &pixels,
                const std::string &extra = {}) {
  std::string ihdr = be32(w) + be32(h) + char(depth) + char(color) + '\0' + '\0' + '\0';
  size_t row = pixels.size() / (h ? h : 1);
  std::string raw;
  for (uint32_t y = 0; y < h; ++y)
    raw += '\0' + pixels.substr(y * row, row);
  std::string z(compressBound(uLong(raw.size())), '\0');
  uLongf n = z.size();
  compress(reinterpret_cast<Bytef *>(z.data()), &n, reinterpret_cast<const Bytef *>(raw.data()),
           uLong(raw.size()));
  z.resize(n);
  return "\x89PNG\r\n\x1a\n" + chunk("IHDR", ihdr) + extra + chunk("IDAT", z) + chunk("IEND", "");
}

} // namespace

TEST_CASE("RGBA: colour and alpha are split, the size comes from pHYs") {
  std::string px;
  for (int i = 0; i < 6; ++i)
    px += std::string{char(10 * i), char(20), char(30), char(i == 0 ? 0 : 255)};
  // 300 dpi = 11811 pixels per metre.
  std::string f = png(3, 2, 8, 6, px, chunk("pHYs", be32(11811) + be32(11811) + '\1'));
  std::string err;
  auto info = image::probe(f, err);
  REQUIRE_MESSAGE(info, err);
  CHECK(info->width == 3);
  CHECK(info->dpi_x == doctest::Approx(300).epsilon(0.001));
  CHECK(info->width_pt() == doctest::Approx(3 * 72.0 / 300).epsilon(0.001));
  auto r = image::decode(f, err);
  REQUIRE(r);
  CHECK(r->channels == 3);
  CHECK(r->color.size() == 18);
  CHECK(r->alpha == std::string("\0\xff\xff\xff\xff\xff", 6));
  CHECK(uint8_t(r->color[3]) == 10);
}

TEST_CASE("16-bit grey is scaled to 8 bits without a gamma change") {
  // 0x8080 is exactly 128/255: a gamma-encoding reader would give ~188.
  std::string px("\x80\x80\x00\x00\xff\xff", 6);
  std::string err;
  auto r = image::decode(png(3, 1, 16, 0, px), err);
  REQUIRE_MESSAGE(r, err);
  CHECK(r->channels == 1);
  CHECK(r->alpha.empty());
  CHECK(uint8_t(r->color[0]) == 128);
  CHECK(uint8_t(r->color[1]) == 0);
  CHECK(uint8_t(r->color[2]) == 255);
}

TEST_CASE("a palette with tRNS becomes RGB with alpha; 1-bit grey becomes 8-bit") {
  std::string plte = chunk("PLTE", std::string("\xff\x00\x00\x00\x00\xff", 6));
  std::string trns = chunk("tRNS", std::string("\x00", 1));
  std::string err;
  auto r = image::decode(png(2, 1, 8, 3, std::string("\x00\x01", 2), plte + trns), err);
  REQUIRE_MESSAGE(r, err);
  CHECK(r->channels == 3);
  CHECK(r->color == std::string("\xff\x00\x00\x00\x00\xff", 6));
  CHECK(r->alpha == std::string("\x00\xff", 2));
  auto g = image::decode(png(8, 1, 1, 0, "\xA0"), err);
  REQUIRE_MESSAGE(g, err);
  CHECK(g->color == std::string("\xff\x00\xff\x00\x00\x00\x00\x00", 8));
}

TEST_CASE("broken files are refused with what is wrong") {
  std::string good = png(4, 4, 8, 2, std::string(48, '\x40'));
  std::string err;
  CHECK(!image::probe(good.substr(0, good.size() / 2), err));
  CHECK(err == "the PNG file is truncated");
  std::string bad = good;
  bad[bad.size() - 14] ^= 1; // inside the IDAT chunk's CRC
  CHECK(!image::probe(bad, err));
  CHECK(err.find("damaged") != std::string::npos);
  CHECK(!image::probe(png(0, 4, 8, 2, ""), err));
  CHECK(err == "the image has no pixels (its width or height is 0)");
  CHECK(!image::probe("GIF89a", err));
  CHECK(err == "not a PNG file");
  CHECK(image::probe(good, err));
}

TEST_CASE("a huge declared size is refused at once") {
  std::string f = png(16384, 16384, 8, 6, "");
  auto t0 = std::chrono::steady_clock::now();
  std::string err;
  CHECK(!image::decode(f, err));
  CHECK(err.find("16384 × 16384 pixels") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
}

TEST_CASE("an implausible resolution counts as none (96 dpi), in every backend alike") {
  std::string f = png(96, 1, 8, 0, std::string(96, 'x'), chunk("pHYs", be32(10) + be32(10) + '\1'));
  std::string err;
  auto info = image::probe(f, err);
  REQUIRE(info);
  CHECK(info->dpi_x == 96);
  CHECK(info->width_pt() == doctest::Approx(72));
}
