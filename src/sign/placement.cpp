#include "sign/placement.hpp"

#include <algorithm>

namespace vb::sign {

namespace {
constexpr double kMm = 72 / 25.4;
} // namespace

Rect signature_box(const Rect &field, double iw, double ih) {
  if (iw <= 0 || ih <= 0)
    return {field.x + field.w / 2, field.y + field.h / 2, 0, 0};
  double k = std::min({1.0, (field.h - 4) / ih, field.w / iw});
  k = std::max(k, 0.0);
  double w = iw * k, h = ih * k;
  return {field.x + (field.w - w) / 2, field.y + (field.h - h) / 2, w, h};
}

Rect seal_box(const Rect &field, const Rect *image, double sw, double sh) {
  const double cap = 45 * kMm;
  if (sw > 0 && sh > 0) {
    double k = std::min({1.0, cap / sw, cap / sh});
    sw *= k;
    sh *= k;
  }
  double cx = field.x + field.w / 2;
  double x = image && image->w > 0 ? image->x + image->w / 3 - sw : cx - sw / 2;
  return {x, field.y + field.h / 2 - sh / 2, sw, sh};
}

Rect stamp_box(const Rect &page, double tw, double th) {
  return {page.x + page.w - 15 * kMm - tw, page.y + page.h - 6 * kMm - th, tw, th};
}

std::string copy_form_text(const std::string &code) {
  if (code == "SY")
    return "SAO Y";
  if (code == "SL")
    return "SAO LỤC";
  if (code == "TrS")
    return "TRÍCH SAO";
  return {};
}

std::vector<std::string> stamp_lines(Kind kind, const std::string &number, const std::string &copy_form,
                                     const std::string &copier, std::time_t when) {
  std::vector<std::string> l;
  if (kind == Kind::Copy) {
    l.push_back(copy_form_text(copy_form));
    l.push_back(copier);
  } else {
    l.push_back(number);
  }
  l.push_back(iso_vietnam(when));
  return l;
}

} // namespace vb::sign
