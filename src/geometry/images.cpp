#include "geometry/images.hpp"

#include <algorithm>

#include "image/png.hpp"
#include "util/length.hpp"

namespace vb::geo {

std::optional<ImageSize> png_size(std::string_view png) {
  std::string err;
  auto info = image::probe(png, err);
  if (!info)
    return std::nullopt;
  return ImageSize{info->width_pt(), info->height_pt()};
}

std::optional<ImageSize> image_size(const std::string &path) {
  std::string err;
  auto info = image::probe_file(path, err);
  if (!info)
    return std::nullopt;
  return ImageSize{info->width_pt(), info->height_pt()};
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
