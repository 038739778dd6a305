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

Box signature_fit(double w, double h, double iw, double ih) {
  if (iw <= 0 || ih <= 0)
    return {w / 2, h / 2, 0, 0};
  double k = std::max(0.0, std::min({1.0, (h - 4) / ih, w / iw}));
  return {(w - iw * k) / 2, (h - ih * k) / 2, iw * k, ih * k};
}

Box seal_fit(double w, double h, const Box *sig, double sw, double sh) {
  if (sw > 0 && sh > 0) {
    double k = std::min(1.0, Length::mm(45).pt / std::max(sw, sh));
    sw *= k;
    sh *= k;
  }
  double right = sig && sig->w > 0 ? sig->x + sig->w / 3 : w / 2 + sw / 2;
  return {right - sw, h / 2 - sh / 2, sw, sh};
}

std::vector<Placed> signing_images(const model::Signature &s, double col_w, double room) {
  std::vector<Placed> out;
  std::optional<Box> sig;
  if (!s.signature_image.empty())
    if (auto sz = image_size(s.signature_image)) {
      sig = signature_fit(col_w, room, sz->w, sz->h);
      out.push_back({sig->x, sig->y, sig->w, sig->h, s.signature_image});
    }
  if (!s.seal_image.empty())
    if (auto sz = image_size(s.seal_image)) {
      Box b = seal_fit(col_w, room, sig ? &*sig : nullptr, sz->w, sz->h);
      out.push_back({b.x, b.y, b.w, b.h, s.seal_image});
    }
  return out;
}

} // namespace vb::geo
