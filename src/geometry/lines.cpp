#include "geometry/lines.hpp"

#include "geometry/measure.hpp"
#include "model/finalize.hpp"

namespace vb::geo {

Span span(std::string text, const tmpl::ParaStyle &s, bool bold, bool italic) {
  Span sp;
  std::string glued = glue(text);
  sp.text = s.caps ? model::upper_vi(glued) : std::move(glued);
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

std::vector<Line> plain_lines(const std::string &text, const tmpl::ParaStyle &s, double x, double w,
                              const text::Fonts &fonts) {
  return break_lines({span(text, s)}, geom_of(s, x, w), fonts);
}

double height_of(const std::vector<Line> &lines) {
  double h = 0;
  for (const Line &l : lines)
    h += l.height;
  return h;
}

} // namespace vb::geo
