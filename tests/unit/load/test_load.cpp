#include <doctest/doctest.h>

#include "load/load.hpp"
#include "test_support.hpp"

using namespace vb;
using namespace vb::model;

namespace {
std::string wrap(const std::string &body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<document kind=\"ke-hoach\" year=\"2024\">\n"
         "  <header><agency>SỞ NỘI VỤ</agency><place>Bắc Giang</place><date year=\"2024\"/></header>\n"
         "  <subject>Thi đua</subject>\n"
         "  <body>" +
         body +
         "</body>\n"
         "</document>\n";
}
} // namespace

TEST_CASE("a minimal document loads with its header") {
  Diagnostics d;
  auto doc = load::load_string(wrap("<p>Một  đoạn\n   văn.</p>"), "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  CHECK(doc->kind == "ke-hoach");
  CHECK(doc->year == 2024);
  CHECK(doc->header.agency == std::vector<std::string>{"SỞ NỘI VỤ"});
  CHECK(!doc->header.number);
  CHECK(!doc->header.day);
  REQUIRE(doc->body.size() == 1);
  // Whitespace collapses as in HTML.
  CHECK(plain_text(std::get<Para>(doc->body[0]).content) == "Một đoạn văn.");
}

TEST_CASE("text is normalised to NFC on load") {
  // "ệ" decomposed: e + combining circumflex + combining dot below.
  std::string nfd = "Vi\x65\xCC\x82\xCC\xA3t";
  Diagnostics d;
  auto doc = load::load_string(wrap("<p>" + nfd + "</p>"), "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  std::string s = plain_text(std::get<Para>(doc->body[0]).content);
  CHECK(s == "Việt");
  CHECK(s.size() == 2 + 3 + 1); // ệ is one code point, three bytes
  CHECK(load::nfc(nfd) == "Việt");
}

TEST_CASE("inline bold, italic, footnotes and breaks") {
  Diagnostics d;
  auto doc = load::load_string(
      wrap("<p>Trước <b>đậm <i>nghiêng</i></b> sau<fn>chú thích một</fn>.<br/>Dòng hai<fn>hai</fn></p>"),
      "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  const auto &in = std::get<Para>(doc->body[0]).content;
  REQUIRE(in.size() >= 7);
  CHECK(in[0].text == "Trước ");
  CHECK(!in[0].bold);
  CHECK(in[1].text == "đậm ");
  CHECK(in[1].bold);
  CHECK(in[2].text == "nghiêng");
  CHECK((in[2].bold && in[2].italic));
  CHECK(in[4].kind == Inline::Kind::FootnoteRef);
  CHECK(in[4].footnote == 1);
  REQUIRE(doc->footnotes.size() == 2);
  CHECK(plain_text(doc->footnotes[0]) == "chú thích một");
  CHECK(in[6].kind == Inline::Kind::Break);
}

TEST_CASE("lists: targets, nested bullets, numbered items") {
  Diagnostics d;
  auto doc =
      load::load_string(wrap("<section><title>Chỉ tiêu</title><targets><target>Một;</target><target>Hai:"
                             "<bullets><item>con</item></bullets></target></targets></section>"),
                        "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  const auto &s = std::get<Section>(doc->body[0]);
  REQUIRE(s.body.size() == 2);
  const auto &t2 = std::get<ListItem>(s.body[1]);
  CHECK(t2.kind == ListItem::Kind::Target);
  CHECK(plain_text(t2.content) == "Hai:");
  REQUIRE(t2.children.size() == 1);
  CHECK(std::get<ListItem>(t2.children[0]).kind == ListItem::Kind::Plus);
}

TEST_CASE("tables with group rows and borderless tables") {
  Diagnostics d;
  auto doc = load::load_string(wrap(R"(<table numbered="true"><col width="1" align="center">STT</col>
      <col width="6">Nội dung</col><col width="2">Đơn vị</col>
      <group>Quý I</group><row><cell>Việc một</cell><cell>Sở A</cell></row>
      <row><cell><p>Đoạn 1</p><p>Đoạn 2</p></cell><cell>Sở B</cell></row></table>)"),
                               "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  const auto &t = std::get<Table>(doc->body[0]);
  CHECK(t.numbered);
  CHECK(t.columns.size() == 3);
  CHECK(t.columns[1].weight == 6);
  CHECK(t.rows.size() == 3);
  CHECK(t.rows[0].kind == Row::Kind::Group);
  CHECK(t.rows[2].cells[0].content.size() == 2);
}

TEST_CASE("every sample in data/ loads") {
  for (const char *f : {"ke-hoach-khoi-vhxh2-2024.xml", "giao-uoc-khoi-vhxh2-2024.xml",
                        "ke-hoach-so-ldtbxh-ha-tinh-2024.xml", "ke-hoach-ubnd-xa-phu-luc-2025.xml"}) {
    Diagnostics d;
    auto doc = load::load_file(testing::data_dir() + "/" + f, d);
    CHECK_MESSAGE(doc, f << ": " << d.str());
  }
}
