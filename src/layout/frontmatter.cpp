// Page 1 header (ND30 ô 1–4), title block (ô 5a), appendix headings and the
// ending, from the geometry the DOCX writer reads too (src/geometry).
#include <algorithm>

#include "layout/internal.hpp"

namespace vb::layout::detail {

Fixed tiny() {
  Fixed f;
  f.height = geo::pt(geo::kTiny);
  return f;
}

Fixed rule_para(double box_x, long box, const geo::RuleIndents &r, double after, const Ctx &c) {
  Fixed f;
  double y = geo::pt(geo::kRuleBefore) + c.st.rule_width / 2;
  f.content.rules.push_back(
      Rule{box_x + geo::pt(r.left), y, box_x + geo::pt(box - r.right), y, c.st.rule_width});
  f.height = geo::rule_height(c.st) + after;
  f.keep_next = true;
  return f;
}

void add_header(const Ctx &c, std::vector<Item> &out) {
  geo::PageHeader ph = geo::page_header(c.doc, c.t, c.st, c.fonts, c.frame);
  push_table(out, std::move(ph.table));
}

void add_title_block(const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  out.push_back(make_para({span(c.doc.title, st.title)}, st.title, c, x, w));
  stamp(out, out.size() - 1, c.doc.kind_loc);
  for (const auto &line : c.doc.subject) {
    out.push_back(make_para(spans_of(line, st.subject), st.subject, c, x, w));
    stamp(out, out.size() - 1, c.doc.subject_loc);
  }
  if (auto r = geo::subject_rule(c.doc, st, c.fonts, c.frame))
    out.push_back(rule_para(x, c.frame.text_twips(), *r, st.after_subject.pt, c));
}

void add_appendix_heading(const model::Appendix &a, const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  const size_t from = out.size();
  out.push_back(make_para({span(a.label, st.appendix_label)}, st.appendix_label, c, x, w));
  out.push_back(make_para(spans_of(a.title, st.appendix_title), st.appendix_title, c, x, w));
  out.push_back(make_para({span(a.attached_line, st.appendix_attached)}, st.appendix_attached, c, x, w));
  stamp(out, from, a.loc);
  if (auto r = geo::attached_rule(a, st, c.fonts, c.frame))
    out.push_back(rule_para(x, c.frame.text_twips(), *r, st.after_subject.pt, c));
}

void add_ending(const Ctx &c, std::vector<Item> &out) {
  geo::Ending e = geo::ending(c.doc, c.t, c.st, c.fonts, c.frame);
  if (!e.table.rows.empty())
    push_table(out, std::move(e.table));
  geo::PartyGrid g = geo::parties(c.doc, c.t, c.st, c.fonts, c.frame);
  if (!g.table.rows.empty())
    push_table(out, std::move(g.table));
}

} // namespace vb::layout::detail
