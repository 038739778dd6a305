#include <doctest/doctest.h>

#include "load/load.hpp"
#include "model/finalize.hpp"
#include "template/template.hpp"
#include "test_support.hpp"

using namespace vb;
using namespace vb::model;

namespace {
Document load_doc(const std::string &body, const std::string &extra = "") {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<document kind=\"ke-hoach\"><header><agency>SỞ NỘI VỤ</agency><number>7</number>"
                    "<code>KH-SNV</code><place>Bắc Giang</place><date year=\"2024\" month=\"3\"/></header>"
                    "<subject>Thi đua năm <year/></subject><body>" +
                    body + "</body>" + extra + "</document>";
  Diagnostics d;
  auto doc = load::load_string(xml, "t.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  return *doc;
}
tmpl::Template plan() {
  Diagnostics d;
  auto t = tmpl::load_template(testing::templates_dir(), "ke-hoach", d);
  REQUIRE_MESSAGE(t, d.str());
  return *t;
}
std::vector<std::string> labels(const Blocks &bs) {
  std::vector<std::string> out;
  for (const auto &b : bs)
    if (auto *s = std::get_if<Section>(&b)) {
      out.push_back(s->label);
      for (auto &l : labels(s->body))
        out.push_back(l);
    }
  return out;
}
const char *kSections = "<section><title>A</title>"
                        "  <section><title>a1</title><section><p>x</p></section><section><p>y</p>"
                        "    <section><p>z</p></section></section></section>"
                        "  <section><title>a2</title></section></section>"
                        "<section><title>B</title><section><p>b1</p></section></section>";
} // namespace

TEST_CASE("numbering follows the template's schemes: I. → 1. → 1.1. → a)") {
  Document doc = load_doc(kSections);
  finalize(doc, plan());
  CHECK(labels(doc.body) == std::vector<std::string>{"I.", "1.", "1.1.", "1.2.", "a)", "2.", "II.", "1."});
  const auto &a = std::get<Section>(doc.body[0]);
  CHECK(a.level == 1);
  CHECK(std::get<Section>(a.body[0]).level == 2);
}

TEST_CASE("inserting and removing a section renumbers what follows") {
  Document doc = load_doc(kSections);
  auto t = plan();
  finalize(doc, t);
  // Insert a new first section: A and B move to II. and III.
  Section fresh;
  fresh.title = make_text("Mới");
  doc.body.insert(doc.body.begin(), Block{fresh});
  finalize(doc, t);
  CHECK(labels(doc.body) ==
        std::vector<std::string>{"I.", "II.", "1.", "1.1.", "1.2.", "a)", "2.", "III.", "1."});
  // Remove the inner 1.1.: 1.2. becomes 1.1.
  auto &a = std::get<Section>(doc.body[1]);
  auto &a1 = std::get<Section>(a.body[0]);
  a1.body.erase(a1.body.begin());
  doc.body.erase(doc.body.begin());
  finalize(doc, t);
  CHECK(labels(doc.body) == std::vector<std::string>{"I.", "1.", "1.1.", "a)", "2.", "II.", "1."});
}

TEST_CASE("targets count on across lists of one section; bullets nest as +") {
  Document doc =
      load_doc("<section><title>T</title><targets><target>a</target><target>b</target></targets>"
               "<p>giữa</p><targets><target>c<bullets><item>x</item></bullets></target></targets></section>");
  finalize(doc, plan());
  const auto &s = std::get<Section>(doc.body[0]);
  CHECK(std::get<ListItem>(s.body[0]).label == "(1)");
  CHECK(std::get<ListItem>(s.body[1]).label == "(2)");
  const auto &c = std::get<ListItem>(s.body[3]);
  CHECK(c.label == "(3)");
  CHECK(std::get<ListItem>(c.children[0]).label == "+");
}

TEST_CASE("header lines, title, recipients and signature are final text") {
  Document doc =
      load_doc("<p>x</p>", "<recipients><to>Sở Nội vụ;</to><to>Lãnh đạo Sở</to><archive>VT, VP</archive>"
                           "</recipients><signature prefix=\"KT.\"><authority>Giám đốc</authority>"
                           "<title>PHÓ GIÁM ĐỐC</title><name>Đinh Hữu Công</name></signature>");
  finalize(doc, plan());
  CHECK(doc.header.number_line == "Số: 07/KH-SNV");
  CHECK(doc.header.date_line == "Bắc Giang, ngày        tháng 3 năm 2024");
  CHECK(doc.title == "KẾ HOẠCH");
  CHECK(plain_text(doc.subject[0]) == "Thi đua năm 2024");
  CHECK(doc.recipients == std::vector<std::string>{"- Sở Nội vụ;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."});
  REQUIRE(doc.signature);
  CHECK(doc.signature->lines == std::vector<std::string>{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"});
  CHECK(doc.meta_subject == "Thi đua năm 2024");
}

TEST_CASE("appendix label and the Kèm theo line come from the main header") {
  Document doc = load_doc("<p>x</p>", "<appendix><title>Danh mục</title><p>y</p></appendix>");
  finalize(doc, plan());
  REQUIRE(doc.appendices.size() == 1);
  CHECK(doc.appendices[0].label == "Phụ lục");
  CHECK(doc.appendices[0].attached_line ==
        "(Kèm theo Kế hoạch số 07/KH-SNV ngày        tháng 3 năm 2024 của Sở Nội vụ)");
  Document two =
      load_doc("<p>x</p>", "<appendix><title>A</title></appendix><appendix><title>B</title></appendix>");
  two.header.number.reset();
  finalize(two, plan());
  CHECK(two.appendices[1].label == "Phụ lục II");
  CHECK(two.appendices[1].attached_line.find("số       /KH-SNV") != std::string::npos);
}

TEST_CASE("the seed 003 covenant generates its party sentence and blocks") {
  Diagnostics d;
  auto doc = load::load_file(testing::data_dir() + "/giao-uoc-khoi-vhxh2-2024.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  auto t = tmpl::load_template(testing::templates_dir(), "giao-uoc", d);
  REQUIRE(t);
  finalize(*doc, *t);
  CHECK(doc->title == "BẢN GIAO ƯỚC THI ĐUA NĂM 2024");
  REQUIRE(doc->parties.size() == 5);
  CHECK(doc->parties[0].signature.lines[0] == "ĐẠI DIỆN SỞ NGOẠI VỤ");
  std::string opening = plain_text(std::get<Para>(doc->opening.at(0)).content);
  CHECK(opening.find("đại diện lãnh đạo 05 cơ quan thành viên") != std::string::npos);
  CHECK(opening.find("Sở Ngoại vụ, Bảo hiểm xã hội tỉnh,") != std::string::npos);
  CHECK(doc->header.number_line.empty());
}

TEST_CASE("the seed 000 plan loads into the expected tree") {
  Diagnostics d;
  auto doc = load::load_file(testing::data_dir() + "/ke-hoach-khoi-vhxh2-2024.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  tmpl::Calendar cal;
  REQUIRE(tmpl::load_calendar(testing::templates_dir() + "/calendar.toml", cal, d));
  finalize(*doc, plan(), &cal);
  CHECK(doc->header.agency ==
        std::vector<std::string>{"KHỐI THI ĐUA", "CÁC CƠ QUAN LĨNH VỰC", "VĂN HÓA - XÃ HỘI 2"});
  CHECK(doc->header.number_line == "Số:       /KH-KTĐ");
  CHECK(doc->header.date_line == "Bắc Giang, ngày        tháng 5 năm 2024");
  REQUIRE(doc->subject.size() == 2);
  CHECK(doc->footnotes.size() == 3);
  CHECK(plain_text(doc->footnotes[0]) == "về \"Tiếp tục đổi mới công tác thi đua, khen thưởng\"");
  // I. (1. Mục đích, 2. Yêu cầu), II. (1. with 1.1.–1.6., 2. targets (1)–(6), 3. phases), III. (1., 2., 3.)
  std::vector<std::string> top;
  for (const auto &b : doc->body)
    top.push_back(std::get<Section>(b).label + " " + upper_vi(plain_text(std::get<Section>(b).title)));
  CHECK(top == std::vector<std::string>{"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG VÀ CHƯƠNG TRÌNH THI ĐUA",
                                        "III. TỔ CHỨC THỰC HIỆN"});
  const auto &ii = std::get<Section>(doc->body[1]);
  const auto &ii1 = std::get<Section>(ii.body.at(0));
  std::vector<std::string> sub;
  for (const auto &b : ii1.body)
    if (auto *s = std::get_if<Section>(&b))
      sub.push_back(s->label);
  CHECK(sub == std::vector<std::string>{"1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6."});
  const auto &ii2 = std::get<Section>(ii.body.at(1));
  int targets = 0;
  for (const auto &b : ii2.body)
    if (auto *li = std::get_if<ListItem>(&b))
      CHECK(li->label == "(" + std::to_string(++targets) + ")");
  CHECK(targets == 6);
  int phases = 0;
  for (const auto &b : std::get<Section>(ii.body.at(2)).body)
    phases += std::holds_alternative<Phase>(b);
  CHECK(phases == 2);
  CHECK(doc->recipients.back() == "- Lưu: VT, VP.");
  REQUIRE(doc->signature);
  CHECK(doc->signature->lines == std::vector<std::string>{"TRƯỞNG KHỐI", "GIÁM ĐỐC SỞ NGOẠI VỤ"});
  CHECK(doc->signature->name == "Ngô Biên Cương");
}

TEST_CASE("running text names the agency with its own capitals, not in capitals") {
  CHECK(running_text_name({"ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"}) == "Ủy ban nhân dân tỉnh Bắc Ninh");
  CHECK(running_text_name({"ỦY BAN NHÂN DÂN XÃ TRÍ YÊN"}) == "Ủy ban nhân dân xã Trí Yên");
  CHECK(running_text_name({"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"}) == "Sở Lao động - Thương binh và Xã hội");
  CHECK(running_text_name({"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"}) == "Sở Văn hóa, Thể thao và Du lịch");
  CHECK(running_text_name({"HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TỈNH BẮC GIANG"}) ==
        "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Giang");
  CHECK(running_text_name({"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"}) ==
        "Ủy ban nhân dân thành phố Hồ Chí Minh");
  CHECK(running_text_name({"SỞ NỘI VỤ"}) == "Sở Nội vụ");
}

TEST_CASE("sections below the template's levels are labelled - then +") {
  Document doc =
      load_doc("<section><title>A</title><section><title>B</title><section><title>C</title>"
               "<section><title>D</title><section><title>E</title><section><title>F</title>"
               "<section><title>G</title></section></section></section></section></section></section>"
               "</section>",
               "");
  finalize(doc, plan());
  std::vector<std::string> labels;
  const Blocks *bs = &doc.body;
  while (!bs->empty()) {
    const auto *s = std::get_if<Section>(&bs->front());
    REQUIRE(s);
    labels.push_back(s->label);
    bs = &s->body;
  }
  CHECK(labels == std::vector<std::string>{"I.", "1.", "1.1.", "a)", "-", "+", "+"});
}
