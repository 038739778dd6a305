// PNG images (signatures, seals), read with libpng for every stage that
// needs them: the loader refuses a broken file where the data names it, the
// layout and the DOCX size pictures from the same header facts, and the PDF
// embeds the decoded samples (alpha as a soft mask). Strict and bounded: a
// file must be a complete PNG with correct CRCs, and at most kMaxPixels.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vb::image {

// 4096 × 4096: a seal scanned at 600 dpi is about 1,100 pixels wide.
inline constexpr uint64_t kMaxPixels = uint64_t(4096) * 4096;
inline constexpr size_t kMaxFileBytes = size_t(8) << 20;

struct Info {
  unsigned width = 0, height = 0; // pixels
  double dpi_x = 96, dpi_y = 96;  // from pHYs; 96 when absent or implausible
  // Natural size in points at that resolution, as Word places the picture.
  double width_pt() const { return width * 72.0 / dpi_x; }
  double height_pt() const { return height * 72.0 / dpi_y; }
};

// Checks the whole file (every chunk's CRC, the image data to its end)
// without keeping the pixels. On failure returns nullopt and sets `err` to
// what is wrong, e.g. "the file is truncated".
std::optional<Info> probe(std::string_view png, std::string &err);

// The same for a file on disk (at most kMaxFileBytes).
std::optional<Info> probe_file(const std::string &path, std::string &err);

// 8-bit samples: `color` has `channels` (1 grey or 3 RGB) bytes per pixel,
// `alpha` one per pixel or is empty when the image is opaque. Palettes and
// tRNS become RGB(A); 16-bit samples are scaled to 8 bits (no gamma change).
struct Raster {
  unsigned width = 0, height = 0, channels = 3;
  std::string color, alpha;
};
std::optional<Raster> decode(std::string_view png, std::string &err);

} // namespace vb::image
