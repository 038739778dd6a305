#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "template/styles.hpp"
#include "template/template.hpp"
#include "test_support.hpp"

using namespace vb;

TEST_CASE("the shipped templates load and follow the decree") {
  auto list = tmpl::list_templates(testing::templates_dir());
  // The decree's 29 kinds and the covenant.
  REQUIRE(list.size() == 30);
  std::set<std::string> abbreviations;
  for (const auto &entry : list) {
    const std::string kind = entry.first; // a plain variable: clang 14 cannot capture a structured binding
    CAPTURE(kind);
    Diagnostics d;
    auto t = tmpl::load_template(testing::templates_dir(), kind, d);
    REQUIRE_MESSAGE(t, d.str());
    CHECK(t->margin_left.in_mm() == doctest::Approx(30));
    CHECK(t->size_body == 14);
    CHECK(!t->title.empty());
    if (!t->abbreviation.empty())
      abbreviations.insert(t->abbreviation);
  }
  // Every abbreviation is the decree's, as its table writes it.
  for (const auto &k : tmpl::decree_abbreviations())
    abbreviations.erase(k.abbreviation);
  CHECK(abbreviations.empty());
  CHECK(std::find_if(list.begin(), list.end(), [](auto &p) { return p.first == "quyet-dinh"; }) !=
        list.end());
}

TEST_CASE("a value outside the decree's range names the value and the range") {
  Diagnostics d;
  auto t = tmpl::parse_template("title = \"KẾ HOẠCH\"\n[page]\nmargin_left_mm = 25\n", "x.toml", d);
  CHECK(!t);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].str() ==
        "x.toml:3:18: error: 'page.margin_left_mm' = 25 is outside Decree 30/2020's range 30–35 for the left "
        "margin (mm) (choose a value from 30 to 35)");
}

TEST_CASE("mixed header sizes are refused") {
  Diagnostics d;
  auto t = tmpl::parse_template("title = \"X\"\n[sizes]\nnational = 12\n", "x.toml", d);
  CHECK(!t);
  CHECK(d.str().find("Quốc hiệu / Tiêu ngữ / place-and-date sizes 12 / 14 / 14 are mixed") !=
        std::string::npos);
}

TEST_CASE("unknown settings and syntax errors") {
  Diagnostics d;
  CHECK(!tmpl::parse_template("title = \"X\"\ncolour = \"red\"\n", "x.toml", d));
  CHECK(d.items()[0].str() ==
        "x.toml:2:10: error: unknown setting 'colour' (see templates/ke-hoach.toml for the "
        "settings a template can have)");
  Diagnostics d2;
  CHECK(!tmpl::parse_template("title = \"X\n", "x.toml", d2));
  CHECK(d2.items()[0].str().rfind("x.toml:1:11: error: malformed TOML: ", 0) == 0);
}

TEST_CASE("an unknown kind lists the known ones") {
  Diagnostics d;
  REQUIRE(!tmpl::load_template(testing::templates_dir(), "quyet-dinh-x", d, "a.xml", {2, 17}));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].str().rfind(
            "a.xml:2:17: error: unknown document kind 'quyet-dinh-x' (use one of: ban-ghi-nho, ", 0) == 0);
  Diagnostics d2;
  CHECK(!tmpl::load_template(testing::templates_dir(), "../etc/passwd", d2));
}

TEST_CASE("styles carry the template's numbers") {
  tmpl::Template t;
  auto st = tmpl::make_styles(t);
  CHECK(st.body.first_line.pt == doctest::Approx(36.0));
  CHECK(st.body.after.pt == 6);
  CHECK(st.heading[0].caps);
  CHECK(st.recipients_label.bold);
  CHECK(st.recipients_label.italic);
  CHECK(st.recipients_label.size == 12);
  CHECK(st.recipients_item.size == 11);
  CHECK(tmpl::label_hang(10.0, 3.5).pt == doctest::Approx(14.5));
}

TEST_CASE("templates are real TOML: escapes, dotted keys, inline tables, floats") {
  Diagnostics d;
  auto t = tmpl::parse_template("title = \"K\\u1EBE HO\\u1EA0CH\" # a comment\n"
                                "page.margin_left_mm = 3.2e1\n"
                                "sizes = { body = 13, table = 12 }\n"
                                "description = \"\"\"Kế hoạch \\\n   (plan)\"\"\"\n",
                                "x.toml", d);
  REQUIRE_MESSAGE(t, d.str());
  CHECK(t->title == "KẾ HOẠCH");
  CHECK(t->margin_left.in_mm() == doctest::Approx(32));
  CHECK(t->size_body == 13);
  CHECK(t->size_table == 12);
  CHECK(t->description == "Kế hoạch (plan)");
  Diagnostics d2; // the newline of the multi-line string is a control character in a title
  CHECK(!tmpl::parse_template("title = \"A\\nB\"\n", "x.toml", d2));
  CHECK(d2.items()[0].str() ==
        "x.toml:1:9: error: 'title' contains the control character U+000A (write the text "
        "without it (a line break is not allowed here either))");
}

TEST_CASE("TOML errors carry the file's line and column") {
  Diagnostics d;
  CHECK(!tmpl::parse_template("title = \"X\"\n[page]\nmargin_left_mm = = 30\n", "x.toml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].str().rfind("x.toml:3:", 0) == 0);
  Diagnostics d2;
  CHECK(!tmpl::parse_template("title = \"X\"\ntitle = \"Y\"\n", "x.toml", d2));
  CHECK(d2.items()[0].str().rfind("x.toml:2:", 0) == 0);
  Diagnostics d3;
  CHECK(!tmpl::parse_template("title = \"X\"\n# B\xe1\xbb\n", "x.toml", d3));
  CHECK(d3.items()[0].str() == "x.toml:2:4: error: the file is not valid UTF-8 (save the file as UTF-8)");
  Diagnostics d4;
  CHECK(!tmpl::parse_template("title = \"X\"\n[sizes]\nbody = \"14\"\n", "x.toml", d4));
  CHECK(d4.items()[0].str() == "x.toml:3:8: error: 'sizes.body' must be a number");
}

TEST_CASE("calendars: TOML dates or strings, real dates only") {
  tmpl::Calendar cal;
  Diagnostics d;
  CHECK(tmpl::parse_calendar("[a]\nname = \"Ngày A\"\ndate = 1930-02-03\n[b]\nname = \"Ngày B\"\n"
                             "date = \"2024-02-29\"\n",
                             "c.toml", cal, d));
  CHECK(d.str() == "");
  CHECK(cal.events.at("a").year == 1930);
  CHECK(cal.events.at("a").day == 3);
  CHECK(cal.events.at("b").month == 2);
  Diagnostics e;
  CHECK(!tmpl::parse_calendar("[a]\nname = \"A\"\ndate = \"2023-02-29\"\n", "c.toml", cal, e));
  CHECK(e.str() ==
        "c.toml:3:8: error: date 2023-02-29 of event 'a' is not a date: that month has 28 days (fix the "
        "day or the month)\n");
  Diagnostics f;
  CHECK(!tmpl::parse_calendar("[a]\nname = \"A\"\ndate = \"1930-2-3\"\n", "c.toml", cal, f));
  CHECK(f.str().find("is not a date (write it as YYYY-MM-DD") != std::string::npos);
  Diagnostics g;
  CHECK(!tmpl::parse_calendar("[a]\nname = \"A\"\n", "c.toml", cal, g));
  CHECK(g.str() ==
        "c.toml:2:8: error: event 'a' needs both name and date (add name = \"…\" and date = YYYY-MM-DD)\n");
}
