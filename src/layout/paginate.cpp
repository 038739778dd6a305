// Pagination: flows blocks into pages as the word processor does it for
// our DOCX, and loses nothing:
//  - paragraphs split between lines with widow/orphan control (2 lines) and
//    keep-with-next chains;
//  - table rows move whole to the next page when they are kept (cantSplit)
//    and fit on a page, otherwise split between lines (no widow control in
//    table cells, as in LibreOffice); a repeated header row is drawn again
//    on each page;
//  - footnotes go to the bottom of the page that references them; one that
//    does not fit there continues at the bottom of the next page (before
//    that page's own notes), as Word and LibreOffice continue it;
//  - page numbers on every page but a section's first.
// Linear in the document: each line is placed once, a split row is cut at
// positions found by one pass over its lines sorted by their bottoms.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <numeric>

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

using geo::pt;

constexpr double kEps = 0.01;
// The footnote area's rule and the gaps around it.
constexpr double kSep = geo::kFnSepAbove + geo::kFnSepWidth + geo::kFnSepBelow;

// Lines [from, to) of footnote `note`, laid out `width` twips wide (a note
// that continues into a section of another width keeps its lines).
struct Piece {
  int note = 0;
  size_t from = 0, to = 0;
  long width = 0;
};

// Where a row stands while it is placed part by part: for each cell, its
// lines in order, how many are placed, and how far its rest moves up (each
// cell of a split row goes on at the top of the next part, as in the word
// processor).
struct RowCut {
  std::vector<std::vector<size_t>> cells; // line indices per cell
  std::vector<size_t> next;               // first line of each cell not placed
  std::vector<double> shift;
  explicit RowCut(const TableRow &r) {
    for (size_t k = 0; k < r.lines.size(); ++k) {
      size_t c = size_t(std::max(0, r.lines[k].cell));
      if (c >= cells.size())
        cells.resize(c + 1);
      cells[c].push_back(k);
    }
    next.assign(cells.size(), 0);
    shift.assign(cells.size(), 0);
  }
  bool done() const {
    for (size_t c = 0; c < cells.size(); ++c)
      if (next[c] < cells[c].size())
        return false;
    return true;
  }
  double sh(int cell) const { return cell >= 0 && size_t(cell) < shift.size() ? shift[size_t(cell)] : 0; }
};

struct Pager {
  Pager(const Ctx &ctx, const std::vector<Footnote> &n) : c(ctx), c_(ctx), notes(n), frame(ctx.frame) {}
  const Ctx &c;
  const Ctx &c_; // (where `c` names a cell)
  const std::vector<Footnote> &notes;
  std::vector<Page> pages;
  std::vector<int> numbers; // page number within its section (1-based)
  Frame frame;
  double y = 0;
  bool fresh = true; // nothing placed yet on this page
  int section_page = 0;
  // Footnotes: the lines of each note per text width (laid out when first
  // needed), the pieces on this page, those that continue on the next one.
  std::map<long, std::vector<std::vector<Line>>> note_lines; // stable: callers hold references
  std::vector<bool> started;
  std::vector<Piece> fns, carry;
  double fn_height = 0;                                // the area on this page (0: none)
  double blocked = std::numeric_limits<double>::max(); // a split note filled the page below here

  double bottom_edge() const { return pt(frame.height - frame.bottom); }
  double limit() const { return std::min(bottom_edge() - fn_height, blocked); }
  double page_room() const { return frame.body_h(); }

