// Body blocks of the model → paragraphs and tables, in the same paragraph
// styles (tmpl::Styles) that the DOCX writer emits.
#include <algorithm>

#include "layout/internal.hpp"
#include "model/finalize.hpp"

namespace vb::layout::detail {

Span span(std::string text, const tmpl::ParaStyle &s, bool bold, bool italic) {
  Span sp;
  sp.text = s.caps ? model::upper_vi(text) : std::move(text);
  sp.face = text::face_of(s.bold || bold, s.italic || italic);
  sp.size = s.size;
  return sp;
}

std::vector<Span> spans_of(const model::Inlines &in, const tmpl::ParaStyle &s) {
  std::vector<Span> out;
  out.reserve(in.size());
  for (const model::Inline &i : in) {
    switch (i.kind) {
    case model::Inline::Kind::Text:
    case model::Inline::Kind::Field: // finalize() resolves fields; print any left as is
      out.push_back(span(i.text, s, i.bold, i.italic));
      break;
    case model::Inline::Kind::Break: {
      Span b;
      b.kind = Span::Kind::Break;
      b.face = text::face_of(s.bold, s.italic);
      b.size = s.size;
      out.push_back(b);
      break;
    }
    case model::Inline::Kind::FootnoteRef: {
      Span m = span(std::to_string(i.footnote), s);
      m.superscript = true;
      m.footnote = i.footnote;
      out.push_back(std::move(m));
      break;
    }
    }
  }
  return out;
}

ParaGeom geom_of(const tmpl::ParaStyle &s, double x, double w) {
  ParaGeom g;
  g.x = x;
  g.width = w;
  g.left = s.left.pt;
  g.right = s.right.pt;
  g.first = s.first_line.pt;
  g.align = s.align;
  g.base_face = text::face_of(s.bold, s.italic);
  g.base_size = s.size;
  g.line = s.line;
  return g;
}

static Para para_from(std::vector<Line> lines, const tmpl::ParaStyle &s) {
  Para p;
  p.lines = std::move(lines);
  p.before = s.before.pt;
  p.after = s.after.pt;
  p.keep_next = s.keep_next;
  p.keep_lines = s.keep_lines;
  p.widow = s.widow_control;
  return p;
}

Para make_para(const std::vector<Span> &spans, const tmpl::ParaStyle &s, const Ctx &c, double x, double w) {
  return para_from(break_lines(spans, geom_of(s, x, w), c.fonts), s);
}

namespace {

struct Builder {
  const Ctx &c;
  std::vector<Item> &out;
  double x, w;

  void para(const std::vector<Span> &spans, const tmpl::ParaStyle &s) {
    out.push_back(make_para(spans, s, c, x, w));
  }

  // "<label> <content>" in one paragraph of style s.
  void labelled(const std::string &label, bool label_bold, const model::Inlines &content,
                const tmpl::ParaStyle &s) {
    std::vector<Span> sp;
    sp.push_back(span(label + " ", s, label_bold));
    auto rest = spans_of(content, s);
    sp.insert(sp.end(), rest.begin(), rest.end());
    para(sp, s);
  }

  void section(const model::Section &sec) {
    const auto &st = c.st;
    if (!sec.title.empty()) {
      const tmpl::ParaStyle &h = st.heading[std::clamp(sec.level, 1, 4) - 1];
      text::Face f = text::face_of(h.bold, h.italic);
      // Label at the first-line indent, a tab to the hanging indent, the
      // title (and wrapped lines) there — the DOCX has the same tab stop.
      Length hang = tmpl::label_hang(c.fonts.width(f, sec.label, h.size), c.fonts.advance(f, U' ', h.size));
      std::vector<Span> sp;
      sp.push_back(span(sec.label, h));
      Span tab;
      tab.kind = Span::Kind::Tab;
      tab.face = f;
      tab.size = h.size;
      sp.push_back(tab);
      auto title = spans_of(sec.title, h);
      sp.insert(sp.end(), title.begin(), title.end());
      if (!sec.runin.empty()) {
        tmpl::ParaStyle plain = h;
        plain.bold = false;
        plain.caps = false;
        sp.push_back(span(" ", plain));
        auto lead = spans_of(sec.runin, plain);
        sp.insert(sp.end(), lead.begin(), lead.end());
      }
      ParaGeom g = geom_of(h, x, w);
      g.left = h.first_line.pt + hang.pt;
      g.first = -hang.pt;
      g.tab = g.left;
      Para p = para_from(break_lines(sp, g, c.fonts), h);
      // A title followed by nothing needs no keep.
      out.push_back(std::move(p));
    } else {
      labelled(sec.label, false, sec.runin, st.body);
    }
    blocks(sec.body);
  }

