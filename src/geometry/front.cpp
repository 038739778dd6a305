// Page 1's header (ND30 ô 1–4), the rules under it and under the title
// block, and the printed form of one-line items that wrap.
#include <algorithm>
#include <cmath>

#include "geometry/blocks.hpp"
#include "geometry/measure.hpp"
#include "model/finalize.hpp"
#include "util/words.hpp"

namespace vb::geo {

namespace {

std::string join(const std::vector<std::string> &w, size_t b, size_t e) {
  std::string s;
  for (size_t k = b; k < e; ++k)
    s += (k > b ? " " : "") + w[k];
  return s;
}

bool fits(const std::string &text, const tmpl::ParaStyle &s, double width, const text::Fonts &fonts) {
  return plain_lines(text, s, 0, width, fonts).size() <= 1;
}

// Words packed greedily into lines `width` wide (a word alone may overflow).
std::vector<std::string> pack(const std::vector<std::string> &w, const tmpl::ParaStyle &s, double width,
                              const text::Fonts &fonts) {
  std::vector<std::string> lines;
  size_t b = 0;
  while (b < w.size()) {
    size_t e = b + 1;
    while (e < w.size() && fits(join(w, b, e + 1), s, width, fonts))
      ++e;
    lines.push_back(join(w, b, e));
    b = e;
  }
  return lines;
}

// The words that name an administrative unit (Luật Tổ chức chính quyền địa
// phương), longest first.
const std::vector<std::vector<std::string>> &unit_words() {
  static const std::vector<std::vector<std::string>> u = {{"THÀNH", "PHỐ"}, {"THỊ", "XÃ"}, {"THỊ", "TRẤN"},
                                                          {"ĐẶC", "KHU"},   {"TỈNH"},      {"HUYỆN"},
                                                          {"QUẬN"},         {"PHƯỜNG"},    {"XÃ"}};
  return u;
}

bool unit_at(const std::vector<std::string> &w, size_t k) {
  for (const auto &u : unit_words()) {
    if (k + u.size() > w.size())
      continue;
    if (!std::equal(u.begin(), u.end(), w.begin() + long(k)))
      continue;
    // "XÃ HỘI" (society) is not a commune; "THỊ XÃ" was matched before "XÃ".
    if (u.size() == 1 && u[0] == "XÃ" && k + 1 < w.size() && w[k + 1] == "HỘI")
      return false;
    if (u.size() == 1 && u[0] == "XÃ" && k > 0 && w[k - 1] == "THỊ")
      return false;
    return true;
  }
  return false;
}

} // namespace

std::vector<std::string> balanced_lines(const std::string &line, const tmpl::ParaStyle &s, double width,
                                        const text::Fonts &fonts) {
  std::vector<std::string> w = split_words(line);
  if (w.size() < 3 || fits(line, s, width, fonts))
    return {line};
  for (const auto &word : w)
    if (!fits(word, s, width, fonts))
      return {line}; // a word wider than the column: the word processor cuts it
  std::vector<std::string> greedy = pack(w, s, width, fonts);
  if (split_words(greedy.back()).size() > 1)
    return {line}; // the word processor's own lines are fine
  if (greedy.size() == 2) {
    // Two lines: break where the meaning breaks when it fits, after a comma,
    // before "VÀ", around a spaced dash ("SỞ VĂN HÓA," / "THỂ THAO VÀ DU LỊCH").
    for (int pass = 0; pass < 3; ++pass)
      for (size_t k = w.size() - 1; k >= 1; --k) {
        bool good = pass == 0   ? w[k - 1].back() == ','
                    : pass == 1 ? w[k] == "VÀ"
                                : w[k] == "-" || w[k - 1] == "-";
        if (good && fits(join(w, 0, k), s, width, fonts) && fits(join(w, k, w.size()), s, width, fonts))
          return {join(w, 0, k), join(w, k, w.size())};
      }
  }
  // The narrowest column that still gives as many lines: balanced lines.
  long lo = 1, hi = std::lround(width * 20);
  while (lo < hi) {
    long mid = (lo + hi) / 2;
    if (pack(w, s, double(mid) / 20, fonts).size() <= greedy.size())
      hi = mid;
    else
      lo = mid + 1;
  }
  std::vector<std::string> balanced = pack(w, s, double(lo) / 20, fonts);
  if (balanced.size() != greedy.size() || split_words(balanced.back()).size() < 2)
    return {line};
  return balanced;
}

std::vector<std::string> agency_lines(const std::vector<std::string> &lines, const tmpl::ParaStyle &s,
                                      double width, const text::Fonts &fonts) {
  std::vector<std::string> out;
  auto add = [&](const std::string &l) {
    auto b = balanced_lines(l, s, width, fonts);
    out.insert(out.end(), b.begin(), b.end());
  };
  for (const std::string &l : lines) {
    std::string caps = s.caps ? model::upper_vi(l) : l;
    if (fits(caps, s, width, fonts)) {
      out.push_back(l);
      continue;
    }
    std::vector<std::string> w = split_words(l), wc = split_words(caps);
    // Break before the first unit word whose left part fits (or the first one).
    size_t at = 0;
    for (size_t k = 1; k < wc.size(); ++k)
      if (unit_at(wc, k)) {
        if (at == 0)
          at = k;
        if (fits(join(wc, 0, k), s, width, fonts)) {
          at = k;
          break;
        }
      }
    if (at == 0 || w.size() != wc.size()) {
      add(l);
      continue;
    }
    add(join(w, 0, at));
    add(join(w, at, w.size()));
  }
  return out;
}

namespace {

double text_width(const tmpl::ParaStyle &s, const std::string &t, const text::Fonts &fonts) {
  return fonts.width(text::face_of(s.bold, s.italic), s.caps ? model::upper_vi(t) : t, s.size);
}

// One paragraph per entry of `lines` in column [x, x + w) from y, into `row`; returns y.
double column(const std::vector<std::string> &lines, const tmpl::ParaStyle &s, const text::Fonts &fonts,
              double x, double w, double y, Row &row, int cell) {
  for (const std::string &t : lines) {
    y += s.before.pt;
    for (Line &l : plain_lines(t, s, x, w, fonts)) {
      double h = l.height;
      row.lines.push_back(CellLine{y, std::move(l), 0, true, cell});
      y += h;
    }
    y += s.after.pt;
  }
  return y;
}

double rule_into(const std::optional<RuleIndents> &r, double box_x, long box, double y,
                 const tmpl::Styles &st, Row &row, int cell) {
  if (!r)
    return y;
  double ry = y + pt(kRuleBefore) + st.rule_width / 2;
  row.rules.push_back(Rule{box_x + pt(r->left), ry, box_x + pt(box - r->right), ry, st.rule_width});
  row.rule_cell.push_back(cell);
  return y + rule_height(st);
}

} // namespace

PageHeader page_header(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
                       const text::Fonts &fonts, const Frame &f) {
  PageHeader ph;
  const auto &h = doc.header;
  ph.cols = two_columns(f.text_twips(), t.header_left);
  const double lw = pt(ph.cols[0]), rw = pt(ph.cols[1]);
  const double lx = f.text_x(), rx = lx + lw;
  ph.parent = agency_lines(h.parent, st.header_parent, lw, fonts);
  ph.agency = agency_lines(h.agency, st.header_agency, lw, fonts);
  double widest = 0;
  for (const auto &a : ph.agency)
    widest = std::min(std::max(widest, text_width(st.header_agency, a, fonts)), lw);
  ph.agency_rule = rule_indents(ph.cols[0], widest * kAgencyRuleShare);
  ph.motto_rule = rule_indents(ph.cols[1], text_width(st.header_motto, kMotto, fonts));

  TableGeom &tb = ph.table;
  tb.cols = ph.cols;
  tb.borders = false;
  Row r1;
  double yl = column(ph.parent, st.header_parent, fonts, lx, lw, 0, r1, 0);
  stamp(r1, 0, h.parent_loc);
  const size_t agency_from = r1.lines.size();
  yl = column(ph.agency, st.header_agency, fonts, lx, lw, yl, r1, 0);
  stamp(r1, agency_from, h.agency_loc);
  if (ph.parent.empty() && ph.agency.empty()) // a cell holds a paragraph
    yl = column({""}, st.header_agency, fonts, lx, lw, yl, r1, 0);
  yl = rule_into(ph.agency_rule, lx, ph.cols[0], yl, st, r1, 0);
  double yr = column({kNationalTitle}, st.header_national, fonts, rx, rw, 0, r1, 1);
  yr = column({kMotto}, st.header_motto, fonts, rx, rw, yr, r1, 1);
  yr = rule_into(ph.motto_rule, rx, ph.cols[1], yr, st, r1, 1);
  stamp(r1, 0, h.loc); // the national name and motto
  r1.height = std::max(yl, yr);
  r1.keep = fits_page(r1.height, f);
  Row r2;
  r2.height = column({h.number_line}, st.header_number, fonts, lx, lw, 0, r2, 0);
  stamp(r2, 0, h.code_loc);
  if (doc.subject_in_header) {
    for (const auto &line : doc.subject)
      ph.letter_subject.push_back(model::plain_text(line, " "));
    const size_t from = r2.lines.size();
    // 6 pt under the number; the lines of a trích yếu broken by hand follow closely.
    tmpl::ParaStyle next = st.letter_subject;
    next.before = {};
    for (size_t i = 0; i < ph.letter_subject.size(); ++i)
      r2.height =
          column({ph.letter_subject[i]}, i ? next : st.letter_subject, fonts, lx, lw, r2.height, r2, 0);
    stamp(r2, from, doc.subject_loc);
  }
  const size_t date_from = r2.lines.size();
  r2.height = std::max(r2.height, column({h.date_line}, st.header_date, fonts, rx, rw, 0, r2, 1));
  stamp(r2, date_from, h.date_loc);
  stamp(r2, 0, h.loc);
  tb.rows.push_back(std::move(r1));
  tb.rows.push_back(std::move(r2));
  return ph;
}

std::optional<RuleIndents> subject_rule(const model::Document &doc, const tmpl::Styles &st,
                                        const text::Fonts &fonts, const Frame &f) {
  if (doc.subject_in_header)
    return std::nullopt; // the "V/v" has no rule under it
  double widest = 0;
  for (const auto &line : doc.subject)
    widest = std::max(widest, text_width(st.subject, model::plain_text(line, " "), fonts));
  return rule_indents(f.text_twips(), std::min(widest, f.text_w()) * kSubjectRuleShare);
}

std::optional<RuleIndents> attachment_rule(const model::Attachment &a, const tmpl::Styles &st,
                                           const text::Fonts &fonts, const Frame &f) {
  double widest = text_width(st.appendix_attached, a.attached_line, fonts);
  for (const auto &line : a.subject)
    widest = std::max(widest, text_width(st.subject, model::plain_text(line, " "), fonts));
  return rule_indents(f.text_twips(), std::min(widest, f.text_w()) * kSubjectRuleShare);
}

std::optional<RuleIndents> attached_rule(const model::Appendix &a, const tmpl::Styles &st,
                                         const text::Fonts &fonts, const Frame &f) {
  double w = std::min(text_width(st.appendix_attached, a.attached_line, fonts), f.text_w());
  return rule_indents(f.text_twips(), w * kSubjectRuleShare);
}

std::vector<AddresseePara> addressee_paras(const model::Document &doc, const tmpl::Template &t,
                                           const tmpl::Styles &st, const text::Fonts &fonts, const Frame &f) {
  std::vector<AddresseePara> out;
  if (!doc.addressees)
    return out;
  const model::Addressees &a = *doc.addressees;
  const text::Face face = text::face_of(st.addressees.bold, st.addressees.italic);
  // Nothing above but the page-1 header: the gap a tên loại would have.
  const long before = doc.title.empty() && doc.subject_in_header ? st.title_gap.twips() : 0;
  if (t.addressee_list) { // công điện: the label on its own, the items under it
    out.push_back({a.label, 0, st.body.first_line.twips(), false, before});
    for (const auto &item : a.items)
      out.push_back({model::make_text(item), 0, st.body.first_line.twips(), false, 0});
    return out;
  }
  if (!a.list) {
    model::Inlines runs = a.label;
    runs.push_back(model::make_text(" " + (a.items.empty() ? std::string() : a.items[0]))[0]);
    out.push_back({runs, 0, 0, true, before});
    return out;
  }
  // The list lines up after the label; the block starts at the paragraph
  // indent, or further in when its longest line leaves room to centre it.
  std::string label = model::plain_text(a.label, " ") + " ";
  long hang = std::lround(std::ceil(fonts.width(face, label, st.addressees.size) * 20));
  long left = st.body.first_line.twips();
  out.push_back({a.label, left + hang, -hang, false, before});
  out.back().runs.push_back(model::make_text(" " + a.items[0])[0]);
  for (size_t i = 1; i < a.items.size(); ++i)
    out.push_back({model::make_text(a.items[i]), left + hang, 0, false, 0});
  (void)f;
  return out;
}

} // namespace vb::geo
