// Tables: column widths from weights, cell padding, group rows spanning the
// columns after the STT, a header row that pagination repeats on each page.
#include <cmath>
#include <functional>
#include <numeric>

#include "layout/internal.hpp"

namespace vb::layout::detail {

namespace {

tmpl::Align align_of(model::Column::Align a) {
  switch (a) {
  case model::Column::Align::Center:
    return tmpl::Align::Center;
  case model::Column::Align::Right:
    return tmpl::Align::Right;
  case model::Column::Align::Justify:
    return tmpl::Align::Justify;
  case model::Column::Align::Left:
    break;
  }
  return tmpl::Align::Left;
}

struct RowBuilder {
  const Ctx &c;
  const std::vector<double> &edges;
  TableRow row;
  double pad_l, pad_r, pad_t;

  // Lays `blocks` (paragraphs, list items) into the cell spanning columns [c0, c1).
  double cell(size_t c0, size_t c1, const std::vector<std::vector<Span>> &paras, const tmpl::ParaStyle &s) {
    double x = edges[c0] + pad_l, w = edges[c1] - edges[c0] - pad_l - pad_r;
    double y = pad_t;
    for (size_t i = 0; i < paras.size(); ++i) {
      y += s.before.pt;
      for (Line &l : break_lines(paras[i], geom_of(s, x, w), c.fonts)) {
        double h = l.height;
        row.lines.push_back(CellLine{y, std::move(l)});
        y += h;
      }
      y += s.after.pt;
    }
    return y;
  }
};

std::vector<std::vector<Span>> cell_paras(const model::Cell &cell, const tmpl::ParaStyle &s) {
  std::vector<std::vector<Span>> out;
  std::function<void(const model::Blocks &)> walk = [&](const model::Blocks &bs) {
    for (const auto &b : bs) {
      if (auto *p = std::get_if<model::Para>(&b)) {
        out.push_back(spans_of(p->content, s));
      } else if (auto *li = std::get_if<model::ListItem>(&b)) {
        std::vector<Span> sp{span(li->label + " ", s, li->label_bold)};
        auto rest = spans_of(li->content, s);
        sp.insert(sp.end(), rest.begin(), rest.end());
        out.push_back(std::move(sp));
        walk(li->children);
      } else if (auto *bs2 = std::get_if<model::Basis>(&b)) {
        out.push_back(spans_of(bs2->content, s));
      }
    }
  };
  walk(cell.content);
  return out;
}

} // namespace

Table make_table(const model::Table &t, const Ctx &c) {
  Table out;
  const auto &st = c.st;
  out.borders = t.borders;
  out.border = st.table_border;
  out.pad_top = st.cell_pad_top.pt;
  out.pad_bottom = st.cell_pad_bottom.pt;
  const size_t n = t.columns.size();
  if (n == 0)
    return out;
  // Column widths in twips as the DOCX: round(width × weight / Σ), the last
  // column takes the remainder.
  double total = 0;
  for (const auto &col : t.columns)
    total += col.weight > 0 ? col.weight : 0;
  const long tw = std::lround(c.frame.text_w() * 20);
  std::vector<double> edges(n + 1);
  edges[0] = c.frame.text_x();
  long used = 0;
  for (size_t i = 0; i < n; ++i) {
    double wgt = t.columns[i].weight > 0 ? t.columns[i].weight : 0;
    long cw = i + 1 == n ? tw - used : std::lround(double(tw) * (total > 0 ? wgt / total : 1.0 / double(n)));
    used += cw;
    edges[i + 1] = c.frame.text_x() + double(used) / 20.0;
  }
  // Borders take room: LibreOffice (measured) adds one border width per row,
  // above its content.
  const double bw = t.borders ? st.table_border : 0;
  auto finish = [&](RowBuilder &rb, double content) {
    rb.row.height = content + out.pad_bottom;
    rb.row.col_edges = edges;
    return std::move(rb.row);
  };
  auto builder = [&] {
    return RowBuilder{c, edges, {}, st.cell_pad_left.pt, st.cell_pad_right.pt, out.pad_top + bw};
  };

  if (t.header_row) {
    RowBuilder rb = builder();
    double h = 0;
    for (size_t i = 0; i < n; ++i)
      h = std::max(h, rb.cell(i, i + 1, {spans_of(t.columns[i].header, st.table_header)}, st.table_header));
    out.header = finish(rb, h);
    out.header->header = true;
  }
  for (const model::Row &r : t.rows) {
    RowBuilder rb = builder();
    double h = 0;
    size_t col = 0;
    if (t.numbered) {
      tmpl::ParaStyle s = st.table_cell;
      s.align = tmpl::Align::Center;
      s.bold = r.kind == model::Row::Kind::Group;
      h = std::max(h, rb.cell(0, 1, {{span(r.number, s)}}, s));
      col = 1;
    }
    if (r.kind == model::Row::Kind::Group) {
      tmpl::ParaStyle s = st.table_cell;
      s.bold = true;
      h = std::max(h, rb.cell(col, n, {spans_of(r.group_title, s)}, s));
      for (CellLine &cl : rb.row.lines)
        stamp(cl.line.runs, 0, r.loc);
      TableRow row = finish(rb, h);
      // A group row spans: drop the inner vertical borders.
      row.col_edges = t.numbered && n > 1 ? std::vector<double>{edges[0], edges[1], edges[n]}
                                          : std::vector<double>{edges[0], edges[n]};
      out.rows.push_back(std::move(row));
      continue;
    }
    for (size_t k = 0; k < r.cells.size() && col < n; ++k, ++col) {
      tmpl::ParaStyle s = st.table_cell;
      s.align = align_of(t.columns[col].align);
      size_t from = rb.row.lines.size();
      h = std::max(h, rb.cell(col, col + 1, cell_paras(r.cells[k], s), s));
      if (!r.cells[k].content.empty()) // a cell's text comes from its first paragraph's element
        for (size_t i = from; i < rb.row.lines.size(); ++i)
          stamp(rb.row.lines[i].line.runs, 0,
                std::visit([](const auto &v) { return v.loc; },
                           static_cast<const model::Block::variant &>(r.cells[k].content.front())));
    }
    for (CellLine &cl : rb.row.lines)
      stamp(cl.line.runs, 0, r.loc);
    out.rows.push_back(finish(rb, h));
  }
  return out;
}

} // namespace vb::layout::detail
