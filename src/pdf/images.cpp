// Signature and seal images: PNG decoded with libpng into 8-bit samples;
// the alpha channel becomes the image's SMask.
#include <png.h>

#include "pdf/internal.hpp"

namespace vb::pdf::detail {

bool decode_png(const std::string &bytes, Raster &out) {
  png_image im{};
  im.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&im, bytes.data(), bytes.size()))
    return false;
  bool alpha = (im.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  bool color = (im.format & PNG_FORMAT_FLAG_COLOR) != 0;
  im.format = color ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB) : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
  if (im.width == 0 || im.height == 0 || size_t(im.width) * im.height > (size_t(1) << 28)) {
    png_image_free(&im);
    return false;
  }
  std::string px(PNG_IMAGE_SIZE(im), '\0');
  if (!png_image_finish_read(&im, nullptr, px.data(), 0, nullptr)) {
    png_image_free(&im);
    return false;
  }
  out.width = im.width;
  out.height = im.height;
  out.channels = color ? 3 : 1;
  size_t n = size_t(im.width) * im.height;
  if (!alpha) {
    out.color = std::move(px);
    out.alpha.clear();
    return true;
  }
  unsigned c = out.channels;
  out.color.resize(n * c);
  out.alpha.resize(n);
  const char *s = px.data();
  for (size_t i = 0; i < n; ++i, s += c + 1) {
    for (unsigned k = 0; k < c; ++k)
      out.color[i * c + k] = s[k];
    out.alpha[i] = s[c];
  }
  return true;
}

} // namespace vb::pdf::detail
