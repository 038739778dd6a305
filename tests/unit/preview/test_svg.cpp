#include <doctest/doctest.h>
#include <regex>

#include "app/pipeline.hpp"
#include "layout/layout.hpp"
#include "preview/svg.hpp"
#include "test_support.hpp"

using namespace vb;

namespace {

layout::Page page() {
  layout::Page p;
  p.width = 595.3;
  p.height = 841.9;
  layout::TextRun r;
  r.x = 85.05;
  r.y = 100;
  r.text = "Số: 05/KH-UBND & <b>";
  r.src = {12, 5};
  p.runs.push_back(r);
  r.x = 200.123;
  r.text = "tiếp";
  r.face = text::Face::Bold;
  p.runs.push_back(r);
  r.x = 230;
  r.y = 94.5;
  r.size = 8.12;
  r.superscript = true;
  r.text = "1";
  p.runs.push_back(r);
  r.x = 85;
  r.y = 120;
  r.size = 14;
  r.superscript = false;
  r.face = text::Face::Italic;
  r.text = "dòng sau";
  r.src = {13, 3};
  p.runs.push_back(r);
  p.rules.push_back({85, 130, 200, 130, 0.75});
  p.images.push_back({300, 200, 100, 50, "/data/chu-ky.png"});
  p.images.push_back({300, 300, 100, 50, "/elsewhere/x.png"});
  return p;
}

preview::SvgOptions options() {
  preview::SvgOptions o;
  o.anchor = [](SourceLoc s) { return std::to_string(s.line) + ":" + std::to_string(s.col); };
  o.image_href = [](const std::string &p) {
    return p.rfind("/data/", 0) == 0 ? "img/" + p.substr(6) : std::string();
  };
  return o;
}

size_t count(const std::string &s, const std::string &what) {
  size_t n = 0;
  for (size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size())
    ++n;
  return n;
}

} // namespace

TEST_CASE("a page is an SVG in points, text escaped, one <text> per line of one element") {
  std::string svg = preview::page_svg(page(), options());
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" viewBox=\"0 0 595.3 841.9\"",
                  0) == 0);
  CHECK(svg.find("Số: 05/KH-UBND &amp; &lt;b&gt;") != std::string::npos);
  // The first line (with its superscript mark) is one element, the second another.
  CHECK(count(svg, "<text ") == 2);
  CHECK(svg.find("data-e=\"12:5\"") != std::string::npos);
  CHECK(svg.find("data-e=\"13:3\"") != std::string::npos);
  // Runs keep their own x; faces as classes; the superscript its own y and size.
  CHECK(svg.find("<tspan x=\"200.12\" class=\"b\">tiếp</tspan>") != std::string::npos);
  CHECK(svg.find("<tspan x=\"230\" y=\"94.5\" class=\"b\" font-size=\"8.12\">1</tspan>") !=
        std::string::npos);
  CHECK(svg.find("<text class=\"i\" font-size=\"14\" y=\"120\" data-e=\"13:3\">") != std::string::npos);
  CHECK(svg.find("<line x1=\"85\" y1=\"130\" x2=\"200\" y2=\"130\" stroke-width=\"0.75\"/>") !=
        std::string::npos);
  CHECK(svg.find("<image href=\"img/chu-ky.png\" x=\"300\" y=\"200\"") != std::string::npos);
  // An image outside what may be served is an outline, never a path.
  CHECK(svg.find("elsewhere") == std::string::npos);
  CHECK(svg.find("class=\"missing-image\"") != std::string::npos);
  CHECK(preview::page_svg(page(), options()) == svg);
}

TEST_CASE("without options: no anchors, images as outlines") {
  std::string svg = preview::page_svg(page());
  CHECK(svg.find("data-e") == std::string::npos);
  CHECK(svg.find("<image") == std::string::npos);
  CHECK(count(svg, "missing-image") == 2);
}

