#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <map>
#include <regex>
#include <sstream>

#include "docx/docx.hpp"
#include "docx/opc.hpp"
#include "docx/xml.hpp"
#include "fixtures.hpp"
#include "template/styles.hpp"
#include "test_support.hpp"

using namespace vb;

namespace {

std::shared_ptr<const text::Fonts> fonts() {
  static std::shared_ptr<const text::Fonts> f = [] {
    Diagnostics d;
    auto p = text::Fonts::load(d);
    if (!p)
      FAIL(d.str());
    return p;
  }();
  return f;
}

std::map<std::string, std::string> unpack(const std::string &bytes) {
  std::map<std::string, std::string> m;
  for (auto &p : docx::opc::read_zip(bytes))
    m[p.name] = p.data;
  return m;
}

// Structural canonical form: parsed by libxml2 (whitespace-only text nodes
// between elements dropped) and pretty-printed, so golden diffs read well.
std::string canonical(const std::string &xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", "UTF-8",
                                XML_PARSE_NOBLANKS | XML_PARSE_NONET);
  if (!doc)
    return "<!-- not well-formed -->\n" + xml;
  xmlChar *buf = nullptr;
  int len = 0;
  xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
  std::string s(reinterpret_cast<char *>(buf), static_cast<size_t>(len));
  xmlFree(buf);
  xmlFreeDoc(doc);
  return s;
}

std::string read(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string &name, const std::string &xml) {
  std::string path = testing::source_dir() + "/tests/golden/docx/" + name;
  std::string got = canonical(xml);
  if (testing::update_golden()) {
    std::ofstream(path, std::ios::binary) << got;
    return;
  }
  std::string want = read(path);
  INFO("golden file: " << path << " (VANBAN_UPDATE_GOLDEN=1 regenerates it)");
  CHECK_MESSAGE(want == got, "part differs from its golden file");
}

// Optional: VANBAN_DOCX_OUT=DIR writes the fixtures' .docx for a look in LibreOffice.
void maybe_write(const std::string &name, const std::string &bytes) {
  if (const char *dir = std::getenv("VANBAN_DOCX_OUT"))
    std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << bytes;
}

