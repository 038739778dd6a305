// Pagination: flows blocks into pages with widow/orphan control (2 lines),
// keep-with-next chains, unsplittable fixed blocks, tables split between rows
// (header repeated; a row taller than the room left splits between lines),
// footnotes at the bottom of the page that references them, page numbers.
#include <algorithm>

#include "layout/internal.hpp"

namespace vb::layout::detail {

void place(const Page &content, double dy, Page &into) {
  for (TextRun r : content.runs) {
    r.y += dy;
    into.runs.push_back(std::move(r));
  }
  for (Rule r : content.rules) {
    r.y1 += dy;
    r.y2 += dy;
    into.rules.push_back(r);
  }
  for (Image im : content.images) {
    im.y += dy;
    into.images.push_back(std::move(im));
  }
  for (SigField f : content.fields) {
    f.y += dy;
    into.fields.push_back(std::move(f));
  }
}

namespace {

// Footnote area as LibreOffice lays it out for our DOCX: a gap, the
// separator rule, a gap, then the notes (stacked from the area's top, the
// area ending at the bottom margin).
constexpr double kSepAbove = geom::kFnSepAbove;
constexpr double kSepBelow = geom::kFnSepBelow;

struct Pager {
  Pager(const Ctx &ctx, const std::vector<Footnote> &n) : c(ctx), notes(n), frame(ctx.frame) {}
  const Ctx &c;
  const std::vector<Footnote> &notes;
  std::vector<Page> pages;
  std::vector<int> numbers; // page number within its section (1-based)
  Frame frame;
  double y = 0;
  double fn_height = 0; // footnote area height on the current page (0 = none)
  std::vector<int> fns; // footnotes on the current page
  bool fresh = true;    // nothing placed yet on this page
  int section_page = 0;

  double limit() const { return frame.height - frame.bottom - fn_height; }

  void start_page(bool restart) {
    finish_page();
    Page p;
    p.width = frame.width;
    p.height = frame.height;
    // Pages are alike: reserving what the last one held spares the
    // doubling's copies, and the heap holes they would leave.
    if (!pages.empty())
      p.runs.reserve(pages.back().runs.size() + pages.back().runs.size() / 8 + 8);
    pages.push_back(std::move(p));
    section_page = restart ? 1 : section_page + 1;
    numbers.push_back(section_page);
    y = frame.top;
    fn_height = 0;
    fns.clear();
    fresh = true;
  }

  void finish_page() {
    if (pages.empty() || fns.empty())
      return;
    Page &pg = pages.back();
    double top = frame.height - frame.bottom - fn_height;
    double sy = top + kSepAbove;
    sy += geom::kFnSepWidth / 2;
    pg.rules.push_back(
        Rule{frame.text_x(), sy, frame.text_x() + frame.text_w() * geom::kFnSepShare, sy, geom::kFnSepWidth});
    double fy = sy + geom::kFnSepWidth / 2 + kSepBelow;
    for (int n : fns) {
      const Footnote &f = notes[size_t(n - 1)];
      fy = paint_lines(f.lines, fy + c.st.footnote.before.pt, pg) + c.st.footnote.after.pt;
    }
  }

  // Extra height the footnotes of `l` need on this page (with `pending` already counted).
  double fn_need(const Line &l, std::vector<int> &pending) const {
    double h = 0;
    for (int n : l.footnotes) {
      if (n < 1 || size_t(n) > notes.size())
        continue;
      if (std::find(fns.begin(), fns.end(), n) != fns.end() ||
          std::find(pending.begin(), pending.end(), n) != pending.end())
        continue;
      if (fns.empty() && pending.empty())
        h += kSepAbove + geom::kFnSepWidth + kSepBelow;
      pending.push_back(n);
      h += notes[size_t(n - 1)].height;
    }
    return h;
  }

  // Copies the line's runs onto the page. Copies, not moves: a long text
  // moved would pin its item's memory, which pagination frees as it goes,
  // and the freed items could not be reused for the pages.
  void place_line(const Line &l) {
    std::vector<int> pending;
    fn_height += fn_need(l, pending);
    fns.insert(fns.end(), pending.begin(), pending.end());
    std::vector<TextRun> &to = pages.back().runs;
    for (const TextRun &r : l.runs) {
      to.push_back(r);
      to.back().y += y + l.ascent;
    }
    y += l.height;
    fresh = false;
  }

