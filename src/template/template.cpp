// Template files are a small TOML subset: [sections], key = value with
// strings, numbers, booleans and arrays of strings, # comments. Parsed here
// by hand so that only the loader links an XML parser, and so every error
// carries the template's line and column.
#include "template/template.hpp"

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <functional>
#include <map>

#include "util/fsio.hpp"

namespace vb::tmpl {

namespace {

struct Value {
  enum class Type { String, Number, Bool, Array } type = Type::String;
  std::string str;
  double num = 0;
  bool b = false;
  std::vector<std::string> arr;
  SourceLoc loc;
};

// Parses the TOML subset into "section.key" → value.
bool parse_toml(const std::string &text, const std::string &path, Diagnostics &diags,
                std::map<std::string, Value> &out) {
  std::string section;
  int lineno = 0;
  size_t pos = 0;
  bool ok = true;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos)
      eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++lineno;
    size_t i = 0;
    auto skip_ws = [&] {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        ++i;
    };
    auto err = [&](const std::string &msg, const std::string &hint) {
      diags.error(path, {lineno, int(i) + 1}, msg, hint);
      ok = false;
    };
    skip_ws();
    if (i >= line.size() || line[i] == '#')
      continue;
    if (line[i] == '[') {
      size_t close = line.find(']', i);
      if (close == std::string::npos) {
        err("unterminated section header", "write [name]");
        continue;
      }
      section = line.substr(i + 1, close - i - 1);
      i = close + 1;
      skip_ws();
      if (i < line.size() && line[i] != '#')
        err("unexpected text after section header", "put nothing but a comment after ]");
      continue;
    }
    size_t kstart = i;
    while (i < line.size() && (std::isalnum((unsigned char)line[i]) || line[i] == '_' || line[i] == '-'))
      ++i;
    std::string key = line.substr(kstart, i - kstart);
    if (key.empty()) {
      err("expected a key", "write key = value");
      continue;
    }
    skip_ws();
    if (i >= line.size() || line[i] != '=') {
      err("expected '=' after '" + key + "'", "write key = value");
      continue;
    }
    ++i;
    skip_ws();
    Value v;
    v.loc = {lineno, int(i) + 1};
    auto parse_string = [&](std::string &s) -> bool {
      ++i; // opening quote
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size())
          ++i;
        s += line[i++];
      }
      if (i >= line.size()) {
        err("unterminated string", "close it with \"");
        return false;
      }
      ++i;
      return true;
    };
    if (i < line.size() && line[i] == '"') {
      if (!parse_string(v.str))
        continue;
    } else if (i < line.size() && line[i] == '[') {
      v.type = Value::Type::Array;
      ++i;
      bool bad = false;
      for (;;) {
        skip_ws();
        if (i < line.size() && line[i] == ']') {
          ++i;
          break;
        }
        if (i >= line.size() || line[i] != '"') {
          err("expected a string in the array", "write [\"a\", \"b\"] on one line");
          bad = true;
          break;
        }
        std::string s;
        if (!parse_string(s)) {
          bad = true;
          break;
        }
        v.arr.push_back(s);
        skip_ws();
        if (i < line.size() && line[i] == ',')
          ++i;
      }
      if (bad)
        continue;
    } else if (line.compare(i, 4, "true") == 0 || line.compare(i, 5, "false") == 0) {
      v.type = Value::Type::Bool;
      v.b = line[i] == 't';
      i += v.b ? 4 : 5;
    } else {
      v.type = Value::Type::Number;
      const char *start = line.c_str() + i;
      char *end = nullptr;
      v.num = std::strtod(start, &end);
      if (end == start || !std::isfinite(v.num)) {
        err("'" + key + "' needs a number, a \"string\", true/false or [\"list\"]", "e.g. " + key + " = 14");
        continue;
      }
      i += size_t(end - start);
    }
    skip_ws();
    if (i < line.size() && line[i] != '#') {
      err("unexpected text after the value of '" + key + "'", "one key = value per line");
      continue;
    }
    std::string full = section.empty() ? key : section + "." + key;
    if (out.count(full)) {
      diags.error(path, {lineno, int(kstart) + 1}, "'" + full + "' is set twice", "keep one");
      ok = false;
      continue;
    }
    out[full] = v;
  }
  return ok;
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

} // namespace

std::optional<Template> parse_template(const std::string &text, const std::string &path, Diagnostics &diags) {
  std::map<std::string, Value> kv;
  size_t before = diags.error_count();
  parse_toml(text, path, diags, kv);
  Template t;
  t.source = path;

  std::map<std::string, bool> used;
  auto get = [&](const std::string &key, Value::Type type) -> const Value * {
    auto it = kv.find(key);
    if (it == kv.end())
      return nullptr;
    used[key] = true;
    if (it->second.type != type) {
      static const char *names[] = {"a \"string\"", "a number", "true or false", "a [\"list\"]"};
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
  if (auto v = get("ending.recipients", Value::Type::Bool))
    t.recipients = v->b;

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

bool parse_calendar(const std::string &text, const std::string &path, Calendar &cal, Diagnostics &diags) {
  std::map<std::string, Value> kv;
  size_t before = diags.error_count();
  parse_toml(text, path, diags, kv);
  std::map<std::string, Event> found;
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
    if (v.type != Value::Type::String) {
      diags.error(path, v.loc, "'" + key + "' must be a \"string\"");
      continue;
    }
    if (field == "name") {
      e.name = v.str;
    } else if (field == "date") {
      int y = 0, m = 0, d = 0;
      char tail = 0;
      static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      if (std::sscanf(v.str.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
          d > dim[m - 1]) {
        diags.error(path, v.loc, "date \"" + v.str + "\" of event '" + id + "' is not a date",
                    "write it as YYYY-MM-DD, e.g. \"1930-02-03\"");
        continue;
      }
      e.year = y;
      e.month = m;
      e.day = d;
    } else {
      diags.error(path, v.loc, "unknown field '" + field + "' of event '" + id + "'",
                  "an event has name and date");
    }
  }
  for (auto &[id, e] : found) {
    if (e.name.empty() || e.year == 0) {
      diags.error(path, {}, "event '" + id + "' needs both name and date",
                  "add name = \"…\" and date = \"YYYY-MM-DD\"");
      continue;
    }
    cal.events[id] = e;
  }
  cal.sources.push_back(path);
  return diags.error_count() == before;
}

bool load_calendar(const std::string &path, Calendar &cal, Diagnostics &diags, bool optional) {
  std::string err;
  auto text = read_file(path, err, 1 << 20);
  if (!text) {
    if (optional)
      return true;
    diags.error(path, {}, "cannot read the calendar: " + err, "reinstall vanban's templates/ folder");
    return false;
  }
  return parse_calendar(*text, path, cal, diags);
}

} // namespace vb::tmpl
