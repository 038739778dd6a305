#include "serve/messages_vi.hpp"

#include <cstring>
#include <functional>
#include <map>
#include <regex>
#include <vector>

namespace vb::serve {

namespace {

using Match = std::smatch;
using Say = std::function<std::string(const Match &)>;

struct Rule {
  std::regex re;
  Say say;
};

std::string g(const Match &m, size_t i) {
  return m[i].str();
}

// "<section>" → "Mục (<section>)": the form's word, the tag for the source view.
std::string tag(const std::string &name) {
  std::string vi = element_vi(name);
  return vi == name ? "<" + name + ">" : vi + " (<" + name + ">)";
}

std::string month_vi(const std::string &en) {
  static const char *names[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};
  for (int i = 0; i < 12; ++i)
    if (en == names[i])
      return "tháng " + std::to_string(i + 1);
  return en;
}

std::string part_vi(const std::string &en) {
  static const std::vector<std::pair<const char *, const char *>> parts = {
      {"tên loại", "tên loại"},
      {"trích yếu", "trích yếu"},
      {"issuer's line", "dòng thẩm quyền ban hành"},
      {"Kính gửi", "Kính gửi"},
      {"minutes' particulars", "phần thời gian, địa điểm, thành phần của biên bản"},
      {"signers side by side", "các người ký đặt cạnh nhau"},
      {"single <signature>", "một Chữ ký duy nhất"},
      {"signing parties", "các bên ký"},
      {"Nơi nhận", "Nơi nhận"},
      {"attached text", "văn bản kèm theo (Mẫu 1.3 chỉ dành cho quyết định)"},
      {"articles or chapters", "Điều, Chương, Mục"},
      {"articles", "các Điều"}};
  for (const auto &[k, v] : parts)
    if (en.rfind(k, 0) == 0)
      return v + std::string(en.size() > std::strlen(k) && en.find("(ô 9a)") != std::string::npos ? " (ô 9a)"
                                                                                                  : "");
  return en;
}

std::string quantity_vi(const std::string &what) {
  static const std::map<std::string, std::string> words = {
      {"day", "ngày"}, {"month", "tháng"}, {"year", "năm"}, {"anniversary year", "năm kỷ niệm"}};
  auto it = words.find(what);
  return it == words.end() ? what : it->second;
}

// Messages: the first rule whose pattern matches the whole message wins.
const std::vector<Rule> &message_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> r;
    auto add = [&](const char *re, Say say) { r.push_back({std::regex(re), std::move(say)}); };
    // The decree's checks.
    add(R"(ký hiệu '(.*)' starts with '(.*)', but a (.*) is '(.*)' \(Decree 30, Appendix III\))",
        [](auto &m) {
          return "ký hiệu '" + g(m, 1) + "' bắt đầu bằng '" + g(m, 2) +
                 "', nhưng chữ viết tắt của loại văn bản này là '" + g(m, 4) +
                 "' (Nghị định 30, Phụ lục III)";
        });
    add(R"(the signer's name '(.*)' starts with the title '(.*)')", [](auto &m) {
      return "họ tên người ký '" + g(m, 1) + "' có học hàm, học vị '" + g(m, 2) + "' đứng trước";
    });
    add(R"(the document has no <recipients> \(Nơi nhận\))",
        [](auto &) { return "văn bản chưa có Nơi nhận"; });
    add(R"(Nơi nhận has no 'Lưu: VT' line)", [](auto &) { return "Nơi nhận chưa có dòng 'Lưu: VT'"; });
    add(R"(the document has no <signature>)",
        [](auto &) { return "văn bản chưa có Chữ ký (thẩm quyền, người ký)"; });
    add(R"(the date (.*) is more than a year in the future)",
        [](auto &m) { return "ngày tháng '" + g(m, 1) + "' muộn hơn hôm nay quá một năm"; });
    add(R"((parent agency|issuing agency) line '(.*)' is (.*) wide and wraps in the (.*) header column)",
        [](auto &m) {
          std::string who = g(m, 1) == "parent agency" ? "Cơ quan chủ quản" : "Cơ quan ban hành";
          return "dòng " + who + " '" + g(m, 2) + "' rộng " + g(m, 3) + ", không vừa cột " + g(m, 4) +
                 " nên sẽ tự xuống dòng";
        });
    add(R"(no font has the character (\S+) '(.*)' \((.*)\): it would print as an empty box)", [](auto &m) {
      return "không phông chữ nào có ký tự " + g(m, 1) + " '" + g(m, 2) + "' (" + g(m, 3) +
             "): khi in sẽ thành ô trống";
    });
    add(R"(column (\d+) of this table is (.*) wide: too narrow for text \(a column needs at least (.*)\))",
        [](auto &m) {
          return "cột " + g(m, 1) + " của bảng chỉ rộng " + g(m, 2) + ": quá hẹp để viết chữ (cần ít nhất " +
                 g(m, 3) + ")";
        });
    add(R"(the page-1 header \(agency, number, place and date\) is (.*) tall, more than a page can hold \((.*)\))",
        [](auto &m) {
          return "phần đầu trang 1 (cơ quan, số, địa danh và ngày tháng) cao " + g(m, 1) +
                 ", quá một trang (" + g(m, 2) + ")";
        });
    add(R"(the anniversary of '(.*)' is counted for (\d+), but the event was in (\d+))", [](auto &m) {
      return "kỷ niệm '" + g(m, 1) + "' được tính cho năm " + g(m, 2) + ", nhưng sự kiện diễn ra năm " +
             g(m, 3);
    });
    add(R"(unknown event '(.*)')", [](auto &m) { return "không có sự kiện '" + g(m, 1) + "' trong lịch"; });
    add(R"(the document lays out to (\d+) pages; vanban renders at most (\d+))", [](auto &m) {
      return "văn bản dài " + g(m, 1) + " trang; vanban dựng tối đa " + g(m, 2) + " trang";
    });
    // The loader: header fields.
    add(R"(<header> has no <(agency|place|date)>)",
        [](auto &m) { return "phần đầu văn bản chưa có " + tag(g(m, 1)); });
    add(R"(empty <(agency|place)>)", [](auto &m) { return tag(g(m, 1)) + " đang để trống"; });
    add(R"(ký hiệu '(.*)' contains a space or '/')",
        [](auto &m) { return "ký hiệu '" + g(m, 1) + "' có dấu cách hoặc dấu '/'"; });
    add(R"(<date> has no year and <document> none either)",
        [](auto &) { return "ngày tháng chưa có năm, và văn bản cũng chưa ghi năm"; });
    add(R"((\d{4})-(\d\d)-(\d\d) is not a date: (\w+) (\d+) has (\d+) days)", [](auto &m) {
      return "ngày " + std::to_string(std::stoi(g(m, 3))) + "/" + std::to_string(std::stoi(g(m, 2))) + "/" +
             g(m, 1) + " không có: " + month_vi(g(m, 4)) + " năm " + g(m, 5) + " chỉ có " + g(m, 6) + " ngày";
    });
    add(R"((.*) '(.*)' is not a number)",
        [](auto &m) { return quantity_vi(g(m, 1)) + " '" + g(m, 2) + "' không phải là số"; });
    add(R"((.*) (\S+) is out of range (\d+)–(\d+))", [](auto &m) {
      return quantity_vi(g(m, 1)) + " " + g(m, 2) + " nằm ngoài khoảng " + g(m, 3) + "–" + g(m, 4);
    });
    // The loader: structure.
    add(R"(<section> has neither a <title> nor a first <p>)",
        [](auto &) { return "Mục (<section>) chưa có tiêu đề, cũng chưa có đoạn văn đầu tiên"; });
    // The parts each kind has (Appendix III and the forms of Appendix I).
    add(R"(a (.*?) \((.*)\) has no (.*))", [](auto &m) { return g(m, 1) + " không có " + part_vi(g(m, 3)); });
    add(R"(the trích yếu of a (.*?)( \(.*\))? is empty)",
        [](auto &m) { return "trích yếu của " + g(m, 1) + " đang trống"; });
    add(R"(the attached text has no trích yếu)", [](auto &) { return "văn bản kèm theo chưa có trích yếu"; });
    add(R"(an attached text's <signature> is not printed)",
        [](auto &) { return "chữ ký riêng của văn bản kèm theo không được in"; });
    add(R"(<contact> \(ô 13, at the foot of page 1\) is not printed yet)",
        [](auto &) { return "thông tin liên hệ (ô 13, cuối trang 1) chưa được in"; });
    add(R"(<(\w+)> has no <(\w+)>)", [](auto &m) { return tag(g(m, 1)) + " chưa có " + tag(g(m, 2)); });
    add(R"(<(\w+)> is empty)", [](auto &m) { return tag(g(m, 1)) + " đang trống"; });
    add(R"(<(\w+)> has no src)", [](auto &m) { return tag(g(m, 1)) + " chưa chọn tệp ảnh"; });
    add(R"(row has (\d+) cells, the table has (\d+)( \(plus the automatic STT column\))?)", [](auto &m) {
      return "dòng có " + g(m, 1) + " ô, bảng có " + g(m, 2) + " cột" +
             (m[3].matched ? " (chưa kể cột STT tự đánh số)" : "");
    });
    add(R"(a numbered table needs an STT column and at least one more)",
        [](auto &) { return "bảng đánh số cần cột STT và ít nhất một cột nữa"; });
    add(R"(a second <(\w+)>)", [](auto &m) { return "có hai " + tag(g(m, 1)); });
    add(R"(<(\w+)> is out of order)", [](auto &m) { return tag(g(m, 1)) + " đặt sai thứ tự"; });
    add(R"(unknown element <(\w+)> in <(\w+)>)",
        [](auto &m) { return "không dùng được <" + g(m, 1) + "> trong " + tag(g(m, 2)); });
    add(R"(<(\w+)> must come first in <(\w+)>)",
        [](auto &m) { return tag(g(m, 1)) + " phải đứng đầu " + tag(g(m, 2)); });
    add(R"(image path '(.*)' leaves the data file's folder: (.*))",
        [](auto &m) { return "ảnh '" + g(m, 1) + "' nằm ngoài thư mục của văn bản"; });
    add(R"(cannot read image '(.*)': (.*))",
        [](auto &m) { return "không đọc được ảnh '" + g(m, 1) + "': " + g(m, 2); });
    add(R"(cannot use image '(.*)': (.*))",
        [](auto &m) { return "không dùng được ảnh '" + g(m, 1) + "': " + g(m, 2); });
    add(R"(the file is larger than (\d+) MiB)", [](auto &m) { return "tệp lớn hơn " + g(m, 1) + " MiB"; });
    add(R"(the file is empty)", [](auto &) { return "tệp trống"; });
    add(R"(malformed XML: (.*))", [](auto &m) { return "mã XML sai cú pháp: " + g(m, 1); });
    add(R"(does not match the vanban schema: (.*))",
        [](auto &m) { return "sai cấu trúc dữ liệu của vanban: " + g(m, 1); });
    add(R"(the root element is <(\w+)>, not <document>)",
        [](auto &m) { return "phần tử gốc là <" + g(m, 1) + ">, không phải <document>"; });
    add(R"(<document> has no kind)", [](auto &) { return "văn bản chưa ghi loại (kind)"; });
    add(R"(elements nest deeper than (\d+) levels)",
        [](auto &m) { return "các phần tử lồng nhau sâu quá " + g(m, 1) + " cấp"; });
    return r;
  }();
  return rules;
}

