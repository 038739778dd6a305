// Page 1 header (ND30 ô 1–4), title block (ô 5a) and appendix headings, in
// the same structure as the DOCX: header table with cell margins 0, rules as
// bordered empty paragraphs (see geom in internal.hpp).
#include <algorithm>
#include <cmath>

#include "layout/internal.hpp"
#include "model/finalize.hpp"

namespace vb::layout::detail {

namespace {

// One paragraph per entry of `lines` in column [x, x+w) from y; returns y.
double column(const std::vector<std::string> &lines, const tmpl::ParaStyle &s, const Ctx &c, double x,
              double w, double y, Page &into) {
  for (const std::string &t : lines) {
    y += s.before.pt;
    y = paint_lines(break_lines({span(t, s)}, geom_of(s, x, w), c.fonts), y, into);
    y += s.after.pt;
  }
  return y;
}

double text_width(const tmpl::ParaStyle &s, const std::string &t, const Ctx &c) {
  return c.fonts.width(text::face_of(s.bold, s.italic), s.caps ? model::upper_vi(t) : t, s.size);
}

} // namespace

Fixed tiny() {
  Fixed f;
  f.height = geom::kTiny;
  return f;
}

Fixed rule_para(double box_x, double box_w, double len, double after, const Ctx &c) {
  long box = std::lround(box_w * 20);
  long l = std::min(box, std::lround(len * 20));
  long left = (box - l) / 2;
  Fixed f;
  double y = geom::kRuleBefore + c.st.rule_width / 2;
  f.content.rules.push_back(Rule{box_x + left / 20.0, y, box_x + (left + l) / 20.0, y, c.st.rule_width});
  f.height = geom::kRuleBefore + c.st.rule_width + geom::kRuleLine + after;
  f.keep_next = true;
  return f;
}

Fixed make_header(const Ctx &c) {
  Fixed f;
  f.is_table = true;
  const auto &st = c.st;
  const auto &h = c.doc.header;
  const double x0 = c.frame.text_x(), w = c.frame.text_w();
  const double lw = std::lround(w * 20 * c.t.header_left) / 20.0, rw = w - lw;
  const double lx = x0, rx = x0 + lw;

  auto &runs = f.content.runs;
  // Row 1, left: parent (regular) and agency (bold) with a short rule.
  double yl = column(h.parent, st.header_parent, c, lx, lw, 0, f.content);
  stamp(runs, 0, h.parent_loc);
  size_t from = runs.size();
  yl = column(h.agency, st.header_agency, c, lx, lw, yl, f.content);
  stamp(runs, from, h.agency_loc);
  double widest = 0;
  for (const auto &a : h.agency)
    widest = std::max(widest, text_width(st.header_agency, a, c));
  widest = std::min(widest, lw);
  if (std::lround(widest * geom::kAgencyRuleShare * 20) > 0) { // a rule of length 0 is not written
    Fixed r1 = rule_para(lx, lw, widest * geom::kAgencyRuleShare, 0, c);
    place(r1.content, yl, f.content);
    yl += r1.height;
  }
  // Row 1, right: Quốc hiệu and motto, the rule exactly as long as the motto.
  const std::string motto = "Độc lập - Tự do - Hạnh phúc";
  double yr = column({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}, st.header_national, c, rx, rw, 0, f.content);
  yr = column({motto}, st.header_motto, c, rx, rw, yr, f.content);
  Fixed r2 = rule_para(rx, rw, text_width(st.header_motto, motto, c), 0, c);
  place(r2.content, yr, f.content);
  yr += r2.height;

  // Row 2: number (left) and place/date (right, italic). Empty cells still
  // hold an empty paragraph.
  double y2 = std::max(yl, yr);
  from = runs.size();
  yl = column({h.number_line.empty() ? std::string() : h.number_line}, st.header_number, c, lx, lw, y2,
              f.content);
  stamp(runs, from, h.code_loc);
  from = runs.size();
  yr = column({h.date_line}, st.header_date, c, rx, rw, y2, f.content);
  stamp(runs, from, h.date_loc);
  stamp(runs, 0, h.loc); // the national name and motto
  f.height = std::max(yl, yr);
  return f;
}

void add_title_block(const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  out.push_back(make_para({span(c.doc.title, st.title)}, st.title, c, x, w));
  stamp(out, out.size() - 1, c.doc.kind_loc);
  double widest = 0;
  for (const auto &line : c.doc.subject) {
    out.push_back(make_para(spans_of(line, st.subject), st.subject, c, x, w));
    stamp(out, out.size() - 1, c.doc.subject_loc);
    widest = std::max(widest, text_width(st.subject, model::plain_text(line), c));
  }
  widest = std::min(widest, w);
  if (std::lround(widest * geom::kSubjectRuleShare * 20) > 0)
    out.push_back(rule_para(x, w, widest * geom::kSubjectRuleShare, st.after_subject.pt, c));
}

void add_appendix_heading(const model::Appendix &a, const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  const size_t from = out.size();
  out.push_back(make_para({span(a.label, st.appendix_label)}, st.appendix_label, c, x, w));
  out.push_back(make_para(spans_of(a.title, st.appendix_title), st.appendix_title, c, x, w));
  out.push_back(make_para({span(a.attached_line, st.appendix_attached)}, st.appendix_attached, c, x, w));
  stamp(out, from, a.loc);
  double widest = std::min(text_width(st.appendix_attached, a.attached_line, c), w);
  if (std::lround(widest * geom::kSubjectRuleShare * 20) > 0)
    out.push_back(rule_para(x, w, widest * geom::kSubjectRuleShare, st.after_subject.pt, c));
}

} // namespace vb::layout::detail
