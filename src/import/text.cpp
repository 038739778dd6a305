// Text → Source: lines and paragraphs, pages and the page numbers a PDF's
// text carries on lines of their own, and the little Markdown a copy through
// a converter leaves (**bold**, *italic*, hard breaks, pipe tables). What a
// page break did to paragraphs and notes is undone by repair(), for text
// and DOCX alike.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "import/readers.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

namespace {

// ------------------------------------------------------------ decoding
std::optional<std::string> decode(const std::string &bytes, const std::string &name, Diagnostics &diags) {
  auto starts = [&](const char *m, size_t n) {
    return bytes.size() >= n && std::memcmp(bytes.data(), m, n) == 0;
  };
  if (starts("%PDF", 4)) {
    diags.error(name, {}, "this is a PDF file",
                "import its text: pdftotext -enc UTF-8 FILE.pdf FILE.txt, then vanban import FILE.txt");
    return std::nullopt;
  }
  if (starts("\xD0\xCF\x11\xE0", 4)) {
    diags.error(
        name, {}, "this is an old Word document (.doc) or a password-protected one",
        "save it as .docx (Word: Save As; LibreOffice: soffice --headless --convert-to docx FILE.doc)");
    return std::nullopt;
  }
  if (starts("{\\rtf", 5)) {
    diags.error(name, {}, "this is an RTF file", "save it as .docx or as plain text");
    return std::nullopt;
  }
  std::string s;
  if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
    bool le = bytes[0] == '\xFF';
    auto unit = [&](size_t i) {
      auto b0 = (unsigned char)bytes[i], b1 = (unsigned char)bytes[i + 1];
      return le ? char32_t(b0 | (b1 << 8)) : char32_t((b0 << 8) | b1);
    };
    for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
      char32_t c = unit(i);
      if (c >= 0xD800 && c < 0xDC00 && i + 3 < bytes.size()) {
        char32_t lo = unit(i + 2);
        if (lo >= 0xDC00 && lo < 0xE000) {
          c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        } else {
          c = 0xFFFD;
        }
      } else if (c >= 0xD800 && c < 0xE000) {
        c = 0xFFFD;
      }
      append_utf8(s, c);
    }
  } else {
    s = starts("\xEF\xBB\xBF", 3) ? bytes.substr(3) : bytes;
    if (!valid_utf8(s)) {
      int line = 1, col = 1;
      for (size_t i = 0; i < s.size();) {
        size_t at = i;
        char32_t c = next_cp(s, i);
        if (c == 0xFFFD && !(s.compare(at, 3, "\xEF\xBF\xBD") == 0))
          break;
        if (c == '\n') {
          ++line;
          col = 1;
        } else {
          ++col;
        }
      }
      diags.error(name, {line, col}, "the text is not UTF-8",
                  "save it as UTF-8 (pdftotext -enc UTF-8; in an editor: Save As, encoding UTF-8)");
      return std::nullopt;
    }
  }
  if (s.find('\0') != std::string::npos) {
    diags.error(name, {}, "this is a binary file, not text", "import a .docx or a UTF-8 text file");
    return std::nullopt;
  }
  return load::nfc(s);
}

// ------------------------------------------------------------ lines
struct Line {
  std::string text;
  int no = 0;
  bool page = false; // first line after a form feed
};

bool blank(const std::string &s) {
  return s.find_first_not_of(" \t\v\u00A0") == std::string::npos;
}

std::string trim(const std::string &s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos)
    return {};
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