  const std::vector<Line> &lines_of(int n) { return lines_of(n, frame.text_twips()); }
  const std::vector<Line> &lines_of(int n, long width) {
    auto &all = note_lines[width];
    if (all.empty())
      all.resize(notes.size());
    auto &ls = all[size_t(n - 1)];
    if (ls.empty())
      ls = break_lines(notes[size_t(n - 1)].spans, geom_of(c.st.footnote, frame.text_x(), geo::pt(width)),
                       c.fonts);
    return ls;
  }
  double piece_h(const Piece &p) {
    const auto &ls = lines_of(p.note, p.width);
    double h = 0;
    for (size_t k = p.from; k < p.to; ++k)
      h += ls[k].height;
    if (p.from == 0)
      h += c.st.footnote.before.pt;
    if (p.to == ls.size())
      h += c.st.footnote.after.pt;
    return h;
  }
  void add_piece(const Piece &p) {
    if (fns.empty())
      fn_height += kSep;
    fns.push_back(p);
    fn_height += piece_h(p);
  }
  bool is_new(int n) const { return n >= 1 && size_t(n) <= notes.size() && !started[size_t(n - 1)]; }

  // Lays notes (or what is left of them) into the room below `floor` on
  // this page; what does not fit continues on the next page. Once a note
  // continues, the notes after it wait for the next page too.
  void lay_notes(std::vector<Piece> todo, double floor) {
    for (Piece p : todo) {
      if (!carry.empty()) {
        carry.push_back(p);
        continue;
      }
      const auto &ls = lines_of(p.note, p.width);
      double room = bottom_edge() - fn_height - floor - (fns.empty() ? kSep : 0);
      double h = p.from == 0 ? c.st.footnote.before.pt : 0;
      size_t k = p.from;
      while (k < p.to &&
             h + ls[k].height + (k + 1 == ls.size() ? c.st.footnote.after.pt : 0) <= room + kEps) {
        h += ls[k].height;
        ++k;
      }
      if (k == p.to) {
        add_piece(p);
        continue;
      }
      if (k > p.from)
        add_piece({p.note, p.from, k, p.width});
      carry.push_back({p.note, k, p.to, p.width});
      blocked = floor; // the note fills the page: nothing more goes on it
    }
  }

  // The notes `l` starts, whole.
  void new_notes(const Line &l, std::vector<Piece> &out) {
    for (int n : l.footnotes)
      if (is_new(n)) {
        started[size_t(n - 1)] = true;
        out.push_back({n, 0, lines_of(n).size(), frame.text_twips()});
      }
  }

  void start_page(bool restart) {
    finish_page();
    Page p;
    p.width = pt(frame.width);
    p.height = pt(frame.height);
    // Pages are alike: reserving what the last one held spares the
    // doubling's copies, and the heap holes they would leave.
    if (!pages.empty())
      p.runs.reserve(pages.back().runs.size() + pages.back().runs.size() / 8 + 8);
    pages.push_back(std::move(p));
    section_page = restart ? 1 : section_page + 1;
    numbers.push_back(section_page);
    y = pt(frame.top);
    fresh = true;
    fns.clear();
    fn_height = 0;
    blocked = std::numeric_limits<double>::max();
    // Notes continued from the previous page come first; they may take the
    // whole page (a note longer than a page goes on over several).
    std::vector<Piece> cont = std::move(carry);
    carry.clear();
    if (!cont.empty())
      lay_notes(std::move(cont), y);
    if (blocked <= y + kEps)
      fresh = false;                     // a page of notes: the text waits for the next one
    if (!carry.empty() && fns.empty()) { // not one line fits: force one, or nothing would end
      Piece &p = carry.front();
      add_piece({p.note, p.from, p.from + 1, p.width});
      ++p.from;
      if (p.from == p.to)
        carry.erase(carry.begin());
      blocked = y;
    }
  }

  void finish_page() {
    if (pages.empty() || fns.empty())
      return;
    Page &pg = pages.back();
    double sy = bottom_edge() - fn_height + geo::kFnSepAbove + geo::kFnSepWidth / 2;
    pg.rules.push_back(
        Rule{frame.text_x(), sy, frame.text_x() + frame.text_w() * geo::kFnSepShare, sy, geo::kFnSepWidth});
    double fy = sy + geo::kFnSepWidth / 2 + geo::kFnSepBelow;
    for (const Piece &p : fns) {
      const auto &ls = lines_of(p.note, p.width);
      if (p.from == 0)
        fy += c.st.footnote.before.pt;
      for (size_t k = p.from; k < p.to; ++k) {
        for (TextRun r : ls[k].runs) {
          r.y += fy + ls[k].ascent;
          pg.runs.push_back(std::move(r));
        }
        fy += ls[k].height;
      }
      if (p.to == ls.size())
        fy += c.st.footnote.after.pt;
    }
  }

