// PDF writer: paints layout pages with PoDoFo. Fonts are Liberation Serif 2
// subsets (CIDFontType2, Identity-H, ToUnicode), created only when a face is
// first drawn with; dates are fixed so that the bytes (and /ID) are stable.
#include "pdf/pdf.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <unordered_map>

#include <zlib.h>

#include "pdf/internal.hpp"

namespace vb::pdf {

using namespace PoDoFo;

namespace {

PdfString utf8(const std::string &s) { return PdfString(reinterpret_cast<const pdf_utf8 *>(s.c_str())); }

// "2024-02-01" / "2024-02-01T08:30:00Z" → "D:20240201083000Z".
std::string pdf_date(const std::string &iso) {
  std::string digits;
  for (char ch : iso)
    if (ch >= '0' && ch <= '9')
      digits += ch;
  if (digits.size() < 8)
    digits = "20000101";
  digits.resize(14, '0');
  return "D:" + digits + "Z";
}

std::string now_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
  return buf;
}

// The four faces, created lazily (a face created but never drawn with
// would be written broken). Text is written straight into the content
// stream as glyph ids (Identity-H: code = glyph id); PdfPainter::DrawText
// costs ~7 µs a run, which made the PDF stage slower than everything else.
class FontSet {
public:
  FontSet(PdfMemDocument &doc, const text::Fonts &fonts) : doc_(doc), fonts_(fonts) {}

  PdfFont *get(text::Face f) {
    Face &slot = faces_[size_t(f)];
    if (!slot.font) {
      bool bold = f == text::Face::Bold || f == text::Face::BoldItalic;
      bool italic = f == text::Face::Italic || f == text::Face::BoldItalic;
      slot.font = doc_.CreateFontSubset("LiberationSerif", bold, italic, false,
                                        new PdfIdentityEncoding(0, 0xffff, true),
                                        fonts_.path(f).c_str());
    }
    return slot.font;
  }

  // Appends the 4-hex-digit glyph ids of `utf8` to `out`, noting the code
  // points for the subset and its ToUnicode map.
  void encode(text::Face f, const std::string &utf8, std::string &out) {
    Face &slot = faces_[size_t(f)];
    static const char *hex = "0123456789ABCDEF";
    size_t i = 0;
    while (i < utf8.size()) {
      char32_t cp = text::next_cp(utf8, i);
      auto it = slot.gid.find(cp);
      if (it == slot.gid.end()) {
        long g = slot.font->GetFontMetrics()->GetGlyphId(long(cp));
        it = slot.gid.emplace(cp, uint16_t(g)).first;
        text::append_utf8(slot.used, cp);
      }
      uint16_t g = it->second;
      out += hex[g >> 12];
      out += hex[(g >> 8) & 15];
      out += hex[(g >> 4) & 15];
      out += hex[g & 15];
    }
  }

