// Items and labels: the recogniser's view of the Source, and the text
// helpers its steps share.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "import/recognise.hpp"
#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

using model::Inline;
using model::Inlines;

std::string plain(const Spans &s, const char *brk) {
  std::string out;
  for (const auto &sp : s) {
    if (sp.kind == Span::Kind::Text)
      out += sp.text;
    else if (sp.kind == Span::Kind::Tab)
      out += ' ';
    else if (sp.kind == Span::Kind::Break || sp.kind == Span::Kind::SoftBreak)
      out += brk;
  }
  return out;
}

std::string where(const Source &src, int pos) {
  return (src.docx ? "paragraph " : "line ") + std::to_string(pos);
}

SourceLoc loc_of(const Source &src, int pos) {
  return src.docx ? SourceLoc{} : SourceLoc{pos, 1};
}

std::string collapse(const std::string &s) {
  std::string out;
  bool sp = false;
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    char32_t c = next_cp(s, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      sp = !out.empty();
      continue;
    }
    if (sp)
      out += ' ';
    sp = false;
    out.append(s, at, i - at);
  }
  return out;
}

std::string upper(const std::string &s) {
  return model::upper_vi(s);
}

bool all_caps(const std::string &s) {
  bool letters = false;
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    next_cp(s, i);
    std::string one = s.substr(at, i - at);
    std::string up = model::upper_vi(one);
    if (up != one)
      return false;
    if (model::lower_vi(one) != one)
      letters = true;
  }
  return letters;
}

Inlines inlines_of(const std::string &text) {
  return model::make_text(text);
}

// Drops spaces at both ends and doubled spaces between runs, merges runs of
// the same look.
void trim_inlines(Inlines &in) {
  // Word's whitespace (tabs, no-break spaces, runs of spaces) as one space
  // per run; then the model's collapsing across runs; line breaks at either
  // edge of the paragraph mean nothing.
  for (auto &r : in)
    if (r.kind == Inline::Kind::Text) {
      std::string s;
      bool sp = false;
      for (size_t i = 0; i < r.text.size();) {
        size_t at = i;
        char32_t c = next_cp(r.text, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0xA0) {
          sp = true;
          continue;
        }
        if (sp)
          s += ' ';
        sp = false;
        s.append(r.text, at, i - at);
      }
      if (sp)
        s += ' ';
      r.text = std::move(s);
    }
  model::tidy(in);
  size_t lead = 0;
  while (lead < in.size() && in[lead].kind == Inline::Kind::Break)
    ++lead;
  in.erase(in.begin(), in.begin() + long(lead));
  while (!in.empty()) {
    auto &b = in.back();
    if (b.kind == Inline::Kind::Break) {
      in.pop_back();
      continue;
    }
    if (b.kind == Inline::Kind::Text && !b.text.empty() && b.text.back() == ' ') {
      b.text.pop_back();
      if (b.text.empty())
        in.pop_back();
      continue;
    }
    break;
  }
  // A space moved out of bold or italic reads better in the data file:
  // "<b>trước 31/7</b> năm" rather than "<b>trước 31/7 </b>năm".
  for (size_t i = 0; i + 1 < in.size(); ++i) {
    auto &a = in[i], &b = in[i + 1];
    if (a.kind == Inline::Kind::Text && b.kind == Inline::Kind::Text && !a.text.empty() &&
        a.text.back() == ' ' && (a.bold || a.italic) && !(b.bold || b.italic)) {
      a.text.pop_back();
      b.text.insert(0, " ");
    }
  }
}

Inlines join(const std::vector<Inlines> &lines, bool hard_breaks) {
  Inlines out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) {
      Inline b;
      if (hard_breaks) {
        b.kind = Inline::Kind::Break;
      } else {
        b.text = " ";
      }
      out.push_back(b);
    }
    out.insert(out.end(), lines[i].begin(), lines[i].end());
  }
  trim_inlines(out);
  return out;
}

std::string Item::text() const {
  std::string s;
  for (const auto &l : lines) {
    std::string t = model::plain_text(l, " ");
    if (!t.empty())
      s += (s.empty() ? "" : " ") + t;
  }
  return collapse(s);
}