  // Copies the line's runs onto the page at y. Copies, not moves: a long
  // text moved would pin its item's memory, which pagination frees as it
  // goes, and the freed items could not be reused for the pages.
  void paint(const Line &l, double top) {
    std::vector<TextRun> &to = pages.back().runs;
    for (const TextRun &r : l.runs) {
      to.push_back(r);
      to.back().y += top + l.ascent;
    }
  }

  // How many of lines [i, n) fit from y (+ first_gap before the first), their
  // notes whole; `split` is set when one more line fits with only the start
  // of its note (that line then ends the page).
  size_t fitting(const std::vector<Line> &lines, size_t i, double first_gap, bool &split) {
    split = false;
    double acc = first_gap, fn = fn_height;
    bool any = !fns.empty();
    std::vector<int> local;
    size_t k = 0;
    for (size_t j = i; j < lines.size(); ++j) {
      double need = 0, first = 0;
      for (int n : lines[j].footnotes)
        if (is_new(n) && std::find(local.begin(), local.end(), n) == local.end()) {
          Piece p{n, 0, lines_of(n).size(), frame.text_twips()};
          if (first == 0)
            first = lines_of(n).front().height + c.st.footnote.before.pt + need + (any ? 0 : kSep);
          need += piece_h(p);
        }
      double sep = need > 0 && !any ? kSep : 0;
      double bottom = std::min(bottom_edge() - fn, blocked);
      if (y + acc + lines[j].height + need + sep <= bottom + kEps) {
        acc += lines[j].height;
        fn += need + sep;
        any = any || need > 0;
        for (int n : lines[j].footnotes)
          local.push_back(n);
        ++k;
        continue;
      }
      if (need > 0 && y + acc + lines[j].height + first <= bottom + kEps) {
        split = true;
        ++k;
      }
      break;
    }
    return k;
  }

  void para(const Para &p) {
    const size_t n = p.lines.size();
    size_t i = 0;
    while (i < n) {
      double gap = i == 0 ? p.before : 0;
      bool split = false;
      size_t k = fitting(p.lines, i, gap, split);
      size_t rem = n - i;
      if (k < rem) {
        size_t k0 = k;
        if (p.keep_lines)
          k = 0;
        else if (p.widow) {
          if (rem - k < 2)
            k = rem >= 2 ? rem - 2 : 0;
          if (k < 2)
            k = 0;
        }
        if (k == 0 && fresh)
          k = std::max<size_t>(1, k0);
        if (k < k0)
          split = false;
      }
      if (k > 0) {
        y += gap;
        for (size_t j = i; j < i + k; ++j) {
          paint(p.lines[j], y);
          y += p.lines[j].height;
          std::vector<Piece> todo;
          new_notes(p.lines[j], todo);
          if (!todo.empty())
            lay_notes(std::move(todo), y);
        }
        fresh = false;
        i += k;
      }
      if (i < n)
        start_page(false);
    }
    y += p.after;
  }

  void fixed(const Fixed &f) {
    if (!fresh && y + f.height > limit() + kEps)
      start_page(false);
    place(f.content, y, pages.back());
    y += f.height;
    fresh = false;
  }