// Hints: most are fixed sentences; the rest are patterns.
const std::vector<Rule> &hint_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> r;
    auto add = [&](const char *re, Say say) { r.push_back({std::regex(re), std::move(say)}); };
    add(R"(write (\w+)-<AGENCY>, e\.g\. (.*))",
        [](auto &m) { return "viết " + g(m, 1) + "-<CƠ QUAN>, ví dụ " + g(m, 2); });
    add(R"(Decree 30 \(ô 7b\) prints the name alone: drop '(.*)')",
        [](auto &m) { return "Nghị định 30 (ô 7b) chỉ ghi họ tên: bỏ '" + g(m, 1) + "'"; });
    add(R"(add <recipients> with the addressees and <archive>VT, …</archive>)",
        [](auto &) { return "thêm Nơi nhận: các nơi nhận và dòng Lưu: VT, …"; });
    add(R"(end <recipients> with <archive>VT, <unit></archive>)",
        [](auto &) { return "kết thúc Nơi nhận bằng dòng Lưu: VT, <đơn vị soạn thảo>"; });
    add(R"(add <signature> with the authority and the signer)",
        [](auto &) { return "thêm Chữ ký: thẩm quyền ký và họ tên người ký"; });
    add(R"(check the year of <date> and of <document>)",
        [](auto &) { return "xem lại năm của ngày tháng và năm của văn bản"; });
    add(R"(break it where the meaning breaks with <br/>.*)", [](auto &) {
      return "tự ngắt dòng ở chỗ trọn nghĩa (Enter / <br/>), ví dụ ỦY BAN NHÂN DÂN / TỈNH BẮC NINH";
    });
    add(R"(replace the character, or choose a font that has it.*)", [](auto &) {
      return "thay ký tự này, hoặc chọn phông chữ có ký tự đó (vanban fonts, --font-family)";
    });
    add(R"(give it a larger width= or the table fewer columns)",
        [](auto &) { return "cho cột rộng hơn, hoặc bớt số cột của bảng"; });
    add(R"(shorten the agency and parent names)",
        [](auto &) { return "rút gọn tên cơ quan ban hành và cơ quan chủ quản"; });
    add(R"(count it for a later year.*)", [](auto &) {
      return "tính cho một năm sau: xem lại năm của văn bản, hoặc ghi year=/offset= ở <anniv>";
    });
    add(R"(use one of the calendar's ids \((.*)\), or add it to a calendar\.toml next to the data file)",
        [](auto &m) {
          return "dùng một sự kiện có trong lịch (" + g(m, 1) + "), hoặc thêm vào calendar.toml";
        });
    add(R"(split it into several documents|split the document.*)",
        [](auto &) { return "tách thành nhiều văn bản"; });
    add(R"(write the issuing agency's name)", [](auto &) { return "ghi tên cơ quan ban hành"; });
    add(R"(write the địa danh, e\.g\. <place>(.*)</place>)",
        [](auto &m) { return "ghi địa danh, ví dụ " + g(m, 1); });
    add(R"(write it as KH-UBND.*)", [](auto &) {
      return "viết như KH-UBND: các nhóm chữ nối bằng '-', không dấu cách; dấu '/' được tự thêm";
    });
    add(R"(add <agency>.*)", [](auto &) { return "thêm tên cơ quan ban hành"; });
    add(R"(add <place>.*)", [](auto &) { return "thêm địa danh"; });
    add(R"(add <date .*)", [](auto &) { return "thêm ngày tháng (được để trống ngày và tháng)"; });
    add(R"re(write <document … year="(\d+)">)re", [](auto &) { return "ghi năm của văn bản"; });
    add(R"(fix the day or the month)", [](auto &) { return "sửa ngày hoặc tháng"; });
    add(R"(write 1 to (\d+), or leave (day|month) out to keep it blank)", [](auto &m) {
      return "ghi từ 1 đến " + g(m, 1) + ", hoặc bỏ trống " +
             std::string(g(m, 2) == "day" ? "ngày" : "tháng");
    });
    add(R"(write a four-digit year)", [](auto &) { return "ghi năm đủ bốn chữ số"; });
    add(R"(give it <title>….*)",
        [](auto &) { return "ghi tiêu đề cho mục, hoặc bắt đầu mục bằng một đoạn văn"; });
    add(R"(give every <row> exactly (\d+) <cell>)",
        [](auto &m) { return "mỗi dòng cần đúng " + g(m, 1) + " ô"; });
    add(R"(add a <col>)", [](auto &) { return "thêm một cột"; });
    add(R"(add at least one <(\w+)>)", [](auto &m) { return "thêm ít nhất một " + tag(g(m, 1)); });
    add(R"(add <authority>.*)", [](auto &) { return "ghi thẩm quyền ký, ví dụ GIÁM ĐỐC"; });
    add(R"(add <unit>.*)", [](auto &) { return "ghi tên đơn vị, ví dụ Sở Y tế"; });
    add(R"(a document has one <(\w+)>)", [](auto &m) { return "mỗi văn bản chỉ có một " + tag(g(m, 1)); });
    add(R"(the order is: .*)", [](auto &) {
      return "thứ tự là: phần đầu, trích yếu, mở đầu, nội dung, kết thúc, nơi nhận, người soạn, chữ ký, các "
             "bên, phụ lục";
    });
    add(R"(allowed here: (.*))", [](auto &m) { return "ở đây được dùng: " + g(m, 1); });
    add(R"(<(\w+)> holds text only)", [](auto &m) { return tag(g(m, 1)) + " chỉ chứa chữ"; });
    add(R"(move it up)", [](auto &) { return "chuyển lên đầu"; });
    add(R"(keep one Lưu line.*)", [](auto &) { return "chỉ giữ một dòng Lưu, ví dụ Lưu: VT, VP"; });
    add(R"(write src=.*)", [](auto &) { return "chọn một tệp PNG đặt cạnh văn bản"; });
    add(R"(put the PNG next to the data file.*)", [](auto &) {
      return "đặt tệp PNG cạnh tệp văn bản (hoặc trong thư mục con) và ghi đường dẫn tương đối";
    });
    add(R"(give a regular PNG file in the data file's folder)",
        [](auto &) { return "chọn một tệp PNG trong thư mục của văn bản"; });
    add(R"(signatures and seals must be complete PNG files of at most (.*) pixels)",
        [](auto &m) { return "chữ ký và dấu phải là tệp PNG đầy đủ, tối đa " + g(m, 1) + " điểm ảnh"; });
    add(R"(remove <(\w+)>.*)", [](auto &m) { return "bỏ " + tag(g(m, 1)); });
    add(R"(remove it.*)", [](auto &) { return "bỏ phần này"; });
    add(R"(add <subject>…</subject> after .*)", [](auto &) { return "thêm trích yếu sau phần đầu văn bản"; });
    add(R"(add <issuer>.*)", [](auto &) { return "thêm dòng thẩm quyền ban hành sau trích yếu"; });
    add(R"(add <addressees>.*)", [](auto &) { return "thêm Kính gửi sau trích yếu"; });
    add(R"(write its provisions as <article>.*)",
        [](auto &) { return "viết các quy định thành Điều 1., Điều 2. …"; });
    add(R"(write what the document is about in <subject>)",
        [](auto &) { return "ghi nội dung chính vào trích yếu"; });
    add(R"(give the signer in <signature>|give the one signer in <signature>)",
        [](auto &) { return "ghi người ký vào Chữ ký"; });
    add(R"(each party signs: give them in <parties>|give each party in <parties>)",
        [](auto &) { return "mỗi bên ký: ghi vào Các bên giao ước"; });
    add(R"(give the secretary and the chair in <signers>.*)",
        [](auto &) { return "ghi thư ký và chủ tọa vào phần người ký, từ trái sang phải"; });
    add(R"(make it an <appendix>, or issue it with a Quyết định)",
        [](auto &) { return "chuyển thành Phụ lục, hoặc ban hành kèm một Quyết định"; });
    add(R"(number its parts with <section>.*)", [](auto &) {
      return "đánh số các phần bằng Mục (I., 1., a)); Điều chỉ dùng cho quyết định, quy chế, hợp đồng";
    });
    add(R"(write them as the body's paragraphs, or use kind="bien-ban")",
        [](auto &) { return "viết thành các đoạn của nội dung, hoặc dùng loại Biên bản"; });
    add(R"(fix the XML syntax here)", [](auto &) { return "sửa cú pháp XML ở chỗ này"; });
    add(R"(see docs/format\.md.*)", [](auto &) { return "xem docs/format.md: phần tử này được chứa gì"; });
    add(R"(a (vanban )?data file starts with <document kind=.*)",
        [](auto &) { return "tệp dữ liệu bắt đầu bằng <document kind=\"…\">"; });
    return r;
  }();
  return rules;
}