size_t width(const std::string &s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

bool starts_upper(const std::string &s) {
  if (s.empty())
    return false;
  size_t k = 0;
  char32_t c = next_cp(s, k);
  std::string one = s.substr(0, k);
  return (c >= '0' && c <= '9') || c == '(' || c == '-' || c == U'\u201C' || c == '"' ||
         model::lower_vi(one) != one;
}

bool all_upper(const std::string &s) {
  return model::upper_vi(s) == s && model::lower_vi(s) != s;
}

bool ends_sentence(const std::string &s) {
  for (const char *e : {".", ":", ";", "!", "?", "\u2026", "\u201D"})
    if (s.size() >= std::strlen(e) && s.compare(s.size() - std::strlen(e), std::strlen(e), e) == 0)
      return true;
  return false;
}

// ------------------------------------------------------------ emphasis
// Runs of '*' open and close bold (two) and italic (one) as Markdown does:
// an opener is followed by a non-space, a closer preceded by one. What does
// not pair stays a literal star.
struct Piece {
  std::string text;
  bool bold = false, italic = false;
  bool newline = false, hard = false; // a line end (hard: Markdown "  " or "\")
};

std::vector<Piece> emphasis(const std::string &s) {
  struct Tok {
    std::string text;
    int stars = 0, left = 0; // delimiter run length, stars not yet used
    bool open = false, close = false;
    std::vector<int> toggles_before, toggles_after; // 1 = italic, 2 = bold
    bool newline = false, hard = false;
  };
  std::vector<Tok> toks;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  std::string text;
  auto flush = [&] {
    if (!text.empty()) {
      Tok t;
      t.text = std::move(text);
      toks.push_back(std::move(t));
      text.clear();
    }
  };
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
      text += "  "; // "\" at a line end: a hard break
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < s.size() && std::strchr("*_|.-#()[]\\`+", s[i + 1]) && s[i + 1]) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c == '\n') {
      // "  " or "\" before the line end: a hard break.
      bool hard = false;
      size_t k = text.size();
      while (k > 0 && text[k - 1] == ' ')
        --k;
      if (text.size() - k >= 2)
        hard = true;
      text.erase(k);
      flush();
      Tok t;
      t.newline = true;
      t.hard = hard;
      toks.push_back(t);
      ++i;
      continue;
    }
    if (c == '*') {
      size_t j = i;
      while (j < s.size() && s[j] == '*')
        ++j;
      flush();
      Tok t;
      t.stars = t.left = int(j - i);
      t.text.assign(j - i, '*');
      t.open = j < s.size() && !is_space(s[j]);
      t.close = i > 0 && !is_space(s[i - 1]);
      toks.push_back(t);
      i = j;
      continue;
    }
    size_t j = i;
    next_cp(s, j);
    text.append(s, i, j - i);
    i = j;
  }
  flush();
  // Pair closers with the nearest opener before them (a stack of the
  // openers with stars left: linear in the number of star runs).
  std::vector<size_t> openers;
  for (size_t ci = 0; ci < toks.size(); ++ci) {
    Tok &cl = toks[ci];
    if (!cl.stars)
      continue;
    while (cl.close && cl.left > 0 && !openers.empty()) {
      Tok &op = toks[openers.back()];
      int use = (op.left >= 2 && cl.left >= 2) ? 2 : 1;
      op.left -= use;
      cl.left -= use;
      op.toggles_after.insert(op.toggles_after.begin(), use);
      cl.toggles_before.push_back(use);
      if (op.left == 0)
        openers.pop_back();
    }
    if (cl.open && cl.left > 0)
      openers.push_back(ci);
  }
  std::vector<Piece> out;
  bool bold = false, italic = false;
  auto emit = [&](const std::string &t) {
    if (t.empty())
      return;
    if (!out.empty() && !out.back().newline && out.back().bold == bold && out.back().italic == italic) {
      out.back().text += t;
      return;
    }
    Piece p;
    p.text = t;
    p.bold = bold;
    p.italic = italic;
    out.push_back(p);
  };
  auto toggle = [&](int k) { (k == 2 ? bold : italic) = !(k == 2 ? bold : italic); };
  for (auto &t : toks) {
    if (t.newline) {
      Piece p;
      p.newline = true;
      p.hard = t.hard;
      out.push_back(p);
    } else if (t.stars) {
      for (int k : t.toggles_before)
        toggle(k);
      emit(std::string(size_t(t.left), '*'));
      for (int k : t.toggles_after)
        toggle(k);
    } else {
      emit(t.text);
    }
  }
  return out;
}

