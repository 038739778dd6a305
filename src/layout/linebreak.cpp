// Greedy line breaking at spaces, as Word and LibreOffice do it, with
// justification done by placing words ourselves (Tw does not apply to
// Identity-H text in PDF). Every word is measured once.
#include <algorithm>
#include <deque>

#include "layout/internal.hpp"

namespace vb::layout::detail {

namespace {

constexpr double kEps = 0.01; // points; LibreOffice works in twips (0.05 pt)

struct Frag {
  std::string text;
  text::Face face;
  double size; // drawn size (already scaled for superscripts)
  bool super;
  int footnote;
  double width;
};

// A word (or the part of one after a break opportunity), preceded by a gap.
struct Atom {
  enum class Kind { Word, Break, Tab } kind = Kind::Word;
  std::vector<Frag> frags;
  double width = 0;
  double gap = 0;     // width of the spaces before it (0 after a hyphen break)
  int gap_spaces = 0; // how many stretchable spaces the gap holds
  text::Face gap_face = text::Face::Regular;
  double gap_size = 0;
  // What separates it from the atom before: the break opportunity there.
  enum class Brk { None, Space, Hyphen, Slash } brk = Brk::None;
};

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool is_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0;
}

// Splits spans into atoms. Break opportunities: spaces, and after a hyphen
// between a non-space and a letter ("KH-UBND", "34-CT") as in UAX #14.
std::vector<Atom> atomize(const std::vector<Span> &spans, const text::Fonts &fonts) {
  std::vector<Atom> atoms;
  size_t bytes = 0;
  for (const Span &s : spans)
    bytes += s.text.size();
  atoms.reserve(bytes / 5 + spans.size() + 2); // about a word per 5–6 bytes of Vietnamese
  Atom cur;
  bool in_word = false;
  double pending_gap = 0;
  int pending_spaces = 0;
  text::Face gap_face = text::Face::Regular;
  double gap_size = 0;
  Atom::Brk next_brk = Atom::Brk::None; // opportunity before the next atom

  auto flush = [&] {
    if (in_word) {
      atoms.push_back(std::move(cur)); // start_word() resets cur
      in_word = false;
    }
  };
  auto start_word = [&] {
    if (!in_word) {
      cur = Atom{};
      cur.gap = pending_gap;
      cur.gap_spaces = pending_spaces;
      cur.gap_face = gap_face;
      cur.gap_size = gap_size;
      cur.brk = pending_spaces > 0 ? Atom::Brk::Space : next_brk;
      next_brk = Atom::Brk::None;
      pending_gap = 0;
      pending_spaces = 0;
      in_word = true;
    }
  };
  auto add_char = [&](const Span &s, double size, std::string_view bytes, char32_t cp) {
    start_word();
    double w = fonts.advance(s.face, cp, size);
    if (cur.frags.empty() || cur.frags.back().face != s.face || cur.frags.back().size != size ||
        cur.frags.back().super != s.superscript || cur.frags.back().footnote != s.footnote)
      cur.frags.push_back(Frag{{}, s.face, size, s.superscript, s.footnote, 0});
    cur.frags.back().text.append(bytes);
    cur.frags.back().width += w;
    cur.width += w;
  };

  for (const Span &s : spans) {
    if (s.kind != Span::Kind::Text) {
      flush();
      Atom a;
      a.kind = s.kind == Span::Kind::Break ? Atom::Kind::Break : Atom::Kind::Tab;
      next_brk = Atom::Brk::None;
      a.gap = pending_gap;
      a.gap_spaces = pending_spaces;
      pending_gap = 0;
      pending_spaces = 0;
      atoms.push_back(std::move(a));
      continue;
    }
    double size = s.superscript ? s.size * geom::kSuperScale : s.size;
    size_t i = 0;
    char32_t prev = 0;
    while (i < s.text.size()) {
      size_t start = i;
      char32_t cp = text::next_cp(s.text, i);
      std::string_view bytes(s.text.data() + start, i - start);
      if (cp == U' ') {
        flush();
        pending_gap += fonts.advance(s.face, cp, size);
        ++pending_spaces;
        gap_face = s.face;
        gap_size = size;
      } else {
        // Opportunities inside a word, as LibreOffice's ICU line rules give
        // them: after a hyphen before a letter or digit ("KH-|UBND",
        // "2021-|2025"), after a slash unless between digits ("CT/|TW",
        // "1010/|HD", not "18/5").
        add_char(s, size, bytes, cp);
        if ((cp == U'-' || cp == U'/' || cp == U'\u2013') && prev != 0 && prev != U' ' && i < s.text.size()) {
          size_t j = i;
          char32_t nx = text::next_cp(s.text, j);
          bool alnum = is_letter(nx) || is_digit(nx);
          if (cp == U'/' && alnum && !(is_digit(prev) && is_digit(nx))) {
            flush();
            next_brk = Atom::Brk::Slash;
          } else if (cp != U'/' && alnum) {
            flush();
            next_brk = Atom::Brk::Hyphen;
          }
        }
      }
      prev = cp;
    }
  }
  flush();
  if (pending_gap > 0) { // trailing spaces: an empty word that carries them
    Atom a;
    a.gap = pending_gap;
    a.gap_spaces = pending_spaces;
    a.gap_face = gap_face;
    a.gap_size = gap_size;
    atoms.push_back(std::move(a));
  }
  return atoms;
}

// Breaks an atom too wide for any line into pieces that fit `avail`.
std::vector<Atom> split_long(const Atom &a, double first_avail, double avail, const text::Fonts &fonts) {
  std::vector<Atom> out;
  Atom cur;
  cur.gap = a.gap;
  cur.gap_spaces = a.gap_spaces;
  cur.gap_face = a.gap_face;
  cur.gap_size = a.gap_size;
  double lim = first_avail;
  for (const Frag &f : a.frags) {
    size_t i = 0;
    while (i < f.text.size()) {
      size_t st = i;
      char32_t cp = text::next_cp(f.text, i);
      double w = fonts.advance(f.face, cp, f.size);
      if (cur.width + w > lim + kEps && cur.width > 0) {
        out.push_back(std::move(cur));
        cur = Atom{};
        lim = avail;
      }
      if (cur.frags.empty() || cur.frags.back().face != f.face || cur.frags.back().size != f.size ||
          cur.frags.back().super != f.super)
        cur.frags.push_back(Frag{{}, f.face, f.size, f.super, f.footnote, 0});
      cur.frags.back().text.append(f.text, st, i - st);
      cur.frags.back().width += w;
      cur.width += w;
    }
  }
  if (cur.width > 0)
    out.push_back(std::move(cur));
  return out;
}

struct LineAtoms {
  size_t begin = 0, end = 0; // atoms [begin, end)
  bool ends_with_break = false;
};

} // namespace

