// Nothing is ever lost or drawn outside its place: every kind of block, from
// one line to three pages long, is laid out with every word exactly once,
// every text box inside the page's margins and no two text boxes overlapping.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "geometry/blocks.hpp"
#include "layout/internal.hpp"
#include "model/finalize.hpp"

using namespace vb;

namespace {

const text::Fonts &fonts() {
  static std::shared_ptr<const text::Fonts> f = [] {
    Diagnostics d;
    return text::Fonts::load(d);
  }();
  REQUIRE(f);
  return *f;
}

tmpl::Template plan() {
  tmpl::Template t;
  t.kind = "ke-hoach";
  t.title = "KẾ HOẠCH";
  t.abbreviation = "KH";
  return t;
}

// n unique words "w<k>…": a paragraph of about n / 12 lines.
std::string words(int &next, int n) {
  static const char *filler[] = {"phong", "trào", "thi", "đua", "yêu", "nước", "đoàn", "kết"};
  std::string s;
  for (int i = 0; i < n; ++i)
    s += (i ? " " : "") + std::string(filler[i % 8]) + std::to_string(next++);
  return s;
}

model::Inlines txt(std::string s) {
  return model::make_text(std::move(s));
}

model::Document base() {
  model::Document d;
  d.kind = "ke-hoach";
  d.year = 2024;
  d.header.agency = {"SỞ NỘI VỤ"};
  d.header.code = "KH-SNV";
  d.header.number = 5;
  d.header.place = "Bắc Giang";
  d.header.day = 1;
  d.header.month = 2;
  d.header.year = 2024;
  d.subject = {txt("Thử")};
  return d;
}

struct Box {
  double x0, y0, x1, y1;
  std::string text;
};

// Words of every text run (lower case), and the text boxes of each page.
void collect(const layout::Document &out, std::map<std::string, int> &count,
             std::vector<std::vector<Box>> &boxes, const tmpl::Template &t) {
  for (const auto &p : out.pages) {
    boxes.emplace_back();
    for (const auto &r : p.runs) {
      if (r.y < t.margin_top.pt) // the page number, in the top margin by design
        continue;
      double w = fonts().width(r.face, r.text, r.size);
      boxes.back().push_back({r.x, r.y - 0.891 * r.size, r.x + w, r.y + 0.216 * r.size, r.text});
      std::string cur;
      for (char ch : r.text + " ") {
        if (ch == ' ') {
          while (!cur.empty() && std::string(";.,:").find(cur.back()) != std::string::npos)
            cur.pop_back();
          if (!cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back())))
            ++count[model::lower_vi(cur)];
          cur.clear();
        } else {
          cur += ch;
        }
      }
    }
  }
}

// Lays out `d` and checks it: `expected` words w1…wN once each, boxes in place.
void check(model::Document d, int first, int last, const tmpl::Template &t = plan(), int repeated_from = 0,
           int repeated_to = 0) {
  model::finalize(d, t);
  layout::Document out = layout::layout(d, t, fonts());
  std::map<std::string, int> count;
  std::vector<std::vector<Box>> boxes;
  collect(out, count, boxes, t);
  int missing = 0, twice = 0;
  // Words are "<filler><k>": count the numbers.
  std::map<int, int> seen;
  for (const auto &[w, n] : count) {
    size_t i = w.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(w[i - 1])))
      --i;
    if (i == w.size() || i == 0)
      continue;
    seen[std::stoi(w.substr(i))] += n;
  }
  for (int k = first; k < last; ++k) {
    missing += seen[k] == 0;
    // (a repeated header row prints its words on every page)
    twice += seen[k] > 1 && !(k >= repeated_from && k < repeated_to);
  }
  CHECK_MESSAGE(missing == 0, "words missing: " << missing);
  CHECK_MESSAGE(twice == 0, "words printed twice: " << twice);
  const double eps = 0.05;
  int outside = 0, overlaps = 0;
  for (size_t pi = 0; pi < boxes.size(); ++pi) {
    const auto &pg = out.pages[pi];
    double left = t.margin_left.pt, right = pg.width - t.margin_right.pt;
    double top = t.margin_top.pt, bottom = pg.height - t.margin_bottom.pt;
    auto &bs = boxes[pi];
    for (const Box &b : bs)
      if (b.x0 < left - eps || b.x1 > right + eps || b.y0 < top - eps || b.y1 > bottom + eps) {
        if (outside++ < 3)
          MESSAGE("outside the margins on page " << pi + 1 << ": '" << b.text << "' at " << b.x0 << ","
                                                 << b.y0 << "–" << b.x1 << "," << b.y1);
      }
    std::sort(bs.begin(), bs.end(), [](const Box &a, const Box &b) { return a.y0 < b.y0; });
    for (size_t i = 0; i < bs.size(); ++i)
      for (size_t j = i + 1; j < bs.size() && bs[j].y0 < bs[i].y1 - eps; ++j)
        if (bs[j].x0 < bs[i].x1 - eps && bs[i].x0 < bs[j].x1 - eps && bs[i].y0 < bs[j].y1 - eps) {
          if (overlaps++ < 3)
            MESSAGE("overlap on page " << pi + 1 << ": '" << bs[i].text << "' and '" << bs[j].text << "'");
        }
  }
  CHECK(outside == 0);
  CHECK(overlaps == 0);
}