  // Paints, for each cell, its lines [next, upto) at y (moved up by the
  // cell's shift) as a part `h` tall; boxes of the cell that start in it.
  void paint_row(const Table &t, const TableRow &r, RowCut &rc, const std::vector<size_t> &upto, double h,
                 bool last) {
    Page &pg = pages.back();
    std::vector<Piece> todo;
    for (size_t c = 0; c < rc.cells.size(); ++c)
      for (size_t k = rc.next[c]; k < upto[c]; ++k) {
        const CellLine &cl = r.lines[rc.cells[c][k]];
        paint(cl.line, y + cl.top - rc.shift[c]);
        new_notes(cl.line, todo);
      }
    auto in_part = [&](double top, int cell) {
      double rel = top - rc.sh(cell);
      return last ? rel >= -kEps : rel >= -kEps && rel < h;
    };
    auto cell_of = [](const std::vector<int> &v, size_t i) { return i < v.size() ? v[i] : 0; };
    for (size_t i = 0; i < r.rules.size(); ++i)
      if (Rule ru = r.rules[i]; in_part(ru.y1, cell_of(r.rule_cell, i))) {
        double dy = y - rc.sh(cell_of(r.rule_cell, i));
        ru.y1 += dy;
        ru.y2 += dy;
        pg.rules.push_back(ru);
      }
    for (size_t i = 0; i < r.images.size(); ++i)
      if (Image im = r.images[i]; in_part(im.y, cell_of(r.image_cell, i))) {
        im.y += y - rc.sh(cell_of(r.image_cell, i));
        pg.images.push_back(std::move(im));
      }
    for (size_t i = 0; i < r.fields.size(); ++i)
      if (SigField f = r.fields[i]; in_part(f.y, cell_of(r.field_cell, i))) {
        f.y += y - rc.sh(cell_of(r.field_cell, i));
        pg.fields.push_back(std::move(f));
      }
    if (t.borders && !r.col_edges.empty()) {
      double half = t.border / 2;
      double top = y + half, bot = y + h + half;
      pg.rules.push_back(Rule{r.col_edges.front(), top, r.col_edges.back(), top, t.border});
      pg.rules.push_back(Rule{r.col_edges.front(), bot, r.col_edges.back(), bot, t.border});
      // A vertical line occupies [x, x + 0.5] for a column boundary x (measured).
      for (double x : r.col_edges)
        pg.rules.push_back(Rule{x + half, top - half, x + half, bot + half, t.border});
    }
    rc.next = upto;
    y += h;
    fresh = false;
    if (!todo.empty())
      lay_notes(std::move(todo), y);
  }

  // Height the notes the remaining lines start need, whole; `first`: the
  // room the first of them needs to start on this page.
  double row_notes(const TableRow &r, const RowCut &rc, double *first = nullptr) {
    double need = 0, start = 0;
    std::vector<int> seen;
    for (size_t c = 0; c < rc.cells.size(); ++c)
      for (size_t k = rc.next[c]; k < rc.cells[c].size(); ++k)
        for (int n : r.lines[rc.cells[c][k]].line.footnotes)
          if (is_new(n) && std::find(seen.begin(), seen.end(), n) == seen.end()) {
            seen.push_back(n);
            if (seen.size() == 1)
              start = lines_of(n).front().height + c_.st.footnote.before.pt;
            need += piece_h({n, 0, lines_of(n).size(), frame.text_twips()});
          }
    double sep = need > 0 && fns.empty() ? kSep : 0;
    if (first)
      *first = start + sep;
    return need + sep;
  }

