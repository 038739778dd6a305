// Page 1 above the text: the agencies, Quốc hiệu and Tiêu ngữ, the Số line,
// place and date (ND30 ô 1–4), then the tên loại and trích yếu (ô 5a). The
// tên loại decides the kind, from the templates' titles.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "import/recognise.hpp"
#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

using model::Inline;
using model::Inlines;

namespace {

bool national(const std::string &t) {
  std::string f = Kinds::fold(t);
  return f.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") != std::string::npos;
}

bool motto(const std::string &t) {
  std::string f = Kinds::fold(t);
  return f.find("ĐỘC LẬP") != std::string::npos && f.find("TỰ DO") != std::string::npos &&
         f.find("HẠNH PHÚC") != std::string::npos;
}

bool rule_line(const std::string &t) {
  if (t.size() < 3)
    return false;
  for (size_t i = 0; i < t.size();) {
    char32_t c = next_cp(t, i);
    if (!(c == '_' || c == '-' || c == '=' || c == '.' || c == '*' || c == ' ' || c == U'\u2013' ||
          c == U'\u2014' || c == U'\u2015' || c == U'\u2500'))
      return false;
  }
  return true;
}

// Blank as a clerk leaves it: nothing, dots, an ellipsis, underscores.
bool blank_field(const std::string &t) {
  for (size_t i = 0; i < t.size();) {
    char32_t c = next_cp(t, i);
    if (!(c == ' ' || c == '.' || c == '_' || c == U'\u2026' || c == 0xA0))
      return false;
  }
  return true;
}

std::optional<int> number_in(const std::string &t, int lo, int hi) {
  std::string s = collapse(t);
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int v = std::stoi(s);
  return v >= lo && v <= hi ? std::optional<int>(v) : std::nullopt;
}

struct NumberLine {
  bool ok = false, blank = false;
  std::optional<int> number;
  std::string code;
};

NumberLine number_line(const std::string &t) {
  NumberLine n;
  std::string s = collapse(t);
  size_t k = 0;
  if (s.rfind("Số", 0) == 0 || s.rfind("SỐ", 0) == 0)
    k = std::strlen("Số");
  else
    return n;
  while (k < s.size() && (s[k] == ' ' || s[k] == ':'))
    ++k;
  if (k == std::strlen("Số") && k < s.size()) // "Số" must be followed by ":" or a space
    return n;
  std::string rest = s.substr(k);
  size_t slash = rest.find('/');
  if (slash == std::string::npos) {
    if (!blank_field(rest) && rest.find_first_not_of("0123456789") != std::string::npos)
      return n;
    n.ok = true;
    n.number = number_in(rest, 1, 999999);
    n.blank = !n.number;
    return n;
  }
  std::string num = rest.substr(0, slash);
  n.number = number_in(num, 1, 999999);
  if (!n.number && !blank_field(num))
    return n;
  n.blank = !n.number;
  for (char c : rest.substr(slash + 1))
    if (c != ' ')
      n.code += c;
  while (!n.code.empty() && (n.code.back() == '.' || n.code.back() == ','))
    n.code.pop_back();
  n.ok = !n.code.empty() && n.code.find('/') == std::string::npos;
  return n;
}

struct DateLine {
  bool ok = false;
  std::string place;
  std::optional<int> day, month;
  int year = 0;
};

DateLine date_line(const std::string &t) {
  DateLine d;
  std::string s = collapse(t);
  size_t ngay = s.find("ngày");
  size_t thang = s.find("tháng", ngay == std::string::npos ? 0 : ngay);
  size_t nam = s.find("năm", thang == std::string::npos ? 0 : thang);
  if (ngay == std::string::npos || thang == std::string::npos || nam == std::string::npos)
    return d;
  std::string place = collapse(s.substr(0, ngay));
  while (!place.empty() && (place.back() == ',' || place.back() == ' '))
    place.pop_back();
  std::string y = collapse(s.substr(nam + std::strlen("năm")));
  while (!y.empty() && (y.back() == '.' || y.back() == ')'))
    y.pop_back();
  if (place.empty() || place.size() > 80 || y.size() != 4 ||
      y.find_first_not_of("0123456789") != std::string::npos)
    return d;
  d.place = place;
  d.year = std::stoi(y);
  std::string day = s.substr(ngay + std::strlen("ngày"), thang - ngay - std::strlen("ngày"));
  std::string month = s.substr(thang + std::strlen("tháng"), nam - thang - std::strlen("tháng"));
  if (!blank_field(day) && !(d.day = number_in(day, 1, 31)))
    return d;
  if (!blank_field(month) && !(d.month = number_in(month, 1, 12)))
    return d;
  d.ok = d.year >= 1900 && d.year <= 2200;
  return d;
}

// Where the issuing agency's name starts among the lines above the Số line.
bool agency_head(const std::string &line) {
  static const char *heads[] = {
      "ỦY BAN",        "UỶ BAN",      "UBND",         "SỞ ",       "BỘ ",      "BAN ",       "PHÒNG ",
      "KHỐI ",         "CỤM ",        "HỘI ĐỒNG",     "CỤC ",      "CHI CỤC",  "TỔNG CỤC",   "VĂN PHÒNG",
      "TRƯỜNG ",       "TRUNG TÂM",   "BỆNH VIỆN",    "VIỆN ",     "HỘI ",     "ĐẢNG ỦY",    "ĐẢNG UỶ",
      "ĐOÀN ",         "CÔNG TY",     "TỔNG CÔNG TY", "BẢO HIỂM",  "CÔNG AN",  "BỘ CHỈ HUY", "TÒA ÁN",
      "VIỆN KIỂM SÁT", "THANH TRA",   "KHO BẠC",      "CHI NHÁNH", "HỌC VIỆN", "ĐẠI HỌC",    "LIÊN ĐOÀN",
      "MẶT TRẬN",      "THƯỜNG TRỰC", "HĐND",         "TỈNH ỦY",   "HUYỆN ỦY", "TỔ ",        "ĐỘI ",
      "ĐÀI ",          "BÁO ",        "NHÀ ",         "CHI BỘ",    "ĐẢNG BỘ",  "HỢP TÁC XÃ",
  };
  std::string u = upper(line) + " ";
  for (const char *h : heads)
    if (u.rfind(h, 0) == 0)
      return true;
  return false;
}

bool opener_word(const std::string &t) {
  for (const char *w : {"Căn cứ", "Thực hiện", "Nhằm", "Để ", "Theo ", "Trên cơ sở", "Kính gửi", "Hôm nay"})
    if (t.rfind(w, 0) == 0)
      return true;
  return false;
}

void strip_bold(Inlines &in) {
  for (auto &r : in)
    r.bold = false;
  trim_inlines(in);
}

// "KẾ HOẠCH Tổ chức phong trào …": a tên loại and the trích yếu on one line,
// as a converter that joins lines leaves them. `rest` gets the trích yếu.
const Kind *title_prefix(const Kinds &kinds, const Inlines &line, Inlines &rest) {
  std::string f = Kinds::fold(collapse(model::plain_text(line, " ")));
  for (const auto &k : kinds.all()) {
    if (k.title.find("{YEAR}") != std::string::npos || f.compare(0, k.title.size() + 1, k.title + " ") != 0)
      continue;
    size_t words = 1;
    for (char c : k.title)
      words += c == ' ';
    // Drop the title's words from the line's runs.
    rest = line;
    size_t seen = 0;
    bool in_word = false;
    for (auto it = rest.begin(); it != rest.end() && seen <= words;) {
      if (it->kind != Inline::Kind::Text) {
        ++it;
        continue;
      }
      size_t cut = 0;
      for (; cut < it->text.size(); ++cut) {
        bool space = it->text[cut] == ' ';
        if (!space && !in_word && ++seen > words)
          break;
        in_word = !space;
      }
      it->text.erase(0, cut);
      it = it->text.empty() ? rest.erase(it) : it;
      if (seen > words)
        break;
    }
    trim_inlines(rest);
    std::string r = model::plain_text(rest, " ");
    if (!r.empty() && !all_caps(r.substr(0, r.find(' '))))
      return &k;
    rest.clear();
  }
  return nullptr;
}

// pdftotext puts the page-1 header's two columns on lines of their own:
// "Số:" and "/KH-UBND" apart, "Hà Tĩnh, ngày" and "tháng 5 năm 2024" apart.
template <class Line> void join_split_lines(std::vector<Line> &lines) {
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string &t = lines[k].text;
    bool number = (t.rfind("Số", 0) == 0 || t.rfind("SỐ", 0) == 0) && t.find('/') == std::string::npos &&
                  t.size() <= std::strlen("Số:") + 12;
    if (number) {
      for (size_t j = k + 1; j < lines.size() && j <= k + 4; ++j)
        if (lines[j].text.rfind("/", 0) == 0) {
          t += lines[j].text;
          lines.erase(lines.begin() + long(j));
          break;
        }
      continue;
    }
    size_t ngay = t.rfind("ngày");
    bool date_start = ngay != std::string::npos && t.find("năm", ngay) == std::string::npos &&
                      t.find(',') != std::string::npos;
    if (!date_start)
      continue;
    for (size_t j = k + 1; j < lines.size() && j <= k + 6 && t.find("năm ") == std::string::npos;) {
      const std::string &n = lines[j].text;
      bool part = n.rfind("tháng", 0) == 0 || n.rfind("năm", 0) == 0 ||
                  (n.size() <= 2 && n.find_first_not_of("0123456789") == std::string::npos);
      if (!part) {
        ++j;
        continue;
      }
      t += " " + n;
      lines.erase(lines.begin() + long(j));
    }
  }
}

} // namespace

