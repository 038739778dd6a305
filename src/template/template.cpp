// Template and calendar files are TOML, read with toml++: any TOML 1.0
// document parses, and every error, the parser's or the decree's, carries
// the file's line and column.
#include "template/template.hpp"

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <functional>
#include <map>
#include <toml++/toml.h>

#include "util/fsio.hpp"
#include "util/unicode.hpp"
#include "util/utf8.hpp"

namespace vb::tmpl {

namespace {

struct Value {
  enum class Type { String, Number, Bool, Array, Date, Other } type = Type::String;
  std::string str;
  double num = 0;
  bool b = false;
  std::vector<std::string> arr;
  int year = 0, month = 0, day = 0; // Date
  SourceLoc loc;
};

SourceLoc loc_of(const toml::source_region &r) {
  return {int(r.begin.line), int(r.begin.column)};
}

// Text that ends up in a document: NFC, and no control character (TOML's
// escapes can write any, and XML 1.0 forbids most of them).
bool clean_text(const std::string &s, const std::string &key, const SourceLoc &loc, const std::string &path,
                Diagnostics &diags) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = next_cp(s, i);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
      diags.error(path, loc, "'" + key + "' contains the control character " + buf,
                  "write the text without it (a line break is not allowed here either)");
      return false;
    }
  }
  return true;
}

void flatten(const toml::table &t, const std::string &prefix, const std::string &path, Diagnostics &diags,
             std::map<std::string, Value> &out, bool &ok) {
  for (const auto &[k, node] : t) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table *sub = node.as_table()) {
      flatten(*sub, key, path, diags, out, ok);
      continue;
    }
    Value v;
    v.loc = loc_of(node.source());
    if (auto s = node.value_exact<std::string>()) {
      v.str = nfc(*s);
      if (!clean_text(v.str, key, v.loc, path, diags)) {
        ok = false;
        continue;
      }
    } else if (auto i = node.value_exact<int64_t>()) {
      v.type = Value::Type::Number;
      v.num = double(*i);
    } else if (auto f = node.value_exact<double>()) {
      v.type = Value::Type::Number;
      v.num = *f;
      if (!std::isfinite(v.num)) {
        diags.error(path, v.loc, "'" + key + "' needs a finite number", "e.g. " + key + " = 14");
        ok = false;
        continue;
      }
    } else if (auto b = node.value_exact<bool>()) {
      v.type = Value::Type::Bool;
      v.b = *b;
    } else if (auto d = node.value_exact<toml::date>()) {
      v.type = Value::Type::Date;
      v.year = d->year;
      v.month = d->month;
      v.day = d->day;
    } else if (const toml::array *a = node.as_array()) {
      v.type = Value::Type::Array;
      for (const auto &e : *a) {
        auto s = e.value_exact<std::string>();
        if (!s) {
          v.type = Value::Type::Other;
          break;
        }
        v.arr.push_back(nfc(*s));
        if (!clean_text(v.arr.back(), key, loc_of(e.source()), path, diags)) {
          ok = false;
          break;
        }
      }
    } else {
      v.type = Value::Type::Other;
    }
    out[key] = v;
  }
}

// Parses TOML into "section.key" → value.
bool parse_toml(const std::string &text, const std::string &path, Diagnostics &diags,
                std::map<std::string, Value> &out) {
  // toml++ refuses bad UTF-8 too, but reports the character before it.
  SourceLoc at{1, 1};
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = next_cp(text, i);
    if (cp == 0xFFFD && text.compare(start, 3, "\xEF\xBF\xBD") != 0) {
      diags.error(path, at, "the file is not valid UTF-8", "save the file as UTF-8");
      return false;
    }
    if (cp == '\n') {
      ++at.line;
      at.col = 1;
    } else {
      ++at.col;
    }
  }
  toml::parse_result r = toml::parse(std::string_view(text), std::string_view(path));
  if (!r) {
    const toml::parse_error &e = r.error();
    std::string what(e.description());
    SourceLoc loc = loc_of(e.source());
    bool encoding = what.find("UTF-8") != std::string::npos || what.find("utf-8") != std::string::npos ||
                    what.find("codepoint") != std::string::npos;
    diags.error(path, loc, "malformed TOML: " + what,
                encoding ? "save the file as UTF-8" : "fix the TOML syntax here; toml.io describes it");
    return false;
  }
  bool ok = true;
  flatten(r.table(), "", path, diags, out, ok);
  return ok;
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