std::vector<Line> break_lines(const std::vector<Span> &spans, const ParaGeom &g, const text::Fonts &fonts) {
  std::vector<Atom> atoms = atomize(spans, fonts);
  const double full = g.width - g.left - g.right;
  auto line_start = [&](size_t n) { return g.left + (n == 0 ? g.first : 0); };
  auto line_avail = [&](size_t n) { return full - (n == 0 ? g.first : 0); };

  // Greedy pass: decide where each line ends, splitting over-long words.
  // The atoms of the lines, in order: pointers into `atoms` (not copies: a
  // copy per word was a third of line breaking), or into `parts_store` for
  // the pieces of over-long words.
  std::vector<const Atom *> seq;
  std::deque<Atom> parts_store;
  auto S = [&](size_t k) -> const Atom & { return *seq[k]; };
  std::vector<size_t> src; // atoms index of each seq entry
  seq.reserve(atoms.size());
  src.reserve(atoms.size());
  std::vector<LineAtoms> lines;
  LineAtoms cur;
  double x = 0; // width used on the current line (from its start)
  bool empty = true;
  size_t i = 0;
  auto new_line = [&](bool by_break) {
    cur.end = seq.size();
    cur.ends_with_break = by_break;
    lines.push_back(cur);
    cur = LineAtoms{seq.size(), seq.size(), false};
    x = 0;
    empty = true;
  };
  while (i < atoms.size()) {
    Atom &a = atoms[i];
    size_t ln = lines.size();
    double avail = line_avail(ln);
    if (a.kind == Atom::Kind::Break) {
      seq.push_back(&a);
      src.push_back(i);
      new_line(true);
      ++i;
      continue;
    }
    if (a.kind == Atom::Kind::Tab) {
      double start = line_start(ln);
      double pos = start + x + a.gap;
      double target =
          (ln == 0 && g.tab >= 0 && pos < g.tab - kEps)
              ? g.tab
              : (std::floor((pos - g.left) / geom::kDefaultTab + 1e-9) + 1) * geom::kDefaultTab + g.left;
      a.width = target - pos;
      seq.push_back(&a);
      src.push_back(i);
      x += a.gap + a.width;
      empty = false;
      ++i;
      continue;
    }
    if (a.frags.empty()) { // trailing spaces hang in the margin, as in Word
      seq.push_back(&a);
      src.push_back(i);
      ++i;
      continue;
    }
    double gap = empty && ln > 0 ? 0 : a.gap; // spaces at a wrapped line start vanish
    if (empty || x + gap + a.width <= avail + kEps) {
      if (empty && gap + a.width > avail + kEps && a.width > 0) {
        // Longer than a whole line: break the word itself.
        auto parts = split_long(a, avail - gap, line_avail(ln + 1), fonts);
        for (size_t k = 0; k < parts.size(); ++k) {
          if (k > 0) {
            parts[k].gap = 0;
            parts[k].gap_spaces = 0;
            new_line(false);
          }
          parts_store.push_back(std::move(parts[k]));
          seq.push_back(&parts_store.back());
          src.push_back(i);
          x += (k == 0 ? gap : 0) + parts_store.back().width;
          empty = false;
        }
        ++i;
        continue;
      }
      seq.push_back(&a);
      src.push_back(i);
      x += gap + a.width;
      empty = false;
      ++i;
    } else {
      // LibreOffice never breaks right after a slash: when the text up to
      // the slash fits, it breaks at the opportunity before ("05-|CT/TW");
      // when more fits, its path rule moves the whole word ("số |05-CT/TW").
      size_t back = seq.size();
      if (a.brk == Atom::Brk::Slash && !a.frags.empty()) {
        const Frag &f0 = a.frags.front();
        size_t k0 = 0;
        char32_t c0 = text::next_cp(f0.text, k0);
        bool first_fits = x + fonts.advance(f0.face, c0, f0.size) <= avail + kEps;
        // Rewind to the word start, or (slash not reached) to the last
        // hyphen opportunity.
        auto stop = [&](const Atom &t) {
          return t.brk == Atom::Brk::Space || t.brk == Atom::Brk::None ||
                 (!first_fits && t.brk == Atom::Brk::Hyphen);
        };
        while (back > cur.begin && S(back - 1).kind == Atom::Kind::Word && !S(back - 1).frags.empty()) {
          --back;
          if (stop(S(back)))
            break;
        }
        // Only when something stays on the line.
        if (back <= cur.begin || S(back).brk == Atom::Brk::None)
          back = seq.size();
      }
      if (back < seq.size()) {
        i = src[back];
        seq.resize(back);
        src.resize(back);
      }
      new_line(false);
    }
  }
  cur.end = seq.size();
  if (cur.end > cur.begin || lines.empty())
    lines.push_back(cur);

  // Placement pass.
  std::vector<Line> out;
  out.reserve(lines.size());
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    const LineAtoms &la = lines[ln];
    const bool last = ln + 1 == lines.size();
    Line line;
    line.avail = line_avail(ln);
    // Trailing gap (spaces before a break or at the end) is not content.
    size_t end = la.end;
    if (la.ends_with_break && end > la.begin)
      --end; // the Break atom
    // Natural width; stretchable gaps after the last tab.
    double natural = 0;
    int stretch = 0;
    size_t last_tab = la.begin;
    for (size_t k = la.begin; k < end; ++k)
      if (S(k).kind == Atom::Kind::Tab)
        last_tab = k + 1;
    size_t content_end = end;
    while (content_end > la.begin && S(content_end - 1).kind == Atom::Kind::Word &&
           S(content_end - 1).width == 0)
      --content_end; // trailing-spaces atom
    for (size_t k = la.begin; k < content_end; ++k) {
      double gap = (k == la.begin && ln > 0) ? 0 : S(k).gap;
      natural += gap + S(k).width;
      if (k > la.begin && k >= last_tab && S(k).kind == Atom::Kind::Word)
        stretch += S(k).gap_spaces;
    }
    line.natural = natural;
    double extra = 0, offset = 0;
    double free = line.avail - natural;
    switch (g.align) {
    case tmpl::Align::Justify:
      if (!last && !la.ends_with_break && stretch > 0 && free > 0)
        extra = free / stretch;
      break;
    case tmpl::Align::Center:
      offset = std::max(0.0, free / 2);
      break;
    case tmpl::Align::Right:
      offset = std::max(0.0, free);
      break;
    case tmpl::Align::Left:
      break;
    }
    // Vertical metrics: the largest run (superscripts ride within it).
    double asc = 0, desc = 0;
    bool any = false;
    for (size_t k = la.begin; k < content_end; ++k)
      for (const Frag &f : S(k).frags) {
        if (f.super)
          continue;
        any = true;
        double a = fonts.baseline_offset(f.face, f.size);
        asc = std::max(asc, a);
        desc = std::max(desc, fonts.line_height(f.face, f.size) - a);
      }
    if (!any) {
      asc = fonts.baseline_offset(g.base_face, g.base_size);
      desc = fonts.line_height(g.base_face, g.base_size) - asc;
    }
    line.ascent = asc;
    line.height = (asc + desc) * g.line;

    if (extra > 0) { // justified: a run per word
      size_t n = 0;
      for (size_t k = la.begin; k < content_end; ++k)
        n += S(k).frags.size();
      line.runs.reserve(n);
    }
    // Runs: merge neighbours of one style when nothing is stretched between them.
    double px = g.x + line_start(ln) + offset;
    bool after_tab = false; // text after a tab starts a new run at the stop
    for (size_t k = la.begin; k < content_end; ++k) {
      const Atom &a = S(k);
      double gap = (k == la.begin && ln > 0) ? 0 : a.gap;
      bool stretched = k > la.begin && k >= last_tab && a.kind == Atom::Kind::Word;
      double gx = gap + (stretched ? extra * a.gap_spaces : 0);
      if (a.kind == Atom::Kind::Tab) {
        px += gx + a.width;
        after_tab = true;
        continue;
      }
      bool first_frag = true;
      for (const Frag &f : a.frags) {
        double y = f.super ? -f.size / geom::kSuperScale * geom::kSuperRise : 0;
        bool can_merge = !line.runs.empty() && line.runs.back().face == f.face &&
                         line.runs.back().size == f.size && line.runs.back().superscript == f.super &&
                         line.runs.back().y == y;
        if (first_frag) {
          // Merge across the gap only when it is plain unstretched spaces of this style.
          can_merge = can_merge && extra == 0 && a.kind == Atom::Kind::Word &&
                      (gap == 0 || (a.gap_face == f.face && a.gap_size == f.size)) && !(k == la.begin) &&
                      !after_tab;
          after_tab = false;
          if (can_merge && gap > 0)
            line.runs.back().text.append(std::string(a.gap_spaces, ' '));
          px += gx;
        }
        if (can_merge) {
          line.runs.back().text += f.text;
        } else {
          TextRun r;
          r.x = px;
          r.y = y;
          r.face = f.face;
          r.size = f.size;
          r.superscript = f.super;
          r.text = f.text;
          line.runs.push_back(std::move(r));
        }
        if (f.footnote > 0 &&
            std::find(line.footnotes.begin(), line.footnotes.end(), f.footnote) == line.footnotes.end())
          line.footnotes.push_back(f.footnote);
        px += f.width;
        first_frag = false;
      }
    }
    if (line.runs.capacity() > line.runs.size() + line.runs.size() / 4)
      line.runs.shrink_to_fit(); // long documents hold every line until pagination
    out.push_back(std::move(line));
  }
  return out;
}

} // namespace vb::layout::detail
