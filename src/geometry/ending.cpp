// The ending (ND30 ô 7, 9b, 12): Nơi nhận | signature in one row that is
// kept whole when it fits on a page and splits between lines when it does
// not; for covenants a grid of signature blocks, one row per line of blocks.
#include <algorithm>
#include <cmath>

#include "geometry/blocks.hpp"
#include "geometry/images.hpp"
#include "geometry/measure.hpp"

namespace vb::geo {

namespace {

// Paragraphs of one style into `row` in column [x, x + w) from y; returns y.
double paras(const std::vector<std::string> &texts, const tmpl::ParaStyle &s, const text::Fonts &fonts,
             double x, double w, double y, Row &row, int &para, int cell, double first_gap = 0,
             double hang = 0) {
  bool first = true;
  for (const std::string &t : texts) {
    y += (first ? first_gap : 0) + s.before.pt;
    ParaGeom g = geom_of(s, x, w);
    if (hang > 0) { // a hanging indent: wrapped lines under the text, not under the "- "
      g.left += hang;
      g.first -= hang;
    }
    for (Line &l : break_lines({span(t, s)}, g, fonts)) {
      double h = l.height;
      row.lines.push_back(CellLine{y, std::move(l), para, s.widow_control, cell});
      y += h;
    }
    ++para;
    y += s.after.pt;
    first = false;
  }
  return y;
}

// A signer's block in column [x, x + w) from y: title lines (the first after
// `gap`), the signing room (+ extra), the name. Returns the bottom.
double signer(const model::Signature &s, const SignBlock &b, const tmpl::Styles &st, const text::Fonts &fonts,
              double x, double w, double y, Row &row, int &para, int cell, double gap = 0) {
  y = paras(b.lines, st.sign_line, fonts, x, w, y, row, para, cell, gap);
  // The signing room is the last signature_room of the space before the name.
  double room = st.sign_name.before.pt;
  y += b.extra;
  if (!s.field_name.empty()) {
    row.fields.push_back(SigField{x, y, w, room, s.field_name});
    row.field_cell.push_back(cell);
  }
  for (const Placed &p : signing_images(s, w, room)) {
    row.images.push_back(Image{x + p.x, y + p.y, p.w, p.h, p.path});
    row.image_cell.push_back(cell);
  }
  return paras({s.name}, st.sign_name, fonts, x, w, y, row, para, cell);
}

size_t line_count(const std::vector<std::string> &lines, const tmpl::ParaStyle &s, double w,
                  const text::Fonts &fonts) {
  size_t n = 0;
  for (const auto &l : lines)
    n += plain_lines(l, s, 0, w, fonts).size();
  return n;
}

} // namespace

SignBlock sign_block(const model::Signature &s, const tmpl::Styles &st, double width,
                     const text::Fonts &fonts) {
  SignBlock b;
  const std::string rep = "ĐẠI DIỆN ";
  for (const auto &l : s.lines) {
    // "ĐẠI DIỆN" stands on its own line when the unit does not fit after it
    // (never "ĐẠI DIỆN BẢO" / "HIỂM XÃ HỘI TỈNH").
    if (l.rfind(rep, 0) == 0 && plain_lines(l, st.sign_line, 0, width, fonts).size() > 1) {
      b.lines.push_back(rep.substr(0, rep.size() - 1));
      auto ls = balanced_lines(l.substr(rep.size()), st.sign_line, width, fonts);
      b.lines.insert(b.lines.end(), ls.begin(), ls.end());
      continue;
    }
    auto ls = balanced_lines(l, st.sign_line, width, fonts);
    b.lines.insert(b.lines.end(), ls.begin(), ls.end());
  }
  return b;
}

double recipient_hang(const tmpl::Styles &st, const text::Fonts &fonts) {
  double w = fonts.width(text::face_of(st.recipients_item.bold, st.recipients_item.italic), "- ",
                         st.recipients_item.size);
  return std::ceil(w * 20) / 20;
}

Ending ending(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
              const text::Fonts &fonts, const Frame &f) {
  Ending e;
  const bool recipients = t.recipients && !doc.recipients.empty();
  if (!doc.signature && !recipients && doc.drafter.empty())
    return e;
  TableGeom &tb = e.table;
  tb.borders = false;
  tb.keep_together = true;
  tb.header.reset();
  tb.cols = two_columns(f.text_twips(), st.ending_left);
  const double x0 = f.text_x(), lw = pt(tb.cols[0]), rw = pt(tb.cols[1]);
  Row row;
  int para = 0;
  double yl = 0;
  if (recipients) {
    yl = paras({"Nơi nhận:"}, st.recipients_label, fonts, x0, lw, yl, row, para, 0);
    yl = paras(doc.recipients, st.recipients_item, fonts, x0, lw, yl, row, para, 0, 0,
               recipient_hang(st, fonts));
  }
  if (!doc.drafter.empty())
    yl = paras({doc.drafter}, st.drafter, fonts, x0, lw, yl, row, para, 0);
  if (yl == 0)
    yl = paras({""}, st.recipients_item, fonts, x0, lw, yl, row, para, 0);
  stamp(row, 0, doc.recipients_loc);
  double yr = 0;
  if (doc.signature) {
    e.sign = sign_block(*doc.signature, st, rw, fonts);
    const size_t from = row.lines.size();
    yr = signer(*doc.signature, e.sign, st, fonts, x0 + lw, rw, 0, row, para, 1);
    stamp(row, from, doc.signature->loc);
  } else {
    yr = paras({""}, st.sign_line, fonts, x0 + lw, rw, 0, row, para, 1);
  }
  row.height = std::max(yl, yr);
  row.keep = fits_page(row.height, f);
  tb.rows.push_back(std::move(row));
  return e;
}

PartyGrid parties(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
                  const text::Fonts &fonts, const Frame &f) {
  PartyGrid g;
  const auto &ps = doc.parties;
  if (ps.empty())
    return g;
  const size_t cols = size_t(party_columns(t));
  TableGeom &tb = g.table;
  tb.borders = false;
  tb.keep_together = true;
  tb.cols = party_grid(f.text_twips(), int(cols));
  const double half = pt(tb.cols[0]), x0 = f.text_x(), pad = pt(kPartyPad);
  const double inner = 2 * half - 2 * pad;
  const double lh =
      line_height(fonts, text::face_of(st.sign_line.bold, st.sign_line.italic), st.sign_line.size) *
      st.sign_line.line;
  for (const auto &p : ps)
    g.blocks.push_back(sign_block(p.signature, st, inner, fonts));
  for (size_t i = 0; i < ps.size(); i += cols) {
    size_t n = std::min(cols, ps.size() - i);
    size_t empty = cols - n; // empty half-columns on each side
    // Names of a row share a baseline: a block with fewer title lines gets
    // their height added to its signing room.
    std::vector<size_t> lines(n);
    for (size_t k = 0; k < n; ++k)
      lines[k] = line_count(g.blocks[i + k].lines, st.sign_line, inner, fonts);
    size_t most = *std::max_element(lines.begin(), lines.end());
    Row row;
    int para = 0;
    double h = empty > 0 ? lh : 0; // the empty side cells hold an empty paragraph
    for (size_t k = 0; k < n; ++k) {
      SignBlock &b = g.blocks[i + k];
      b.extra = double(std::lround(double(most - lines[k]) * lh * 20)) / 20.0;
      double x = x0 + half * double(empty + 2 * k) + pad;
      const size_t from = row.lines.size();
      h = std::max(h,
                   signer(ps[i + k].signature, b, st, fonts, x, inner, 0, row, para, int(k), pt(kPartyGap)));
      stamp(row, from, ps[i + k].loc);
    }
    row.height = h;
    row.keep = fits_page(h, f);
    tb.rows.push_back(std::move(row));
  }
  return g;
}

PartyGrid signers(const model::Document &doc, const tmpl::Styles &st, const text::Fonts &fonts,
                  const Frame &f) {
  PartyGrid g;
  const auto &ss = doc.signers;
  if (ss.empty())
    return g;
  TableGeom &tb = g.table;
  tb.borders = false;
  tb.keep_together = true;
  const long total = f.text_twips(), n = long(ss.size());
  for (long k = 0; k < n; ++k)
    tb.cols.push_back(k + 1 < n ? total / n : total - (n - 1) * (total / n));
  const double lh =
      line_height(fonts, text::face_of(st.sign_line.bold, st.sign_line.italic), st.sign_line.size) *
      st.sign_line.line;
  std::vector<size_t> lines;
  for (size_t k = 0; k < ss.size(); ++k) {
    g.blocks.push_back(sign_block(ss[k], st, pt(tb.cols[k]), fonts));
    lines.push_back(line_count(g.blocks.back().lines, st.sign_line, pt(tb.cols[k]), fonts));
  }
  const size_t most = *std::max_element(lines.begin(), lines.end());
  Row row;
  int para = 0;
  double x = f.text_x(), h = 0;
  for (size_t k = 0; k < ss.size(); ++k) {
    SignBlock &b = g.blocks[k];
    b.extra = double(std::lround(double(most - lines[k]) * lh * 20)) / 20.0;
    const size_t from = row.lines.size();
    h = std::max(h, signer(ss[k], b, st, fonts, x, pt(tb.cols[k]), 0, row, para, int(k)));
    stamp(row, from, ss[k].loc);
    x += pt(tb.cols[k]);
  }
  row.height = h;
  row.keep = fits_page(h, f);
  tb.rows.push_back(std::move(row));
  return g;
}

} // namespace vb::geo
