// Undoing what a PDF's pages did to a document, whichever way it arrived
// (text, or a DOCX a converter made from that text): a page break cut a
// paragraph in two and the notes of the page sit between the halves; the
// notes start with a superscript number that marks the text above them.
// Paragraphs of a DOCX's own styles are never touched.
#include <cctype>
#include <cstring>

#include "import/readers.hpp"
#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

namespace {

int superscript_digit(char32_t c) {
  if (c == U'\u2070')
    return 0;
  if (c == U'\u00B9')
    return 1;
  if (c == U'\u00B2')
    return 2;
  if (c == U'\u00B3')
    return 3;
  if (c >= U'\u2074' && c <= U'\u2079')
    return int(c - U'\u2070');
  return -1;
}

// A superscript number at s[i…]: its value (or -1) and where it ends.
int superscript_number(const std::string &s, size_t i, size_t &end) {
  int v = -1;
  end = i;
  while (end < s.size()) {
    size_t j = end;
    int d = superscript_digit(next_cp(s, j));
    if (d < 0 || v > 9999)
      break;
    v = (v < 0 ? 0 : v * 10) + d;
    end = j;
  }
  return v;
}

bool free_para(const Block &b) {
  auto *p = std::get_if<Para>(&b);
  return p && p->role == Role::None && !p->spans.empty();
}

// A line that begins a paragraph of its own: a list or section label, a
// bullet (the recogniser reads labels fully; this keeps page halves apart).
bool starts_label(const std::string &t) {
  if (t.empty())
    return false;
  unsigned char c = t[0];
  if ((c == '-' || c == '+' || c == '*') && t.size() > 1 && t[1] == ' ')
    return true;
  if (t.rfind("\u2013 ", 0) == 0 || t.rfind("\u2022 ", 0) == 0)
    return true;
  size_t i = 0;
  if (t[0] == '(') {
    i = 1;
    while (i < t.size() && std::isdigit((unsigned char)t[i]))
      ++i;
    return i > 1 && i < t.size() && t[i] == ')';
  }
  while (i < t.size() && std::isdigit((unsigned char)t[i]))
    ++i;
  if (i > 0 && i <= 2 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ')
    return true;
  if (i > 0 && i <= 2 && i + 2 < t.size() && t[i] == '.' && std::isdigit((unsigned char)t[i + 1]))
    return true; // 1.1.
  i = 0;
  while (i < t.size() && std::strchr("IVXL", t[i]))
    ++i;
  if (i > 0 && i + 1 < t.size() && t[i] == '.' && t[i + 1] == ' ')
    return true;
  return t.size() > 2 && std::islower(c) && t[1] == ')' && t[2] == ' ';
}

bool terminal(const std::string &t) {
  static const char *ends[] = {".", ":", ";", "!", "?", "\u2026", ")", "\u201D", "\"", "|"};
  for (const char *e : ends)
    if (t.size() >= std::strlen(e) && t.compare(t.size() - std::strlen(e), std::strlen(e), e) == 0)
      return true;
  return false;
}

std::string trimmed(const std::string &s) {
  size_t a = s.find_first_not_of(' ');
  if (a == std::string::npos)
    return {};
  return s.substr(a, s.find_last_not_of(' ') - a + 1);
}

// Superscript numbers right after a word become marks of the notes found.
void marks(Spans &spans, const std::map<int, Spans> &notes) {
  Spans out;
  for (auto &s : spans) {
    if (s.kind != Span::Kind::Text) {
      out.push_back(std::move(s));
      continue;
    }
    size_t from = 0;
    for (size_t i = 0; i < s.text.size();) {
      size_t end;
      int n = superscript_number(s.text, i, end);
      bool after_word = i > 0 ? s.text[i - 1] != ' ' : (!out.empty() && out.back().kind == Span::Kind::Text);
      if (n >= 0 && after_word && notes.count(kWrittenNote + n)) {
        if (i > from) {
          Span t = s;
          t.text = s.text.substr(from, i - from);
          out.push_back(t);
        }
        Span m;
        m.kind = Span::Kind::NoteRef;
        m.note = kWrittenNote + n;
        out.push_back(m);
        from = i = end;
        continue;
      }
      next_cp(s.text, i);
    }
    if (from < s.text.size()) {
      Span t = s;
      t.text = s.text.substr(from);
      out.push_back(t);
    }
  }
  spans = std::move(out);
}

void marks_in(std::vector<Block> &blocks, const std::map<int, Spans> &notes) {
  for (auto &b : blocks) {
    if (auto *p = std::get_if<Para>(&b)) {
      marks(p->spans, notes);
    } else {
      for (auto &r : std::get<Table>(b).rows)
        for (auto &c : r.cells)
          for (auto &p : c.paras)
            marks(p.spans, notes);
    }
  }
}

// The cells of a line "label<TAB>value", or nothing.
std::vector<Spans> tab_cells(const Para &p) {
  std::vector<Spans> cells(1);
  for (const auto &s : p.spans) {
    if (s.kind == Span::Kind::Break || s.kind == Span::Kind::SoftBreak)
      return {};
    if (s.kind == Span::Kind::Tab) {
      if (!cells.back().empty())
        cells.emplace_back(); // tabs in a row reach one tab stop
      continue;
    }
    cells.back().push_back(s);
  }
  if (cells.back().empty())
    cells.pop_back();
  if (cells.size() < 2)
    return {};
  std::string first = trimmed(plain(cells[0]));
  // "I.<TAB>MỤC ĐÍCH": a label and its text, not two cells.
  if (first.empty() || (starts_label(first + " x") && first.find(' ') == std::string::npos))
    return {};
  return cells;
}

// Lines of the same number of tab-separated parts (Word's way of lining up
// "label:<TAB>value" lists) become a borderless table.
void tab_tables(std::vector<Block> &blocks) {
  std::vector<Block> out;
  for (size_t i = 0; i < blocks.size();) {
    auto *p = std::get_if<Para>(&blocks[i]);
    std::vector<Spans> first = p && p->role == Role::None ? tab_cells(*p) : std::vector<Spans>{};
    size_t j = i + 1;
    if (!first.empty())
      while (j < blocks.size()) {
        auto *q = std::get_if<Para>(&blocks[j]);
        if (!q || q->role != Role::None || tab_cells(*q).size() != first.size())
          break;
        ++j;
      }
    if (first.empty() || j - i < 2) {
      out.push_back(std::move(blocks[i]));
      ++i;
      continue;
    }
    Table t;
    t.borders = false;
    t.pos = p->pos;
    t.page_break = p->page_break;
    t.landscape = p->landscape;
    for (size_t k = i; k < j; ++k) {
      auto &q = std::get<Para>(blocks[k]);
      Row r;
      for (auto &c : tab_cells(q)) {
        Cell cell;
        Para cp;
        cp.pos = q.pos;
        cp.spans = std::move(c);
        cell.paras.push_back(std::move(cp));
        r.cells.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(r));
    }
    out.push_back(std::move(t));
    i = j;
  }
  blocks = std::move(out);
}

} // namespace

void repair(Source &src, Diagnostics &diags) {
  auto &blocks = src.blocks;
  std::vector<Block> kept;
  // Empty paragraphs (a converter's blank lines) only separate: noted on
  // the next paragraph, then dropped.
  bool gap = false;
  for (auto &b : blocks) {
    auto *p = std::get_if<Para>(&b);
    if (p && p->role == Role::None) {
      bool visible = false;
      for (const auto &s : p->spans)
        if (s.kind == Span::Kind::NoteRef ||
            (s.kind == Span::Kind::Text && s.text.find_first_not_of(' ') != std::string::npos))
          visible = true;
      if (!visible) {
        gap = true;
        continue;
      }
      p->gap_before = p->gap_before || gap;
    }
    gap = false;
    kept.push_back(std::move(b));
  }
  blocks = std::move(kept);
  kept.clear();
  // Notes: a paragraph of its own that starts with a superscript number.
  for (auto &b : blocks) {
    if (free_para(b)) {
      auto &p = std::get<Para>(b);
      std::string t = plain(p.spans);
      size_t a = t.find_first_not_of(' '), end;
      int n = a == std::string::npos ? -1 : superscript_number(t, a, end);
      if (n >= 0 && end < t.size() && t[end] == ' ') {
        // Drop the number from the note's own text.
        Spans body = p.spans;
        size_t drop = end + 1;
        for (auto it = body.begin(); it != body.end() && drop > 0;) {
          if (it->kind != Span::Kind::Text) {
            ++it;
            continue;
          }
          size_t k = std::min(drop, it->text.size());
          it->text.erase(0, k);
          drop -= k;
          it = it->text.empty() ? body.erase(it) : it + 1;
        }
        if (src.notes.count(kWrittenNote + n))
          diags.warning(src.name, loc_of(src, p.pos),
                        (src.docx ? where(src, p.pos) + ": " : std::string()) + "a second note numbered " +
                            std::to_string(n) + ": kept as text",
                        "renumber the notes");
        else {
          src.notes[kWrittenNote + n] = std::move(body);
          continue;
        }
      }
    }
    kept.push_back(std::move(b));
  }
  blocks = std::move(kept);
  if (!src.notes.empty())
    marks_in(blocks, src.notes);
  // A starred phase a converter left as "*** text**".
  for (auto &b : blocks) {
    auto *p = std::get_if<Para>(&b);
    if (!p || p->spans.empty() || p->spans[0].kind != Span::Kind::Text ||
        p->spans[0].text.rfind("*** ", 0) != 0)
      continue;
    p->spans[0].text = p->spans[0].text.substr(4);
    for (auto &s : p->spans)
      s.bold = true;
    auto &last = p->spans.back();
    if (last.kind == Span::Kind::Text && last.text.size() >= 2 &&
        last.text.compare(last.text.size() - 2, 2, "**") == 0)
      last.text.resize(last.text.size() - 2);
    Span star;
    star.text = "* ";
    p->spans.insert(p->spans.begin(), star);
  }
  // Halves of a paragraph a page cut apart.
  kept.clear();
  for (auto &b : blocks) {
    if (!kept.empty() && free_para(kept.back()) && free_para(b)) {
      auto &prev = std::get<Para>(kept.back());
      auto &next = std::get<Para>(b);
      std::string pt = trimmed(plain(prev.spans, " ")), nt = trimmed(plain(next.spans, " "));
      size_t k = 0;
      char32_t first = next_cp(nt, k);
      bool lower = model::upper_vi(nt.substr(0, k)) != nt.substr(0, k);
      bool digit = first >= '0' && first <= '9';
      bool cut = !pt.empty() && !nt.empty() && !terminal(pt) && !starts_label(nt) && pt.size() > 60 &&
                 (lower || (digit && (pt.back() == '-' || pt.back() == '/' || pt.back() == '(')));
      if (cut) {
        Span sp;
        sp.text = " ";
        prev.spans.push_back(sp);
        for (auto &s : next.spans)
          prev.spans.push_back(std::move(s));
        continue;
      }
    }
    kept.push_back(std::move(b));
  }
  blocks = std::move(kept);
  tab_tables(blocks);
}

} // namespace vb::imp