bool Item::bold() const {
  bool any = false;
  for (const auto &l : lines)
    for (const auto &r : l) {
      if (r.kind != Inline::Kind::Text)
        continue;
      bool letters = false;
      for (unsigned char c : r.text)
        if (std::isalnum(c) || c >= 0x80)
          letters = true;
      if (!letters)
        continue;
      if (!r.bold)
        return false;
      any = true;
    }
  return any;
}

// ------------------------------------------------------------ labels
bool is_section(LabelKind k) {
  switch (k) {
  case LabelKind::Article:
  case LabelKind::Roman:
  case LabelKind::Arabic:
  case LabelKind::ArabicParen:
  case LabelKind::Path2:
  case LabelKind::Path3:
  case LabelKind::Path4:
  case LabelKind::Alpha:
    return true;
  default:
    return false;
  }
}

namespace {

int roman_value(const std::string &r) {
  for (int n = 1; n <= 40; ++n)
    if (model::roman(n) == r)
      return n;
  return 0;
}

bool upper_letter_at(const std::string &s, size_t i) {
  if (i >= s.size())
    return false;
  size_t j = i;
  next_cp(s, j);
  std::string one = s.substr(i, j - i);
  return model::lower_vi(one) != one;
}

// Parses a label at the start of `s`; `len` gets the bytes it takes with the
// spaces after it.
Label parse(const std::string &s, size_t &len) {
  Label l;
  len = 0;
  auto digits = [&](size_t i, size_t &end) {
    end = i;
    while (end < s.size() && std::isdigit((unsigned char)s[end]))
      ++end;
    return end > i && end - i <= 3 ? std::stoi(s.substr(i, end - i)) : -1;
  };
  auto after = [&](size_t i, bool need_space) -> bool {
    // The label must be followed by a space, or (tolerated) a capital.
    size_t k = i;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t'))
      ++k;
    if (k == i && need_space && !upper_letter_at(s, k))
      return false;
    if (k >= s.size())
      return false;
    len = k;
    l.written = collapse(s.substr(0, i));
    return true;
  };
  auto starts = [&](const char *p) { return s.compare(0, std::strlen(p), p) == 0; };
  // Bullets.
  for (const char *d : {"- ", "\u2013 ", "\u2014 ", "\u2022 ", "\u25E6 ", "\u25AA ", "\u25CF ", "\u2212 "})
    if (starts(d)) {
      l.kind = LabelKind::Dash;
      return after(std::strlen(d) - 1, true) ? l : Label{};
    }
  if (s.size() > 1 && s[0] == '-' && upper_letter_at(s, 1)) {
    l.kind = LabelKind::Dash;
    return after(1, true) ? l : Label{};
  }
  if (starts("+ ")) {
    l.kind = LabelKind::Plus;
    return after(1, true) ? l : Label{};
  }
  if (starts("* ")) {
    l.kind = LabelKind::Star;
    return after(1, true) ? l : Label{};
  }
  // Phần I, Điều 1.
  for (const char *w : {"Phần ", "PHẦN "}) {
    if (!starts(w))
      continue;
    size_t i = std::strlen(w), e = i;
    while (e < s.size() && std::strchr("IVXLC", s[e]))
      ++e;
    int n = roman_value(s.substr(i, e - i));
    if (n == 0) {
      n = digits(i, e);
      if (n < 0)
        return {};
    }
    if (e < s.size() && (s[e] == '.' || s[e] == ':'))
      ++e;
    if (e < s.size() && s[e] != ' ')
      return {};
    l.kind = LabelKind::Part;
    l.number = n;
    size_t k = e;
    while (k < s.size() && s[k] == ' ')
      ++k;
    // "Phần I - TITLE": the dash is part of the label.
    for (const char *d : {"- ", "\u2013 "})
      if (s.compare(k, std::strlen(d), d) == 0) {
        k += std::strlen(d);
        while (k < s.size() && s[k] == ' ')
          ++k;
      }
    len = k;
    l.written = collapse(s.substr(0, e));
    return l;
  }
  for (const char *w : {"Điều ", "ĐIỀU "}) {
    if (!starts(w))
      continue;
    size_t e;
    int n = digits(std::strlen(w), e);
    if (n < 0)
      return {};
    if (e < s.size() && (s[e] == '.' || s[e] == ':'))
      ++e;
    l.kind = LabelKind::Article;
    l.number = n;
    return after(e, true) ? l : Label{};
  }
  // (1)
  if (s[0] == '(') {
    size_t e;
    int n = digits(1, e);
    if (n < 0 || e >= s.size() || s[e] != ')')
      return {};
    ++e;
    if (e < s.size() && s[e] == '.')
      ++e;
    l.kind = LabelKind::Target;
    l.number = n;
    return after(e, true) ? l : Label{};
  }
  // I.
  {
    size_t e = 0;
    while (e < s.size() && std::strchr("IVXLC", s[e]))
      ++e;
    if (e > 0 && e < s.size() && s[e] == '.') {
      int n = roman_value(s.substr(0, e));
      if (n > 0) {
        l.kind = LabelKind::Roman;
        l.number = n;
        return after(e + 1, true) ? l : Label{};
      }
    }
  }
  // 1. 1) 1.1. 1.1.1.
  {
    size_t e;
    int n = digits(0, e);
    if (n >= 0 && e <= 2 && e < s.size()) {
      int parts = 1, last = n;
      size_t k = e;
      while (k + 1 < s.size() && s[k] == '.' && std::isdigit((unsigned char)s[k + 1])) {
        size_t e2;
        last = digits(k + 1, e2);
        if (last < 0 || e2 - k - 1 > 2)
          return {};
        k = e2;
        ++parts;
      }
      if (parts == 1) {
        if (s[k] == '.') {
          l.kind = LabelKind::Arabic;
        } else if (s[k] == ')') {
          l.kind = LabelKind::ArabicParen;
        } else {
          return {};
        }
        l.number = n;
        return after(k + 1, true) ? l : Label{};
      }
      bool dot = k < s.size() && s[k] == '.';
      l.kind = parts == 2 ? LabelKind::Path2 : parts == 3 ? LabelKind::Path3 : LabelKind::Path4;
      l.number = last; // "1.3." is the third of its list
      // "1.1 Text" without the final dot is taken only before a capital.
      if (!dot && !(k < s.size() && s[k] == ' ' && upper_letter_at(s, k + 1)))
        return {};
      return after(dot ? k + 1 : k, true) ? l : Label{};
    }
  }
  // a)
  {
    size_t j = 0;
    char32_t c = next_cp(s, j);
    bool letter = (c >= 'a' && c <= 'z') || c == U'đ';
    if (letter && j < s.size() && s[j] == ')') {
      l.kind = LabelKind::Alpha;
      l.number = 1;
      return after(j + 1, true) ? l : Label{};
    }
  }
  return {};
}

} // namespace