  // How many of lines [i, n) fit from y (+ first_gap before the first).
  size_t fitting(const std::vector<Line> &lines, size_t i, double first_gap) const {
    std::vector<int> pending;
    double acc = first_gap, fn = 0;
    size_t k = 0;
    for (size_t j = i; j < lines.size(); ++j) {
      fn += fn_need(lines[j], pending);
      acc += lines[j].height;
      if (y + acc > limit() - fn + 0.01)
        break;
      ++k;
    }
    return k;
  }

  void para(const Para &p) {
    const size_t n = p.lines.size();
    size_t i = 0;
    while (i < n) {
      double gap = i == 0 ? p.before : 0;
      size_t k = fitting(p.lines, i, gap);
      size_t rem = n - i;
      if (k < rem) {
        if (p.keep_lines)
          k = 0;
        else if (p.widow) {
          if (rem - k < 2)
            k = rem >= 2 ? rem - 2 : 0;
          if (k < 2)
            k = 0;
        }
        if (k == 0 && fresh)
          k = std::max<size_t>(1, fitting(p.lines, i, gap));
      }
      if (k > 0) {
        y += gap;
        for (size_t j = i; j < i + k; ++j)
          place_line(p.lines[j]);
        i += k;
      }
      if (i < n)
        start_page(false);
    }
    y += p.after;
  }

  void paint_fixed(const Fixed &f) {
    place(f.content, y, pages.back());
    y += f.height;
    fresh = false;
  }

  void fixed(const Fixed &f) {
    if (!fresh && y + f.height > limit() + 0.01)
      start_page(false);
    paint_fixed(f);
  }

  void row(const Table &t, const TableRow &r) {
    Page &pg = pages.back();
    // Footnotes referenced in cells go to this page too.
    std::vector<int> pending;
    for (const CellLine &cl : r.lines)
      fn_height += fn_need(cl.line, pending);
    fns.insert(fns.end(), pending.begin(), pending.end());
    for (const CellLine &cl : r.lines)
      for (TextRun run : cl.line.runs) {
        run.y += y + cl.top + cl.line.ascent;
        pg.runs.push_back(std::move(run));
      }
    if (t.borders && !r.col_edges.empty()) {
      double half = t.border / 2;
      double top = y + half, bot = y + r.height + half;
      pg.rules.push_back(Rule{r.col_edges.front(), top, r.col_edges.back(), top, t.border});
      pg.rules.push_back(Rule{r.col_edges.front(), bot, r.col_edges.back(), bot, t.border});
      // A vertical line occupies [x, x + 0.5] for a column boundary x (measured).
      for (double x : r.col_edges)
        pg.rules.push_back(Rule{x + half, top - half, x + half, bot + half, t.border});
    }
    y += r.height;
    fresh = false;
  }

  // Splits `r` so that its first part fits in `room`; false when no line fits.
  static bool split_row(const Table &t, const TableRow &r, double room, TableRow &first, TableRow &rest) {
    double cut = room - t.pad_bottom;
    first = TableRow{0, {}, r.col_edges, r.header};
    rest = TableRow{0, {}, r.col_edges, r.header};
    double first_bottom = 0, rest_top = r.height;
    for (const CellLine &cl : r.lines) {
      if (cl.top + cl.line.height <= cut + 0.01) {
        first.lines.push_back(cl);
        first_bottom = std::max(first_bottom, cl.top + cl.line.height);
      } else {
        rest.lines.push_back(cl);
        rest_top = std::min(rest_top, cl.top);
      }
    }
    if (first.lines.empty() || rest.lines.empty())
      return false;
    double lead = t.pad_top + (t.borders ? t.border : 0);
    double shift = rest_top - lead;
    for (CellLine &cl : rest.lines)
      cl.top -= shift;
    first.height = first_bottom + t.pad_bottom;
    rest.height = r.height - shift;
    return true;
  }