// Sizes: one line, half a page, a page and a bit, three pages (in words of a
// 14 pt body line: about 12).
const int kSizes[] = {8, 150, 400, 1400};

} // namespace

TEST_CASE("nothing lost: body paragraphs, căn cứ, headings, list items, phases, closing") {
  for (int n : kSizes) {
    CAPTURE(n);
    int k = 1;
    model::Document d = base();
    d.opening.push_back(model::Basis{txt(words(k, n)), {}});
    d.body.push_back(model::Para{txt(words(k, n)), {}});
    model::Section s;
    s.title = txt(words(k, n / 4 + 3));
    s.body.push_back(model::Para{txt(words(k, n)), {}});
    d.body.push_back(s);
    model::ListItem li;
    li.kind = model::ListItem::Kind::Dash;
    li.content = txt(words(k, n));
    d.body.push_back(li);
    d.body.push_back(model::Phase{"*", txt(words(k, n / 4 + 3)), {}});
    d.closing.push_back(model::Para{txt(words(k, n)), {}});
    check(d, 1, k);
  }
}

TEST_CASE("nothing lost: footnotes, from one line to three pages, near the page end") {
  for (int n : kSizes)
    for (int before : {0, 30}) {
      CAPTURE(n);
      CAPTURE(before);
      int k = 1;
      model::Document d = base();
      for (int i = 0; i < before; ++i)
        d.body.push_back(model::Para{txt(words(k, 12)), {}});
      model::Inlines in = txt(words(k, 20));
      model::Inline ref;
      ref.kind = model::Inline::Kind::FootnoteRef;
      ref.footnote = 1;
      in.push_back(ref);
      auto more = txt(" " + words(k, 20));
      in.insert(in.end(), more.begin(), more.end());
      d.body.push_back(model::Para{in, {}});
      d.footnotes.push_back(txt(words(k, n * 2)));
      d.body.push_back(model::Para{txt(words(k, 200)), {}});
      check(d, 1, k);
    }
}

TEST_CASE("nothing lost: table rows and header rows taller than pages") {
  for (int n : kSizes)
    for (bool header_tall : {false, true}) {
      CAPTURE(n);
      CAPTURE(header_tall);
      int k = 1;
      model::Document d = base();
      d.body.push_back(model::Para{txt(words(k, 100)), {}});
      model::Table t;
      t.columns.resize(2);
      t.columns[0].weight = 1;
      t.columns[1].weight = 3;
      int h0 = k;
      t.columns[0].header = txt(header_tall ? words(k, n / 3 + 1) : words(k, 1));
      t.columns[1].header = txt(words(k, 2));
      int h1 = k;
      for (int r = 0; r < 3; ++r) {
        model::Row row;
        row.cells.push_back(model::Cell{{model::Para{txt(words(k, 2)), {}}}});
        row.cells.push_back(model::Cell{{model::Para{txt(words(k, r == 1 ? n : 10)), {}}}});
        t.rows.push_back(row);
      }
      d.body.push_back(t);
      d.body.push_back(model::Para{txt(words(k, 30)), {}});
      check(d, 1, k, plan(), h0, h1);
    }
}