  // Places row `r`: whole when it fits (or moved whole to the next page when
  // it is kept and fits on one); otherwise cut where the page ends, each
  // cell between two of its lines. `header` is drawn before it on each page.
  void row(const Table &t, const TableRow &r, const TableRow *header) {
    RowCut rc(r);
    const double lead = t.pad_top + (t.borders ? t.border : 0);
    bool split = false;
    std::vector<size_t> all(rc.cells.size());
    for (size_t c = 0; c < rc.cells.size(); ++c)
      all[c] = rc.cells[c].size();
    while (true) {
      bool need_header = header && header_on != pages.size();
      double hh = need_header ? header->height : 0;
      double rest = r.height;
      if (split) { // what is left: the lowest remaining line of any cell
        rest = 0;
        for (size_t c = 0; c < rc.cells.size(); ++c)
          if (rc.next[c] < rc.cells[c].size()) {
            const CellLine &cl = r.lines[rc.cells[c].back()];
            rest = std::max(rest, cl.top + cl.line.height - rc.shift[c]);
          }
        rest += t.pad_bottom;
      }
      double first_note = 0;
      double notes = row_notes(r, rc, &first_note);
      // Whole, with its notes; or, when it may not split, whole with the
      // start of its notes (they go on over the next page). (LibreOffice
      // sometimes keeps such a row and moves all its notes on, sometimes
      // moves the row: we follow the rule of text lines.)
      if (y + hh + rest + notes <= limit() + kEps ||
          (r.keep && !split && notes > 0 && y + hh + rest + first_note <= limit() + kEps)) {
        draw_header(t, header, need_header);
        paint_row(t, r, rc, all, rest, true);
        return;
      }
      if (r.keep && !fresh && !split && rest + hh <= page_room() + kEps) {
        start_page(false);
        continue;
      }
      // Cut: in each cell, the lines that end above the room left (padding
      // below them), with the notes they start.
      double cut = limit() - y - hh - t.pad_bottom;
      std::vector<size_t> upto = rc.next;
      double notes_h = 0, bottom = 0;
      std::vector<int> seen;
      bool stop = false;
      for (size_t c = 0; c < rc.cells.size() && !stop; ++c)
        while (upto[c] < rc.cells[c].size()) {
          const CellLine &cl = r.lines[rc.cells[c][upto[c]]];
          double end = cl.top - rc.shift[c] + cl.line.height;
          double need = 0, first = 0;
          for (int n : cl.line.footnotes)
            if (is_new(n) && std::find(seen.begin(), seen.end(), n) == seen.end()) {
              if (first == 0)
                first = need + lines_of(n).front().height + c_.st.footnote.before.pt;
              need += piece_h({n, 0, lines_of(n).size(), frame.text_twips()});
            }
          double sep = need > 0 && fns.empty() && notes_h == 0 ? kSep : 0;
          if (end + notes_h + need + sep > cut + kEps) {
            // Its note may start here and go on over the next page.
            if (need > 0 && end + notes_h + first + sep <= cut + kEps) {
              ++upto[c];
              bottom = std::max(bottom, end);
              stop = true; // the note fills the page
            }
            break;
          }
          notes_h += need + sep;
          for (int n : cl.line.footnotes)
            seen.push_back(n);
          bottom = std::max(bottom, end);
          ++upto[c];
        }
      bool none = upto == rc.next;
      if (none && !fresh) { // not one line fits here
        start_page(false);
        continue;
      }
      if (none) // an empty page and still no room: one line, or nothing would end
        for (size_t c = 0; c < rc.cells.size(); ++c)
          if (upto[c] < rc.cells[c].size()) {
            const CellLine &cl = r.lines[rc.cells[c][upto[c]]];
            bottom = cl.top - rc.shift[c] + cl.line.height;
            ++upto[c];
            break;
          }
      draw_header(t, header, need_header);
      bool last = upto == all;
      paint_row(t, r, rc, upto, last ? std::max(bottom + t.pad_bottom, rest) : bottom + t.pad_bottom, last);
      if (last)
        return;
      for (size_t c = 0; c < rc.cells.size(); ++c)
        if (rc.next[c] < rc.cells[c].size())
          rc.shift[c] = r.lines[rc.cells[c][rc.next[c]]].top - lead;
      split = true;
      start_page(false);
    }
  }

  // The repeated header row, once per page (`header_on`: 1 + the page it is on).
  size_t header_on = 0;
  void draw_header(const Table &t, const TableRow *header, bool need) {
    if (need && header) {
      RowCut rc(*header);
      std::vector<size_t> all(rc.cells.size());
      for (size_t c = 0; c < rc.cells.size(); ++c)
        all[c] = rc.cells[c].size();
      paint_row(t, *header, rc, all, header->height, true);
      header_on = pages.size();
    }
  }