  void table(const Table &t) {
    auto header_h = t.header ? t.header->height : 0.0;
    bool need_header = true;
    for (size_t i = 0; i < t.rows.size(); ++i) {
      TableRow cur = t.rows[i];
      while (true) {
        double hh = need_header ? header_h : 0;
        if (y + hh + cur.height <= limit() + 0.01) {
          if (need_header && t.header)
            row(t, *t.header);
          need_header = false;
          row(t, cur);
          break;
        }
        // Rows do not split (the DOCX marks them cantSplit) unless one is
        // taller than a whole page.
        TableRow a, b;
        double page_room = frame.height - frame.top - frame.bottom - hh;
        bool too_tall = cur.height > page_room;
        if (!fresh && !too_tall) {
          // move the row to the next page
        } else if (split_row(t, cur, limit() - y - hh, a, b)) {
          if (need_header && t.header)
            row(t, *t.header);
          row(t, a);
          cur = std::move(b);
        } else if (fresh) {
          // Nothing fits even on an empty page: place it anyway.
          if (need_header && t.header)
            row(t, *t.header);
          row(t, cur);
          break;
        }
        start_page(false);
        need_header = true;
      }
    }
    if (t.rows.empty() && t.header)
      fixed_row(t);
    if (t.borders)
      y += t.border; // the last row's bottom border
  }

  void fixed_row(const Table &t) {
    if (!fresh && y + t.header->height > limit())
      start_page(false);
    row(t, *t.header);
  }

  // Height a chain of keep-with-next items starting at i needs on one page.
  double chain(const std::vector<Item> &items, size_t i) const {
    double h = 0;
    for (size_t j = i; j < items.size(); ++j) {
      const Item &it = items[j];
      if (auto *p = std::get_if<Para>(&it)) {
        bool whole = p->keep_next || p->keep_lines;
        // The smallest first part widow/orphan control allows: 2 lines, or
        // all of a paragraph of 3 (2 + 1 would leave a widow).
        size_t n = p->lines.size();
        if (!whole)
          n = p->widow ? (n <= 3 ? n : 2) : std::min<size_t>(n, 1);
        h += p->before;
        for (size_t k = 0; k < n; ++k)
          h += p->lines[k].height;
        if (!p->keep_next)
          return h;
        h += p->after;
      } else if (auto *f = std::get_if<Fixed>(&it)) {
        h += f->height;
        if (!f->keep_next)
          return h;
      } else if (auto *t = std::get_if<Table>(&it)) {
        h += (t->header ? t->header->height : 0) + (t->rows.empty() ? 0 : t->rows[0].height);
        return h;
      } else {
        return h;
      }
    }
    return h;
  }

  static bool keeps(const Item &it) {
    if (auto *p = std::get_if<Para>(&it))
      return p->keep_next;
    if (auto *f = std::get_if<Fixed>(&it))
      return f->keep_next;
    return false;
  }

  // Items are consumed: once placed, an item's memory is released, so that
  // a long document never holds its lines twice (as items and as pages).
  void run(std::vector<Item> &items) {
    bool prev_keeps = false;
    for (size_t i = 0; i < items.size(); ++i) {
      Item &it = items[i];
      if (auto *np = std::get_if<NewPage>(&it)) {
        frame.width = np->width;
        frame.height = np->height;
        start_page(np->restart_numbering);
        prev_keeps = false;
        continue;
      }
      // Keep-with-next: move the whole chain when it does not fit here but
      // would on an empty page.
      if (!fresh && keeps(it) && !prev_keeps) {
        double h = chain(items, i);
        double page_room = frame.height - frame.top - frame.bottom;
        if (y + h > limit() + 0.01 && h <= page_room)
          start_page(false);
      }
      prev_keeps = keeps(it);
      if (auto *p = std::get_if<Para>(&it))
        para(*p);
      else if (auto *f = std::get_if<Fixed>(&it))
        fixed(*f);
      else if (auto *t = std::get_if<Table>(&it))
        table(*t);
      it = NewPage{};
    }
    finish_page();
  }

  void page_numbers() {
    const auto &ps = c.st.page_number;
    text::Face f = text::face_of(ps.bold, ps.italic);
    for (size_t i = 0; i < pages.size(); ++i) {
      if (numbers[i] <= 1)
        continue; // none on a section's first page (ND30)
      std::string s = std::to_string(numbers[i]);
      TextRun r;
      r.face = f;
      r.size = ps.size;
      r.text = s;
      r.x = (pages[i].width - c.fonts.width(f, s, ps.size)) / 2 + (c.frame.left - c.frame.right) / 2;
      r.y = c.t.header_distance.pt; // the DOCX puts the header paragraph so that its baseline is here
      pages[i].runs.push_back(std::move(r));
    }
  }
};

} // namespace

std::vector<Page> paginate(std::vector<Item> items, const std::vector<Footnote> &notes, const Ctx &c) {
  Pager p(c, notes);
  p.start_page(true);
  p.run(items);
  p.page_numbers();
  return std::move(p.pages);
}

} // namespace vb::layout::detail
