#include "sign/appearance.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "image/png.hpp"
#include "util/fsio.hpp"

using namespace PoDoFo;

namespace vb::sign {

namespace {

struct Matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
  Matrix then(const Matrix &m) const { // this × m
    return {a * m.a + b * m.c, a * m.b + b * m.d,       c * m.a + d * m.c,
            c * m.b + d * m.d, e * m.a + f * m.c + m.e, e * m.b + f * m.d + m.f};
  }
};

double num(const PdfVariant &v) {
  return v.IsReal() ? v.GetReal() : v.IsNumber() ? double(v.GetNumber()) : 0;
}

} // namespace

std::optional<Picture> read_picture(const std::string &path, Diagnostics &diags) {
  std::string err;
  auto bytes = read_file(path, err, image::kMaxFileBytes);
  if (!bytes) {
    diags.error(path, {}, "cannot read the image: " + err);
    return std::nullopt;
  }
  auto info = image::probe(*bytes, err);
  auto raster = info ? image::decode(*bytes, err) : std::nullopt;
  if (!raster) {
    diags.error(path, {}, "cannot use the image: " + err, "give a PNG with a transparent background");
    return std::nullopt;
  }
  Picture p;
  p.path = path;
  p.px_w = raster->width;
  p.px_h = raster->height;
  p.w = info->width_pt();
  p.h = info->height_pt();
  const size_t px = size_t(p.px_w) * p.px_h;
  p.rgba.resize(px * 4);
  for (size_t i = 0; i < px; ++i) {
    const char *c = &raster->color[i * raster->channels];
    for (int k = 0; k < 3; ++k)
      p.rgba[i * 4 + size_t(k)] = (unsigned char)(raster->channels == 1 ? c[0] : c[k]);
    p.rgba[i * 4 + 3] = raster->alpha.empty() ? 255 : (unsigned char)raster->alpha[i];
  }
  double r = 0, g = 0, b = 0, n = 0;
  for (size_t i = 0; i + 3 < p.rgba.size(); i += 4) {
    unsigned a = p.rgba[i + 3];
    if (a < 255)
      p.transparent = true;
    if (a >= 128) {
      r += p.rgba[i];
      g += p.rgba[i + 1];
      b += p.rgba[i + 2];
      ++n;
    }
  }
  if (n > 0) {
    r /= n, g /= n, b /= n;
    p.bluish = b > r + 20 && b > g;
    p.reddish = r > g + 40 && r > b + 40;
  }
  return p;
}

PdfObject *picture_appearance(PdfMemDocument &doc, double w, double h, const Picture &pic, const Rect &box) {
  size_t px = size_t(pic.px_w) * pic.px_h;
  std::vector<char> rgb(px * 3), alpha(px);
  for (size_t i = 0; i < px; ++i) {
    std::memcpy(&rgb[i * 3], &pic.rgba[i * 4], 3);
    alpha[i] = char(pic.rgba[i * 4 + 3]);
  }
  PdfImage image(&doc);
  image.SetImageColorSpace(ePdfColorSpace_DeviceRGB);
  PdfMemoryInputStream rs(rgb.data(), pdf_long(rgb.size()));
  image.SetImageData(pic.px_w, pic.px_h, 8, &rs);
  if (pic.transparent) {
    PdfImage mask(&doc);
    mask.SetImageColorSpace(ePdfColorSpace_DeviceGray);
    PdfMemoryInputStream as(alpha.data(), pdf_long(alpha.size()));
    mask.SetImageData(pic.px_w, pic.px_h, 8, &as);
    image.SetImageSoftmask(&mask);
  }
  PdfXObject xo(PdfRect(0, 0, w, h), &doc);
  PdfPainter painter;
  painter.SetPage(&xo);
  painter.DrawImage(box.x, box.y, &image, box.w / pic.px_w, box.h / pic.px_h);
  painter.FinishPage();
  return xo.GetObject();
}

PdfObject *empty_appearance(PdfMemDocument &doc, double w, double h) {
  PdfXObject xo(PdfRect(0, 0, w, h), &doc);
  return xo.GetObject();
}

std::vector<std::string> wrap_lines(const std::vector<std::string> &lines, const text::Fonts &fonts,
                                    double size, double max_w) {
  std::vector<std::string> out;
  for (const std::string &l : lines) {
    std::string cur;
    size_t p = 0;
    while (p <= l.size()) {
      size_t sp = l.find(' ', p);
      std::string word = l.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
      std::string tryl = cur.empty() ? word : cur + " " + word;
      if (!cur.empty() && fonts.width(text::Face::Regular, tryl, size) > max_w) {
        out.push_back(cur);
        cur = word;
      } else {
        cur = tryl;
      }
      if (sp == std::string::npos)
        break;
      p = sp + 1;
    }
    out.push_back(cur);
  }
  return out;
}

