#include <doctest/doctest.h>

#include "geometry/measure.hpp"
#include "layout/internal.hpp"

using namespace vb;
using namespace vb::layout::detail;

namespace {

const text::Fonts &fonts() {
  static std::shared_ptr<const text::Fonts> f = [] {
    Diagnostics d;
    return text::Fonts::load(d);
  }();
  REQUIRE(f);
  return *f;
}

Span text_span(std::string s, text::Face f = text::Face::Regular, double size = 14) {
  Span sp;
  sp.text = std::move(s);
  sp.face = f;
  sp.size = size;
  return sp;
}

ParaGeom column(double w, tmpl::Align a = tmpl::Align::Justify) {
  ParaGeom g;
  g.x = 100;
  g.width = w;
  g.align = a;
  return g;
}

double run_end(const layout::TextRun &r) {
  return r.x + fonts().width(r.face, r.text, r.size);
}

const char *kText =
    "Phát huy truyền thống thi đua yêu nước, khơi dậy lòng tự hào dân tộc, yêu quê hương đất "
    "nước; tinh thần đoàn kết, sáng tạo của tập thể, cá nhân; phấn đấu hoàn thành và hoàn thành "
    "vượt mức chỉ tiêu, nhiệm vụ công tác đề ra.";

} // namespace

TEST_CASE("greedy breaking: every line is as full as it can be") {
  ParaGeom g = column(300, tmpl::Align::Left);
  auto lines = break_lines({text_span(kText)}, g, fonts());
  REQUIRE(lines.size() > 2);
  double space = fonts().advance(text::Face::Regular, U' ', 14);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].natural <= 300 + 0.01);
    // The next line's first word would not have fitted.
    const std::string &next = lines[i + 1].runs.front().text;
    std::string first_word = next.substr(0, next.find(' '));
    CHECK(lines[i].natural + space + fonts().width(text::Face::Regular, first_word, 14) > 300);
  }
}

TEST_CASE("justified lines fill the column exactly; the last line is left-aligned") {
  ParaGeom g = column(300);
  g.first = 36;
  auto lines = break_lines({text_span(kText)}, g, fonts());
  REQUIRE(lines.size() > 2);
  CHECK(lines[0].runs.front().x == doctest::Approx(100 + 36));
  for (size_t i = 0; i + 1 < lines.size(); ++i)
    CHECK(run_end(lines[i].runs.back()) == doctest::Approx(400).epsilon(1e-6));
  const auto &last = lines.back();
  CHECK(run_end(last.runs.back()) < 400 - 1);
  CHECK(last.runs.size() == 1); // unstretched words merge into one run
}

TEST_CASE("a word longer than the line is broken") {
  std::string word(60, 'M');
  auto lines = break_lines({text_span("ab " + word + " cd")}, column(200, tmpl::Align::Left), fonts());
  REQUIRE(lines.size() >= 3);
  for (const auto &l : lines)
    CHECK(l.natural <= 200 + 0.01);
}

TEST_CASE("hyphens between letters are break opportunities") {
  // "KH-" fits, "KH-UBND" does not.
  double w = fonts().width(text::Face::Regular, "aaaa KH-", 14) + 1;
  auto lines = break_lines({text_span("aaaa KH-UBND")}, column(w, tmpl::Align::Left), fonts());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].runs.back().text == "aaaa KH-");
  CHECK(lines[1].runs.front().text == "UBND");
}

TEST_CASE("hanging indent: label at the first-line indent, title and wrapped lines at the hang") {
  ParaGeom g = column(300);
  g.left = 36 + 20;
  g.first = -20;
  g.tab = g.left;
  Span tab;
  tab.kind = Span::Kind::Tab;
  std::vector<Span> sp{text_span("I.", text::Face::Bold), tab, text_span(kText, text::Face::Bold)};
  auto lines = break_lines(sp, g, fonts());
  REQUIRE(lines.size() > 1);
  CHECK(lines[0].runs[0].text == "I.");
  CHECK(lines[0].runs[0].x == doctest::Approx(100 + 36));
  CHECK(lines[0].runs[1].x == doctest::Approx(100 + 56));
  CHECK(lines[1].runs[0].x == doctest::Approx(100 + 56));
  CHECK(run_end(lines[0].runs.back()) == doctest::Approx(400));
}

TEST_CASE("mixed faces and a superscript footnote mark on one line") {
  Span mark = text_span("1");
  mark.superscript = true;
  mark.footnote = 1;
  std::vector<Span> sp{text_span("Căn cứ "), text_span("Luật", text::Face::Bold), mark,
                       text_span(" mới", text::Face::Italic)};
  auto lines = break_lines(sp, column(400, tmpl::Align::Left), fonts());
  REQUIRE(lines.size() == 1);
  const auto &l = lines[0];
  REQUIRE(l.runs.size() == 4);
  CHECK(l.runs[2].superscript);
  CHECK(l.runs[2].size == doctest::Approx(14 * geo::kSuperScale));
  CHECK(l.runs[2].y < 0); // raised
  CHECK(l.footnotes == std::vector<int>{1});
  // Line height is that of the 14 pt text, not raised by the mark.
  CHECK(l.height == doctest::Approx(geo::line_height(fonts(), text::Face::Regular, 14)));
}

TEST_CASE("an explicit break ends a line without justifying it") {
  Span br;
  br.kind = Span::Kind::Break;
  auto lines = break_lines({text_span("một hai"), br, text_span("ba")}, column(400), fonts());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].runs.size() == 1);
  CHECK(lines[0].runs[0].text == "một hai");
}

TEST_CASE("no break right after a slash; past it, the whole word moves (LibreOffice)") {
  const std::string pre = "aaaa số ";
  double upto_slash = fonts().width(text::Face::Regular, pre + "05-CT/", 14);
  double upto_t = fonts().width(text::Face::Regular, pre + "05-CT/T", 14);
  {
    // "…05-CT/" fits, its next letter does not: break at the hyphen.
    auto lines =
        break_lines({text_span(pre + "05-CT/TW ngày")}, column(upto_slash + 1, tmpl::Align::Left), fonts());
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].runs.back().text == "aaaa số 05-");
  }
  {
    // "…05-CT/T" fits: the path rule moves "05-CT/TW" as a whole.
    auto lines =
        break_lines({text_span(pre + "05-CT/TW ngày")}, column(upto_t + 1, tmpl::Align::Left), fonts());
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].runs.back().text == "aaaa số");
    CHECK(lines[1].runs.front().text.rfind("05-CT/TW", 0) == 0);
  }
  {
    // Dates never break at their slashes.
    double w = fonts().width(text::Face::Regular, "aaaa 18/5/", 14);
    auto lines = break_lines({text_span("aaaa 18/5/2021")}, column(w + 1, tmpl::Align::Left), fonts());
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].runs.front().text == "18/5/2021");
  }
}
