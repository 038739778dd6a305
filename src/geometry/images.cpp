#include "geometry/images.hpp"

#include <algorithm>
#include <cstdint>

#include "util/fsio.hpp"
#include "util/length.hpp"

namespace vb::geo {

std::optional<ImageSize> png_size(std::string_view png) {
  auto be32 = [&](size_t at) {
    const auto *u = reinterpret_cast<const unsigned char *>(png.data() + at);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
  };
  if (png.size() < 33 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || png.compare(12, 4, "IHDR") != 0)
    return std::nullopt;
  double w = be32(16), h = be32(20), dpi_x = 96, dpi_y = 96;
  for (size_t at = 8; at + 12 <= png.size();) {
    uint32_t len = be32(at);
    if (png.compare(at + 4, 4, "pHYs") == 0 && len == 9 && at + 17 <= png.size() &&
        png[at + 16] == 1) { // unit: metre
      dpi_x = be32(at + 8) * 0.0254;
      dpi_y = be32(at + 12) * 0.0254;
      break;
    }
    if (png.compare(at + 4, 4, "IDAT") == 0)
      break;
    at += 12 + size_t(len);
  }
  if (w <= 0 || h <= 0)
    return std::nullopt;
  if (dpi_x < 1 || dpi_y < 1)
    dpi_x = dpi_y = 96;
  return ImageSize{w * 72 / dpi_x, h * 72 / dpi_y};
}

std::optional<ImageSize> image_size(const std::string &path) {
  std::string err;
  auto data = read_file(path, err, 20u << 20);
  if (!data)
    return std::nullopt;
  return png_size(*data);
}

std::vector<Placed> signing_images(const model::Signature &s, double col_w, double room) {
  std::vector<Placed> out;
  double cx = col_w / 2, sig_left = cx, sig_w = 0;
  if (!s.signature_image.empty())
    if (auto sz = image_size(s.signature_image)) {
      double k = std::min({1.0, (room - 4) / sz->h, col_w / sz->w});
      double w = sz->w * k, h = sz->h * k;
      sig_left = cx - w / 2;
      sig_w = w;
      out.push_back({sig_left, (room - h) / 2, w, h, s.signature_image});
    }
  if (!s.seal_image.empty())
    if (auto sz = image_size(s.seal_image)) {
      double k = std::min(1.0, Length::mm(45).pt / std::max(sz->w, sz->h));
      double w = sz->w * k, h = sz->h * k;
      double right = sig_w > 0 ? sig_left + sig_w / 3 : cx + w / 2;
      out.push_back({right - w, room / 2 - h / 2, w, h, s.seal_image});
    }
  return out;
}

} // namespace vb::geo