std::pair<double, double> text_block_size(const std::vector<std::string> &lines, const text::Fonts &fonts,
                                          double size) {
  double w = 0;
  for (const auto &l : lines)
    w = std::max(w, fonts.width(text::Face::Regular, l, size));
  return {w, double(lines.size()) * fonts.line_height(text::Face::Regular, size)};
}

PdfObject *text_appearance(PdfMemDocument &doc, double w, double h, const std::vector<std::string> &lines,
                           const text::Fonts &fonts, double size) {
  const std::string &path = fonts.path(text::Face::Regular);
  // Identity-H with a ToUnicode map: each font gets its own encoding object
  // (PoDoFo deletes it with the font).
  PdfFont *font = doc.CreateFontSubset("LiberationSerif", false, false, false,
                                       new PdfIdentityEncoding(0, 0xffff, true), path.c_str());
  if (!font)
    PODOFO_RAISE_ERROR_INFO(ePdfError_InvalidFontFile, path.c_str());
  font->SetFontSize(float(size));
  PdfXObject xo(PdfRect(0, 0, w, h), &doc);
  PdfPainter painter;
  painter.SetPage(&xo);
  painter.SetFont(font);
  painter.SetColor(0, 0, 0);
  double lh = fonts.line_height(text::Face::Regular, size);
  double base = fonts.baseline_offset(text::Face::Regular, size);
  for (size_t i = 0; i < lines.size(); ++i) {
    double lw = fonts.width(text::Face::Regular, lines[i], size);
    painter.DrawText(w - lw, h - base - double(i) * lh,
                     PdfString(reinterpret_cast<const pdf_utf8 *>(lines[i].c_str())));
  }
  painter.FinishPage();
  return xo.GetObject();
}

std::optional<Rect> drawn_image(PdfMemDocument &doc, const SigField &f) {
  PdfObject *ap = key(doc, f.widget, "AP");
  PdfObject *n = key(doc, ap, "N");
  if (!n || !n->HasStream())
    return std::nullopt;
  char *buf = nullptr;
  pdf_long len = 0;
  n->GetStream()->GetFilteredCopy(&buf, &len);
  std::string content(buf ? buf : "", size_t(len));
  podofo_free(buf);
  PdfObject *xobjects = key(doc, key(doc, n, "Resources"), "XObject");
  std::vector<Matrix> stack;
  Matrix ctm;
  std::vector<PdfVariant> ops;
  std::optional<Rect> found;
  PdfContentsTokenizer tok(content.data(), long(content.size()));
  EPdfContentsType type;
  const char *kw = nullptr;
  PdfVariant var;
  while (tok.ReadNext(type, kw, var)) {
    if (type == ePdfContentsType_Variant) {
      ops.push_back(var);
      continue;
    }
    if (type != ePdfContentsType_Keyword)
      continue;
    std::string k = kw;
    if (k == "q") {
      stack.push_back(ctm);
    } else if (k == "Q" && !stack.empty()) {
      ctm = stack.back();
      stack.pop_back();
    } else if (k == "cm" && ops.size() >= 6) {
      size_t o = ops.size() - 6;
      Matrix m{num(ops[o]),     num(ops[o + 1]), num(ops[o + 2]),
               num(ops[o + 3]), num(ops[o + 4]), num(ops[o + 5])};
      ctm = m.then(ctm);
    } else if (k == "Do" && !ops.empty() && ops.back().IsName()) {
      PdfObject *x = key(doc, xobjects, ops.back().GetName().GetName().c_str());
      PdfObject *st = key(doc, x, "Subtype");
      if (st && st->IsName() && st->GetName() == PdfName("Image") && ctm.a > 0 && ctm.d > 0)
        found = Rect{ctm.e, ctm.f, ctm.a, ctm.d};
    }
    ops.clear();
  }
  if (!found)
    return std::nullopt;
  // The appearance's BBox is stretched onto the widget's rectangle.
  std::array<double, 4> bb{0, 0, f.rect.w, f.rect.h};
  PdfObject *b = key(doc, n, "BBox");
  if (b && b->IsArray() && b->GetArray().size() == 4)
    for (size_t i = 0; i < 4; ++i)
      bb[i] = num(b->GetArray()[i]);
  double bw = bb[2] - bb[0], bh = bb[3] - bb[1];
  if (bw <= 0 || bh <= 0)
    return std::nullopt;
  double sx = f.rect.w / bw, sy = f.rect.h / bh;
  return Rect{f.rect.x + (found->x - bb[0]) * sx, f.rect.y + (found->y - bb[1]) * sy, found->w * sx,
              found->h * sy};
}

void set_appearance(PdfObject *widget, PdfObject *xobject) {
  PdfDictionary ap;
  ap.AddKey("N", xobject->Reference());
  widget->GetDictionary().AddKey("AP", ap);
}

} // namespace vb::sign