Label peek_label(const Inlines &in) {
  std::string s;
  for (const auto &r : in) {
    if (r.kind != Inline::Kind::Text)
      break;
    s += r.text;
    if (s.size() > 40)
      break;
  }
  size_t a = s.find_first_not_of(' ');
  if (a == std::string::npos)
    return {};
  size_t len;
  Label l = parse(s.substr(a), len);
  if (l.kind == LabelKind::None)
    return l;
  // Bold when the label's own characters are bold.
  size_t want = a + l.written.size(), seen = 0;
  l.bold = true;
  for (const auto &r : in) {
    if (seen >= want)
      break;
    if (r.kind == Inline::Kind::Text) {
      if (!r.bold && r.text.find_first_not_of(' ') != std::string::npos &&
          seen + r.text.find_first_not_of(' ') < want)
        l.bold = false;
      seen += r.text.size();
    }
  }
  return l;
}

Label take_label(Inlines &in) {
  Label l = peek_label(in);
  if (l.kind == LabelKind::None)
    return l;
  std::string s;
  for (const auto &r : in) {
    if (r.kind != Inline::Kind::Text)
      break;
    s += r.text;
    if (s.size() > 40)
      break;
  }
  size_t a = s.find_first_not_of(' ');
  size_t len;
  parse(s.substr(a), len);
  size_t drop = a + len;
  Inlines out;
  for (auto &r : in) {
    if (drop > 0 && r.kind == Inline::Kind::Text) {
      size_t k = std::min(drop, r.text.size());
      r.text.erase(0, k);
      drop -= k;
      if (r.text.empty())
        continue;
    }
    out.push_back(std::move(r));
  }
  in = std::move(out);
  trim_inlines(in);
  return l;
}

