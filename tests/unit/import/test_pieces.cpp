// The import's parts on small inputs: labels, kinds, the year, what is
// reported, and text encodings.
#include <doctest/doctest.h>

#include "import/import.hpp"
#include "import/kinds.hpp"
#include "import/recognise.hpp"
#include "test_support.hpp"

using namespace vb;
using namespace vb::imp;

namespace {

Label label(const std::string &s) {
  return peek_label(model::make_text(s));
}

std::string import_text(const std::string &text, Diagnostics &d, const std::string &kind = {},
                        bool years = true) {
  Options o;
  o.templates_dir = testing::templates_dir();
  o.kind = kind;
  o.year_fields = years;
  auto x = import_document(text, "t.txt", o, d);
  return x ? *x : std::string();
}

// The data text with its wrapping undone, for searching.
std::string flat(const std::string &x) {
  std::string out;
  bool sp = false;
  for (char c : x) {
    if (c == ' ' || c == '\n') {
      sp = true;
      continue;
    }
    if (sp && !out.empty())
      out += ' ';
    sp = false;
    out += c;
  }
  return out;
}

const char *kHead = "Số: 12/KH-UBND\n\nHà Nội, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThi đua năm 2024\n\n";

} // namespace

TEST_CASE("labels: kinds, numbers, what is not a label") {
  CHECK(label("I. MỤC ĐÍCH").kind == LabelKind::Roman);
  CHECK(label("IV. TỔ CHỨC").number == 4);
  CHECK(label("1. Mục đích").kind == LabelKind::Arabic);
  CHECK(label("1.3. Nội dung").kind == LabelKind::Path2);
  CHECK(label("1.3. Nội dung").number == 3);
  CHECK(label("2.1.4. Nội dung").kind == LabelKind::Path3);
  CHECK(label("a) điểm").kind == LabelKind::Alpha);
  CHECK(label("đ) điểm").kind == LabelKind::Alpha);
  CHECK(label("(3) chỉ tiêu").kind == LabelKind::Target);
  CHECK(label("(10). chỉ tiêu").number == 10);
  CHECK(label("- ý").kind == LabelKind::Dash);
  CHECK(label("– ý").kind == LabelKind::Dash);
  CHECK(label("-Tham gia").kind == LabelKind::Dash);
  CHECK(label("+ ý con").kind == LabelKind::Plus);
  CHECK(label("* Đợt 1").kind == LabelKind::Star);
  CHECK(label("Điều 2. Giao").kind == LabelKind::Article);
  CHECK(label("Phần II - KẾT QUẢ").kind == LabelKind::Part);
  CHECK(label("1.000 người tham gia").kind == LabelKind::None);
  CHECK(label("2024 là năm").kind == LabelKind::None);
  CHECK(label("C. chú thích").kind == LabelKind::None); // 100 is no section number here
  CHECK(label("Căn cứ Luật").kind == LabelKind::None);
  model::Inlines in = model::make_text("1. Mục đích");
  Label l = take_label(in);
  CHECK(l.written == "1.");
  CHECK(model::plain_text(in) == "Mục đích");
}

TEST_CASE("kinds come from the templates: title, {year}, abbreviation, tone marks") {
  Kinds k = Kinds::load(testing::templates_dir());
  REQUIRE(k.by_name("ke-hoach"));
  CHECK(k.by_title("KẾ HOẠCH") == k.by_name("ke-hoach"));
  CHECK(k.by_title("Kế hoạch") == k.by_name("ke-hoach"));
  int year = 0;
  CHECK(k.by_title("BẢN GIAO ƯỚC THI ĐUA NĂM 2025", &year) == k.by_name("giao-uoc"));
  CHECK(year == 2025);
  CHECK(k.by_code("KH-UBND") == k.by_name("ke-hoach"));
  CHECK(k.by_code("QĐ-UBND") == k.by_name("quyet-dinh"));
  CHECK(k.by_code("TTr-SNV") == k.by_name("to-trinh"));
  CHECK(Kinds::fold("Văn hoá") == Kinds::fold("VĂN HÓA"));
  CHECK(Kinds::fold("KẾ HOẠCH") == "KẾ HOẠCH"); // "oạ" inside a word is not moved
  CHECK(Kinds::decree_title("QUYẾT ĐỊNH"));
  CHECK(!Kinds::decree_title("MỤC ĐÍCH"));
}

TEST_CASE("the year: the plan's own, not another document's, not a range") {
  Diagnostics d;
  std::string x = flat(import_text(
      std::string(kHead) + "I. MỤC ĐÍCH\n\nThực hiện Chỉ thị số 04/CT-UBND ngày 05/4/2024 của UBND "
                           "tỉnh, giai đoạn 2021-2025, từ ngày 01/01/2024 đến 30/6/2024, năm 2023 và "
                           "đến năm 2025, ngày 05 tháng 4 năm 2024 theo Quyết định số 37/2018/QĐ-UBND; "
                           "mừng Xuân Giáp Thìn.\n",
      d));
  CHECK_MESSAGE(!d.has_errors(), d.str());
  CHECK(x.find("<document kind=\"ke-hoach\" year=\"2024\">") != std::string::npos);
  CHECK(x.find("ngày 05/4/2024 của") != std::string::npos);
  CHECK(x.find("2021-2025") != std::string::npos);
  CHECK(x.find("từ ngày 01/01/<year/> đến 30/6/<year/>") != std::string::npos);
  CHECK(x.find("năm <year offset=\"-1\"/>") != std::string::npos);
  CHECK(x.find("đến năm 2025") != std::string::npos);
  CHECK(x.find("37/2018/QĐ-UBND") != std::string::npos);
  CHECK(x.find("Xuân <year form=\"can-chi\"/>") != std::string::npos);
  CHECK(x.find("<subject>Thi đua năm <year/></subject>") != std::string::npos);
  Diagnostics d2;
  std::string kept = flat(import_text(std::string(kHead) + "I. MỤC ĐÍCH\n\nNăm 2024.\n", d2, "", false));
  CHECK(kept.find("<year") == std::string::npos);
  CHECK(kept.find("Năm 2024.") != std::string::npos);
}