const std::map<std::string, Family> &families() {
  static const std::map<std::string, Family> f = {
      {"named", Family::Named},      {"regulation", Family::Regulation}, {"decision", Family::Decision},
      {"letter", Family::Letter},    {"minutes", Family::Minutes},       {"agreement", Family::Agreement},
      {"covenant", Family::Covenant}};
  return f;
}

// The kind's layout family and parts ([layout] family, [parts]), each
// within what the decree's model forms show.
template <class Get> void kind_parts(Template &t, const std::string &path, Get &get, Diagnostics &diags) {
  SourceLoc family_at;
  if (const Value *v = get("layout.family", Value::Type::String)) {
    family_at = v->loc;
    auto it = families().find(v->str);
    if (it == families().end())
      diags.error(path, v->loc, "unknown layout family '" + v->str + "'",
                  "use named, regulation, decision, letter, minutes, agreement or covenant");
    else
      t.family = it->second;
  }
  auto need = [&](const char *key, Need &dst) {
    const Value *v = get(key, Value::Type::String);
    if (!v)
      return;
    if (v->str == "none")
      dst = Need::None;
    else if (v->str == "optional")
      dst = Need::Optional;
    else if (v->str == "required")
      dst = Need::Required;
    else
      diags.error(path, v->loc, "'" + std::string(key) + "' = \"" + v->str + "\" is not a choice",
                  "write \"none\", \"optional\" or \"required\"");
  };
  need("parts.subject", t.subject);
  need("parts.issuer", t.issuer);
  need("parts.addressees", t.addressees);
  if (const Value *v = get("parts.addressee_label", Value::Type::String)) {
    if (v->str != "Kính gửi:" && v->str != "{issuer} điện:")
      diags.error(path, v->loc, "addressee label \"" + v->str + "\" is not one of Decree 30's",
                  "write \"Kính gửi:\" (ô 9a) or \"{issuer} điện:\" (a công điện)");
    else
      t.addressee_label = v->str;
  }
  if (const Value *v = get("parts.addressee_list", Value::Type::Bool))
    t.addressee_list = v->b;
  const Value *enacting = get("parts.enacting", Value::Type::String);
  if (enacting) {
    if (enacting->str != "QUYẾT ĐỊNH:" && enacting->str != "QUYẾT NGHỊ:")
      diags.error(path, enacting->loc, "enacting line \"" + enacting->str + "\" is not one of Decree 30's",
                  "write \"QUYẾT ĐỊNH:\" (Mẫu 1.2) or \"QUYẾT NGHỊ:\" (Mẫu 1.1)");
    else if (t.family != Family::Decision)
      diags.error(path, enacting->loc, "an enacting line belongs to a decision",
                  "remove parts.enacting, or set layout.family = \"decision\"");
    else
      t.enacting = enacting->str;
  } else if (t.family == Family::Decision) {
    diags.error(path, family_at, "a decision has an enacting line",
                "add parts.enacting = \"QUYẾT ĐỊNH:\" (or \"QUYẾT NGHỊ:\")");
  }
  if (t.addressee_label == "{issuer} điện:" && t.issuer != Need::Required)
    diags.error(path, family_at, "\"{issuer} điện:\" needs the issuer", "set parts.issuer = \"required\"");
  if (t.family == Family::Letter && t.subject == Need::None)
    diags.error(path, family_at, "a công văn has a trích yếu (\"V/v …\", ô 5b)",
                "set parts.subject = \"required\"");
  // The ký hiệu's first group is the kind's abbreviation in Appendix III.
  if (!t.abbreviation.empty()) {
    bool known = false;
    for (const DecreeKind &k : decree_abbreviations())
      known = known || t.abbreviation == k.abbreviation;
    if (!known) {
      std::string list;
      for (const DecreeKind &k : decree_abbreviations())
        list += (list.empty() ? "" : ", ") + std::string(k.abbreviation);
      const Value *v = get("abbreviation", Value::Type::String);
      diags.error(path, v ? v->loc : SourceLoc{},
                  "abbreviation '" + t.abbreviation + "' is not in Decree 30's Appendix III",
                  "use one of " + list + " as the table writes it, or \"\" for a công văn or a thư công");
    }
  }
}

} // namespace