bool apply(const std::vector<Rule> &rules, const std::string &in, std::string &out) {
  Match m;
  for (const Rule &r : rules)
    if (std::regex_match(in, m, r.re)) {
      out = r.say(m);
      return true;
    }
  return false;
}

} // namespace

std::string element_vi(const std::string &name) {
  static const std::map<std::string, std::string> words = {{"parent", "Cơ quan chủ quản"},
                                                           {"agency", "Cơ quan ban hành"},
                                                           {"number", "Số"},
                                                           {"code", "Ký hiệu"},
                                                           {"place", "Địa danh"},
                                                           {"date", "Ngày tháng"},
                                                           {"subject", "Trích yếu"},
                                                           {"basis", "Căn cứ"},
                                                           {"opening", "Mở đầu"},
                                                           {"body", "Nội dung"},
                                                           {"closing", "Kết thúc"},
                                                           {"recipients", "Nơi nhận"},
                                                           {"archive", "Lưu"},
                                                           {"drafter", "Người soạn"},
                                                           {"signature", "Chữ ký"},
                                                           {"authority", "Thẩm quyền ký"},
                                                           {"name", "Họ tên người ký"},
                                                           {"parties", "Các bên giao ước"},
                                                           {"party", "Bên giao ước"},
                                                           {"unit", "Đơn vị"},
                                                           {"section", "Mục"},
                                                           {"part", "Phần"},
                                                           {"title", "Tiêu đề"},
                                                           {"p", "Đoạn văn"},
                                                           {"fn", "Chú thích"},
                                                           {"table", "Bảng"},
                                                           {"row", "Dòng"},
                                                           {"cell", "Ô"},
                                                           {"col", "Cột"},
                                                           {"appendix", "Phụ lục"},
                                                           {"header", "Phần đầu văn bản"},
                                                           {"image", "Ảnh chữ ký"},
                                                           {"seal", "Dấu"},
                                                           {"targets", "Chỉ tiêu"},
                                                           {"item", "Mục liệt kê"},
                                                           {"phases", "Các giai đoạn"}};
  auto it = words.find(name);
  return it == words.end() ? name : it->second;
}

ViText vietnamese(const Diagnostic &d) {
  ViText v;
  bool m = apply(message_rules(), d.message, v.message);
  bool h = d.hint.empty() || apply(hint_rules(), d.hint, v.hint);
  v.translated = m && h;
  if (!m)
    v.message = d.message;
  if (!h)
    v.hint = d.hint;
  return v;
}

} // namespace vb::serve