  static double total_height(const Table &t) {
    double h = t.header ? t.header->height : 0;
    for (const TableRow &r : t.rows)
      h += r.height;
    return h;
  }

  // `chained`: what precedes keeps with the table (its chain was moved, or
  // not, as a whole already).
  void table(const Table &t, bool chained) {
    const TableRow *repeat = t.header && t.repeat_header ? &*t.header : nullptr;
    // Rows kept together (every paragraph keeps with the next) move to a new
    // page when they do not fit here; LibreOffice moves them even when they
    // are taller than a page, and then splits them there.
    if (t.keep_together && !fresh && !chained && y + total_height(t) > limit() + kEps)
      start_page(false);
    if (t.header && !t.repeat_header)
      row(t, *t.header, nullptr); // a header too tall to repeat is an ordinary row
    header_on = 0;                // the header goes before the first row, and again on each new page
    for (const TableRow &r : t.rows)
      row(t, r, repeat);
    if (t.rows.empty() && repeat)
      row(t, *repeat, nullptr);
    header_on = 0;
    if (t.borders)
      y += t.border; // the last row's bottom border
  }

  // Height a chain of keep-with-next items starting at i needs on one page;
  // `table` is set when the chain ends in a table.
  double chain(const std::vector<Item> &items, size_t i, bool &table) const {
    double h = 0;
    table = false;
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
        table = true;
        if (t->header && t->repeat_header)
          h += t->header->height;
        if (t->keep_together)
          return h + total_height(*t);
        const TableRow *r = t->header && (!t->repeat_header || t->rows.empty()) ? &*t->header
                            : !t->rows.empty()                                  ? &t->rows[0]
                                                                                : nullptr;
        if (r && r->keep) {
          h += r->height;
        } else if (r && !r->lines.empty()) { // the first line of each cell starts the row
          double first = 0;
          for (const CellLine &cl : r->lines)
            first = std::max(first, cl.top + cl.line.height);
          h += std::min(first + t->pad_bottom, r->height);
        }
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
        frame = np->frame;
        start_page(np->restart_numbering);
        prev_keeps = false;
        continue;
      }
      // Keep-with-next: move the whole chain when it does not fit here but
      // would on an empty page.
      if (!fresh && keeps(it) && !prev_keeps) {
        bool table = false;
        double h = chain(items, i, table);
        // A chain taller than a page stays, unless it ends in a table: the
        // word processor moves a heading whose table does not start on its
        // page, even when the table's first row then moves on again.
        if (y + h > limit() + kEps && (h <= page_room() || table))
          start_page(false);
      }
      bool chained = prev_keeps;
      prev_keeps = keeps(it);
      if (auto *p = std::get_if<Para>(&it))
        para(*p);
      else if (auto *f = std::get_if<Fixed>(&it))
        fixed(*f);
      else if (auto *t = std::get_if<Table>(&it))
        table(*t, chained);
      it = NewPage{};
    }
    while (!carry.empty()) // notes still to finish: pages of notes
      start_page(false);
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
      r.x = (pages[i].width - c.fonts.width(f, s, ps.size)) / 2 + (c.frame.text_x() - pt(c.frame.right)) / 2;
      r.y = geo::page_number_baseline(c.t); // the DOCX puts the header paragraph so that its baseline is here
      pages[i].runs.push_back(std::move(r));
    }
  }
};

} // namespace

std::vector<Page> paginate(std::vector<Item> items, const std::vector<Footnote> &notes, const Ctx &c) {
  Pager p(c, notes);
  p.started.assign(notes.size(), false);
  p.start_page(true);
  p.run(items);
  p.page_numbers();
  return std::move(p.pages);
}

} // namespace vb::layout::detail