TEST_CASE("the preview of a sample holds every run the PDF paints, each tied to its source element") {
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  app::Config cfg;
  cfg.templates_dir = testing::templates_dir();
  auto l = app::load(testing::data_dir() + "/ke-hoach-so-ldtbxh-ha-tinh-2024.xml", cfg, d, fonts.get());
  REQUIRE_MESSAGE(l, d.str());
  layout::Document doc = layout::layout(l->doc, l->tmpl, *fonts);
  REQUIRE(doc.pages.size() > 1);
  size_t runs = 0, anchored = 0;
  for (const auto &p : doc.pages) {
    std::string svg = preview::page_svg(p, options());
    std::regex tspan("<tspan[^>]*>");
    runs +=
        size_t(std::distance(std::sregex_iterator(svg.begin(), svg.end(), tspan), std::sregex_iterator()));
    for (const auto &r : p.runs) {
      anchored += r.src.line > 0;
      std::string esc = r.text;
      for (size_t k = 0; (k = esc.find('&', k)) != std::string::npos; k += 5)
        esc.replace(k, 1, "&amp;");
      CHECK_MESSAGE(svg.find(">" + esc + "</tspan>") != std::string::npos, r.text);
    }
    CHECK(count(svg, "<tspan") == p.runs.size());
  }
  size_t total = 0;
  for (const auto &p : doc.pages)
    total += p.runs.size();
  CHECK(runs == total);
  // Everything but page numbers and footnote text comes from an element.
  CHECK(double(anchored) / double(total) > 0.95);
}

TEST_CASE("layout stamps each run with the element it comes from") {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document kind="ke-hoach" year="2024">
  <header>
    <parent>ỦY BAN NHÂN DÂN<br/>TỈNH BẮC GIANG</parent>
    <agency>SỞ NỘI VỤ</agency>
    <number>5</number>
    <code>KH-SNV</code>
    <place>Bắc Giang</place>
    <date day="1" month="2"/>
  </header>
  <subject>Tổ chức phong trào thi đua</subject>
  <body>
    <section>
      <title>Mục đích</title>
      <p>Đoạn thứ nhất của mục.</p>
    </section>
    <table numbered="true">
      <col>STT</col><col>Nội dung</col>
      <row><cell>Ô một</cell></row>
    </table>
  </body>
  <recipients><to>Sở Nội vụ</to><archive>VT</archive></recipients>
  <signature><authority>GIÁM ĐỐC</authority><name>Nguyễn Văn A</name></signature>
</document>
)";
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  app::Config cfg;
  cfg.templates_dir = testing::templates_dir();
  auto l = app::load(testing::binary_dir() + "/preview-stamp.xml", cfg, d, fonts.get(), &xml);
  REQUIRE_MESSAGE(l, d.str());
  layout::Document doc = layout::layout(l->doc, l->tmpl, *fonts);
  REQUIRE(doc.pages.size() == 1);
  auto line_of = [&](const std::string &text) {
    for (const auto &r : doc.pages[0].runs)
      if (r.text.find(text) != std::string::npos)
        return r.src;
    return SourceLoc{-1, -1};
  };
  CHECK(line_of("TỈNH BẮC GIANG").line == 4);
  CHECK(line_of("SỞ NỘI VỤ").line == 5);
  CHECK(line_of("05/KH-SNV").line == 7);
  CHECK(line_of("Bắc Giang, ngày").line == 9);
  CHECK(line_of("KẾ HOẠCH").line == 2); // the kind attribute
  CHECK(line_of("Tổ chức phong trào").line == 11);
  CHECK(line_of("MỤC ĐÍCH").line == 13);
  CHECK(line_of("Đoạn").line == 15);
  CHECK(line_of("Ô một").line == 19);    // the cell
  CHECK(line_of("Nội dung").line == 17); // the header row: the table
  CHECK(line_of("Sở Nội vụ;").line == 22);
  CHECK(line_of("Nguyễn Văn A").line == 23);
  CHECK(line_of("Mục đích").col == -1); // titles print in capitals
  CHECK(line_of("Đoạn").col == 7);
}
