// Body blocks of the model → paragraphs and tables, in the same paragraph
// styles (tmpl::Styles) that the DOCX writer emits.
#include <algorithm>

#include "layout/internal.hpp"
#include "model/finalize.hpp"

namespace vb::layout::detail {

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
            push_table(out, geo::table(v, st, c.fonts, c.frame));
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

void stamp(std::vector<Item> &items, size_t from, SourceLoc loc) {
  if (loc.line == 0)
    return;
  auto runs = [&](std::vector<TextRun> &rs) {
    for (TextRun &r : rs)
      if (r.src.line == 0)
        r.src = loc;
  };
  for (size_t i = from; i < items.size(); ++i) {
    if (auto *p = std::get_if<Para>(&items[i])) {
      for (Line &l : p->lines)
        runs(l.runs);
    } else if (auto *f = std::get_if<Fixed>(&items[i])) {
      runs(f->content.runs);
    } else if (auto *t = std::get_if<Table>(&items[i])) {
      if (t->header)
        geo::stamp(*t->header, 0, loc);
      for (TableRow &r : t->rows)
        geo::stamp(r, 0, loc);
    }
  }
}

void push_table(std::vector<Item> &out, Table table) {
  if (!out.empty() && std::holds_alternative<Table>(out.back()))
    out.push_back(tiny());
  out.push_back(std::move(table));
}

std::vector<Footnote> make_footnotes(const Ctx &c) {
  std::vector<Footnote> out;
  const auto &s = c.st.footnote;
  for (size_t i = 0; i < c.doc.footnotes.size(); ++i) {
    Footnote f;
    Span mark = span(std::to_string(i + 1), s);
    mark.superscript = true;
    f.spans.push_back(mark);
    f.spans.push_back(span(" ", s));
    auto body = spans_of(c.doc.footnotes[i], s);
    f.spans.insert(f.spans.end(), body.begin(), body.end());
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace vb::layout::detail
