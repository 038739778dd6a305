// Signature and seal pictures: their natural size and where they go in the
// signing room. The DOCX anchors them there, the layout draws them there.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace vb::geo {

struct ImageSize {
  double w = 0, h = 0; // points
};
// Natural size of a PNG: IHDR pixels at the pHYs resolution (96 dpi without
// one). nullopt when the bytes are not a readable PNG (the loader reports
// bad images; here they are skipped). The one place image sizes are read.
std::optional<ImageSize> png_size(std::string_view bytes);
std::optional<ImageSize> image_size(const std::string &path);

// A picture placed relative to the signing room's top-left corner.
struct Placed {
  double x = 0, y = 0, w = 0, h = 0;
  std::string path;
};
// The signing room is [0, col_w) × [0, room). The signature is scaled down
// (never up) to fit (room − 4 pt) high and col_w wide, centred; the seal keeps
// its real size (at most 45 mm), is centred on the room's middle line, its
// right edge a third into the signature (without one: centred), and comes
// second so that it is drawn on top.
std::vector<Placed> signing_images(const model::Signature &s, double col_w, double room);

} // namespace vb::geo