const char *family_name(Family f) {
  for (const auto &[name, v] : families())
    if (v == f)
      return name.c_str();
  return "named";
}

const std::vector<DecreeKind> &decree_abbreviations() {
  static const std::vector<DecreeKind> k = {
      {"NQ", "Nghị quyết (cá biệt)"},
      {"QĐ", "Quyết định (cá biệt)"},
      {"CT", "Chỉ thị"},
      {"QC", "Quy chế"},
      {"QyĐ", "Quy định"},
      {"TC", "Thông cáo"},
      {"TB", "Thông báo"},
      {"HD", "Hướng dẫn"},
      {"CTr", "Chương trình"},
      {"KH", "Kế hoạch"},
      {"PA", "Phương án"},
      {"ĐA", "Đề án"},
      {"DA", "Dự án"},
      {"BC", "Báo cáo"},
      {"BB", "Biên bản"},
      {"TTr", "Tờ trình"},
      {"HĐ", "Hợp đồng"},
      {"CĐ", "Công điện"},
      {"BGN", "Bản ghi nhớ"},
      {"BTT", "Bản thỏa thuận"},
      {"GUQ", "Giấy ủy quyền"},
      {"GM", "Giấy mời"},
      {"GGT", "Giấy giới thiệu"},
      {"GNP", "Giấy nghỉ phép"},
      {"PG", "Phiếu gửi"},
      {"PC", "Phiếu chuyển"},
      {"PB", "Phiếu báo"},
      {"SY", "Bản sao y"},
      {"TrS", "Bản trích sao"},
      {"SL", "Bản sao lục"},
  };
  return k;
}

