// Signature and seal images: the PNG decoded by the shared helper into
// 8-bit samples, written as a PoDoFo image with its alpha channel as the
// soft mask (SMask), so that a scanned signature stays transparent over
// the text it overlaps.
#include "image/png.hpp"
#include "pdf/internal.hpp"
#include "util/fsio.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

std::unique_ptr<ImageObj> make_image(PdfMemDocument &doc, const std::string &path, std::string &err) {
  auto bytes = read_file(path, err, image::kMaxFileBytes);
  if (!bytes)
    return nullptr;
  auto raster = image::decode(*bytes, err);
  if (!raster)
    return nullptr;
  auto im = std::make_unique<ImageObj>();
  auto obj = [&](const char *cs) {
    PdfObject *o = doc.GetObjects().CreateObject("XObject");
    PdfDictionary &d = o->GetDictionary();
    d.AddKey(PdfName::KeySubtype, PdfName("Image"));
    d.AddKey("Width", PdfVariant(pdf_int64(raster->width)));
    d.AddKey("Height", PdfVariant(pdf_int64(raster->height)));
    d.AddKey("ColorSpace", PdfName(cs));
    d.AddKey("BitsPerComponent", PdfVariant(pdf_int64(8)));
    return o;
  };
  im->image = obj(raster->channels == 3 ? "DeviceRGB" : "DeviceGray");
  if (!raster->alpha.empty()) {
    im->mask = obj("DeviceGray");
    im->image->GetDictionary().AddKey("SMask", im->mask->Reference());
  }
  im->color = std::move(raster->color);
  im->alpha = std::move(raster->alpha);
  return im;
}

void finish_image(ImageObj &im) {
  set_stream(*im.image, im.color, im.ok_color);
  if (im.mask)
    set_stream(*im.mask, im.alpha, im.ok_alpha);
}

} // namespace vb::pdf::detail
