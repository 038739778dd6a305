// Signature and seal images (PNG; PoDoFo turns the alpha channel into an SMask).
#include <fstream>

#include "pdf/internal.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

bool draw_images(PdfMemDocument &doc, PdfPainter &painter, const layout::Page &boxes,
                 std::string &err) {
  for (const layout::Image &im : boxes.images) {
    std::ifstream in(im.path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.empty()) {
      err = im.path;
      return false;
    }
    try {
      PdfImage img(&doc);
      img.LoadFromPngData(reinterpret_cast<const unsigned char *>(data.data()), pdf_long(data.size()));
      double sx = im.w / img.GetWidth(), sy = im.h / img.GetHeight();
      painter.DrawImage(im.x, boxes.height - im.y - im.h, &img, sx, sy);
    } catch (const PdfError &) {
      err = im.path;
      return false;
    }
  }
  return true;
}

} // namespace vb::pdf::detail
