#include "model/finalize.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "util/utf8.hpp"
#include "util/words.hpp"

namespace vb::model {

namespace {

std::string trim(std::string s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  while (!s.empty() && sp(s.back()))
    s.pop_back();
  size_t i = 0;
  while (i < s.size() && sp(s[i]))
    ++i;
  return s.substr(i);
}

// Gap printed where the number, day or month is left blank for the clerk
// to write in by hand.
const std::string kBlank = "      ";

void replace_all(std::string &s, const std::string &from, const std::string &to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
}

// "năm 2024", or a form's "năm 20…" left to write in by hand.
std::string year_words(const Header &h) {
  return h.year_blank ? "năm 20…" : "năm " + std::to_string(h.year);
}

// A name without the punctuation the data may end it with.
std::string bare(std::string s) {
  s = trim(s);
  if (s.rfind("- ", 0) == 0)
    s = trim(s.substr(2));
  while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ','))
    s.pop_back();
  return s;
}

// Sentence case for running text: "KẾ HOẠCH" → "Kế hoạch".
std::string sentence_case(const std::string &caps) {
  std::string lower = lower_vi(caps);
  size_t first = 0;
  next_cp(lower, first);
  return upper_vi(lower.substr(0, first)) + lower.substr(first);
}

struct Finalizer {
  Document &doc;
  const tmpl::Template &t;
  const tmpl::Calendar *cal;
  std::string party_list;
  std::vector<tmpl::Scheme> schemes;  // the body's numbering, level 1 first
  int article_no = 0, chapter_no = 0; // counted through one text (across its chapters)

  std::string year_text(int offset) const { return std::to_string(doc.year + offset); }

  void resolve(Inlines &in) {
    for (auto &r : in) {
      if (r.kind != Inline::Kind::Field)
        continue;
      std::string v;
      if (r.text == "year")
        v = r.form == "can-chi" ? can_chi(doc.year + r.offset) : year_text(r.offset);
      else if (r.text == "party-count")
        v = two_digits(int(doc.parties.size()));
      else if (r.text == "party-list")
        v = party_list;
      else if (r.text == "anniv") {
        const tmpl::Event *e = nullptr;
        if (cal)
          if (auto it = cal->events.find(r.ref); it != cal->events.end())
            e = &it->second;
        v = e ? anniversary(*e, anniversary_year(doc.year, r.year, r.offset), r.form) : r.ref;
        r.ref.clear();
        r.form.clear();
      }
      r.kind = Inline::Kind::Text;
      r.text = v;
      r.offset = 0;
      r.year = 0;
    }
  }

