#include "geometry/page.hpp"

#include <algorithm>
#include <cmath>

namespace vb::geo {

Frame frame(const tmpl::Template &t, bool landscape) {
  Frame f;
  f.width = t.page_width.twips();
  f.height = t.page_height.twips();
  if (landscape)
    std::swap(f.width, f.height);
  f.top = t.margin_top.twips();
  f.bottom = t.margin_bottom.twips();
  f.left = t.margin_left.twips();
  f.right = t.margin_right.twips();
  return f;
}

long header_twips(const tmpl::Template &t, const tmpl::Styles &st, const text::Fonts &fonts) {
  double base =
      fonts.baseline_offset(text::face_of(st.page_number.bold, st.page_number.italic), st.page_number.size);
  return std::lround((t.header_distance.pt - base) * 20);
}

double page_number_baseline(const tmpl::Template &t) {
  return t.header_distance.pt;
}

std::vector<long> column_widths(long total, const std::vector<double> &weights) {
  double sum = 0;
  for (double w : weights)
    sum += w > 0 ? w : 0;
  std::vector<long> cols;
  long used = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    double share = sum > 0 ? std::max(weights[i], 0.0) / sum : 1.0 / double(weights.size());
    long c = i + 1 == weights.size() ? total - used : std::lround(double(total) * share);
    cols.push_back(c);
    used += c;
  }
  return cols;
}

std::vector<long> two_columns(long total, double share) {
  long left = std::lround(double(total) * share);
  return {left, total - left};
}

int party_columns(const tmpl::Template &t) {
  return std::clamp(t.signature_columns, 1, 3);
}

std::vector<long> party_grid(long total, int cols) {
  long half = total / (2 * cols);
  std::vector<long> grid(size_t(2 * cols), half);
  grid.back() = total - half * (2 * cols - 1);
  return grid;
}

std::optional<RuleIndents> rule_indents(long box, double len_pt) {
  long len = std::min(box, std::lround(len_pt * 20));
  if (len <= 0)
    return std::nullopt;
  long left = (box - len) / 2;
  return RuleIndents{left, box - len - left};
}

double rule_height(const tmpl::Styles &st) {
  return pt(kRuleBefore) + st.rule_width + pt(kRuleLine);
}

} // namespace vb::geo
