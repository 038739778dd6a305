#include <doctest/doctest.h>

#include <algorithm>

#include "layout/internal.hpp"

using namespace vb;
using namespace vb::layout::detail;

namespace {

struct Fixture {
  std::shared_ptr<const text::Fonts> fonts;
  model::Document doc;
  tmpl::Template t;
  tmpl::Styles st;
  Frame frame;
  Fixture() : st(tmpl::make_styles(t)) {
    Diagnostics d;
    fonts = text::Fonts::load(d);
    REQUIRE(fonts);
    frame = geo::frame(t, false); // A4, 20/20/30/15 mm
    frame.top = frame.bottom = 1134;
  }
  Ctx ctx() const { return Ctx{doc, t, st, *fonts, frame}; }
};

// A paragraph of n 16 pt lines whose runs are named "<tag><i>".
Para para(const std::string &tag, int n, bool keep_next = false) {
  Para p;
  for (int i = 0; i < n; ++i) {
    Line l;
    l.height = 16;
    l.ascent = 13;
    layout::TextRun r;
    r.x = 85;
    r.text = tag + std::to_string(i);
    l.runs.push_back(r);
    p.lines.push_back(l);
  }
  p.keep_next = keep_next;
  return p;
}

// Page index (0-based) holding the run `text`, or -1.
int page_of(const std::vector<layout::Page> &pages, const std::string &text) {
  for (size_t i = 0; i < pages.size(); ++i)
    for (const auto &r : pages[i].runs)
      if (r.text == text)
        return int(i);
  return -1;
}

} // namespace

// The body area is 728.5 pt: 45 lines of 16 pt.
TEST_CASE("orphan control: a paragraph splits 2 + 2, never 1 + 3") {
  Fixture f;
  {
    std::vector<Item> items{para("f", 43), para("p", 4)}; // room for 2 lines
    auto pages = paginate(items, {}, f.ctx());
    CHECK(page_of(pages, "p1") == 0);
    CHECK(page_of(pages, "p2") == 1);
  }
  {
    std::vector<Item> items{para("f", 44), para("p", 4)}; // room for 1 line
    auto pages = paginate(items, {}, f.ctx());
    CHECK(page_of(pages, "p0") == 1);
  }
}

TEST_CASE("widow control: a 3-line paragraph with room for 2 moves whole") {
  Fixture f;
  std::vector<Item> items{para("f", 43), para("p", 3)};
  auto pages = paginate(items, {}, f.ctx());
  CHECK(page_of(pages, "p0") == 1);
  CHECK(page_of(pages, "p2") == 1);
}

TEST_CASE("widow control: the last page gets at least 2 lines") {
  Fixture f;
  std::vector<Item> items{para("f", 40), para("p", 6)}; // room for 5
  auto pages = paginate(items, {}, f.ctx());
  CHECK(page_of(pages, "p3") == 0);
  CHECK(page_of(pages, "p4") == 1);
}

TEST_CASE("keep with next: a heading moves with the start of its paragraph") {
  Fixture f;
  std::vector<Item> items{para("f", 43), para("h", 1, true), para("p", 4)};
  auto pages = paginate(items, {}, f.ctx());
  CHECK(page_of(pages, "h0") == 1);
  CHECK(page_of(pages, "p0") == 1);
  // With room enough, it stays.
  std::vector<Item> roomy{para("f", 40), para("h", 1, true), para("p", 4)};
  pages = paginate(roomy, {}, f.ctx());
  CHECK(page_of(pages, "h0") == 0);
}

TEST_CASE("footnotes go to the bottom of the page that references them") {
  Fixture f;
  Para body = para("f", 44);
  body.lines[10].footnotes = {1};
  Footnote note;
  Span br;
  br.kind = Span::Kind::Break;
  note.spans = {span("n0", f.st.footnote), br, span("n1", f.st.footnote)};
  auto pages = paginate({body}, {note}, f.ctx());
  REQUIRE(pages.size() == 2);
  // The note takes room on page 1: fewer body lines fit there.
  CHECK(page_of(pages, "n0") == 0);
  CHECK(page_of(pages, "n1") == 0);
  CHECK(page_of(pages, "f43") == 1);
  double last_body = 0, note_y = 0;
  for (const auto &r : pages[0].runs) {
    if (r.text[0] == 'f')
      last_body = std::max(last_body, r.y);
    if (r.text == "n0")
      note_y = r.y;
  }
  CHECK(note_y > last_body);
  CHECK(note_y < geo::pt(f.frame.height - f.frame.bottom));
  // The separator rule sits between the body and the note.
  REQUIRE(!pages[0].rules.empty());
  CHECK(pages[0].rules.back().y1 > last_body);
  CHECK(pages[0].rules.back().y1 < note_y);
}

TEST_CASE("page numbers: none on page 1, centred from page 2") {
  Fixture f;
  auto pages = paginate({para("f", 100)}, {}, f.ctx());
  REQUIRE(pages.size() == 3);
  CHECK(page_of(pages, "1") == -1);
  CHECK(page_of(pages, "2") == 1);
  CHECK(page_of(pages, "3") == 2);
  for (const auto &r : pages[1].runs)
    if (r.text == "2")
      CHECK(r.y < geo::pt(f.frame.top));
}

TEST_CASE("a new section restarts numbering: no number on its first page") {
  Fixture f;
  std::vector<Item> items{para("f", 50), NewPage{geo::frame(f.t, true), true}, para("a", 60)};
  auto pages = paginate(items, {}, f.ctx());
  REQUIRE(pages.size() == 4);
  CHECK(pages[2].width == doctest::Approx(841.9)); // landscape appendix
  CHECK(page_of(pages, "2") == 1);                 // main text page 2
  int twos = 0;
  for (const auto &p : pages)
    for (const auto &r : p.runs)
      twos += r.text == "2";
  CHECK(twos == 2); // page 2 of the text and page 2 of the appendix
}

TEST_CASE("tables: rows do not split; the header row repeats") {
  Fixture f;
  Table t;
  t.borders = true;
  auto row = [](const std::string &name, double h) {
    TableRow r;
    r.height = h;
    Line l;
    l.height = 16;
    l.ascent = 13;
    layout::TextRun run;
    run.text = name;
    l.runs.push_back(run);
    r.lines.push_back(CellLine{0, l, 0, true});
    r.col_edges = {85, 300, 552};
    return r;
  };
  t.header = row("H", 20);
  for (int i = 0; i < 40; ++i)
    t.rows.push_back(row("r" + std::to_string(i), 40));
  auto pages = paginate({t}, {}, f.ctx());
  REQUIRE(pages.size() >= 2);
  int headers = 0;
  for (const auto &p : pages)
    for (const auto &r : p.runs)
      headers += r.text == "H";
  CHECK(headers == int(pages.size()));
}