std::optional<Template> parse_template(const std::string &text, const std::string &path, Diagnostics &diags) {
  std::map<std::string, Value> kv;
  size_t before = diags.error_count();
  if (!parse_toml(text, path, diags, kv))
    return std::nullopt;
  Template t;
  t.source = path;

  std::map<std::string, bool> used;
  auto get = [&](const std::string &key, Value::Type type) -> const Value * {
    auto it = kv.find(key);
    if (it == kv.end())
      return nullptr;
    used[key] = true;
    if (it->second.type != type) {
      static const char *names[] = {"a \"string\"",  "a number",
                                    "true or false", "a [\"list\"] of strings",
                                    "a date",        "a value of another kind"};
      diags.error(path, it->second.loc, "'" + key + "' must be " + names[int(type)]);
      return nullptr;
    }
    return &it->second;
  };
  auto str = [&](const std::string &key, std::string &dst) {
    if (auto v = get(key, Value::Type::String))
      dst = v->str;
  };
  // A number inside the decree's range [lo, hi].
  auto num = [&](const std::string &key, double lo, double hi, const std::string &what,
                 const std::function<void(double)> &set) {
    const Value *v = get(key, Value::Type::Number);
    if (!v)
      return;
    if (v->num < lo - 1e-9 || v->num > hi + 1e-9) {
      diags.error(path, v->loc,
                  "'" + key + "' = " + fmt(v->num) + " is outside Decree 30/2020's range " + fmt(lo) + "–" +
                      fmt(hi) + " for " + what,
                  "choose a value from " + fmt(lo) + " to " + fmt(hi));
      return;
    }
    set(v->num);
  };

  str("description", t.description);
  str("title", t.title);
  str("abbreviation", t.abbreviation);
  auto mm = [](Length &dst) { return [&dst](double v) { dst = Length::mm(v); }; };
  auto pt = [](double &dst) { return [&dst](double v) { dst = v; }; };
  num("page.margin_top_mm", 20, 25, "the top margin (mm)", mm(t.margin_top));
  num("page.margin_bottom_mm", 20, 25, "the bottom margin (mm)", mm(t.margin_bottom));
  num("page.margin_left_mm", 30, 35, "the left margin (mm)", mm(t.margin_left));
  num("page.margin_right_mm", 15, 20, "the right margin (mm)", mm(t.margin_right));
  num("page.header_distance_mm", 5, 15, "the page-number position (mm)", mm(t.header_distance));
  num("sizes.national", 12, 13, "the Quốc hiệu (pt)", pt(t.size_national));
  num("sizes.motto", 13, 14, "the Tiêu ngữ (pt)", pt(t.size_motto));
  num("sizes.date", 13, 14, "the place and date (pt)", pt(t.size_date));
  num("sizes.agency", 12, 13, "the agency names (pt)", pt(t.size_agency));
  num("sizes.number", 13, 13, "the \"Số:\" line (pt)", pt(t.size_number));
  num("sizes.title", 13, 14, "the document type (pt)", pt(t.size_title));
  num("sizes.subject", 13, 14, "the subject (pt)", pt(t.size_subject));
  num("sizes.body", 13, 14, "the body text (pt)", pt(t.size_body));
  num("sizes.signature", 13, 14, "the signature block (pt)", pt(t.size_signature));
  num("sizes.recipients_label", 12, 12, "\"Nơi nhận:\" (pt)", pt(t.size_recipients_label));
  num("sizes.recipients", 11, 11, "the recipients (pt)", pt(t.size_recipients));
  num("sizes.page_number", 13, 14, "page numbers (pt)", pt(t.size_page_number));
  num("sizes.footnote", 8, 14, "footnotes (pt)", pt(t.size_footnote));
  num("sizes.table", 10, 14, "table text (pt)", pt(t.size_table));
  num("sizes.letter_subject", 12, 13, "a công văn's \"V/v …\" (pt)", pt(t.size_letter_subject));
  num("sizes.addressees", 13, 14, "\"Kính gửi:\" (pt)", pt(t.size_addressees));
  num("sizes.contact", 11, 12, "the contact line at the foot of page 1 (pt)", pt(t.size_contact));
  num("paragraph.first_line_indent_cm", 1, 1.27, "the first-line indent (cm)",
      [&](double v) { t.first_line_indent = Length::cm(v); });
  num("paragraph.space_before_pt", 0, 12, "the space before paragraphs (pt)",
      [&](double v) { t.para_before = Length::points(v); });
  num("paragraph.space_after_pt", 6, 18, "the space between paragraphs (pt)",
      [&](double v) { t.para_after = Length::points(v); });
  num("paragraph.line_spacing", 1, 1.5, "the line spacing (single to 1.5 lines)", pt(t.line_spacing));
  num("paragraph.signature_room_mm", 20, 35, "the room for the signature (mm)", mm(t.signature_room));
  num("layout.header_left", 0.35, 0.5, "the left header column's share of the width", pt(t.header_left));
  num("ending.signature_columns", 2, 3, "signature blocks per row",
      [&](double v) { t.signature_columns = int(std::lround(v)); });
  if (auto it = kv.find("ending.recipients"); it != kv.end()) {
    used["ending.recipients"] = true;
    const Value &v = it->second;
    if (v.type == Value::Type::Bool)
      t.recipients = t.recipients_expected = v.b;
    else if (v.type == Value::Type::String && v.str == "optional")
      t.recipients = true, t.recipients_expected = false;
    else
      diags.error(path, v.loc, "'ending.recipients' must be true, false or \"optional\"",
                  "true: the kind always has a Nơi nhận; \"optional\": when the document gives one");
  }
  kind_parts(t, path, get, diags);

  // The decree ties three sizes together: 12/13/13 or 13/14/14.
  if (!((t.size_national == 12 && t.size_motto == 13 && t.size_date == 13) ||
        (t.size_national == 13 && t.size_motto == 14 && t.size_date == 14))) {
    auto it = kv.find("sizes.national");
    diags.error(path, it != kv.end() ? it->second.loc : SourceLoc{},
                "Quốc hiệu / Tiêu ngữ / place-and-date sizes " + fmt(t.size_national) + " / " +
                    fmt(t.size_motto) + " / " + fmt(t.size_date) + " are mixed",
                "Decree 30/2020 allows 12 / 13 / 13 or 13 / 14 / 14");
  }

  if (auto v = get("numbering.levels", Value::Type::Array)) {
    t.numbering.clear();
    for (const auto &s : v->arr) {
      static const std::map<std::string, Scheme> schemes = {{"roman", Scheme::Roman},
                                                            {"arabic", Scheme::Arabic},
                                                            {"arabic-path", Scheme::ArabicPath},
                                                            {"alpha", Scheme::Alpha},
                                                            {"paren", Scheme::Paren}};
      auto it = schemes.find(s);
      if (it == schemes.end()) {
        diags.error(path, v->loc, "unknown numbering scheme '" + s + "'",
                    "use roman, arabic, arabic-path, alpha or paren");
        continue;
      }
      t.numbering.push_back(it->second);
    }
    if (t.numbering.empty())
      diags.error(path, v->loc, "numbering.levels is empty", "list at least one scheme");
  }

  for (const auto &[key, v] : kv)
    if (!used.count(key))
      diags.error(path, v.loc, "unknown setting '" + key + "'",
                  "see templates/ke-hoach.toml for the settings a template can have");
  if (t.title.empty())
    diags.error(path, {}, "the template has no title", "add title = \"KẾ HOẠCH\"");
  if (diags.error_count() > before)
    return std::nullopt;
  return t;
}

