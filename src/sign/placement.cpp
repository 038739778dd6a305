#include "sign/placement.hpp"

#include <optional>

#include "geometry/images.hpp"

namespace vb::sign {

namespace {
constexpr double kMm = 72 / 25.4;
} // namespace

// The rules are the renderer's (src/geometry), so that a picture added at
// signing time sits where a rendered one would.
Rect signature_box(const Rect &field, double iw, double ih) {
  geo::Box b = geo::signature_fit(field.w, field.h, iw, ih);
  return {field.x + b.x, field.y + b.y, b.w, b.h};
}

Rect seal_box(const Rect &field, const Rect *image, double sw, double sh) {
  std::optional<geo::Box> sig;
  if (image)
    sig = geo::Box{image->x - field.x, image->y - field.y, image->w, image->h};
  geo::Box b = geo::seal_fit(field.w, field.h, sig ? &*sig : nullptr, sw, sh);
  return {field.x + b.x, field.y + b.y, b.w, b.h};
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