  // Numbers the blocks of one container. `level` is the section depth its
  // direct Section children get; `parent_label` the enclosing section label.
  void blocks(Blocks &bs, int level, const std::string &parent_label, tmpl::Scheme parent_scheme) {
    int section_no = 0, target_no = 0, numbered_no = 0, part_no = 0, division_no = 0, unit_no = 0;
    for (auto &b : bs) {
      std::visit(
          [&](auto &x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Para> || std::is_same_v<T, Basis>) {
              resolve(x.content);
            } else if constexpr (std::is_same_v<T, Phase>) {
              resolve(x.content);
            } else if constexpr (std::is_same_v<T, Part>) {
              switch (x.kind) {
              case Part::Kind::Part:
                x.label = "Phần " + roman(++part_no);
                break;
              case Part::Kind::Chapter:
                x.label = "Chương " + roman(++chapter_no);
                break;
              case Part::Kind::Division:
                x.label = "Mục " + std::to_string(++division_no);
                break;
              }
              resolve(x.title);
              blocks(x.body, 1, "", tmpl::Scheme::Roman);
            } else if constexpr (std::is_same_v<T, Article>) {
              // Articles count through the text; clauses in their article,
              // points in their clause.
              switch (x.level) {
              case Article::Level::Article:
                x.label = "Điều " + std::to_string(++article_no) + ".";
                break;
              case Article::Level::Clause:
                x.label = std::to_string(++unit_no) + ".";
                break;
              case Article::Level::Point:
                x.label = viet_alpha(++unit_no) + ")";
                break;
              }
              resolve(x.title);
              resolve(x.runin);
              blocks(x.body, 1, "", tmpl::Scheme::Roman);
            } else if constexpr (std::is_same_v<T, Field>) {
              field(x);
            } else if constexpr (std::is_same_v<T, Section>) {
              x.level = level;
              tmpl::Scheme sc = schemes[std::min<size_t>(size_t(level - 1), schemes.size() - 1)];
              int n = ++section_no;
              // Below the template's levels (below "a)" by default), Vietnamese
              // practice goes on with dashes, then pluses: "-" then "+".
              if (size_t(level) > schemes.size()) {
                x.label = size_t(level) == schemes.size() + 1 ? "-" : "+";
                resolve(x.title);
                resolve(x.runin);
                blocks(x.body, level + 1, x.label, sc);
                return;
              }
              switch (sc) {
              case tmpl::Scheme::Roman:
                x.label = roman(n) + ".";
                break;
              case tmpl::Scheme::Arabic:
                x.label = std::to_string(n) + ".";
                break;
              case tmpl::Scheme::ArabicPath:
                // "1.1." continues a decimal parent; under I. it is plain "1.".
                if (parent_scheme == tmpl::Scheme::Arabic || parent_scheme == tmpl::Scheme::ArabicPath)
                  x.label = parent_label + std::to_string(n) + ".";
                else
                  x.label = std::to_string(n) + ".";
                break;
              case tmpl::Scheme::Alpha:
                x.label = viet_alpha(n) + ")";
                break;
              case tmpl::Scheme::Paren:
                x.label = "(" + std::to_string(n) + ")";
                break;
              }
              resolve(x.title);
              resolve(x.runin);
              blocks(x.body, level + 1, x.label, sc);
            } else if constexpr (std::is_same_v<T, ListItem>) {
              item(x, target_no, numbered_no, 0);
            } else if constexpr (std::is_same_v<T, Table>) {
              table(x);
            }
          },
          static_cast<Block::variant &>(b));
    }
  }

  // "Địa điểm" → "Địa điểm:"; its text and its dash list.
  void field(Field &f) {
    f.label = trim(f.label);
    if (f.label.empty() || f.label.back() != ':')
      f.label += ":";
    resolve(f.content);
    int t2 = 0, n2 = 0;
    for (auto &c : f.children)
      if (auto *li = std::get_if<ListItem>(&c))
        item(*li, t2, n2, 1);
  }

  void item(ListItem &x, int &target_no, int &numbered_no, int depth) {
    switch (x.kind) {
    case ListItem::Kind::Target:
      x.label = "(" + std::to_string(++target_no) + ")";
      break;
    case ListItem::Kind::Numbered:
      x.label = std::to_string(++numbered_no) + ".";
      x.label_bold = true;
      break;
    case ListItem::Kind::Dash:
      x.label = "-";
      break; // nested lists are Plus unless marked "-"
    case ListItem::Kind::Plus:
      x.label = "+";
      break;
    }
    resolve(x.content);
    int t2 = 0, n2 = 0;
    for (auto &c : x.children)
      if (auto *li = std::get_if<ListItem>(&c))
        item(*li, t2, n2, depth + 1);
  }

  void table(Table &tb) {
    for (auto &c : tb.columns)
      resolve(c.header);
    int group = 0, row = 0;
    for (auto &r : tb.rows) {
      if (r.kind == Row::Kind::Group) {
        r.number = roman(++group);
        row = 0;
        resolve(r.group_title);
      } else {
        r.number = std::to_string(++row);
      }
      for (auto &c : r.cells)
        blocks(c.content, 1, "", tmpl::Scheme::Roman);
    }
  }

  void signature(Signature &s) {
    s.lines.clear();
    std::string auth = upper_vi(trim(s.authority));
    if (!s.prefix.empty())
      auth = s.prefix + " " + auth;
    if (!auth.empty())
      s.lines.push_back(auth);
    if (!trim(s.title).empty())
      s.lines.push_back(upper_vi(trim(s.title)));
    if (s.field_name.empty())
      s.field_name =
          default_field(!s.name.empty() ? s.name : (s.lines.empty() ? "signature" : s.lines.back()));
  }

  // Names the data gives are unique and dot-free (the loader checks); a
  // name made here from a signer's name or unit must be too: a '.' would make
  // a field hierarchy in the PDF form, a repeated name one field for two.
  std::set<std::string> fields;
  std::string default_field(std::string name) {
    name.erase(std::remove(name.begin(), name.end(), '.'), name.end());
    std::string unique = name;
    for (int n = 2; fields.count(unique); ++n)
      unique = name + " (" + std::to_string(n) + ")";
    fields.insert(unique);
    return unique;
  }

  // The "(Kèm theo Quyết định số …/QĐ-… ngày … tháng … năm … của …)" line
  // of appendices and attached texts.
  std::string attached_line() const {
    const Header &h = doc.header;
    std::string agency_text = h.agency_in_text;
    if (agency_text.empty())
      agency_text = running_text_name(h.agency);
    std::string num = h.number ? two_digits(*h.number) : kBlank;
    std::string code = h.code.empty() ? t.abbreviation : h.code;
    std::string when =
        "ngày " + (h.day ? two_digits(*h.day) : kBlank) + " tháng " +
        (h.month ? (*h.month <= 2 ? two_digits(*h.month) : std::to_string(*h.month)) : kBlank) + " " +
        year_words(h);
    return "(Kèm theo " + doc.title_case + " số " + num + "/" + code + " " + when + " của " + agency_text +
           ")";
  }

  // Kính gửi: one addressee on the label's line as written; several (or a
  // công điện's) a dash list, ";" after each and "." after the last.
  void addressees(Addressees &a) {
    a.label.clear();
    if (t.addressee_label == "{issuer} điện:") {
      a.label = make_text(upper_vi(trim(plain_text(doc.issuer_text, " "))), true);
      a.label.push_back(make_text(" điện:")[0]);
    } else {
      a.label = make_text(t.addressee_label);
    }
    a.list = t.addressee_list || a.written.size() > 1;
    a.items.clear();
    for (size_t i = 0; i < a.written.size(); ++i) {
      std::string x = bare(a.written[i]);
      a.items.push_back(a.list ? "- " + x + (i + 1 == a.written.size() ? "." : ";") : x);
    }
  }

  void run() {
    fields.clear();
    if (doc.signature)
      fields.insert(doc.signature->field_name);
    for (const auto &s : doc.signers)
      fields.insert(s.field_name);
    for (const auto &a : doc.attachments)
      if (a.signature)
        fields.insert(a.signature->field_name);
    for (const auto &p : doc.parties)
      fields.insert(p.signature.field_name);
    Header &h = doc.header;
    if (doc.year == 0)
      doc.year = h.year;
    for (auto &l : h.parent)
      l = upper_vi(trim(l));
    for (auto &l : h.agency)
      l = upper_vi(trim(l));
    // The ký hiệu prints as written: the decree's table has TTr, QyĐ …, and
    // practice keeps QĐ-TTg.
    h.number_line = number_line(h, t.abbreviation);
    h.date_line = date_line(h);

    schemes = t.numbering;
    if (doc.numbering == "roman")
      schemes = {tmpl::Scheme::Roman, tmpl::Scheme::Arabic, tmpl::Scheme::ArabicPath, tmpl::Scheme::Alpha};
    else if (doc.numbering == "arabic")
      schemes = {tmpl::Scheme::Arabic, tmpl::Scheme::ArabicPath, tmpl::Scheme::Alpha, tmpl::Scheme::Paren};

    // The tên loại: the document's own <title>, else the kind's; a công văn
    // prints none, but its appendices still say "Kèm theo Công văn".
    std::string title = t.title;
    replace_all(title, "{year}", std::to_string(doc.year));
    if (doc.title_text) {
      resolve(*doc.title_text);
      title = trim(plain_text(*doc.title_text, " "));
    }
    doc.title = upper_vi(title);
    doc.title_case = sentence_case(doc.title);
    if (t.family == tmpl::Family::Letter)
      doc.title.clear();

    party_list.clear();
    for (const auto &p : doc.parties) {
      std::string unit = p.unit;
      replace_all(unit, "\n", " ");
      party_list += (party_list.empty() ? "" : ", ") + unit;
    }

    for (auto &line : doc.subject)
      resolve(line);
    // A công văn's trích yếu is "V/v …" under its number (ô 5b).
    doc.subject_in_header = t.family == tmpl::Family::Letter;
    if (doc.subject_in_header && !doc.subject.empty()) {
      Inlines &first = doc.subject.front();
      if (plain_text(first).rfind("V/v", 0) != 0)
        first.insert(first.begin(), make_text("V/v ")[0]);
    }
    resolve(doc.issuer_text);
    doc.issuer.clear();
    if (t.issuer != tmpl::Need::None && t.addressee_label != "{issuer} điện:")
      doc.issuer = upper_vi(trim(plain_text(doc.issuer_text, " ")));
    doc.enacting = t.enacting;
    if (doc.addressees)
      addressees(*doc.addressees);
    for (auto &f : doc.minutes)
      field(f);
    resolve(doc.contact);

    blocks(doc.opening, 1, "", tmpl::Scheme::Roman);
    // Căn cứ lines: ";" after each, "." after the last of a run.
    for (size_t i = 0; i < doc.opening.size(); ++i) {
      auto *b = std::get_if<Basis>(&doc.opening[i]);
      if (!b || b->content.empty())
        continue;
      bool last = i + 1 == doc.opening.size() || !std::get_if<Basis>(&doc.opening[i + 1]);
      auto &tail = b->content.back();
      if (tail.kind == Inline::Kind::Text) {
        // Only the end: the run may start with the space after a bold word.
        std::string s = tail.text;
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
          s.pop_back();
        while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ','))
          s.pop_back();
        tail.text = s + (last ? "." : ";");
      }
    }
    article_no = chapter_no = 0;
    blocks(doc.body, 1, "", tmpl::Scheme::Roman);
    blocks(doc.closing, 1, "", tmpl::Scheme::Roman);
    for (auto &fn : doc.footnotes)
      resolve(fn);

    // Recipients: "- X;" each, the last (Lưu) ending in ".".
    for (size_t i = 0; i < doc.recipients.size(); ++i) {
      std::string s = bare(doc.recipients[i]);
      doc.recipients[i] = "- " + s + (i + 1 == doc.recipients.size() ? "." : ";");
    }

    if (doc.signature)
      signature(*doc.signature);
    for (auto &s : doc.signers)
      signature(s);
    for (auto &p : doc.parties) {
      Signature &s = p.signature;
      s.lines.clear();
      std::string unit = upper_vi(trim(p.unit));
      // Explicit line breaks in the unit name are kept: "ĐẠI DIỆN SỞ …" / "VÀ XÃ HỘI".
      size_t start = 0;
      std::string first_prefix = "ĐẠI DIỆN ";
      while (true) {
        size_t nl = unit.find('\n', start);
        std::string part = trim(unit.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        s.lines.push_back(s.lines.empty() ? first_prefix + part : part);
        if (nl == std::string::npos)
          break;
        start = nl + 1;
      }
      if (!trim(s.title).empty())
        s.lines.push_back(upper_vi(trim(s.title)));
      if (s.field_name.empty()) {
        std::string u = p.unit;
        replace_all(u, "\n", " ");
        s.field_name = default_field("Đại diện " + u);
      }
    }

    // Attached texts (Mẫu 1.3): their own tên loại and articles from Điều 1.
    for (auto &a : doc.attachments) {
      resolve(a.title_text);
      a.title = upper_vi(trim(plain_text(a.title_text, " ")));
      for (auto &line : a.subject)
        resolve(line);
      article_no = chapter_no = 0;
      blocks(a.body, 1, "", tmpl::Scheme::Roman);
      if (a.signature)
        signature(*a.signature);
      a.attached_line = attached_line();
    }

    // Appendices: "Phụ lục" alone, or numbered when there are several.
    for (size_t i = 0; i < doc.appendices.size(); ++i) {
      auto &a = doc.appendices[i];
      a.label = doc.appendices.size() == 1 ? "Phụ lục" : "Phụ lục " + roman(int(i) + 1);
      resolve(a.title);
      article_no = chapter_no = 0;
      blocks(a.body, 1, "", tmpl::Scheme::Roman);
      a.attached_line = attached_line();
    }

    doc.meta_subject = subject_text(doc);
    if (doc.meta_keywords.empty())
      doc.meta_keywords = t.description + (doc.year > 0 ? ", " + std::to_string(doc.year) : "");
    if (doc.meta_date.empty()) {
      char buf[32];
      // A form with its year blank carries a fixed date of its own.
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", h.year > 0 ? h.year : 2000,
                    h.month.value_or(1), h.day.value_or(1));
      doc.meta_date = buf;
    }
  }
};

} // namespace