TEST_CASE("nothing lost: Nơi nhận of 1 to 180 recipients, long signature titles") {
  for (int n : {1, 60, 70, 180}) {
    CAPTURE(n);
    int k = 1;
    model::Document d = base();
    d.body.push_back(model::Para{txt(words(k, 200)), {}});
    for (int i = 0; i < n; ++i)
      d.recipients.push_back(words(k, 6));
    d.recipients.push_back("Lưu: VT" + std::to_string(k++));
    d.has_recipients = true;
    model::Signature s;
    s.prefix = "KT.";
    s.authority = words(k, n / 2 + 2);
    s.title = "PHÓ GIÁM ĐỐC";
    s.name = "Nguyễn Văn A";
    d.signature = s;
    check(d, 1, k);
  }
}

TEST_CASE("nothing lost: covenant signature grids of 1 to 60 parties, and a huge unit name") {
  tmpl::Template t = plan();
  t.kind = "giao-uoc";
  t.recipients = false;
  for (int n : {1, 5, 24, 60}) {
    CAPTURE(n);
    int k = 1;
    model::Document d = base();
    d.header.code.clear();
    d.header.number.reset();
    d.body.push_back(model::Para{txt(words(k, 100)), {}});
    for (int i = 0; i < n; ++i) {
      model::Party p;
      p.unit = words(k, i == 0 && n == 5 ? 700 : 4);
      p.signature.name = "Tên" + std::to_string(k++);
      d.parties.push_back(p);
    }
    check(d, 1, k, t);
  }
}

TEST_CASE("nothing lost: landscape appendix tables") {
  for (int n : kSizes) {
    CAPTURE(n);
    int k = 1;
    model::Document d = base();
    model::Appendix a;
    a.landscape = true;
    a.title = txt(words(k, 6));
    model::Table t;
    t.columns.resize(3);
    t.numbered = true;
    t.columns[0].header = txt("STT");
    int h0 = k;
    t.columns[1].header = txt(words(k, 2));
    t.columns[2].header = txt(words(k, 2));
    int h1 = k;
    for (int r = 0; r < 4; ++r) {
      model::Row row;
      row.cells.push_back(model::Cell{{model::Para{txt(words(k, r == 2 ? n : 12)), {}}}});
      row.cells.push_back(model::Cell{{model::Para{txt(words(k, 5)), {}}}});
      t.rows.push_back(row);
    }
    a.body.push_back(t);
    d.appendices.push_back(a);
    check(d, 1, k, plan(), h0, h1);
  }
}

TEST_CASE("a page-1 header taller than a page is a located error, not a cut") {
  int k = 1;
  model::Document d = base();
  d.file = "x.xml";
  d.header.agency_loc = {3, 5};
  d.header.agency = {};
  for (int i = 0; i < 60; ++i)
    d.header.agency.push_back(words(k, 3));
  tmpl::Template t = plan();
  model::finalize(d, t);
  Diagnostics diags;
  CHECK_FALSE(geo::check(d, t, fonts(), diags));
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].loc.line == 3);
  CHECK(diags.items()[0].message.find("more than a page can hold") != std::string::npos);
}

TEST_CASE("a table column too narrow for any text is a located error") {
  model::Document d = base();
  d.file = "x.xml";
  model::Table t;
  t.loc = {7, 3};
  t.columns.resize(2);
  t.columns[0].weight = 0.01;
  t.columns[1].weight = 10;
  d.body.push_back(t);
  tmpl::Template tp = plan();
  model::finalize(d, tp);
  Diagnostics diags;
  CHECK_FALSE(geo::check(d, tp, fonts(), diags));
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].loc.line == 7);
  CHECK(diags.items()[0].message.find("column 1") != std::string::npos);
}