TEST_CASE("header: number, code, place, a blank day stays blank") {
  Diagnostics d;
  std::string x = flat(import_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSỞ NỘI VỤ\n\nSố: …/KH-SNV\n\n"
                                   "Hà Tĩnh, ngày … tháng 02 năm 2025\n\nKẾ HOẠCH\nA\n\nI. B\n\nC.\n",
                                   d));
  CHECK(x.find("<parent>ỦY BAN NHÂN DÂN<br/>TỈNH HÀ TĨNH</parent>") != std::string::npos);
  CHECK(x.find("<agency>SỞ NỘI VỤ</agency>") != std::string::npos);
  CHECK(x.find("<number/> <code>KH-SNV</code>") != std::string::npos);
  CHECK(x.find("<place>Hà Tĩnh</place> <date month=\"2\"/>") != std::string::npos);
}

TEST_CASE("what is unsure is kept and reported with its line") {
  Diagnostics d;
  std::string x = flat(import_text("Số: 12/KH-UBND\n\nHà Nội, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nA\n\n"
                                   "I. B\n\n1. Một\n\n3. Ba.\n\nTrên đây là kế hoạch./.\n\nNơi nhận:\n- X;\n"
                                   "- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nNguyễn Văn A\n",
                                   d));
  CHECK(d.str().find("t.txt:12:1: warning: the source numbers 3. after 1") != std::string::npos);
  CHECK(d.str().find("t.txt:1:1: warning: no issuing agency found") != std::string::npos);
  CHECK(d.str().find("\"(Đã ký)\"") != std::string::npos);
  CHECK(x.find("<p>(Đã ký)</p>") != std::string::npos); // kept, as a paragraph
  CHECK(x.find("<signature prefix=\"KT.\"> <authority>GIÁM ĐỐC</authority> <title>PHÓ GIÁM ĐỐC</title> "
               "<name>Nguyễn Văn A</name>") != std::string::npos);
}

TEST_CASE("a decision: its authority line, articles, clauses and points; --kind overrides") {
  std::string qd = "Số: 12/QĐ-UBND\n\nHà Nội, ngày 05 tháng 3 năm 2024\n\nQUYẾT ĐỊNH\nVề việc khen thưởng\n\n"
                   "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Thi đua, khen thưởng;\n\nQUYẾT ĐỊNH:\n\n"
                   "Điều 1. Tặng Bằng khen.\n\n1. Cho tập thể.\n\na) Phòng A.\n\n"
                   "Điều 2. Quyết định có hiệu lực.\n";
  Diagnostics d;
  std::string x = flat(import_text(qd, d));
  REQUIRE_MESSAGE(!x.empty(), d.str());
  CHECK(x.find("<document kind=\"quyet-dinh\"") != std::string::npos);
  CHECK(x.find("<issuer>CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH</issuer>") != std::string::npos);
  CHECK(x.find("QUYẾT ĐỊNH:") == std::string::npos); // printed by the template
  CHECK(x.find("<basis>Căn cứ Luật Thi đua, khen thưởng</basis>") != std::string::npos);
  CHECK(
      x.find("<article> <p>Tặng Bằng khen.</p> <clause> <p>Cho tập thể.</p> <point> <p>Phòng A.</p> </point> "
             "</clause> </article>") != std::string::npos);
  CHECK(x.find("<article> <p>Quyết định có hiệu lực.</p> </article>") != std::string::npos);
  Diagnostics d2;
  std::string y = flat(import_text(qd, d2, "ke-hoach"));
  REQUIRE_MESSAGE(!y.empty(), d2.str());
  CHECK(d2.str().find("as ke-hoach it is rendered 'KẾ HOẠCH'") != std::string::npos);
  CHECK(y.find("<section> <p>Tặng Bằng khen.</p>") != std::string::npos);
}

TEST_CASE("text encodings: UTF-16 with a BOM, a UTF-8 BOM; not UTF-8 is located") {
  std::string utf8 = std::string(kHead) + "I. MỤC ĐÍCH\n\nNội dung.\n";
  std::string u16 = "\xFF\xFE";
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    char32_t cp;
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n; ++k)
      cp = (cp << 6) | (utf8[i + k] & 0x3F);
    i += n;
    u16 += char(cp & 0xFF);
    u16 += char(cp >> 8);
  }
  Diagnostics d;
  std::string a = import_text(u16, d);
  Diagnostics d2;
  std::string b = import_text("\xEF\xBB\xBF" + utf8, d2);
  CHECK(!a.empty());
  CHECK(a == b);
  Diagnostics d3;
  CHECK(import_text("KẾ HOẠCH\n\nabc\xE9 def\n", d3).empty());
  CHECK(d3.str().find("t.txt:3:4: error: the text is not UTF-8") != std::string::npos);
}
