// The ending (ND30 ô 7, 9b, 12): Nơi nhận | signature, kept in one piece;
// for covenants a grid of signature blocks, one unsplittable row at a time.
#include <algorithm>

#include "image/png.hpp"
#include "layout/internal.hpp"

namespace vb::layout::detail {

namespace {

// Natural size of a PNG in points (its pHYs resolution, 96 dpi without
// one), as the DOCX sizes its pictures. {0,0} when unreadable.
std::pair<double, double> png_size(const std::string &path) {
  std::string err;
  auto info = image::probe_file(path, err);
  return info ? std::pair{info->width_pt(), info->height_pt()} : std::pair{0.0, 0.0};
}

// Signature and seal pictures in the signing room [x, x+w) × [y, y+h)
// (docs/geometry.md): the signature scaled down to fit (h − 4 pt, w),
// centred; the seal at real size (≤ 45 mm), centred on the room's middle,
// its right edge a third into the signature, drawn on top.
void images(const model::Signature &s, double x, double w, double y, double h, Page &into) {
  double cx = x + w / 2;
  double sig_left = cx, sig_w = 0;
  if (!s.signature_image.empty()) {
    auto [iw, ih] = png_size(s.signature_image);
    if (iw > 0 && ih > 0) {
      double k = std::min({1.0, (h - 4) / ih, w / iw});
      iw *= k;
      ih *= k;
      sig_left = cx - iw / 2;
      sig_w = iw;
      into.images.push_back(Image{sig_left, y + (h - ih) / 2, iw, ih, s.signature_image});
    }
  }
  if (!s.seal_image.empty()) {
    auto [sw, sh] = png_size(s.seal_image);
    if (sw > 0 && sh > 0) {
      const double cap = 45 * 72 / 25.4;
      double k = std::min({1.0, cap / sw, cap / sh});
      sw *= k;
      sh *= k;
      double sx = sig_w > 0 ? sig_left + sig_w / 3 - sw : cx - sw / 2;
      into.images.push_back(Image{sx, y + h / 2 - sh / 2, sw, sh, s.seal_image});
    }
  }
}

// One signature block in column [x, x+w) from y: title lines (the first
// after `gap`), the signing room (+ `extra` so names of a row align), the
// name. Returns the bottom.
double signature_block(const model::Signature &s, const Ctx &c, double x, double w, double y, Page &into,
                       double gap = 0, double extra = 0) {
  const auto &st = c.st;
  bool first = true;
  for (const std::string &l : s.lines) {
    y += (first ? gap : 0) + st.sign_line.before.pt;
    y = paint_lines(break_lines({span(l, st.sign_line)}, geom_of(st.sign_line, x, w), c.fonts), y, into);
    y += st.sign_line.after.pt;
    first = false;
  }
  // The signing room is the last signature_room of the space before the name.
  double room = st.sign_name.before.pt;
  y += extra;
  if (!s.field_name.empty())
    into.fields.push_back(SigField{x, y, w, room, s.field_name});
  images(s, x, w, y, room, into);
  y += room;
  y = paint_lines(break_lines({span(s.name, st.sign_name)}, geom_of(st.sign_name, x, w), c.fonts), y, into);
  return y + st.sign_name.after.pt;
}

// Lines a paragraph takes in style s and width w.
size_t line_count(const std::string &t, const tmpl::ParaStyle &s, double w, const Ctx &c) {
  return break_lines({span(t, s)}, geom_of(s, 0, w), c.fonts).size();
}

double one_para(const std::string &t, const tmpl::ParaStyle &s, const Ctx &c, double x, double w, double y,
                Page &into) {
  y += s.before.pt;
  return paint_lines(break_lines({span(t, s)}, geom_of(s, x, w), c.fonts), y, into) + s.after.pt;
}

// Covenant signatures, as the DOCX grid: 2×columns half-columns, each block
// spanning two (so a short last row is centred), one unsplittable row each.
void parties(const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const auto &ps = c.doc.parties;
  const size_t cols = size_t(std::clamp(c.t.signature_columns, 1, 3));
  const long tw = std::lround(c.frame.text_w() * 20);
  const double half = double(tw / long(2 * cols)) / 20.0;
  const double x0 = c.frame.text_x();
  const double lh =
      c.fonts.line_height(text::face_of(st.sign_line.bold, st.sign_line.italic), st.sign_line.size) *
      st.sign_line.line;
  for (size_t i = 0; i < ps.size(); i += cols) {
    size_t n = std::min(cols, ps.size() - i);
    size_t pad = cols - n; // empty half-columns on each side
    Fixed row;
    row.is_table = true;
    const double inner = 2 * half - 2 * geom::kPartyPad;
    std::vector<size_t> lines(n, 0);
    for (size_t k = 0; k < n; ++k)
      for (const auto &l : ps[i + k].signature.lines)
        lines[k] += line_count(l, st.sign_line, inner, c);
    size_t most = *std::max_element(lines.begin(), lines.end());
    double h = pad > 0 ? lh : 0; // the empty side cells hold an empty paragraph
    for (size_t k = 0; k < n; ++k) {
      double x = x0 + half * double(pad + 2 * k) + geom::kPartyPad;
      double extra = std::lround(double(most - lines[k]) * lh * 20) / 20.0;
      const size_t from = row.content.runs.size();
      h = std::max(h,
                   signature_block(ps[i + k].signature, c, x, inner, 0, row.content, geom::kPartyGap, extra));
      stamp(row.content.runs, from, ps[i + k].loc);
    }
    row.height = h;
    if (i == 0)
      push_table(out, std::move(row)); // rows of one table: no spacer between them
    else
      out.push_back(std::move(row));
  }
}

} // namespace

void add_ending(const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const auto &doc = c.doc;
  const double x0 = c.frame.text_x(), w = c.frame.text_w();
  const bool recipients = c.t.recipients && !doc.recipients.empty();
  if (doc.signature || recipients) {
    Fixed end;
    end.is_table = true;
    const double lw = std::lround(w * 20 * st.ending_left) / 20.0, rw = w - lw;
    double yl = 0;
    if (recipients) {
      yl = one_para("Nơi nhận:", st.recipients_label, c, x0, lw, yl, end.content);
      for (const std::string &r : doc.recipients)
        yl = one_para(r, st.recipients_item, c, x0, lw, yl, end.content);
    }
    if (!doc.drafter.empty())
      yl = one_para(doc.drafter, st.drafter, c, x0, lw, yl, end.content);
    if (yl == 0)
      yl = one_para("", st.recipients_item, c, x0, lw, yl, end.content);
    stamp(end.content.runs, 0, doc.recipients_loc);
    const size_t from = end.content.runs.size();
    double yr = doc.signature ? signature_block(*doc.signature, c, x0 + lw, rw, 0, end.content)
                              : one_para("", st.sign_line, c, x0 + lw, rw, 0, end.content);
    if (doc.signature)
      stamp(end.content.runs, from, doc.signature->loc);
    end.height = std::max(yl, yr);
    push_table(out, std::move(end));
  }
  if (!doc.parties.empty())
    parties(c, out);
}

} // namespace vb::layout::detail