  // Điều (label and title bold), khoản and điểm (upright), at the
  // paragraph indent, as the DOCX writes them.
  void article(const model::Article &a) {
    const auto &st = c.st;
    bool bold = a.level == model::Article::Level::Article;
    std::vector<Span> sp{span(a.label + " ", st.body, bold)};
    auto rest = a.title.empty() ? spans_of(a.runin, st.body) : spans_of(a.title, st.body);
    if (!a.title.empty() && bold)
      for (Span &x : rest)
        if (!x.superscript)
          x.face = text::face_of(true, x.face == text::Face::Italic || x.face == text::Face::BoldItalic);
    sp.insert(sp.end(), rest.begin(), rest.end());
    para(sp, st.body);
    if (!a.title.empty())
      std::get<Para>(out.back()).keep_next = true;
    blocks(a.body);
  }

  void block(const model::Block &b) {
    const auto &st = c.st;
    const size_t from = out.size();
    std::visit(
        [&](const auto &v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, model::Para>) {
            para(spans_of(v.content, st.body), st.body);
          } else if constexpr (std::is_same_v<T, model::Basis>) {
            para(spans_of(v.content, st.basis), st.basis);
          } else if constexpr (std::is_same_v<T, model::Section>) {
            section(v);
          } else if constexpr (std::is_same_v<T, model::Part>) {
            para({span(v.label, st.part_label)}, st.part_label);
            para(spans_of(v.title, st.part_title), st.part_title);
            blocks(v.body);
          } else if constexpr (std::is_same_v<T, model::ListItem>) {
            labelled(v.label, v.label_bold, v.content, st.body);
            blocks(v.children);
          } else if constexpr (std::is_same_v<T, model::Article>) {
            article(v);
          } else if constexpr (std::is_same_v<T, model::Field>) {
            std::vector<Span> sp{span(v.content.empty() ? v.label : v.label + " ", st.body)};
            auto rest = spans_of(v.content, st.body);
            sp.insert(sp.end(), rest.begin(), rest.end());
            para(sp, st.body);
            blocks(v.children);
          } else if constexpr (std::is_same_v<T, model::Phase>) {
            labelled(v.label, true, v.content, st.phase);
          } else if constexpr (std::is_same_v<T, model::Table>) {
            push_table(out, make_table(v, c));
          }
        },
        static_cast<const model::Block::variant &>(b));
    stamp(out, from,
          std::visit([](const auto &v) { return v.loc; }, static_cast<const model::Block::variant &>(b)));
  }

  void blocks(const model::Blocks &bs) {
    for (const auto &b : bs)
      block(b);
  }
};

} // namespace

void add_blocks(const model::Blocks &blocks, const Ctx &c, std::vector<Item> &out) {
  Builder b{c, out, c.frame.text_x(), c.frame.text_w()};
  b.blocks(blocks);
}

void stamp(std::vector<TextRun> &runs, size_t from, SourceLoc loc) {
  for (size_t i = from; i < runs.size(); ++i)
    if (runs[i].src.line == 0)
      runs[i].src = loc;
}

void stamp(std::vector<Line> &lines, SourceLoc loc) {
  for (Line &l : lines)
    stamp(l.runs, 0, loc);
}

void stamp(std::vector<Item> &items, size_t from, SourceLoc loc) {
  if (loc.line == 0)
    return;
  for (size_t i = from; i < items.size(); ++i) {
    if (auto *p = std::get_if<Para>(&items[i])) {
      stamp(p->lines, loc);
    } else if (auto *f = std::get_if<Fixed>(&items[i])) {
      stamp(f->content.runs, 0, loc);
    } else if (auto *t = std::get_if<Table>(&items[i])) {
      if (t->header)
        for (CellLine &cl : t->header->lines)
          stamp(cl.line.runs, 0, loc);
      for (TableRow &r : t->rows)
        for (CellLine &cl : r.lines)
          stamp(cl.line.runs, 0, loc);
    }
  }
}

void push_table(std::vector<Item> &out, Item table) {
  if (!out.empty()) {
    const Item &prev = out.back();
    auto *f = std::get_if<Fixed>(&prev);
    if (std::holds_alternative<Table>(prev) || (f && f->is_table))
      out.push_back(tiny());
  }
  out.push_back(std::move(table));
}

double paint_lines(const std::vector<Line> &lines, double y, Page &into) {
  for (const Line &l : lines) {
    for (TextRun r : l.runs) {
      r.y += y + l.ascent;
      into.runs.push_back(std::move(r));
    }
    y += l.height;
  }
  return y;
}

std::vector<Footnote> make_footnotes(const Ctx &c) {
  std::vector<Footnote> out;
  const auto &s = c.st.footnote;
  for (size_t i = 0; i < c.doc.footnotes.size(); ++i) {
    std::vector<Span> sp;
    Span mark = span(std::to_string(i + 1), s);
    mark.superscript = true;
    sp.push_back(mark);
    sp.push_back(span(" ", s));
    auto body = spans_of(c.doc.footnotes[i], s);
    sp.insert(sp.end(), body.begin(), body.end());
    Footnote f;
    f.lines = break_lines(sp, geom_of(s, c.frame.text_x(), c.frame.text_w()), c.fonts);
    f.height = s.before.pt + s.after.pt;
    for (const Line &l : f.lines)
      f.height += l.height;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace vb::layout::detail
