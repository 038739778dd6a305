#include "import/docx_styles.hpp"

#include <algorithm>
#include <cstdlib>

#include "model/finalize.hpp"
#include "template/styles.hpp"

namespace vb::imp {

namespace {

int to_int(const std::optional<std::string> &s, int def) {
  if (!s || s->empty() || s->size() > 9)
    return def;
  char *end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  return *end ? def : int(v);
}

std::optional<NumRef> num_ref(const xmlNode *pPr) {
  const xmlNode *np = child(pPr, "numPr");
  if (!np)
    return std::nullopt;
  NumRef r;
  r.num = to_int(attr(child(np, "numId"), "val"), 0);
  r.level = std::clamp(to_int(attr(child(np, "ilvl"), "val"), 0), 0, 8);
  return r;
}

// A border side that draws a line.
bool drawn(const xmlNode *side) {
  auto v = attr(side, "val");
  return side && v && *v != "nil" && *v != "none";
}

std::optional<bool> borders_of(const xmlNode *tblPr) {
  const xmlNode *b = child(tblPr, "tblBorders");
  if (!b)
    return std::nullopt;
  for (const char *s : {"top", "left", "start", "bottom", "right", "end", "insideH", "insideV"})
    if (drawn(child(b, s)))
      return true;
  return false;
}

std::string letters(int n, bool upper) {
  std::string s;
  while (n > 0) {
    s.insert(s.begin(), char((upper ? 'A' : 'a') + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return s;
}

} // namespace

void RunProps::inherit(const RunProps &base) {
  if (!bold)
    bold = base.bold;
  if (!italic)
    italic = base.italic;
  if (!caps)
    caps = base.caps;
  if (!hidden)
    hidden = base.hidden;
}

RunProps run_props(const xmlNode *rPr) {
  RunProps r;
  if (!rPr)
    return r;
  r.bold = flag(rPr, "b");
  r.italic = flag(rPr, "i");
  r.caps = flag(rPr, "caps");
  r.hidden = flag(rPr, "vanish");
  return r;
}

std::optional<Align> align_value(const xmlNode *pPr) {
  auto v = attr(child(pPr, "jc"), "val");
  if (!v)
    return std::nullopt;
  if (*v == "center")
    return Align::Center;
  if (*v == "right" || *v == "end")
    return Align::Right;
  if (*v == "both" || *v == "distribute" || *v == "lowKashida" || *v == "mediumKashida" ||
      *v == "highKashida" || *v == "thaiDistribute")
    return Align::Justify;
  return Align::Left;
}

void StyleSheet::read(const xmlNode *root) {
  if (!root)
    return;
  if (const xmlNode *dd = child(root, "docDefaults"))
    defaults_ = run_props(child(child(dd, "rPrDefault"), "rPr"));
  for (const xmlNode *s = root->children; s; s = s->next) {
    if (!is(s, "style"))
      continue;
    auto id = attr(s, "styleId");
    if (!id)
      continue;
    Style st;
    st.name = attr(child(s, "name"), "val").value_or("");
    st.based_on = attr(child(s, "basedOn"), "val").value_or("");
    st.runs = run_props(child(s, "rPr"));
    const xmlNode *pPr = child(s, "pPr");
    st.align = align_value(pPr);
    st.num = num_ref(pPr);
    if (auto o = attr(child(pPr, "outlineLvl"), "val"))
      st.outline = to_int(o, -1);
    st.borders = borders_of(child(s, "tblPr"));
    // w:default="1" on a paragraph style: what paragraphs without a style use.
    if (attr(s, "type").value_or("") == "paragraph" && attr(s, "default").value_or("") == "1")
      default_para_ = *id;
    styles_[*id] = std::move(st);
  }
}

const StyleSheet::Style *StyleSheet::find(const std::string &id) const {
  auto it = styles_.find(id);
  return it == styles_.end() ? nullptr : &it->second;
}

RunProps StyleSheet::para_runs(const std::string &id) const {
  RunProps r;
  const Style *s = find(id.empty() ? default_para_ : id);
  for (int guard = 0; s && guard < 32; ++guard) { // basedOn chains may loop in damaged files
    r.inherit(s->runs);
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  r.inherit(defaults_);
  return r;
}

RunProps StyleSheet::char_runs(const std::string &id) const {
  RunProps r;
  const Style *s = find(id);
  for (int guard = 0; s && guard < 32; ++guard) {
    r.inherit(s->runs);
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  return r;
}

std::optional<Align> StyleSheet::align(const std::string &id) const {
  const Style *s = find(id.empty() ? default_para_ : id);
  for (int guard = 0; s && guard < 32; ++guard) {
    if (s->align)
      return s->align;
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  return std::nullopt;
}

std::optional<NumRef> StyleSheet::numbering(const std::string &id) const {
  const Style *s = find(id.empty() ? default_para_ : id);
  for (int guard = 0; s && guard < 32; ++guard) {
    if (s->num)
      return s->num;
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  return std::nullopt;
}

bool StyleSheet::table_borders(const std::string &id, bool &known) const {
  const Style *s = find(id);
  known = false;
  for (int guard = 0; s && guard < 32; ++guard) {
    if (s->borders) {
      known = true;
      return *s->borders;
    }
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  return false;
}

namespace {

// vanban's own paragraph styles (src/template/styles.cpp) say exactly what a
// paragraph is. Word keeps their ids; LibreOffice rewrites the ids from the
// names ("VB Subject" → "VBSubject"): both are known.
const std::map<std::string, Role> &own_roles() {
  static const std::map<std::string, Role> roles = [] {
    tmpl::Styles st = tmpl::make_styles(tmpl::Template{});
    std::vector<std::pair<const tmpl::ParaStyle *, Role>> list = {
        {&st.header_parent, Role::Parent},
        {&st.header_agency, Role::Agency},
        {&st.header_national, Role::National},
        {&st.header_motto, Role::Motto},
        {&st.header_number, Role::Number},
        {&st.header_date, Role::Date},
        {&st.title, Role::Title},
        {&st.subject, Role::Subject},
        {&st.basis, Role::Basis},
        {&st.part_label, Role::PartLabel},
        {&st.part_title, Role::PartTitle},
        {&st.phase, Role::Phase},
        {&st.body, Role::Body},
        {&st.recipients_label, Role::RecipientsLabel},
        {&st.recipients_item, Role::Recipient},
        {&st.drafter, Role::Drafter},
        {&st.sign_line, Role::SignLine},
        {&st.sign_name, Role::SignName},
        {&st.table_header, Role::TableHeader},
        {&st.appendix_label, Role::AppendixLabel},
        {&st.appendix_title, Role::AppendixTitle},
        {&st.appendix_attached, Role::AppendixAttached},
    };
    for (const auto &h : st.heading)
      list.emplace_back(&h, Role::Heading);
    std::map<std::string, Role> m;
    for (const auto &[style, role] : list) {
      m[style->id] = role;
      std::string squeezed; // the name without spaces: LibreOffice's id
      for (char c : style->name)
        if (c != ' ')
          squeezed += c;
      m[squeezed] = role;
      m["name:" + style->name] = role;
    }
    return m;
  }();
  return roles;
}

} // namespace

Role StyleSheet::role(const std::string &id) const {
  const auto &own = own_roles();
  if (auto it = own.find(id); it != own.end())
    return it->second;
  const Style *s = find(id);
  if (s)
    if (auto it = own.find("name:" + s->name); it != own.end())
      return it->second;
  for (int guard = 0; s && guard < 32; ++guard) {
    std::string n = model::lower_vi(s->name);
    if (s->outline >= 0 && s->outline < 9)
      return Role::Heading;
    if (n.rfind("heading ", 0) == 0)
      return Role::Heading;
    s = s->based_on.empty() ? nullptr : find(s->based_on);
  }
  return Role::None;
}

void Numbering::read(const xmlNode *root) {
  if (!root)
    return;
  for (const xmlNode *a = root->children; a; a = a->next) {
    if (is(a, "abstractNum")) {
      Abstract ab;
      for (const xmlNode *l = a->children; l; l = l->next) {
        if (!is(l, "lvl"))
          continue;
        int il = to_int(attr(l, "ilvl"), -1);
        if (il < 0 || il > 8)
          continue;
        Level lv;
        lv.fmt = attr(child(l, "numFmt"), "val").value_or("decimal");
        lv.text = attr(child(l, "lvlText"), "val").value_or("");
        lv.start = to_int(attr(child(l, "start"), "val"), 1);
        lv.bold = run_props(child(l, "rPr")).bold;
        ab.levels[il] = lv;
      }
      abstracts_[to_int(attr(a, "abstractNumId"), -1)] = std::move(ab);
    } else if (is(a, "num")) {
      int id = to_int(attr(a, "numId"), -1);
      num_abstract_[id] = to_int(attr(child(a, "abstractNumId"), "val"), -1);
      for (const xmlNode *o = a->children; o; o = o->next)
        if (is(o, "lvlOverride"))
          if (auto s = attr(child(o, "startOverride"), "val"))
            overrides_[id][to_int(attr(o, "ilvl"), 0)] = to_int(s, 1);
    }
  }
}

std::string Numbering::next(const NumRef &r, std::optional<bool> &bold) {
  bold.reset();
  if (r.num <= 0)
    return {};
  auto na = num_abstract_.find(r.num);
  if (na == num_abstract_.end())
    return {};
  auto ab = abstracts_.find(na->second);
  if (ab == abstracts_.end())
    return {};
  auto lv = ab->second.levels.find(r.level);
  if (lv == ab->second.levels.end())
    return {};
  bold = lv->second.bold;
  // Lists that restart (a startOverride) count on their own; the others
  // continue their abstract list, as Word shows them.
  int key = overrides_.count(r.num) ? -1 - r.num : na->second;
  auto &cnt = counters_[key];
  auto &used = used_[key];
  auto start_of = [&](int level) {
    auto o = overrides_.find(r.num);
    if (o != overrides_.end())
      if (auto s = o->second.find(level); s != o->second.end())
        return s->second;
    auto l = ab->second.levels.find(level);
    return l == ab->second.levels.end() ? 1 : l->second.start;
  };
  cnt[r.level] = used[r.level] ? cnt[r.level] + 1 : start_of(r.level);
  used[r.level] = true;
  for (int d = r.level + 1; d < 9; ++d)
    used[d] = false;
  const Level &L = lv->second;
  if (L.fmt == "bullet") {
    std::string t = L.text;
    if (t == "-" || t == "\u2013" || t == "\u2014" || t == "\u2212" || t == "\u2010")
      return "-";
    if (t == "+")
      return "+";
    return r.level == 0 ? "-" : "+";
  }
  if (L.fmt == "none")
    return L.text.find('%') == std::string::npos ? L.text : std::string();
  auto format = [&](int level) -> std::string {
    auto l = ab->second.levels.find(level);
    std::string f = l == ab->second.levels.end() ? "decimal" : l->second.fmt;
    int n = used[level] ? cnt[level] : start_of(level);
    if (f == "upperRoman")
      return model::roman(n);
    if (f == "lowerRoman")
      return model::lower_vi(model::roman(n));
    if (f == "upperLetter")
      return letters(n, true);
    if (f == "lowerLetter")
      return letters(n, false);
    if (f == "decimalZero")
      return model::two_digits(n);
    return std::to_string(n);
  };
  std::string out;
  for (size_t i = 0; i < L.text.size(); ++i) {
    if (L.text[i] == '%' && i + 1 < L.text.size() && L.text[i + 1] >= '1' && L.text[i + 1] <= '9') {
      out += format(L.text[i + 1] - '1');
      ++i;
    } else {
      out += L.text[i];
    }
  }
  return out;
}

} // namespace vb::imp