bool front(Ctx &ctx) {
  auto &items = ctx.items;
  auto &doc = ctx.doc;
  auto &h = doc.header;
  // The tên loại: the first line that is a kind's title (or one of the
  // decree's) among the first items.
  size_t ti = items.size(), tl = 0;
  const Kind *by_title = nullptr;
  int title_year = 0;
  Inlines title_rest; // the trích yếu, when a converter joined it to the tên loại's line
  const Kind *given = ctx.opt.kind.empty() ? nullptr : ctx.kinds.by_name(ctx.opt.kind);
  for (size_t i = 0; i < items.size() && i < 40 && ti == items.size(); ++i) {
    if (items[i].table)
      continue;
    for (size_t l = 0; l < items[i].lines.size(); ++l) {
      std::string t = collapse(model::plain_text(items[i].lines[l], " "));
      int y = 0;
      const Kind *k = ctx.kinds.by_title(t, &y);
      bool decree = Kinds::decree_title(t) && all_caps(t);
      bool role = items[i].role == Role::Title;
      Inlines rest;
      if (!(k || decree || role || (given && Kinds::fold(t) == given->title)))
        k = title_prefix(ctx.kinds, items[i].lines[l], rest);
      if (k || decree || role || (given && Kinds::fold(t) == given->title)) {
        ti = i;
        tl = l;
        by_title = k;
        title_year = y;
        ctx.kind_title = rest.empty() ? t : k->title;
        title_rest = std::move(rest);
        break;
      }
    }
  }
  // The header: every line above the title (or the leading header-like
  // lines when there is no title).
  std::vector<std::pair<std::string, const Item *>> agency_lines;
  std::vector<const Item *> unplaced;
  bool have_number = false, have_date = false;
  struct Line {
    std::string text;
    size_t item;
  };
  std::vector<Line> lines;
  size_t limit = ti < items.size() ? ti + 1 : std::min(items.size(), size_t(40));
  for (size_t k = 0; k < limit; ++k) {
    if (items[k].table)
      break;
    size_t last = k == ti ? tl : items[k].lines.size();
    for (size_t l = 0; l < last; ++l)
      lines.push_back({collapse(model::plain_text(items[k].lines[l], " ")), k});
  }
  join_split_lines(lines);
  size_t i = 0;
  for (const auto &line : lines) {
    const std::string &t = line.text;
    const Item &it = items[line.item];
    i = line.item;
    if (t.empty() || national(t) || motto(t) || rule_line(t))
      continue;
    if (auto n = number_line(t); n.ok && !have_number) {
      have_number = true;
      h.number = n.number;
      h.code = n.code;
      h.code_loc = ctx.loc(it.pos);
      continue;
    }
    if (auto d = date_line(t); d.ok && !have_date) {
      have_date = true;
      h.place = d.place;
      h.day = d.day;
      h.month = d.month;
      h.year = d.year;
      continue;
    }
    bool caps = all_caps(t) && !have_number && !have_date;
    if (caps && (it.role == Role::None || it.role == Role::Parent || it.role == Role::Agency)) {
      agency_lines.emplace_back(t, &it);
      continue;
    }
    if (ti == items.size())
      break; // no title: the text starts here
    if (unplaced.empty() || unplaced.back() != &it)
      unplaced.push_back(&it);
  }
  if (ti == items.size() && !lines.empty() && i == lines.back().item &&
      have_number + have_date + !agency_lines.empty())
    i = lines.back().item + 1;
  if (ti == items.size())
    unplaced.clear(); // without a title, the text starts at the first line not of the header
  // Parent and issuing agency.
  if (!agency_lines.empty()) {
    size_t split = 0;
    bool roles = false;
    for (size_t k = 0; k < agency_lines.size(); ++k)
      if (agency_lines[k].second->role == Role::Agency) {
        split = k;
        roles = true;
        break;
      }
    if (!roles) {
      // Decree 30: the parent agency upright, the issuing agency bold.
      size_t first_bold = agency_lines.size();
      bool any_plain = false;
      for (size_t k = 0; k < agency_lines.size(); ++k) {
        if (agency_lines[k].second->bold()) {
          if (first_bold == agency_lines.size())
            first_bold = k;
        } else {
          any_plain = true;
        }
      }
      if (ctx.src.docx && any_plain && first_bold < agency_lines.size()) {
        split = first_bold;
      } else {
        for (size_t k = agency_lines.size(); k-- > 0;)
          if (agency_head(agency_lines[k].first)) {
            split = k;
            break;
          }
      }
    }
    for (size_t k = 0; k < agency_lines.size(); ++k)
      (k < split ? h.parent : h.agency).push_back(agency_lines[k].first);
  }
  if (h.agency.empty()) {
    h.agency.push_back("CƠ QUAN BAN HÀNH");
    ctx.warn(items.empty() ? 1 : items[0].pos,
             "no issuing agency found above the title: wrote CƠ QUAN BAN HÀNH",
             "write the agency's name in <agency>");
    ctx.note(-1, "agency: not found in the source, write the issuing agency's name");
  }
  if (!have_date) {
    h.place = "…";
    ctx.warn(items.empty() ? 1 : items[0].pos, "no place and date line found (\"…, ngày … tháng … năm …\")",
             "fill in <place> and <date>");
    ctx.note(-2, "place and date: not found in the source");
  }
  for (auto *u : unplaced)
    ctx.warn(u->pos,
             "kept as an opening paragraph: \"" + u->text().substr(0, 60) +
                 "\" (not a header line vanban knows)",
             "move it where it belongs");
  // The kind.
  const Kind *by_code = h.code.empty() ? nullptr : ctx.kinds.by_code(h.code);
  const Kind *kind = nullptr;
  if (given) {
    kind = given;
    if (!ctx.kind_title.empty() && Kinds::fold(ctx.kind_title) != given->title && !(by_title == given))
      ctx.warn(items[ti].pos,
               "the document's tên loại is '" + ctx.kind_title + "'; as " + given->name +
                   " it is rendered '" + given->title + "'",
               "");
  } else if (by_title) {
    kind = by_title;
    if (by_code && by_code != by_title)
      ctx.warn(items[ti].pos, "the ký hiệu " + h.code + " is not of a " + kind->name + "; kept as written",
               "vanban check reports it too");
  } else if (!ctx.kind_title.empty() && Kinds::decree_title(ctx.kind_title)) {
    ctx.diags.error(ctx.src.name, loc_of(ctx.src, items[ti].pos),
                    "the document is a " + ctx.kind_title +
                        ", a kind vanban has no template for (templates: " + ctx.kinds.names() + ")",
                    "add its template to templates/, or give --kind to import it as one of these");
    return false;
  } else if (by_code) {
    kind = by_code;
  } else {
    ctx.diags.error(ctx.src.name, {},
                    "cannot tell the kind of document: no tên loại vanban knows (" + ctx.kinds.names() +
                        ") and no ký hiệu of one",
                    "give --kind KIND (see vanban templates)");
    return false;
  }
  doc.kind = kind->name;
  if (kind->title.find("{YEAR}") != std::string::npos && title_year)
    doc.year = title_year;
  if (h.year == 0 && title_year)
    h.year = title_year;
  // The trích yếu: the rest of the title's paragraph, or what follows it.
  ctx.at = i;
  if (ti < items.size()) {
    const Item &t = items[ti];
    ctx.at = ti + 1;
    std::vector<Inlines> subject(t.lines.begin() + long(tl) + 1, t.lines.end());
    if (!title_rest.empty())
      subject.insert(subject.begin(), title_rest);
    if (subject.empty()) {
      // A DOCX that centres its tên loại sets the trích yếu apart the same
      // way; one that does not (a converter's) is read like text.
      bool formatted = ctx.src.docx && (t.align == Align::Center || t.bold() || t.role == Role::Title);
      auto subject_like = [&](const Item &it) {
        std::string s = it.text();
        if (it.table || rule_line(s))
          return false;
        if (it.role == Role::Subject)
          return true;
        if (it.role != Role::None || peek_label(it.lines[0]).kind != LabelKind::None || opener_word(s))
          return false;
        if (formatted)
          return it.align == Align::Center && it.bold();
        return s.size() < 320;
      };
      while (ctx.at < items.size() && subject_like(items[ctx.at])) {
        const Item &s = items[ctx.at++];
        for (const auto &l : s.lines)
          subject.push_back(l);
        // In text the trích yếu is one paragraph; a converter's DOCX makes
        // each of its lines one, up to a blank line.
        if (!formatted && (!ctx.src.docx || ctx.at >= items.size() || items[ctx.at].gap_before))
          break;
      }
    }
    for (auto &l : subject) {
      strip_bold(l);
      if (!l.empty() && !rule_line(model::plain_text(l, " ")))
        doc.subject.push_back(l);
    }
    while (ctx.at < items.size() && !items[ctx.at].table && rule_line(items[ctx.at].text()))
      ++ctx.at;
  } else {
    ctx.warn(items.empty() ? 1 : items[std::min(i, items.size() - 1)].pos,
             "no tên loại (" + Kinds::fold(kind->title) + ") found: the text is read from here");
  }
  if (doc.subject.empty())
    doc.subject.emplace_back();
  // Unplaced header lines open the document, so nothing is lost.
  for (auto *u : unplaced)
    doc.opening.push_back(model::Para{join(u->lines, false), ctx.loc(u->pos)});
  return true;
}

} // namespace vb::imp
