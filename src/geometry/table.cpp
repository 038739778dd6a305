// Tables: column widths from weights, cell padding, group rows spanning the
// columns after the STT, a header row centred vertically and repeated on
// each page when it is not too tall.
#include <algorithm>
#include <functional>

#include "geometry/blocks.hpp"

namespace vb::geo {

bool fits_page(double height, const Frame &f) {
  return height <= f.body_h() + 0.01;
}

bool repeats(double header_height, const Frame &f) {
  return header_height <= f.body_h() / 2;
}

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

// A paragraph of a cell and its alignment.
struct CellPara {
  std::vector<Span> spans;
  tmpl::Align align;
};

} // namespace

void stamp(Row &row, size_t from, SourceLoc loc) {
  if (loc.line == 0)
    return;
  for (size_t i = from; i < row.lines.size(); ++i)
    for (TextRun &r : row.lines[i].line.runs)
      if (r.src.line == 0)
        r.src = loc;
}

namespace {

struct RowBuilder {
  const text::Fonts &fonts;
  const std::vector<double> &edges;
  Row row;
  double pad_l, pad_r, pad_t;
  int para = 0, cells = 0;

  // Lays paragraphs into the cell spanning columns [c0, c1); returns the
  // bottom of its content.
  double cell(size_t c0, size_t c1, const std::vector<CellPara> &paras, const tmpl::ParaStyle &s) {
    double x = edges[c0] + pad_l, w = edges[c1] - edges[c0] - pad_l - pad_r;
    double y = pad_t;
    int cell_no = cells++;
    for (const CellPara &p : paras) {
      y += s.before.pt;
      ParaGeom g = geom_of(s, x, w);
      g.align = p.align;
      for (Line &l : break_lines(p.spans, g, fonts)) {
        double h = l.height;
        row.lines.push_back(CellLine{y, std::move(l), para, s.widow_control, cell_no});
        y += h;
      }
      ++para;
      y += s.after.pt;
    }
    return y;
  }
};

std::vector<CellPara> cell_paras(const model::Cell &cell, const tmpl::ParaStyle &s) {
  std::vector<CellPara> out;
  std::function<void(const model::Blocks &)> walk = [&](const model::Blocks &bs) {
    for (const auto &b : bs) {
      if (auto *p = std::get_if<model::Para>(&b)) {
        out.push_back({spans_of(p->content, s), s.align});
      } else if (auto *li = std::get_if<model::ListItem>(&b)) {
        // A list reads from the left: in a centred column it is left-aligned.
        std::vector<Span> sp{span(li->label + " ", s, li->label_bold)};
        auto rest = spans_of(li->content, s);
        sp.insert(sp.end(), rest.begin(), rest.end());
        out.push_back({std::move(sp), s.align == tmpl::Align::Center ? tmpl::Align::Left : s.align});
        walk(li->children);
      } else if (auto *bs2 = std::get_if<model::Basis>(&b)) {
        out.push_back({spans_of(bs2->content, s), s.align});
      }
    }
  };
  walk(cell.content);
  return out;
}

} // namespace

TableGeom table(const model::Table &t, const tmpl::Styles &st, const text::Fonts &fonts, const Frame &f) {
  TableGeom out;
  out.borders = t.borders;
  out.border = st.table_border;
  out.pad_top = st.cell_pad_top.pt;
  out.pad_bottom = st.cell_pad_bottom.pt;
  const size_t n = t.columns.size();
  if (n == 0)
    return out;
  std::vector<double> weights;
  for (const auto &col : t.columns)
    weights.push_back(col.weight);
  out.cols = column_widths(f.text_twips(), weights);
  std::vector<double> edges(n + 1);
  edges[0] = f.text_x();
  long used = 0;
  for (size_t i = 0; i < n; ++i) {
    used += out.cols[i];
    edges[i + 1] = f.text_x() + pt(used);
  }
  // Borders take room: LibreOffice (measured) adds one border width per row,
  // above its content.
  const double bw = t.borders ? st.table_border : 0;
  auto builder = [&] {
    return RowBuilder{fonts, edges, {}, st.cell_pad_left.pt, st.cell_pad_right.pt, out.pad_top + bw};
  };
  auto finish = [&](RowBuilder &rb, double content) {
    rb.row.height = content + out.pad_bottom;
    rb.row.col_edges = edges;
    return std::move(rb.row);
  };

  if (t.header_row) {
    // Header cells are centred vertically (w:vAlign="center" in the DOCX).
    RowBuilder rb = builder();
    double h = 0;
    std::vector<std::pair<size_t, double>> cells; // first line, bottom
    for (size_t i = 0; i < n; ++i) {
      size_t first = rb.row.lines.size();
      double bottom =
          rb.cell(i, i + 1, {{spans_of(t.columns[i].header, st.table_header), st.table_header.align}},
                  st.table_header);
      cells.emplace_back(first, bottom);
      h = std::max(h, bottom);
    }
    // (A header row taller than a page splits; its cells then start at the
    // top, as LibreOffice draws a split row.)
    if (fits_page(h + out.pad_bottom, f))
      for (size_t i = 0; i < n; ++i) {
        size_t end = i + 1 < n ? cells[i + 1].first : rb.row.lines.size();
        for (size_t k = cells[i].first; k < end; ++k)
          rb.row.lines[k].top += (h - cells[i].second) / 2;
      }
    out.header = finish(rb, h);
    out.repeat_header = repeats(out.header->height, f);
    out.header->keep = fits_page(out.header->height, f);
  }
  const double repeated = out.header && out.repeat_header ? out.header->height : 0;
  for (const model::Row &r : t.rows) {
    RowBuilder rb = builder();
    double h = 0;
    size_t col = 0;
    if (t.numbered) {
      tmpl::ParaStyle s = st.table_cell;
      s.align = tmpl::Align::Center;
      s.bold = r.kind == model::Row::Kind::Group;
      h = std::max(h, rb.cell(0, 1, {{{span(r.number, s)}, s.align}}, s));
      col = 1;
    }
    if (r.kind == model::Row::Kind::Group) {
      tmpl::ParaStyle s = st.table_cell;
      s.bold = true;
      h = std::max(h, rb.cell(col, n, {{spans_of(r.group_title, s), s.align}}, s));
      stamp(rb.row, 0, r.loc);
      Row row = finish(rb, h);
      // A group row spans: no inner vertical borders.
      row.col_edges = t.numbered && n > 1 ? std::vector<double>{edges[0], edges[1], edges[n]}
                                          : std::vector<double>{edges[0], edges[n]};
      row.keep = fits_page(row.height + repeated, f);
      out.rows.push_back(std::move(row));
      continue;
    }
    for (size_t k = 0; k < r.cells.size() && col < n; ++k, ++col) {
      tmpl::ParaStyle s = st.table_cell;
      s.align = align_of(t.columns[col].align);
      const size_t from = rb.row.lines.size();
      h = std::max(h, rb.cell(col, col + 1, cell_paras(r.cells[k], s), s));
      if (!r.cells[k].content.empty()) // a cell's text: its first paragraph's element
        stamp(rb.row, from,
              std::visit([](const auto &v) { return v.loc; },
                         static_cast<const model::Block::variant &>(r.cells[k].content.front())));
    }
    stamp(rb.row, 0, r.loc);
    Row row = finish(rb, h);
    row.keep = fits_page(row.height + repeated, f);
    out.rows.push_back(std::move(row));
  }
  return out;
}

} // namespace vb::geo
