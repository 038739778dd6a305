#include "fixtures.hpp"

#include "test_support.hpp"

namespace vb::testing {

using namespace model;

namespace {
Inline t(std::string s, bool b = false, bool i = false) {
  Inline x;
  x.text = std::move(s);
  x.bold = b;
  x.italic = i;
  return x;
}
Inline fn(int n) {
  Inline x;
  x.kind = Inline::Kind::FootnoteRef;
  x.footnote = n;
  return x;
}
Inline br() {
  Inline x;
  x.kind = Inline::Kind::Break;
  return x;
}
Block para(Inlines in) {
  return Para{std::move(in), {}};
}
Block para(std::string s) {
  return para(Inlines{t(std::move(s))});
}
Block section(int level, std::string label, std::string title, Blocks body, Inlines runin = {}) {
  Section s;
  s.level = level;
  s.label = std::move(label);
  if (!title.empty())
    s.title = {t(std::move(title))};
  s.runin = std::move(runin);
  s.body = std::move(body);
  return s;
}
Block item(ListItem::Kind k, std::string label, std::string text, Blocks children = {}) {
  ListItem li;
  li.kind = k;
  li.label = std::move(label);
  li.label_bold = k == ListItem::Kind::Numbered;
  li.content = {t(std::move(text))};
  li.children = std::move(children);
  return li;
}
Cell cell(std::string s) {
  return Cell{{para(std::move(s))}};
}

const char *kLong =
    "Phát huy truyền thống thi đua yêu nước, khơi dậy lòng tự hào dân tộc, yêu quê hương đất "
    "nước; tinh thần đoàn kết, sáng tạo của tập thể, cá nhân; phấn đấu hoàn thành và hoàn thành "
    "vượt mức chỉ tiêu, nhiệm vụ công tác đề ra góp phần thực hiện thắng lợi các nhiệm vụ chính "
    "trị của mỗi cơ quan, đơn vị, địa phương trong năm 2024.";

Table task_table() {
  Table tb;
  tb.numbered = true;
  tb.columns = {{{t("STT")}, 1, Column::Align::Center},
                {{t("Nội dung")}, 6, Column::Align::Justify},
                {{t("Đơn vị thực hiện")}, 2, Column::Align::Center},
                {{t("Thời gian")}, 2, Column::Align::Center}};
  Row g;
  g.kind = Row::Kind::Group;
  g.number = "I";
  g.group_title = {t("Quý I")};
  tb.rows.push_back(g);
  for (int i = 1; i <= 3; ++i) {
    Row r;
    r.number = std::to_string(i);
    r.cells = {cell("Tổ chức hội nghị triển khai nhiệm vụ công tác thi đua, khen thưởng "
                    "năm 2024 & sơ kết <quý>"),
               cell("Sở Nội vụ"), cell("Tháng " + std::to_string(i))};
    tb.rows.push_back(r);
  }
  return tb;
}
} // namespace

tmpl::Template plan_template() {
  tmpl::Template tp;
  tp.kind = "ke-hoach";
  tp.title = "KẾ HOẠCH";
  tp.abbreviation = "KH";
  return tp;
}

tmpl::Template covenant_template(int columns) {
  tmpl::Template tp;
  tp.kind = "giao-uoc";
  tp.title = "BẢN GIAO ƯỚC THI ĐUA NĂM {year}";
  tp.recipients = false;
  tp.signature_columns = columns;
  return tp;
}

Document plan_fixture() {
  Document d;
  d.kind = "ke-hoach";
  d.year = 2024;
  d.header.parent = {"ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"};
  d.header.agency = {"SỞ NỘI VỤ"};
  d.header.code = "KH-SNV";
  d.header.place = "Bắc Giang";
  d.header.month = 5;
  d.header.year = 2024;
  d.header.number_line = "Số:      /KH-SNV";
  d.header.date_line = "Bắc Giang, ngày      tháng 5 năm 2024";
  d.title = "KẾ HOẠCH";
  d.title_case = "Kế hoạch";
  d.subject = {{t("Tổ chức phong trào thi đua yêu nước")}, {t("năm 2024")}};
  d.opening = {Basis{{t("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")}, {}},
               Basis{{t("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023.")}, {}},
               para({t("Thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị"), fn(1),
                     t(", Sở Nội vụ ban hành Kế hoạch như sau:")})};
  d.body = {
      section(1, "I.", "Mục đích, yêu cầu",
              {section(2, "1.", "Mục đích", {para(kLong), para({t(kLong), fn(2)})}),
               section(2, "2.", "", {},
                       {t("Việc xét khen thưởng phải kịp thời, chặt chẽ, "), t("đúng đối tượng", true),
                        t(", "), t("đúng thành tích", false, true), t(".")}),
               section(2, "3.", "Yêu cầu cụ thể đối với các cơ quan, đơn vị trong Khối thi đua", {},
                       {t("các cơ quan chủ động xây dựng kế hoạch."), br(), t("Dòng sau ngắt dòng.")})}),
      section(
          1, "II.", "Chỉ tiêu và nội dung thi đua",
          {item(ListItem::Kind::Target, "(1)", "Giải quyết việc làm cho 23.000 người;",
                {item(ListItem::Kind::Dash, "-", "Một ý.", {item(ListItem::Kind::Plus, "+", "Một ý con.")})}),
           item(ListItem::Kind::Target, "(2)", "Tỷ lệ hộ nghèo giảm 1,5%."),
           Phase{"*", {t("Đợt thi đua thứ nhất: Từ ngày 01/01/2024 đến 30/6/2024")}, {}}, para(kLong),
           Block{task_table()}, para(kLong)}),
      Part{Part::Kind::Part,
           "Phần II",
           {t("Tổ chức thực hiện")},
           {section(1, "I.", "Trách nhiệm", {para(kLong)})},
           {}},
  };
  d.closing = {para("Trên đây là Kế hoạch tổ chức phong trào thi đua năm 2024 của Sở Nội vụ./.")};
  d.recipients = {"- UBND tỉnh (b/c);", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."};
  d.drafter = "PL.(300)";
  Signature s;
  s.prefix = "KT.";
  s.authority = "GIÁM ĐỐC";
  s.title = "PHÓ GIÁM ĐỐC";
  s.name = "Nguyễn Văn A";
  s.lines = {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"};
  s.signature_image = source_dir() + "/tests/unit/docx/signature.png";
  s.seal_image = source_dir() + "/tests/unit/docx/seal.png";
  d.signature = s;
  d.footnotes = {{t("về \"Tiếp tục đổi mới công tác thi đua, khen thưởng\"")},
                 {t("ban hành Quy định về công tác thi đua, khen thưởng")}};
  Appendix a;
  a.label = "Phụ lục";
  a.title = {t("Danh mục nhiệm vụ trọng tâm năm 2024")};
  a.landscape = true;
  a.attached_line = "(Kèm theo Kế hoạch số      /KH-SNV ngày      tháng 5 năm 2024 của Sở Nội vụ)";
  a.body = {Block{task_table()}};
  d.appendices.push_back(a);
  return d;
}

Document covenant_fixture() {
  Document d;
  d.kind = "giao-uoc";
  d.year = 2024;
  d.header.agency = {"KHỐI THI ĐUA CÁC CƠ QUAN", "VĂN HÓA - XÃ HỘI 2"};
  d.header.place = "Bắc Giang";
  d.header.day = 5;
  d.header.month = 3;
  d.header.year = 2024;
  d.header.date_line = "Bắc Giang, ngày 05 tháng 3 năm 2024";
  d.title = "BẢN GIAO ƯỚC THI ĐUA NĂM 2024";
  d.subject = {{t("Khối thi đua các cơ quan lĩnh vực Văn hóa - Xã hội 2")}};
  d.opening = {para("Các đơn vị thành viên Khối thi đua thống nhất giao ước thi đua như sau:")};
  d.body = {item(ListItem::Kind::Numbered, "1.", kLong),
            item(ListItem::Kind::Numbered, "2.", "Thực hiện tốt các nhiệm vụ chính trị.")};
  d.closing = {para("Bản giao ước được lập thành 05 bản, mỗi đơn vị giữ 01 bản./.")};
  for (const char *u : {"SỞ NGOẠI VỤ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ Y TẾ",
                        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH"}) {
    Party p;
    p.unit = u;
    p.signature.lines = {std::string("ĐẠI DIỆN ") + u};
    p.signature.name = "Trần Văn B";
    if (d.parties.empty()) // one signed block, sharing the plan's images
      p.signature.signature_image = source_dir() + "/tests/unit/docx/signature.png";
    d.parties.push_back(p);
  }
  return d;
}

} // namespace vb::testing