namespace {

std::string capitalised(const std::string &lower) {
  size_t first = 0;
  next_cp(lower, first);
  return upper_vi(lower.substr(0, first)) + lower.substr(first);
}

} // namespace

std::string running_text_name(const std::vector<std::string> &agency_lines) {
  std::string caps;
  for (const auto &l : agency_lines)
    caps += (caps.empty() ? "" : " ") + upper_vi(l);
  std::vector<std::string> w = split_words(caps);
  if (w.empty())
    return {};
  // The administrative unit word starts the place name: "TỈNH BẮC NINH".
  auto unit_len = [&](size_t k) -> size_t {
    static const std::vector<std::vector<std::string>> units = {
        {"THÀNH", "PHỐ"}, {"THỊ", "XÃ"}, {"THỊ", "TRẤN"}, {"ĐẶC", "KHU"}, {"TỈNH"},
        {"HUYỆN"},        {"QUẬN"},      {"PHƯỜNG"},      {"XÃ"}};
    for (const auto &u : units)
      if (k + u.size() < w.size() && std::equal(u.begin(), u.end(), w.begin() + long(k)) &&
          !(u.size() == 1 && u[0] == "XÃ" && w[k + 1] == "HỘI"))
        return u.size();
    return 0;
  };
  // The kinds of body whose name is written with one capital ("Ủy ban nhân
  // dân", "Hội đồng nhân dân"); other names capitalise each part of their
  // field after the kind word ("Sở Lao động - Thương binh và Xã hội").
  static const std::vector<std::vector<std::string>> one_capital = {
      {"ỦY", "BAN", "NHÂN", "DÂN"}, {"HỘI", "ĐỒNG", "NHÂN", "DÂN"}, {"ỦY", "BAN", "MẶT", "TRẬN"}};
  std::vector<std::string> out(w.size());
  std::vector<bool> cap(w.size(), false);
  cap[0] = true;
  static const std::vector<std::vector<std::string>> kinds = {
      {"BAN", "CHỈ", "ĐẠO"}, {"HỘI", "ĐỒNG"}, {"TRUNG", "TÂM"}, {"ỦY", "BAN"},
      {"VĂN", "PHÒNG"},      {"CHI", "CỤC"},  {"THANH", "TRA"}};
  auto starts = [&](const std::vector<std::string> &k) {
    return w.size() > k.size() && std::equal(k.begin(), k.end(), w.begin());
  };
  size_t plain_until = 1; // the kind word(s)
  bool after_sep = true;  // the field after the kind is capitalised: "Sở Nội vụ"
  for (const auto &k : kinds)
    if (starts(k))
      plain_until = std::max(plain_until, k.size());
  for (const auto &k : one_capital)
    if (starts(k)) {
      plain_until = k.size();
      after_sep = false;
    }
  bool place = false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (size_t n = k > 0 ? unit_len(k) : 0) {
      place = true;
      k += n - 1; // the unit word itself stays lower case: "tỉnh"
      continue;
    }
    if (place) {
      cap[k] = true; // a place name: every word
      continue;
    }
    if (k < plain_until)
      continue;
    if (w[k] == "-" || w[k] == "VÀ" || w[k] == "–") {
      after_sep = true;
      continue;
    }
    if (after_sep)
      cap[k] = true;
    after_sep = !w[k].empty() && w[k].back() == ',';
  }
  std::string r;
  for (size_t k = 0; k < w.size(); ++k) {
    std::string lw = lower_vi(w[k]);
    r += (k ? " " : "") + (cap[k] ? capitalised(lw) : lw);
  }
  return r;
}

