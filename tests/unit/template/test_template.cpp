#include <doctest/doctest.h>

#include "template/styles.hpp"
#include "template/template.hpp"
#include "test_support.hpp"

using namespace vb;

TEST_CASE("the shipped templates load and follow the decree") {
  for (const char *kind : {"ke-hoach", "giao-uoc"}) {
    Diagnostics d;
    auto t = tmpl::load_template(testing::templates_dir(), kind, d);
    REQUIRE_MESSAGE(t, d.str());
    CHECK(t->margin_left.in_mm() == doctest::Approx(30));
    CHECK(t->size_body == 14);
  }
  auto list = tmpl::list_templates(testing::templates_dir());
  REQUIRE(list.size() >= 2);
  CHECK(list[0].first == "giao-uoc");
  CHECK(list[1].first == "ke-hoach");
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
  CHECK(!tmpl::load_template(testing::templates_dir(), "quyet-dinh", d, "a.xml", {2, 17}));
  CHECK(d.items()[0].str() ==
        "a.xml:2:17: error: unknown document kind 'quyet-dinh' (use one of: giao-uoc, ke-hoach)");
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