static bool valid_kind(const std::string &kind) {
  if (kind.empty() || kind.size() > 64)
    return false;
  return std::all_of(kind.begin(), kind.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::optional<Template> load_template(const std::string &dir, const std::string &kind, Diagnostics &diags,
                                      const std::string &ref_file, SourceLoc ref_loc) {
  std::string path = dir + "/" + kind + ".toml";
  std::string err;
  std::optional<std::string> text;
  // Kinds are plain names: never let data steer the path elsewhere.
  if (valid_kind(kind) && kind != "calendar")
    text = read_file(path, err, 1 << 20);
  if (!text) {
    std::string known;
    for (const auto &[k, d] : list_templates(dir))
      known += (known.empty() ? "" : ", ") + k;
    diags.error(ref_file.empty() ? path : ref_file, ref_loc, "unknown document kind '" + kind + "'",
                "use one of: " + (known.empty() ? std::string("(no templates in ") + dir + ")" : known));
    return std::nullopt;
  }
  auto t = parse_template(*text, path, diags);
  if (t)
    t->kind = kind;
  return t;
}

std::vector<std::pair<std::string, std::string>> list_templates(const std::string &dir) {
  std::vector<std::pair<std::string, std::string>> out;
  DIR *d = ::opendir(dir.c_str());
  if (!d)
    return out;
  while (dirent *e = ::readdir(d)) {
    std::string n = e->d_name;
    // calendar.toml sits beside the templates but is not a document kind.
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".toml") == 0 && n != "calendar.toml") {
      std::string kind = n.substr(0, n.size() - 5);
      Diagnostics quiet;
      std::string err, desc;
      if (auto text = read_file(dir + "/" + n, err, 1 << 20))
        if (auto t = parse_template(*text, dir + "/" + n, quiet))
          desc = t->description;
      out.emplace_back(kind, desc);
    }
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// A calendar date, written as a TOML date (1930-02-03) or a string
// ("1930-02-03"); February 29 only in leap years.
bool event_date(const Value &v, const std::string &id, const std::string &path, Event &e,
                Diagnostics &diags) {
  int y = v.year, m = v.month, d = v.day;
  std::string shown = v.str;
  if (v.type == Value::Type::String) {
    char tail = 0;
    if (v.str.size() != 10 || std::sscanf(v.str.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
      diags.error(path, v.loc, "date \"" + v.str + "\" of event '" + id + "' is not a date",
                  "write it as YYYY-MM-DD, e.g. 1930-02-03");
      return false;
    }
  } else if (v.type == Value::Type::Date) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    shown = buf;
  } else {
    diags.error(path, v.loc, "the date of event '" + id + "' must be a date",
                "write it as YYYY-MM-DD, e.g. date = 1930-02-03");
    return false;
  }
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > dim[m - 1] + (m == 2 && leap(y))) {
    std::string why = m >= 1 && m <= 12 && d > 0
                          ? ": that month has " + std::to_string(dim[m - 1] + (m == 2 && leap(y))) + " days"
                          : "";
    diags.error(path, v.loc, "date " + shown + " of event '" + id + "' is not a date" + why,
                "fix the day or the month");
    return false;
  }
  e.year = y;
  e.month = m;
  e.day = d;
  return true;
}

} // namespace