Spans to_spans(const std::vector<Piece> &ps) {
  Spans out;
  for (const auto &p : ps) {
    Span s;
    if (p.newline) {
      s.kind = p.hard ? Span::Kind::Break : Span::Kind::SoftBreak;
    } else {
      s.text = p.text;
      s.bold = p.bold;
      s.italic = p.italic;
    }
    out.push_back(std::move(s));
  }
  return out;
}

// ------------------------------------------------------------ tables
bool separator_row(const std::string &l) {
  std::string t = trim(l);
  if (t.find('-') == std::string::npos || t.find('|') == std::string::npos)
    return false;
  return t.find_first_not_of("|-: ") == std::string::npos;
}

std::vector<std::string> cells_of(const std::string &line) {
  std::vector<std::string> out;
  std::string t = trim(line), cur;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
      cur += '|';
      ++i;
    } else if (t[i] == '|') {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += t[i];
    }
  }
  out.push_back(trim(cur));
  if (!t.empty() && t.front() == '|')
    out.erase(out.begin());
  if (!t.empty() && t.back() == '|' && !out.empty())
    out.pop_back();
  return out;
}

} // namespace

std::optional<Source> read_text(const std::string &bytes, const std::string &name, Diagnostics &diags,
                                const Limits &lim) {
  auto text = decode(bytes, name, diags);
  if (!text)
    return std::nullopt;
  Source src;
  src.name = name;
  // Lines, pages.
  std::vector<Line> lines;
  {
    int no = 1;
    bool page = false;
    std::string cur;
    auto end_line = [&] {
      Line l;
      l.text = cur;
      l.no = no;
      l.page = page;
      page = false;
      lines.push_back(std::move(l));
      cur.clear();
    };
    const std::string &s = *text;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '\r') {
        if (i + 1 < s.size() && s[i + 1] == '\n')
          continue;
        c = '\n';
      }
      if (c == '\n') {
        end_line();
        ++no;
      } else if (c == '\f') {
        if (!cur.empty() && !blank(cur))
          end_line();
        cur.clear();
        lines.push_back(Line{"", no, false}); // a page ends a paragraph
        page = true;
      } else if (c == '\v') {
        cur += "  \n"; // Word's manual line break, as a copy gives it
      } else if (c == '\t') {
        cur += ' ';
      } else if ((unsigned char)c >= 0x20 || c < 0) {
        cur += c;
      }
    }
    if (!cur.empty())
      end_line();
    if (lines.size() > lim.max_paragraphs) {
      diags.error(name, {}, "the text has more than " + std::to_string(lim.max_paragraphs) + " lines",
                  "split it: vanban imports documents of at most that size");
      return std::nullopt;
    }
  }
  // Page numbers: a line of digits alone at the top or foot of a page.
  {
    int page = 1;
    std::vector<size_t> firsts, lasts;
    size_t first = SIZE_MAX, last = SIZE_MAX;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].page) {
        firsts.push_back(first);
        lasts.push_back(last);
        first = last = SIZE_MAX;
      }
      if (!blank(lines[i].text)) {
        if (first == SIZE_MAX)
          first = i;
        last = i;
      }
    }
    firsts.push_back(first);
    lasts.push_back(last);
    for (size_t p = 0; p < firsts.size() && firsts.size() > 1; ++p, ++page) {
      for (size_t at : {firsts[p], lasts[p]}) {
        if (at == SIZE_MAX)
          continue;
        std::string t = trim(lines[at].text);
        if (!t.empty() && t.size() <= 4 && t.find_first_not_of("0123456789") == std::string::npos &&
            std::stoi(t) == page) {
          lines[at].text.clear();
          ++src.page_numbers;
        }
      }
    }
  }
  // Blocks of non-blank lines.
  struct Chunk {
    std::vector<Line> lines;
    bool page = false;
  };
  std::vector<Chunk> chunks;
  bool page = false;
  for (auto &l : lines) {
    page = page || l.page;
    if (blank(l.text)) {
      if (!chunks.empty() && !chunks.back().lines.empty())
        chunks.push_back({});
      continue;
    }
    if (chunks.empty())
      chunks.push_back({});
    if (chunks.back().lines.empty()) {
      chunks.back().page = page;
      page = false;
    }
    chunks.back().lines.push_back(l);
  }
  while (!chunks.empty() && chunks.back().lines.empty())
    chunks.pop_back();

  // pdftotext runs the lines of a page together with no blank line between
  // paragraphs: in a long block of wrapped lines, a short line followed by a
  // capital, or a short line ending a sentence, ends a paragraph.
  std::vector<Chunk> paras;
  for (auto &c : chunks) {
    size_t widest = 0;
    for (const auto &l : c.lines)
      widest = std::max(widest, width(l.text));
    bool wrapped =
        c.lines.size() >= 6 && widest >= 60 && !separator_row(c.lines.size() > 1 ? c.lines[1].text : "");
    Chunk cur;
    cur.page = c.page;
    for (size_t k = 0; k < c.lines.size(); ++k) {
      if (k > 0 && wrapped) {
        const std::string prev = trim(c.lines[k - 1].text), next = trim(c.lines[k].text);
        size_t w = width(prev);
        bool cap = starts_upper(next);
        bool end = ends_sentence(prev);
        bool caps_change = all_upper(prev) != all_upper(next);
        bool keyword = false;
        for (const char *kw : {"Nơi nhận", "Trên đây", "TM. ", "KT. ", "TL. ", "TUQ. ", "Phụ lục", "PHỤ LỤC"})
          keyword = keyword || next.rfind(kw, 0) == 0;
        if ((w * 10 < widest * 8 && cap) || (end && w * 10 < widest * 9) || (caps_change && cap) ||
            (keyword && (end || caps_change))) {
          paras.push_back(std::move(cur));
          cur = Chunk{};
        }
      }
      cur.lines.push_back(c.lines[k]);
    }
    if (!cur.lines.empty())
      paras.push_back(std::move(cur));
  }
  for (auto &c : paras) {
    int pos = c.lines[0].no;
    // A pipe table: a header line, a separator, rows.
    bool table = c.lines.size() >= 2 && separator_row(c.lines[1].text);
    for (auto &l : c.lines)
      if (l.text.find('|') == std::string::npos)
        table = false;
    if (table) {
      Table t;
      t.pos = pos;
      t.page_break = c.page;
      size_t ncols = cells_of(c.lines[1].text).size();
      auto row_of = [&](const std::string &line, int no) {
        auto cells = cells_of(line);
        while (cells.size() > ncols && ncols > 0) { // keep the text of extra cells
          cells[ncols - 1] += " " + cells.back();
          cells.pop_back();
        }
        cells.resize(ncols);
        Row r;
        for (auto &cell : cells) {
          Cell ce;
          if (!cell.empty()) {
            Para p;
            p.pos = no;
            p.spans = to_spans(emphasis(cell));
            ce.paras.push_back(std::move(p));
          }
          r.cells.push_back(std::move(ce));
        }
        return r;
      };
      Row head = row_of(c.lines[0].text, c.lines[0].no);
      bool head_text = false;
      for (auto &ce : head.cells)
        for (auto &p : ce.paras)
          if (plain(p.spans).find_first_not_of("-–* ") != std::string::npos)
            head_text = true;
      if (head_text) {
        head.header = true;
        t.rows.push_back(std::move(head));
      }
      for (size_t k = 2; k < c.lines.size(); ++k)
        t.rows.push_back(row_of(c.lines[k].text, c.lines[k].no));
      src.blocks.push_back(std::move(t));
      continue;
    }
    // "*** text**": a starred phase in bold, as a converter writes it.
    std::string joined;
    for (size_t k = 0; k < c.lines.size(); ++k) {
      std::string l = c.lines[k].text;
      if (k == 0) {
        size_t a = l.find_first_not_of(' ');
        l = a == std::string::npos ? "" : l.substr(a);
        if (l.rfind("*** ", 0) == 0)
          l = "* **" + l.substr(4);
      }
      joined += (k ? "\n" : "") + l;
    }
    Para p;
    p.pos = pos;
    p.page_break = c.page;
    p.spans = to_spans(emphasis(joined));
    src.blocks.push_back(std::move(p));
  }
  return src;
}

} // namespace vb::imp
