// libpng's classic interface: the simplified one (png_image) treats 16-bit
// samples as linear light and re-encodes them to sRGB, which shifts every
// grey of a 16-bit scan; here 16-bit samples are only scaled to 8 bits.
#include "image/png.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <png.h>

#include "util/fsio.hpp"

namespace vb::image {

namespace {

// Everything the libpng calls touch lives here, outside the frame that
// calls setjmp: after a longjmp only memory reached through a pointer is
// reliable.
struct Ctx {
  std::string_view in;
  size_t pos = 0;
  bool truncated = false;
  char msg[200] = {};
  png_structp png = nullptr;
  png_infop info = nullptr;
  Info facts;
  bool too_big = false;
  bool want_pixels = false;
  unsigned channels = 0;
  std::string pixels; // whole image (decode) or one row (probe)

  ~Ctx() {
    if (png)
      png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
  }
};

void read_fn(png_structp png, png_bytep out, size_t n) {
  auto *c = static_cast<Ctx *>(png_get_io_ptr(png));
  if (n > c->in.size() - c->pos) {
    c->truncated = true;
    png_error(png, "truncated");
  }
  std::memcpy(out, c->in.data() + c->pos, n);
  c->pos += n;
}

void error_fn(png_structp png, png_const_charp msg) {
  auto *c = static_cast<Ctx *>(png_get_error_ptr(png));
  std::snprintf(c->msg, sizeof c->msg, "%s", msg ? msg : "");
  png_longjmp(png, 1);
}

void warning_fn(png_structp, png_const_charp) {} // e.g. a known-bad sRGB profile: harmless

// Reads the whole PNG through libpng; false when it fails (see c->msg).
bool run(Ctx *c) {
  c->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, error_fn, warning_fn);
  if (!c->png)
    return false;
  c->info = png_create_info_struct(c->png);
  if (!c->info)
    return false;
  if (setjmp(png_jmpbuf(c->png)))
    return false;
  png_set_read_fn(c->png, c, read_fn);
  // A damaged ancillary chunk is as much a damaged file as a damaged IDAT.
  png_set_crc_action(c->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
  png_read_info(c->png, c->info);
  Info &f = c->facts;
  f.width = png_get_image_width(c->png, c->info);
  f.height = png_get_image_height(c->png, c->info);
  if (uint64_t(f.width) * f.height > kMaxPixels) {
    c->too_big = true;
    return false;
  }
  png_uint_32 px = 0, py = 0;
  int unit = 0;
  if (png_get_pHYs(c->png, c->info, &px, &py, &unit) && unit == PNG_RESOLUTION_METER) {
    // Below 10 dpi or above 100,000 the value is a mistake, not a size.
    double dx = px * 0.0254, dy = py * 0.0254;
    if (dx >= 10 && dy >= 10 && dx <= 100000 && dy <= 100000) {
      f.dpi_x = dx;
      f.dpi_y = dy;
    }
  }
  png_set_expand(c->png); // palette → RGB, grey < 8 bits → 8, tRNS → alpha
  png_set_scale_16(c->png);
  int passes = png_set_interlace_handling(c->png);
  png_read_update_info(c->png, c->info);
  c->channels = png_get_channels(c->png, c->info);
  size_t rowbytes = png_get_rowbytes(c->png, c->info);
  if (c->want_pixels) {
    c->pixels.assign(rowbytes * f.height, '\0');
    for (int pass = 0; pass < passes; ++pass)
      for (unsigned y = 0; y < f.height; ++y)
        png_read_row(c->png, reinterpret_cast<png_bytep>(c->pixels.data() + rowbytes * y), nullptr);
  } else {
    c->pixels.assign(rowbytes, '\0'); // rows are checked, not kept
    for (int pass = 0; pass < passes; ++pass)
      for (unsigned y = 0; y < f.height; ++y)
        png_read_row(c->png, reinterpret_cast<png_bytep>(c->pixels.data()), nullptr);
  }
  png_read_end(c->png, nullptr); // the chunks after the image, up to IEND
  return true;
}

bool read(Ctx &c, std::string_view png, std::string &err) {
  if (png.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(png.data()), 0, 8) != 0) {
    err = "not a PNG file";
    return false;
  }
  // The IHDR comes first: its size is refused before libpng reads on
  // (libpng's own message for a zero width is "Invalid IHDR data").
  if (png.size() >= 24 && png.compare(12, 4, "IHDR") == 0) {
    auto be32 = [&](size_t at) {
      const auto *u = reinterpret_cast<const unsigned char *>(png.data() + at);
      return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
    };
    c.facts.width = be32(16);
    c.facts.height = be32(20);
    if (c.facts.width == 0 || c.facts.height == 0) {
      err = "the image has no pixels (its width or height is 0)";
      return false;
    }
  }
  c.in = png;
  if (run(&c))
    return true;
  if (c.too_big) {
    err = "the image is " + std::to_string(c.facts.width) + " × " + std::to_string(c.facts.height) +
          " pixels; at most " + std::to_string(kMaxPixels / 1000000) + " million are allowed";
  } else if (c.truncated) {
    err = "the PNG file is truncated";
  } else {
    err = "the PNG file is damaged (" + std::string(c.msg) + ")";
  }
  return false;
}

} // namespace

std::optional<Info> probe(std::string_view png, std::string &err) {
  Ctx c;
  if (!read(c, png, err))
    return std::nullopt;
  return c.facts;
}

std::optional<Info> probe_file(const std::string &path, std::string &err) {
  auto bytes = read_file(path, err, kMaxFileBytes);
  if (!bytes)
    return std::nullopt;
  return probe(*bytes, err);
}

std::optional<Raster> decode(std::string_view png, std::string &err) {
  Ctx c;
  c.want_pixels = true;
  if (!read(c, png, err))
    return std::nullopt;
  Raster r;
  r.width = c.facts.width;
  r.height = c.facts.height;
  bool alpha = c.channels == 2 || c.channels == 4;
  r.channels = c.channels >= 3 ? 3 : 1;
  if (!alpha) {
    r.color = std::move(c.pixels);
    return r;
  }
  size_t n = size_t(r.width) * r.height;
  unsigned k = r.channels;
  r.color.resize(n * k);
  r.alpha.resize(n);
  const char *s = c.pixels.data();
  for (size_t i = 0; i < n; ++i, s += k + 1) {
    std::memcpy(&r.color[i * k], s, k);
    r.alpha[i] = s[k];
  }
  return r;
}

} // namespace vb::image