  // Tells each subset which characters it must carry (once, not per run).
  void mark_used() {
    for (Face &f : faces_)
      if (f.font && !f.used.empty()) {
        PdfString s(reinterpret_cast<const pdf_utf8 *>(f.used.c_str()));
        f.font->AddUsedSubsettingGlyphs(s, long(s.GetCharacterLength()));
      }
  }

private:
  struct Face {
    PdfFont *font = nullptr;
    std::unordered_map<char32_t, uint16_t> gid;
    std::string used; // UTF-8, each code point once
  };
  PdfMemDocument &doc_;
  const text::Fonts &fonts_;
  std::array<Face, 4> faces_{};
};

void num(std::string &out, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  // Trim trailing zeros: "12.500" → "12.5", "3.000" → "3".
  char *e = r.ptr;
  char *dot = std::find(buf, e, '.');
  if (dot != e) {
    while (e > dot + 1 && e[-1] == '0')
      --e;
    if (e == dot + 1)
      e = dot;
  }
  if (e - buf == 2 && buf[0] == '-' && buf[1] == '0')
    out += '0';
  else
    out.append(buf, e);
  out += ' ';
}

// The page's rules and text as content-stream operators (PDF y is up).
std::string page_ops(PdfPage &page, FontSet &fonts, const layout::Page &p) {
  std::string ops;
  ops.reserve(64 * (p.runs.size() + p.rules.size()) + 64);
  ops += "q 0 g 0 G\n";
  double cur_w = -1;
  for (const layout::Rule &r : p.rules) {
    if (r.width != cur_w) {
      num(ops, r.width);
      ops += "w\n";
      cur_w = r.width;
    }
    num(ops, r.x1);
    num(ops, p.height - r.y1);
    ops += "m ";
    num(ops, r.x2);
    num(ops, p.height - r.y2);
    ops += "l S\n";
  }
  if (!p.runs.empty()) {
    ops += "BT\n";
    int cur_face = -1;
    double cur_size = -1;
    std::array<bool, 4> added{};
    for (const layout::TextRun &r : p.runs) {
      PdfFont *font = fonts.get(r.face);
      if (!font)
        continue;
      if (!added[size_t(r.face)]) {
        page.AddResource(font->GetIdentifier(), font->GetObject()->Reference(), PdfName("Font"));
        added[size_t(r.face)] = true;
      }
      if (int(r.face) != cur_face || r.size != cur_size) {
        ops += '/';
        ops += font->GetIdentifier().GetName();
        ops += ' ';
        num(ops, r.size);
        ops += "Tf\n";
        cur_face = int(r.face);
        cur_size = r.size;
      }
      ops += "1 0 0 1 ";
      num(ops, r.x);
      num(ops, p.height - r.y);
      ops += "Tm <";
      fonts.encode(r.face, r.text, ops);
      ops += "> Tj\n";
    }
    ops += "ET\n";
  }
  ops += "Q\n";
  return ops;
}

// Content streams are deflated here at zlib's fastest level: PoDoFo's
// default level made compression a third of the PDF stage.
void set_deflated(PdfObject &obj, const std::string &data) {
  uLongf len = compressBound(uLong(data.size()));
  std::string out(len, '\0');
  if (compress2(reinterpret_cast<Bytef *>(out.data()), &len,
                reinterpret_cast<const Bytef *>(data.data()), uLong(data.size()),
                Z_BEST_SPEED) != Z_OK) {
    PdfStream *s = obj.GetStream();
    s->BeginAppend(true);
    s->Append(data);
    s->EndAppend();
    return;
  }
  PdfMemoryInputStream in(out.data(), pdf_long(len));
  obj.GetStream()->SetRawData(&in, pdf_long(len));
  obj.GetDictionary().AddKey(PdfName("Filter"), PdfName("FlateDecode"));
}

} // namespace

std::string write(const layout::Document &ld, const text::Fonts &fonts, const Options &opt,
                  Diagnostics &diags) {
  try {
    PdfMemDocument doc;
    FontSet faces(doc, fonts);
    std::string date = opt.real_time ? now_date() : pdf_date(ld.date);
    for (const layout::Page &p : ld.pages) {
      PdfPage *page = doc.CreatePage(PdfRect(0, 0, p.width, p.height));
      if (!p.images.empty()) {
        PdfPainter painter;
        painter.SetPage(page);
        std::string err;
        if (!detail::draw_images(doc, painter, p, err))
          diags.warning(err, {}, "cannot read the PNG image; it is left out of the PDF");
        painter.FinishPage();
      }
      std::string ops = page_ops(*page, faces, p);
      PdfObject *contents = page->GetContentsForAppending();
      if (p.images.empty()) {
        set_deflated(*contents, ops);
      } else { // after the painter's image operators
        PdfStream *stream = contents->GetStream();
        stream->BeginAppend(false);
        stream->Append(ops);
        stream->EndAppend();
      }
      if (opt.signature_fields)
        detail::add_signature_fields(doc, *page, p, date);
    }
    faces.mark_used();
    PdfInfo *info = doc.GetInfo();
    if (!ld.title.empty())
      info->SetTitle(utf8(ld.title));
    if (!ld.author.empty())
      info->SetAuthor(utf8(ld.author));
    if (!ld.subject.empty())
      info->SetSubject(utf8(ld.subject));
    if (!ld.keywords.empty())
      info->SetKeywords(utf8(ld.keywords));
    info->SetCreator(PdfString("vanban"));
    // 0.9.8 has no SetCreationDate: write the keys ourselves.
    PdfDictionary &d = info->GetObject()->GetDictionary();
    d.AddKey(PdfName("CreationDate"), PdfString(date));
    d.AddKey(PdfName("ModDate"), PdfString(date));

    PdfRefCountedBuffer buf;
    PdfOutputDevice dev(&buf);
    doc.Write(&dev);
    return std::string(buf.GetBuffer(), dev.GetLength());
  } catch (const PdfError &e) {
    diags.error("", {}, std::string("PDF writer failed: ") + PdfError::ErrorMessage(e.GetError()));
    return {};
  }
}

} // namespace vb::pdf