bool parse_calendar(const std::string &text, const std::string &path, Calendar &cal, Diagnostics &diags) {
  std::map<std::string, Value> kv;
  size_t before = diags.error_count();
  if (!parse_toml(text, path, diags, kv))
    return false;
  std::map<std::string, Event> found;
  std::map<std::string, SourceLoc> first_seen;
  for (const auto &[key, v] : kv) {
    size_t dot = key.rfind('.');
    if (dot == std::string::npos) {
      diags.error(path, v.loc, "'" + key + "' is outside an [event] section",
                  "start each event with [its-id]");
      continue;
    }
    std::string id = key.substr(0, dot), field = key.substr(dot + 1);
    Event &e = found[id];
    e.id = id;
    first_seen.emplace(id, v.loc);
    if (field == "name") {
      if (v.type != Value::Type::String)
        diags.error(path, v.loc, "'" + key + "' must be a \"string\"");
      else if (v.str.empty())
        diags.error(path, v.loc, "event '" + id + "' has an empty name", "write how the day is named");
      else
        e.name = v.str;
    } else if (field == "date") {
      event_date(v, id, path, e, diags);
    } else {
      diags.error(path, v.loc, "unknown field '" + field + "' of event '" + id + "'",
                  "an event has name and date");
    }
  }
  for (auto &[id, e] : found) {
    if (e.name.empty() || e.year == 0) {
      if (diags.error_count() == before)
        diags.error(path, first_seen[id], "event '" + id + "' needs both name and date",
                    "add name = \"…\" and date = YYYY-MM-DD");
      continue;
    }
    cal.events[id] = e;
  }
  cal.sources.push_back(path);
  return diags.error_count() == before;
}

bool load_calendar(const std::string &path, Calendar &cal, Diagnostics &diags) {
  std::string err;
  auto text = read_file(path, err, 1 << 20);
  if (!text) {
    diags.io_error(path, {}, "cannot read the calendar: " + err, "reinstall vanban's templates/ folder");
    return false;
  }
  return parse_calendar(*text, path, cal, diags);
}

bool load_folder_calendar(const std::string &dir, Calendar &cal, Diagnostics &diags) {
  std::string path = (dir.empty() ? std::string(".") : dir) + "/calendar.toml";
  if (!path_exists(path))
    return true;
  std::string err;
  auto text = read_beneath(dir, "calendar.toml", err, 1 << 20);
  if (!text) {
    diags.error(path, {}, "cannot read the calendar: " + err,
                "a calendar.toml beside the data files must be a regular file in that folder");
    return false;
  }
  return parse_calendar(*text, path, cal, diags);
}

} // namespace vb::tmpl
