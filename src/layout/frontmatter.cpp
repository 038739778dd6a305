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
  if (!c.doc.title.empty()) { // a công văn has no tên loại
    out.push_back(make_para({span(c.doc.title, st.title)}, st.title, c, x, w));
    stamp(out, out.size() - 1, c.doc.title_text ? c.doc.title_loc : c.doc.kind_loc);
  }
  if (!c.doc.subject_in_header)
    for (const auto &line : c.doc.subject) {
      out.push_back(make_para(spans_of(line, st.subject), st.subject, c, x, w));
      stamp(out, out.size() - 1, c.doc.subject_loc);
    }
  if (auto r = geo::subject_rule(c.doc, st, c.fonts, c.frame))
    out.push_back(rule_para(x, c.frame.text_twips(), *r, st.after_subject.pt, c));
  if (!c.doc.issuer.empty()) {
    out.push_back(make_para({span(c.doc.issuer, st.issuer)}, st.issuer, c, x, w));
    stamp(out, out.size() - 1, c.doc.issuer_loc);
  }
  for (const geo::AddresseePara &a : geo::addressee_paras(c.doc, c.t, st, c.fonts, c.frame)) {
    ParaGeom g = geom_of(st.addressees, x, w);
    g.left = geo::pt(a.left);
    g.first = geo::pt(a.first);
    if (a.centre)
      g.align = tmpl::Align::Center;
    Para p;
    p.lines = break_lines(spans_of(a.runs, st.addressees), g, c.fonts);
    p.before = st.addressees.before.pt + geo::pt(a.before);
    p.after = st.addressees.after.pt;
    p.keep_next = st.addressees.keep_next;
    p.widow = st.addressees.widow_control;
    out.push_back(std::move(p));
    stamp(out, out.size() - 1, c.doc.addressees->loc);
  }
  // A Biên bản's particulars, as body fields.
  model::Blocks fields(c.doc.minutes.begin(), c.doc.minutes.end());
  add_blocks(fields, c, out);
}

void add_enacting(const Ctx &c, std::vector<Item> &out) {
  if (c.doc.enacting.empty())
    return;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  out.push_back(make_para({span(c.doc.enacting, c.st.enacting)}, c.st.enacting, c, x, w));
  stamp(out, out.size() - 1, c.doc.body_loc);
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

void add_attachment_heading(const model::Attachment &a, const Ctx &c, std::vector<Item> &out) {
  const auto &st = c.st;
  const double x = c.frame.text_x(), w = c.frame.text_w();
  const size_t from = out.size();
  out.push_back(make_para({span(a.title, st.title)}, st.title, c, x, w));
  for (const auto &line : a.subject)
    out.push_back(make_para(spans_of(line, st.subject), st.subject, c, x, w));
  out.push_back(make_para({span(a.attached_line, st.appendix_attached)}, st.appendix_attached, c, x, w));
  stamp(out, from, a.loc);
  if (auto r = geo::attachment_rule(a, st, c.fonts, c.frame))
    out.push_back(rule_para(x, c.frame.text_twips(), *r, st.after_subject.pt, c));
}

void add_ending(const Ctx &c, std::vector<Item> &out) {
  geo::PartyGrid sg = geo::signers(c.doc, c.st, c.fonts, c.frame);
  if (!sg.table.rows.empty())
    push_table(out, std::move(sg.table));
  geo::Ending e = geo::ending(c.doc, c.t, c.st, c.fonts, c.frame);
  if (!e.table.rows.empty())
    push_table(out, std::move(e.table));
  geo::PartyGrid g = geo::parties(c.doc, c.t, c.st, c.fonts, c.frame);
  if (!g.table.rows.empty())
    push_table(out, std::move(g.table));
}

} // namespace vb::layout::detail