std::string number_line(const Header &h, const std::string &abbrev_fallback) {
  std::string code = h.code.empty() ? abbrev_fallback : h.code;
  if (!h.number && h.code.empty())
    return {};
  return "Số: " + (h.number ? two_digits(*h.number) : kBlank) + "/" + code;
}

std::string date_line(const Header &h) {
  std::string s = h.place + ", ngày ";
  s += h.day ? two_digits(*h.day) : kBlank;
  s += " tháng ";
  // ND30: months 1 and 2 get a leading zero, 3–12 do not.
  s += h.month ? (*h.month <= 2 ? two_digits(*h.month) : std::to_string(*h.month)) : kBlank;
  s += " " + year_words(h);
  return s;
}

std::string can_chi(int year) {
  static const char *stems[] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
  static const char *branches[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                   "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  return std::string(stems[(year + 6) % 10]) + " " + branches[(year + 8) % 12];
}

void finalize(Document &doc, const tmpl::Template &t, const tmpl::Calendar *cal) {
  Finalizer{doc, t, cal, {}, {}, 0, 0, {}}.run();
}

std::string anniversary(const tmpl::Event &e, int year, const std::string &form) {
  // Dates in the forms the seeds use: ND30's leading zeros (day < 10, months 1–2).
  // Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on chains of operator+.
  std::string dm = two_digits(e.day);
  dm += '/';
  dm += e.month <= 2 ? two_digits(e.month) : std::to_string(e.month);
  std::string range = "(";
  range.append(dm).append("/").append(std::to_string(e.year)).append(" - ");
  range.append(dm).append("/").append(std::to_string(year)).append(")");
  std::string years = std::to_string(year - e.year);
  if (form == "years")
    return years;
  if (form == "range")
    return range;
  if (form == "name")
    return e.name;
  if (form == "date")
    return dm;
  return years + " năm " + e.name + " " + range;
}

} // namespace vb::model