size_t count(const std::string &hay, const std::string &needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("xml_escape escapes markup and drops forbidden controls") {
  CHECK(docx::xml_escape("a<b>&\"c\x01\td") == "a&lt;b&gt;&amp;&quot;c\td");
  docx::XmlWriter x;
  x.open("a", {{"k", "1&2"}}).leaf("b").elem("c", "x<y").close();
  CHECK(x.str().substr(x.str().find("<a")) == "<a k=\"1&amp;2\"><b/><c>x&lt;y</c></a>");
}

TEST_CASE("the zip writer is deterministic and round-trips") {
  std::vector<docx::opc::Part> parts = {{"a.xml", "<a/>"}, {"dir/b.bin", std::string(1000, 'x')}};
  std::string z1 = docx::opc::write_zip(parts), z2 = docx::opc::write_zip(parts);
  CHECK(z1 == z2);
  // Local file header: mod time at offset 10, date at 12 → 00:00, 1980-01-01.
  REQUIRE(z1.size() > 14);
  CHECK(z1.compare(0, 4, "PK\x03\x04") == 0);
  CHECK(static_cast<unsigned char>(z1[10]) == 0);
  CHECK(static_cast<unsigned char>(z1[11]) == 0);
  CHECK(static_cast<unsigned char>(z1[12]) == 0x21);
  CHECK(static_cast<unsigned char>(z1[13]) == 0);
  auto back = docx::opc::read_zip(z1);
  REQUIRE(back.size() == 2);
  CHECK(back[0].name == "a.xml");
  CHECK(back[1].data == parts[1].data);
}

TEST_CASE("a plan renders to a complete, deterministic package") {
  auto doc = testing::plan_fixture();
  auto tp = testing::plan_template();
  std::string bytes = docx::render(doc, tp, *fonts());
  maybe_write("plan.docx", bytes);
  CHECK(bytes == docx::render(doc, tp, *fonts()));

  auto parts = docx::opc::read_zip(bytes);
  std::vector<std::string> names;
  for (auto &p : parts)
    names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                          "word/_rels/document.xml.rels", "word/styles.xml",
                                          "word/settings.xml", "word/footnotes.xml", "word/header1.xml",
                                          "word/header2.xml", "docProps/core.xml", "docProps/app.xml",
                                          "word/media/image1.png", "word/media/image2.png"});
  CHECK(!parts[11].compress); // PNGs are stored
  auto m = unpack(bytes);
  for (auto &entry : m) { // no structured binding: clang 14 cannot capture one in INFO
    const std::string &name = entry.first;
    if (name.ends_with(".png"))
      continue;
    INFO(name);
    CHECK(canonical(entry.second).find("not well-formed") == std::string::npos);
  }
  const std::string &body = m["word/document.xml"];

  SUBCASE("header strings, blanks kept") {
    CHECK(body.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    CHECK(body.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
    // The code's hyphen never breaks: a non-breaking hyphen (w:noBreakHyphen).
    CHECK(body.find("<w:t xml:space=\"preserve\">Số:      /KH</w:t><w:noBreakHyphen/>"
                    "<w:t xml:space=\"preserve\">SNV</w:t>") != std::string::npos);
    CHECK(body.find("Bắc Giang, ngày      tháng 5 năm 2024") != std::string::npos);
    CHECK(body.find("TỈNH BẮC GIANG") != std::string::npos);
    // The body opens with the tiny paragraph, before the header table.
    CHECK(body.find("<w:pStyle w:val=\"VbTiny\"/>") < body.find("<w:tbl>"));
  }
  SUBCASE("titled sections hang by label_hang") {
    auto st = tmpl::make_styles(tp);
    const auto &h = st.heading[0];
    auto face = text::face_of(h.bold, h.italic);
    Length hang = tmpl::label_hang(fonts()->width(face, "II.", h.size), fonts()->width(face, " ", h.size));
    std::string ind = "<w:ind w:left=\"" + std::to_string((h.first_line + hang).twips()) + "\" w:hanging=\"" +
                      std::to_string(hang.twips()) + "\"/>";
    size_t at = body.find("<w:t xml:space=\"preserve\">II.</w:t>");
    REQUIRE(at != std::string::npos);
    size_t ind_at = body.rfind(ind, at);
    REQUIRE(ind_at != std::string::npos);
    CHECK(ind_at > body.rfind("<w:p>", at)); // on the label's own paragraph
    CHECK(body.find("<w:r><w:tab/></w:r>", at) < body.find("Chỉ tiêu và nội dung", at));
    CHECK(body.find("Phần II") != std::string::npos);
  }
  SUBCASE("text is escaped") {
    CHECK(body.find("năm 2024 &amp; sơ kết &lt;quý&gt;") != std::string::npos);
  }
  SUBCASE("footnotes are real and numbered in order") {
    const std::string &fn = m["word/footnotes.xml"];
    CHECK(fn.find("w:type=\"separator\" w:id=\"-1\"") != std::string::npos);
    CHECK(fn.find("w:type=\"continuationSeparator\" w:id=\"0\"") != std::string::npos);
    CHECK(body.find("<w:footnoteReference w:id=\"1\"/>") < body.find("<w:footnoteReference w:id=\"2\"/>"));
    CHECK(count(fn, "<w:footnoteRef/>") == 2);
    CHECK(fn.find("ban hành Quy định") != std::string::npos);
    CHECK(m["word/styles.xml"].find("<w:vertAlign w:val=\"superscript\"/>") != std::string::npos);
  }
  SUBCASE("no page number on page 1; appendix restarts numbering") {
    CHECK(count(body, "<w:titlePg/>") == 2); // main section + appendix
    CHECK(count(body, "<w:pgNumType w:start=\"1\"/>") == 1);
    CHECK(body.find("w:orient=\"landscape\"") != std::string::npos);
    CHECK(m["word/header1.xml"].find(" PAGE ") != std::string::npos);
    CHECK(m["word/header2.xml"].find("PAGE") == std::string::npos);
    CHECK(body.find("w:docGrid") == std::string::npos);
  }
  SUBCASE("tables: header row repeats, rows do not split, groups span") {
    CHECK(count(body, "<w:tblHeader/>") == 2);
    CHECK(body.find("<w:gridSpan w:val=\"3\"/>") != std::string::npos);
  }
  SUBCASE("every paragraph style is a named style") {
    const std::string &st = m["word/styles.xml"];
    for (const char *id : {"VbBody", "VbBasis", "VbHeading1", "VbHeading4", "VbTitle", "VbSubject", "VbMotto",
                           "VbSignName", "VbFootnote", "VbPageNumber", "VbRule"})
      CHECK_MESSAGE(st.find(std::string("w:styleId=\"") + id + "\"") != std::string::npos, id);
  }
  SUBCASE("core properties") {
    const std::string &core = m["docProps/core.xml"];
    CHECK(core.find("<dc:title>Tổ chức phong trào thi đua yêu nước năm 2024</dc:title>") !=
          std::string::npos);
    CHECK(core.find("<dc:creator>SỞ NỘI VỤ</dc:creator>") != std::string::npos);
    CHECK(core.find(">2024-05-01T00:00:00Z</dcterms:created>") != std::string::npos);
    docx::Options o;
    o.created = "2024-06-02T08:00:00Z";
    auto m2 = unpack(docx::render(doc, tp, *fonts(), o));
    CHECK(m2["docProps/core.xml"].find(">2024-06-02T08:00:00Z</dcterms:modified>") != std::string::npos);
  }
  SUBCASE("signature and seal pictures") {
    CHECK(count(body, "<wp:anchor ") == 2);
    CHECK(m["word/_rels/document.xml.rels"].find("media/image2.png") != std::string::npos);
    CHECK(m["word/media/image1.png"] == read(testing::source_dir() + "/tests/unit/docx/signature.png"));
  }
  SUBCASE("golden parts") {
    for (const char *p : {"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/settings.xml",
                          "word/footnotes.xml", "word/header1.xml", "word/header2.xml",
                          "word/_rels/document.xml.rels", "docProps/core.xml"}) {
      std::string name = p;
      std::replace(name.begin(), name.end(), '/', '_');
      std::erase_if(name, [](char c) { return c == '[' || c == ']'; });
      check_golden("plan." + name, m[p]);
    }
  }
}

TEST_CASE("a covenant ends with a grid of party signatures") {
  auto doc = testing::covenant_fixture();
  for (int cols : {2, 3}) {
    auto tp = testing::covenant_template(cols);
    std::string bytes = docx::render(doc, tp, *fonts());
    maybe_write("covenant" + std::to_string(cols) + ".docx", bytes);
    auto m = unpack(bytes);
    const std::string &body = m["word/document.xml"];
    CHECK(body.find("Nơi nhận") == std::string::npos);
    CHECK(count(body, "ĐẠI DIỆN") == 5);
    CHECK(count(body, "<w:gridCol ") == 2 + 2 * cols);    // header table, signature grid
    CHECK(count(body, "<w:gridSpan w:val=\"2\"/>") == 5); // each block spans two half-columns
    check_golden("covenant" + std::to_string(cols) + ".document.xml", body);
  }
}

TEST_CASE("a nearly empty document still makes a valid package") {
  model::Document doc;
  doc.header.agency = {};
  model::Table t; // a table with no rows, then a table right after it
  t.columns.resize(2);
  doc.body = {model::Block{t}, model::Block{t}};
  std::string bytes = docx::render(doc, testing::plan_template(), *fonts());
  auto m = unpack(bytes);
  for (auto &entry : m) {
    const std::string &name = entry.first;
    INFO(name);
    CHECK(canonical(entry.second).find("not well-formed") == std::string::npos);
  }
  const std::string &body = m["word/document.xml"];
  CHECK(body.find("</w:tbl><w:tbl>") == std::string::npos); // tables kept apart
  CHECK(body.find("<w:tc><w:tcPr><w:tcW w:w=\"3742\" w:type=\"dxa\"/></w:tcPr></w:tc>") ==
        std::string::npos); // no cell without a paragraph
  CHECK(m["docProps/core.xml"].find(">1980-01-01T00:00:00Z<") != std::string::npos);
}

TEST_CASE("appendices: each its own section, orientation and numbering") {
  auto doc = testing::plan_fixture();
  auto second = doc.appendices[0];
  doc.appendices[0].landscape = false;
  doc.appendices[0].label = "Phụ lục I";
  second.label = "Phụ lục II";
  doc.appendices.push_back(second);
  auto m = unpack(docx::render(doc, testing::plan_template(), *fonts()));
  const std::string &body = m["word/document.xml"];
  CHECK(count(body, "<w:sectPr>") == 3);
  CHECK(count(body, "<w:pgNumType w:start=\"1\"/>") == 2);
  CHECK(count(body, "w:orient=\"landscape\"") == 1);
  // The last sectPr (landscape) closes the body.
  CHECK(body.rfind("w:orient=\"landscape\"") > body.rfind("<w:sectPr>"));
  CHECK(body.find("Phụ lục I<") < body.find("Phụ lục II<"));
}