// ------------------------------------------------------------ items
namespace {

Item item_of(const Para &p) {
  Item it;
  it.para = &p;
  it.pos = p.pos;
  it.role = p.role;
  it.align = p.align;
  it.page_break = p.page_break;
  it.landscape = p.landscape;
  it.gap_before = p.gap_before;
  it.lines.emplace_back();
  for (const auto &s : p.spans) {
    switch (s.kind) {
    case Span::Kind::Text:
    case Span::Kind::Tab: {
      Inline r;
      r.text = s.kind == Span::Kind::Tab ? " " : s.text;
      r.bold = s.bold;
      r.italic = s.italic;
      it.lines.back().push_back(r);
      break;
    }
    case Span::Kind::NoteRef: {
      Inline r;
      r.kind = Inline::Kind::FootnoteRef;
      r.footnote = s.note;
      it.lines.back().push_back(r);
      break;
    }
    case Span::Kind::Break:
    case Span::Kind::SoftBreak:
      it.lines.emplace_back();
      it.soft.push_back(s.kind == Span::Kind::SoftBreak);
      break;
    }
  }
  for (auto &l : it.lines)
    trim_inlines(l);
  // Empty lines (a break at the end) carry nothing.
  for (size_t i = it.lines.size(); i-- > 0;)
    if (it.lines[i].empty() && it.lines.size() > 1) {
      it.lines.erase(it.lines.begin() + long(i));
      if (!it.soft.empty())
        it.soft.erase(it.soft.begin() + long(std::min(i ? i - 1 : 0, it.soft.size() - 1)));
    }
  return it;
}

bool empty(const Item &it) {
  for (const auto &l : it.lines)
    if (!l.empty())
      return false;
  return true;
}

std::string table_text(const Table &t) {
  std::string s;
  for (const auto &r : t.rows)
    for (const auto &c : r.cells)
      for (const auto &p : c.paras)
        s += plain(p.spans, " ") + "\n";
  return s;
}

// vanban's own page-1 header, ending and covenant grid are borderless tables
// that only lay paragraphs out; other documents do the same.
bool layout_table(const Table &t) {
  std::string s = table_text(t);
  std::string u = upper(s);
  bool strong = u.find("CỘNG HÒA XÃ HỘI") != std::string::npos ||
                u.find("CỘNG HOÀ XÃ HỘI") != std::string::npos || u.find("NƠI NHẬN") != std::string::npos;
  if (strong)
    return true;
  if (t.borders)
    return false;
  if (u.find("ĐẠI DIỆN") != std::string::npos || u.find("ĐỘC LẬP - TỰ DO") != std::string::npos)
    return true;
  for (const char *p : {"TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ", "KT.", "TM."})
    if (u.rfind(p, 0) == 0 || u.find(std::string("\n") + p) != std::string::npos)
      return true;
  return false;
}

} // namespace

std::vector<Item> items_of(const Source &src) {
  std::vector<Item> out;
  int group = 0;
  for (const auto &b : src.blocks) {
    if (const auto *p = std::get_if<Para>(&b)) {
      if (p->role == Role::Filler)
        continue;
      Item it = item_of(*p);
      if (!empty(it))
        out.push_back(std::move(it));
      continue;
    }
    const auto &t = std::get<Table>(b);
    if (!layout_table(t)) {
      Item it;
      it.table = &t;
      it.pos = t.pos;
      it.page_break = t.page_break;
      it.landscape = t.landscape;
      out.push_back(std::move(it));
      continue;
    }
    bool first = true;
    for (const auto &r : t.rows)
      for (const auto &c : r.cells) {
        ++group;
        for (const auto &p : c.paras) {
          if (p.role == Role::Filler)
            continue;
          Item it = item_of(p);
          it.cell = group;
          if (first)
            it.page_break = t.page_break;
          if (!empty(it)) {
            out.push_back(std::move(it));
            first = false;
          }
        }
      }
  }
  return out;
}

void Ctx::warn(int pos, const std::string &what, const std::string &hint) {
  if (pos <= 0)
    diags.warning(src.name, {}, what, hint);
  else
    diags.warning(src.name, loc_of(src, pos), src.docx ? where(src, pos) + ": " + what : what, hint);
}

} // namespace vb::imp
