// The text between the trích yếu and the closing: căn cứ lines and opening
// paragraphs, then the numbered tree. A label's kind (I., 1., 1.1., a),
// Điều …) is a depth the first time it is seen; seen again it closes what
// was opened below it. Labels are dropped: vanban numbers the tree again.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include "import/recognise.hpp"
#include "model/finalize.hpp"

namespace vb::imp {

using model::Inline;
using model::Inlines;
using model::ListItem;

namespace {

// One paragraph of the body: an item, or a part of one when a text's lines
// start a list item or a section in the middle of a block.
struct Unit {
  Inlines content;
  Label label;
  const Item *it = nullptr;
};

std::vector<Unit> units_of(const Item &it, bool docx) {
  std::vector<Unit> out;
  std::vector<Inlines> cur;
  std::vector<bool> soft;
  auto flush = [&] {
    if (cur.empty())
      return;
    Unit u;
    // A DOCX's breaks are the author's; a text's soft line ends are wraps.
    Inlines c;
    for (size_t i = 0; i < cur.size(); ++i) {
      if (i) {
        Inline b;
        if (!soft[i - 1] || docx)
          b.kind = Inline::Kind::Break;
        else
          b.text = " ";
        c.push_back(b);
      }
      c.insert(c.end(), cur[i].begin(), cur[i].end());
    }
    trim_inlines(c);
    u.content = std::move(c);
    u.label = peek_label(u.content);
    u.it = &it;
    out.push_back(std::move(u));
    cur.clear();
    soft.clear();
  };
  for (size_t i = 0; i < it.lines.size(); ++i) {
    bool soft_before = i > 0 && i - 1 < it.soft.size() && it.soft[i - 1];
    if (i > 0 && soft_before && !docx && peek_label(it.lines[i]).kind != LabelKind::None)
      flush();
    if (!cur.empty())
      soft.push_back(soft_before);
    cur.push_back(it.lines[i]);
  }
  flush();
  return out;
}

bool ends_with(const std::string &s, const char *e) {
  size_t n = std::strlen(e);
  return s.size() >= n && s.compare(s.size() - n, n, e) == 0;
}

size_t words(const std::string &s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ')
      in = false;
    else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

bool any_bold(const Inlines &in) {
  for (const auto &r : in)
    if (r.kind == Inline::Kind::Text && r.bold && r.text.find_first_not_of(' ') != std::string::npos)
      return true;
  return false;
}

void unbold(Inlines &in) {
  for (auto &r : in)
    r.bold = false;
  trim_inlines(in);
}

// Splits `in` after its leading bold runs: the title, and the rest. Note
// marks and spaces between bold runs belong to the title.
bool split_bold(const Inlines &in, Inlines &title, Inlines &rest) {
  size_t k = 0;
  while (k < in.size() &&
         (in[k].bold || in[k].kind == Inline::Kind::FootnoteRef || in[k].kind == Inline::Kind::Break ||
          (in[k].kind == Inline::Kind::Text && in[k].text.find_first_not_of(' ') == std::string::npos)))
    ++k;
  // …but a space before the rest is the rest's.
  while (k > 0 && in[k - 1].kind == Inline::Kind::Text &&
         in[k - 1].text.find_first_not_of(' ') == std::string::npos)
    --k;
  if (k == 0)
    return false;
  title.assign(in.begin(), in.begin() + long(k));
  rest.assign(in.begin() + long(k), in.end());
  trim_inlines(title);
  trim_inlines(rest);
  return !title.empty();
}

struct Builder {
  Ctx &ctx;
  model::Blocks &root;
  bool cells_only;
  struct Frame {
    LabelKind kind;
    model::Blocks *body;
    std::map<LabelKind, int> last = {}; // the last number seen of each child kind
  };
  std::vector<Frame> stack;
  std::map<LabelKind, int> root_last;

  // Numbers that skip ("1., 3.") are renumbered by vanban: say so.
  void sequence(const Label &l, int pos) {
    auto &last = stack.empty() ? root_last : stack.back().last;
    auto it = last.find(l.kind);
    if (it != last.end() && l.number != it->second + 1 && l.kind != LabelKind::Alpha &&
        l.kind != LabelKind::Dash && l.kind != LabelKind::Plus)
      ctx.warn(pos,
               "the source numbers " + l.written + " after " + std::to_string(it->second) +
                   ": vanban numbers in sequence",
               "check that nothing is missing");
    last[l.kind] = l.number;
  }
  bool numbered_arabic = false; // the text's "1." items are a covenant's numbered list

  model::Blocks &here() { return stack.empty() ? root : *stack.back().body; }

  ListItem *last_item(model::Blocks &bs) { return bs.empty() ? nullptr : std::get_if<ListItem>(&bs.back()); }

  void para(Unit &u) { here().push_back(model::Para{std::move(u.content), ctx.loc(u.it->pos)}); }

  void section(Unit &u, const std::vector<Unit> &units, size_t idx) {
    Label l = u.label;
    // Close to the frame of the same kind, or open below the current one.
    auto same = std::find_if(stack.begin(), stack.end(), [&](const Frame &f) { return f.kind == l.kind; });
    if (same != stack.end())
      stack.erase(same, stack.end());
    sequence(l, u.it->pos);
    Inlines content = u.content;
    take_label(content);
    model::Section s;
    s.loc = ctx.loc(u.it->pos);
    std::string text = model::plain_text(content, " ");
    Inlines title, rest;
    bool heading_role = u.it->role == Role::Heading;
    bool bold_head = ctx.src.docx && split_bold(content, title, rest);
    if (heading_role || bold_head) {
      if (title.empty()) {
        title = content;
        rest.clear();
      }
      s.title = title;
      s.runin = rest;
      unbold(s.title);
    } else if ((!ctx.src.docx || (u.it->role == Role::None && !any_bold(content))) &&
               titled_text(content, title, rest, units, idx)) {
      // Text, or a DOCX that does not set titles apart by weight: go by
      // the words. (vanban's own untitled sections carry their style.)
      s.title = title;
      s.runin = rest;
    } else {
      s.runin = content;
    }
    if (s.title.empty() && s.runin.empty())
      s.runin = inlines_of("…");
    // A text with articles: Điều, its khoản "1." and their điểm "a)".
    std::optional<model::Article::Level> level;
    LabelKind above = stack.empty() ? LabelKind::None : stack.back().kind;
    const Kind *kind = ctx.kinds.by_name(ctx.doc.kind);
    if (!kind || !kind->articles)
      ; // a kind without articles (a plan imported with --kind): Điều are sections
    else if (l.kind == LabelKind::Article)
      level = model::Article::Level::Article;
    else if (l.kind == LabelKind::Arabic && above == LabelKind::Article)
      level = model::Article::Level::Clause;
    else if (l.kind == LabelKind::Alpha && above == LabelKind::Arabic && stack.size() >= 2 &&
             stack[stack.size() - 2].kind == LabelKind::Article)
      level = model::Article::Level::Point;
    if (level) {
      model::Article a;
      a.level = *level;
      a.loc = s.loc;
      a.title = std::move(s.title);
      a.runin = std::move(s.runin);
      here().push_back(std::move(a));
      stack.push_back({l.kind, &std::get<model::Article>(here().back()).body});
      return;
    }
    here().push_back(std::move(s));
    auto &sec = std::get<model::Section>(here().back());
    stack.push_back({l.kind, &sec.body});
  }

  // Text has no bold: a title is short and does not end a sentence; "Chủ
  // đề: “…”" is a title with a lead.
  bool titled_text(const Inlines &content, Inlines &title, Inlines &rest, const std::vector<Unit> &, size_t) {
    std::string t = collapse(model::plain_text(content, " "));
    if (t.empty())
      return false;
    if (all_caps(t)) {
      title = content;
      return true;
    }
    size_t colon = t.find(':');
    if (colon != std::string::npos && colon + 1 < t.size() && words(t.substr(0, colon)) <= 8) {
      // Split the inlines after the colon when what follows is quoted or italic.
      Inlines a, b;
      bool after = false, quoted = false;
      for (const auto &r : content) {
        if (after || r.kind != Inline::Kind::Text) {
          (after ? b : a).push_back(r);
          continue;
        }
        size_t c = r.text.find(':');
        if (c == std::string::npos) {
          a.push_back(r);
          continue;
        }
        Inline x = r, y = r;
        x.text = r.text.substr(0, c + 1);
        y.text = r.text.substr(c + 1);
        a.push_back(x);
        if (!y.text.empty())
          b.push_back(y);
        after = true;
      }
      trim_inlines(a);
      trim_inlines(b);
      std::string lead = model::plain_text(b, " ");
      quoted = !b.empty() && (b.front().italic || lead.rfind("\u201C", 0) == 0 || lead.rfind("\"", 0) == 0);
      if (quoted) {
        title = a;
        rest = b;
        return true;
      }
    }
    if (words(t) <= 30 && !ends_with(t, ".") && !ends_with(t, ";") && !ends_with(t, ",") &&
        !ends_with(t, "./.")) {
      title = content;
      return true;
    }
    return false;
  }

  void item(Unit &u, const std::vector<Unit> &units, size_t idx) {
    Label l = u.label;
    Inlines content = u.content;
    take_label(content);
    ListItem li;
    li.loc = ctx.loc(u.it->pos);
    li.content = std::move(content);
    model::Blocks &bs = here();
    ListItem *prev = last_item(bs);
    if (l.kind == LabelKind::Target) {
      sequence(l, u.it->pos);
      li.kind = ListItem::Kind::Target;
      bs.push_back(std::move(li));
      return;
    }
    if (l.kind == LabelKind::Arabic) { // numbered (covenant)
      li.kind = ListItem::Kind::Numbered;
      bs.push_back(std::move(li));
      return;
    }
    bool plus = l.kind == LabelKind::Plus;
    li.kind = plus ? ListItem::Kind::Plus : ListItem::Kind::Dash;
    if (prev) {
      // "+" goes under the nearest "-" item (or a target / numbered item).
      if (plus) {
        ListItem *p = prev;
        while (!p->children.empty() && std::get_if<ListItem>(&p->children.back()) &&
               std::get<ListItem>(p->children.back()).kind == ListItem::Kind::Dash)
          p = &std::get<ListItem>(p->children.back());
        if (p->kind != ListItem::Kind::Plus) {
          p->children.push_back(std::move(li));
          return;
        }
      } else if (prev->kind == ListItem::Kind::Target || prev->kind == ListItem::Kind::Numbered) {
        // Dashes under a target that announces them (":"), or between two
        // targets, belong to it.
        std::string pt = collapse(model::plain_text(prev->content, " "));
        bool announce = ends_with(pt, ":") || !prev->children.empty();
        size_t k = idx + 1;
        while (k < units.size() &&
               (units[k].label.kind == LabelKind::Dash || units[k].label.kind == LabelKind::Plus))
          ++k;
        bool between = k < units.size() && units[k].label.kind == LabelKind::Target;
        if (announce || between) {
          prev->children.push_back(std::move(li));
          return;
        }
      }
    }
    bs.push_back(std::move(li));
  }

  void table(const Item &it);

  void run(const std::vector<Unit> &units_in) {
    std::vector<Unit> units = units_in;
    for (size_t i = 0; i < units.size(); ++i) {
      Unit &u = units[i];
      if (!u.it->para) {
        table(*u.it);
        continue;
      }
      LabelKind k = u.label.kind;
      if (u.it->role == Role::Phase || k == LabelKind::Star) {
        model::Phase ph;
        ph.loc = ctx.loc(u.it->pos);
        ph.content = u.content;
        if (k == LabelKind::Star)
          take_label(ph.content);
        unbold(ph.content);
        if (cells_only)
          here().push_back(model::Para{std::move(ph.content), ph.loc});
        else
          here().push_back(std::move(ph));
        continue;
      }
      if (cells_only) {
        if (k == LabelKind::Dash || k == LabelKind::Plus)
          item(u, units, i);
        else
          para(u);
        continue;
      }
      if (u.it->role == Role::PartLabel || k == LabelKind::Part) {
        model::Part p;
        p.loc = ctx.loc(u.it->pos);
        Inlines content = u.content;
        take_label(content);
        if (content.empty() && i + 1 < units.size() && units[i + 1].it->para &&
            (units[i + 1].it->role == Role::PartTitle ||
             all_caps(model::plain_text(units[i + 1].content, " "))) &&
            units[i + 1].label.kind == LabelKind::None)
          content = units[++i].content;
        unbold(content);
        if (content.empty())
          content = inlines_of("…");
        p.title = std::move(content);
        stack.clear();
        root.push_back(std::move(p));
        stack.push_back({LabelKind::Part, &std::get<model::Part>(root.back()).body});
        continue;
      }
      if (k == LabelKind::Arabic && numbered_arabic) {
        item(u, units, i);
        continue;
      }
      if (is_section(k)) {
        section(u, units, i);
        continue;
      }
      if (k == LabelKind::Target || k == LabelKind::Dash || k == LabelKind::Plus) {
        item(u, units, i);
        continue;
      }
      para(u);
    }
  }
};

// ------------------------------------------------------------ tables
std::string cell_text(const Cell &c) {
  std::string s;
  for (const auto &p : c.paras)
    s += (s.empty() ? "" : " ") + plain(p.spans, " ");
  return collapse(s);
}

bool roman_text(const std::string &s) {
  std::string t = s;
  while (!t.empty() && t.back() == '.')
    t.pop_back();
  for (int n = 1; n <= 40; ++n)
    if (model::roman(n) == t)
      return true;
  return false;
}

bool digits_text(const std::string &s) {
  std::string t = s;
  while (!t.empty() && t.back() == '.')
    t.pop_back();
  return !t.empty() && t.size() <= 4 && t.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

void Builder::table(const Item &it) {
  const Table &t = *it.table;
  model::Table mt;
  mt.loc = ctx.loc(it.pos);
  mt.borders = t.borders;
  // Expand spans to the grid; merged cells keep their text in the first.
  size_t ncols = t.widths.size();
  for (const auto &r : t.rows) {
    size_t n = 0;
    for (const auto &c : r.cells)
      n += size_t(c.span);
    ncols = std::max(ncols, n);
  }
  if (ncols == 0)
    return;
  struct G {
    const Cell *cell = nullptr; // null: covered by a span or a vertical merge
    int span = 1;
  };
  std::vector<std::vector<G>> grid;
  std::vector<bool> header;
  bool merged_warned = false;
  for (const auto &r : t.rows) {
    std::vector<G> row;
    for (const auto &c : r.cells) {
      row.push_back({c.merged ? nullptr : &c, c.span});
      for (int k = 1; k < c.span; ++k)
        row.push_back({nullptr, 0});
    }
    row.resize(ncols);
    grid.push_back(std::move(row));
    header.push_back(r.header);
  }
  // Header rows: marked as repeated, or vanban's header style, or a first
  // row all bold in a DOCX.
  size_t nhead = 0;
  while (nhead < grid.size() && header[nhead])
    ++nhead;
  if (nhead == 0 && !grid.empty() && ctx.src.docx) {
    bool bold = true, any = false;
    for (const auto &g : grid[0])
      if (g.cell)
        for (const auto &p : g.cell->paras) {
          Item pi;
          for (const auto &s : p.spans)
            if (s.kind == Span::Kind::Text) {
              Inline r;
              r.text = s.text;
              r.bold = s.bold;
              pi.lines.resize(1);
              pi.lines[0].push_back(r);
            }
          if (!pi.lines.empty() && !pi.text().empty()) {
            any = true;
            // vanban's own cells say what they are; a bold first row of
            // another writer's table is its header.
            bold = bold && (p.role == Role::TableHeader || (p.role == Role::None && pi.bold()));
          }
        }
    if (any && bold && grid.size() > 1)
      nhead = 1;
  }
  mt.header_row = nhead > 0;
  std::vector<std::string> heads(ncols);
  for (size_t r = 0; r < nhead; ++r)
    for (size_t c = 0; c < ncols; ++c)
      if (grid[r][c].cell) {
        std::string s = cell_text(*grid[r][c].cell);
        if (!s.empty())
          heads[c] += (heads[c].empty() ? "" : " ") + s;
      }
  if (nhead > 1)
    ctx.warn(it.pos, "a table header of " + std::to_string(nhead) + " rows is joined into one",
             "vanban tables have one header row");
  // An STT column: numbers (and roman numerals for group rows) down the first column.
  bool numbered = false;
  if (mt.header_row && ncols >= 2) {
    std::string h = Kinds::fold(heads[0]);
    if (h == "STT" || h == "TT" || h == "SỐ TT" || h == "SỐ THỨ TỰ") {
      numbered = true;
      for (size_t r = nhead; r < grid.size(); ++r) {
        std::string s = grid[r][0].cell ? cell_text(*grid[r][0].cell) : "";
        if (!(digits_text(s) || roman_text(s) || s.empty()))
          numbered = false;
      }
    }
  }
  mt.numbered = numbered;
  // Columns: widths relative to the narrowest, alignment by majority.
  // Widths as small whole ratios when they are (vanban writes 1 : 6 : 2.5 …
  // as twips), else relative to the narrowest column.
  std::vector<double> weights(ncols, 1.0);
  double minw = 0;
  for (double w : t.widths)
    if (w > 0 && (minw == 0 || w < minw))
      minw = w;
  if (t.widths.size() == ncols && minw > 0) {
    bool whole = false;
    for (int k = 1; k <= 10 && !whole; ++k) {
      whole = true;
      for (double w : t.widths) {
        double q = w * k / minw;
        if (std::fabs(q - std::round(q)) > 0.02 * std::max(1.0, q))
          whole = false;
      }
      if (whole)
        for (size_t c = 0; c < ncols; ++c)
          weights[c] = std::round(t.widths[c] * k / minw) / (k <= 2 ? k : 1);
    }
    if (!whole)
      for (size_t c = 0; c < ncols; ++c)
        weights[c] = std::max(0.1, std::round(t.widths[c] / minw * 10) / 10);
  } else if (!ctx.src.docx) {
    // Text tables carry no widths: share by the longest text of each column.
    std::vector<size_t> longest(ncols, 1);
    for (const auto &row : grid)
      for (size_t c = 0; c < ncols; ++c)
        if (row[c].cell)
          longest[c] = std::max(longest[c], cell_text(*row[c].cell).size());
    size_t lo = *std::min_element(longest.begin(), longest.end());
    for (size_t c = 0; c < ncols; ++c)
      weights[c] = std::min(6.0, std::round(double(longest[c]) / double(std::max<size_t>(lo, 1)) * 2) / 2);
  }
  for (size_t c = 0; c < ncols; ++c) {
    model::Column col;
    col.header = inlines_of(heads[c]);
    col.weight = weights[c];
    int counts[5] = {0, 0, 0, 0, 0};
    for (size_t r = nhead; r < grid.size(); ++r)
      if (grid[r][c].cell && grid[r][c].span == 1)
        for (const auto &p : grid[r][c].cell->paras) {
          // A list item is printed flush left whatever its column says.
          std::string pt = plain(p.spans);
          if (!pt.empty() && pt.rfind("- ", 0) != 0 && pt.rfind("+ ", 0) != 0)
            ++counts[int(p.align)];
        }
    int best = int(Align::Left);
    for (int a : {int(Align::Center), int(Align::Right), int(Align::Justify)})
      if (counts[a] > counts[best])
        best = a;
    col.align = best == int(Align::Center)    ? model::Column::Align::Center
                : best == int(Align::Right)   ? model::Column::Align::Right
                : best == int(Align::Justify) ? model::Column::Align::Justify
                                              : model::Column::Align::Left;
    mt.columns.push_back(std::move(col));
  }
  // Cell content: paragraphs and dash lists; one paragraph stays text.
  auto content = [&](const Cell *c) {
    model::Cell out;
    if (!c)
      return out;
    std::vector<Item> paras;
    for (const auto &p : c->paras) {
      Source tmp_src;
      (void)tmp_src;
      Item pi;
      pi.para = &p;
      pi.pos = p.pos;
      pi.role = p.role;
      pi.align = p.align;
      pi.lines.emplace_back();
      for (const auto &s : p.spans) {
        if (s.kind == Span::Kind::Break || s.kind == Span::Kind::SoftBreak) {
          pi.lines.emplace_back();
          pi.soft.push_back(s.kind == Span::Kind::SoftBreak);
          continue;
        }
        Inline r;
        if (s.kind == Span::Kind::NoteRef) {
          r.kind = Inline::Kind::FootnoteRef;
          r.footnote = s.note;
        } else {
          r.text = s.kind == Span::Kind::Tab ? " " : s.text;
          r.bold = s.bold;
          r.italic = s.italic;
        }
        pi.lines.back().push_back(r);
      }
      for (auto &l : pi.lines)
        trim_inlines(l);
      if (!pi.text().empty() || pi.lines.size() > 1 || !pi.lines[0].empty())
        paras.push_back(std::move(pi));
    }
    std::vector<Unit> units;
    for (const auto &p : paras)
      for (auto &u : units_of(p, ctx.src.docx))
        units.push_back(std::move(u));
    if (units.size() == 1) {
      out.content.push_back(model::Para{units[0].content, ctx.loc(units[0].it->pos)});
      return out;
    }
    Builder b{ctx, out.content, true};
    b.run(units);
    return out;
  };
  std::string numbers_seen;
  for (size_t r = nhead; r < grid.size(); ++r) {
    const auto &row = grid[r];
    model::Row mr;
    mr.loc = ctx.loc(row[0].cell && !row[0].cell->paras.empty() ? row[0].cell->paras[0].pos : it.pos);
    size_t first = numbered ? 1 : 0;
    std::string stt = numbered && row[0].cell ? cell_text(*row[0].cell) : "";
    // A group row: a roman numeral, then one cell across the rest.
    size_t filled = 0;
    for (size_t c = first; c < ncols; ++c)
      if (row[c].cell && !cell_text(*row[c].cell).empty())
        ++filled;
    if (numbered && roman_text(stt) && (row[first].span == int(ncols - first) || filled <= 1)) {
      mr.kind = model::Row::Kind::Group;
      for (size_t c = first; c < ncols; ++c)
        if (row[c].cell) {
          model::Cell cc = content(row[c].cell);
          for (auto &b : cc.content)
            if (auto *p = std::get_if<model::Para>(&b)) {
              if (!mr.group_title.empty())
                mr.group_title.push_back(inlines_of(" ")[0]);
              mr.group_title.insert(mr.group_title.end(), p->content.begin(), p->content.end());
            }
        }
      unbold(mr.group_title);
      mt.rows.push_back(std::move(mr));
      continue;
    }
    for (size_t c = first; c < ncols; ++c) {
      if (!row[c].cell && !merged_warned && row[c].span != 1) {
        merged_warned = true;
        ctx.warn(it.pos, "merged table cells are split: the text stays in the first of them",
                 "vanban tables have no merged cells except group rows");
      }
      mr.cells.push_back(content(row[c].cell));
    }
    if (row.size() && !row[0].cell && !merged_warned) {
      merged_warned = true;
      ctx.warn(it.pos, "merged table cells are split: the text stays in the first of them",
               "vanban tables have no merged cells except group rows");
    }
    mt.rows.push_back(std::move(mr));
  }
  // A text's table without a header whose rows read "- label:" | value is
  // a label–value list: printed without borders.
  if (!ctx.src.docx && !mt.header_row && ncols == 2 && !mt.rows.empty()) {
    bool list = true;
    for (const auto &r : mt.rows) {
      const model::Para *p = r.cells.empty() || r.cells[0].content.empty()
                                 ? nullptr
                                 : std::get_if<model::Para>(&r.cells[0].content[0]);
      std::string first = p ? model::plain_text(p->content, " ") : "";
      if (!(first.rfind("- ", 0) == 0 || (!first.empty() && first.back() == ':')))
        list = false;
    }
    if (list)
      mt.borders = false;
  }
  if (mt.rows.empty() && !mt.header_row) {
    ctx.warn(it.pos, "an empty table is left out");
    return;
  }
  if (cells_only) {
    ctx.warn(it.pos, "a table inside a table cell is kept as its text");
    return;
  }
  here().push_back(std::move(mt));
}

// ------------------------------------------------------------ opening
namespace {

bool structural(const Item &it) {
  if (it.table || it.role == Role::Heading || it.role == Role::Phase || it.role == Role::PartLabel)
    return true;
  Label l = peek_label(it.lines[0]);
  return l.kind != LabelKind::None;
}

bool basis_like(const Item &it) {
  if (it.role == Role::Basis)
    return true;
  if (it.role != Role::None)
    return false;
  std::string t = it.text();
  return t.rfind("Căn cứ", 0) == 0 && !ends_with(t, ":");
}

bool opener_like(const Item &it) {
  std::string t = it.text();
  for (const char *w : {"Căn cứ", "Thực hiện", "Nhằm", "Theo đề nghị", "Xét đề nghị", "Trên cơ sở", "Để "})
    if (t.rfind(w, 0) == 0)
      return true;
  return it.role == Role::Basis;
}

} // namespace

void opening(Ctx &ctx, size_t end) {
  size_t first = ctx.at;
  while (first < end && !structural(ctx.items[first]))
    ++first;
  if (first == end) {
    // No numbered tree: the opening is the căn cứ and "Thực hiện …" run.
    first = ctx.at;
    while (first < end && opener_like(ctx.items[first]))
      ++first;
  }
  for (; ctx.at < first; ++ctx.at) {
    const Item &it = ctx.items[ctx.at];
    model::Inlines c = join(it.lines, ctx.src.docx);
    if (!ctx.src.docx) {
      std::vector<model::Inlines> ls = it.lines;
      c = join(ls, false);
    }
    if (basis_like(it)) {
      for (auto &r : c)
        r.italic = false; // căn cứ lines are italic by themselves
      // vanban ends each căn cứ with ";" and the last with ".".
      if (!c.empty() && c.back().kind == model::Inline::Kind::Text)
        while (!c.back().text.empty() &&
               (c.back().text.back() == ';' || c.back().text.back() == '.' || c.back().text.back() == ' '))
          c.back().text.pop_back();
      trim_inlines(c);
      ctx.doc.opening.push_back(model::Basis{std::move(c), ctx.loc(it.pos)});
    } else {
      ctx.doc.opening.push_back(model::Para{std::move(c), ctx.loc(it.pos)});
    }
  }
}

void body(Ctx &ctx, size_t end, model::Blocks &out, bool cells_only) {
  std::vector<Unit> units;
  for (; ctx.at < end; ++ctx.at) {
    const Item &it = ctx.items[ctx.at];
    if (it.table) {
      Unit u;
      u.it = &it;
      units.push_back(u);
      continue;
    }
    for (auto &u : units_of(it, ctx.src.docx))
      units.push_back(std::move(u));
  }
  Builder b{ctx, out, cells_only};
  // A covenant's "1." items: no other kind of section label, none titled,
  // one label at least in bold (vanban writes its numbered items so).
  {
    bool other = false, bold = false, any = false, titled = false, styled = false;
    for (const auto &u : units) {
      if (!u.it->para)
        continue;
      styled = styled || u.it->role != Role::None;
      LabelKind k = u.label.kind;
      if (is_section(k) && k != LabelKind::Arabic)
        other = true;
      if (k == LabelKind::Part || u.it->role == Role::Heading)
        other = true;
      if (k == LabelKind::Arabic) {
        any = true;
        bold = bold || u.label.bold;
        Inlines c = u.content;
        take_label(c);
        std::string t = collapse(model::plain_text(c, " "));
        if (words(t) <= 12 && !ends_with(t, ".") && !ends_with(t, ";"))
          titled = true;
      }
    }
    // Without bold to tell, a kind numbered "1." at the top (a covenant)
    // has its commitments as a numbered list.
    const Kind *k = ctx.kinds.by_name(ctx.doc.kind);
    bool arabic_kind = k && k->arabic_top && !styled;
    b.numbered_arabic = any && (bold || arabic_kind) && !other && !titled;
  }
  b.run(units);
}

} // namespace vb::imp
