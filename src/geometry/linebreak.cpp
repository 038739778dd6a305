// Greedy line breaking with the word processor's rules, measured on
// LibreOffice's rendering of our DOCX (see geometry/measure.hpp):
//  - a line's text fits when the sum of its glyph advances, each rounded to
//    1/6 twip, is at most the line's width (integer arithmetic, no epsilon);
//  - an italic run must end an italic correction before the line's end;
//  - break opportunities at spaces, after a hyphen or en dash before a letter
//    or digit, never after a slash (see the slash rule below); non-breaking
//    hyphens and spaces (glue) glue;
//  - a word longer than a line is cut at the last character that fits.
// Justification places words ourselves (Tw does not apply to Identity-H text
// in PDF). Linear in the input: every character is measured once, a word is
// moved back at most once per line.
#include <algorithm>
#include <cmath>
#include <deque>

#include "geometry/lines.hpp"
#include "geometry/measure.hpp"

namespace vb::geo {

namespace {

struct Frag {
  std::string text;
  text::Face face;
  double size; // drawn size (already scaled for superscripts)
  bool super;
  int footnote;
  double width; // exact, points
  Units wu;     // line-breaking width
  Units corr;   // italic correction of its portion (0 upright)
};

// A word (or the part of one after a break opportunity), preceded by a gap.
struct Atom {
  enum class Kind { Word, Break, Tab } kind = Kind::Word;
  std::vector<Frag> frags;
  double width = 0;
  Units wu = 0;
  Units need = 0;     // room it needs from its start: max over frags of end + correction
  double gap = 0;     // width of the spaces before it (0 after a hyphen break)
  Units gap_u = 0;    //
  int gap_spaces = 0; // how many stretchable spaces the gap holds
  text::Face gap_face = text::Face::Regular;
  double gap_size = 0;
  // What separates it from the atom before: the break opportunity there.
  enum class Brk { None, Space, Hyphen, Slash } brk = Brk::None;

  void add(const Frag &proto, std::string_view bytes, double w, Units u) {
    // (u may carry room the word processor counts and nothing is drawn in.)
    if (frags.empty() || frags.back().face != proto.face || frags.back().size != proto.size ||
        frags.back().super != proto.super || frags.back().footnote != proto.footnote)
      frags.push_back(Frag{{}, proto.face, proto.size, proto.super, proto.footnote, 0, 0, proto.corr});
    Frag &f = frags.back();
    f.text.append(bytes);
    f.width += w;
    f.wu += u;
    width += w;
    wu += u;
    need = std::max(need, wu + f.corr);
  }
};

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool is_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c != kNoBreakHyphen);
}

// Splits spans into atoms. Break opportunities: spaces, and after a hyphen
// or en dash between a non-space and a letter or digit ("KH-|UBND",
// "2021-|2025"), after a slash unless between digits ("CT/|TW", not "18/5"),
// as LibreOffice's ICU line rules give them.
std::vector<Atom> atomize(const std::vector<Span> &spans, const text::Fonts &fonts) {
  std::vector<Atom> atoms;
  size_t bytes = 0;
  for (const Span &s : spans)
    bytes += s.text.size();
  atoms.reserve(bytes / 5 + spans.size() + 2); // about a word per 5–6 bytes of Vietnamese
  Atom cur;
  bool in_word = false;
  double pending_gap = 0;
  Units pending_u = 0;
  int pending_spaces = 0;
  text::Face gap_face = text::Face::Regular;
  double gap_size = 0;
  Atom::Brk next_brk = Atom::Brk::None;  // opportunity before the next atom
  char32_t prev = 0;                     // previous character of the word (0: none)
  bool pending_opportunity = false;      // a hyphen or slash waits for its next character
  char32_t opp_char = 0, opp_before = 0; // that separator and the character before it

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
      cur.gap_u = pending_u;
      cur.gap_spaces = pending_spaces;
      cur.gap_face = gap_face;
      cur.gap_size = gap_size;
      cur.brk = pending_spaces > 0 ? Atom::Brk::Space : next_brk;
      next_brk = Atom::Brk::None;
      pending_gap = 0;
      pending_u = 0;
      pending_spaces = 0;
      in_word = true;
    }
  };

  for (const Span &s : spans) {
    if (s.kind != Span::Kind::Text) {
      flush();
      Atom a;
      a.kind = s.kind == Span::Kind::Break ? Atom::Kind::Break : Atom::Kind::Tab;
      next_brk = Atom::Brk::None;
      a.gap = pending_gap;
      a.gap_u = pending_u;
      a.gap_spaces = pending_spaces;
      pending_gap = 0;
      pending_u = 0;
      pending_spaces = 0;
      prev = 0;
      pending_opportunity = false;
      atoms.push_back(std::move(a));
      continue;
    }
    const double size = s.superscript ? s.size * kSuperScale : s.size;
    Frag proto{{},         s.face, size, s.superscript,
               s.footnote, 0,      0,    s.superscript ? 0 : italic_correction(fonts, s.face, s.size)};
    for (size_t i = 0; i < s.text.size();) {
      size_t start = i;
      char32_t cp = text::next_cp(s.text, i);
      if (cp == U' ') {
        flush();
        pending_gap += fonts.advance(s.face, cp, size);
        pending_u += advance_units(fonts, s.face, cp, size);
        ++pending_spaces;
        gap_face = s.face;
        gap_size = size;
        prev = 0;
        pending_opportunity = false;
        continue;
      }
      if (pending_opportunity) {
        pending_opportunity = false;
        bool alnum = is_letter(cp) || is_digit(cp);
        if (opp_char == U'/' && alnum && !(is_digit(opp_before) && is_digit(cp))) {
          flush();
          next_brk = Atom::Brk::Slash;
        } else if (opp_char != U'/' && alnum) {
          flush();
          next_brk = Atom::Brk::Hyphen;
        }
      }
      start_word();
      // LibreOffice ends an italic portion at a non-breaking hyphen or space
      // and counts its italic correction into the width there (measured:
      // each one on the line costs another correction).
      Units pad = (cp == kNoBreakHyphen || cp == kNoBreakSpace) ? proto.corr : 0;
      double w = fonts.advance(s.face, cp, size);
      Units u = advance_units(fonts, s.face, cp, size) + pad;
      if (cp == kNoBreakHyphen) // drawn as an ordinary hyphen
        cur.add(proto, "-", fonts.advance(s.face, U'-', size), u);
      else if (cp == kNoBreakSpace) // a fixed space inside the word
        cur.add(proto, " ", fonts.advance(s.face, U' ', size), u);
      else
        cur.add(proto, std::string_view(s.text.data() + start, i - start), w, u);
      if ((cp == U'-' || cp == U'/' || cp == U'\u2013') && prev != 0) {
        pending_opportunity = true;
        opp_char = cp;
        opp_before = prev;
      }
      prev = cp;
    }
  }
  flush();
  if (pending_spaces > 0) { // trailing spaces: an empty word that carries them
    Atom a;
    a.gap = pending_gap;
    a.gap_u = pending_u;
    a.gap_spaces = pending_spaces;
    a.gap_face = gap_face;
    a.gap_size = gap_size;
    atoms.push_back(std::move(a));
  }
  return atoms;
}

// Cuts a word (the atoms [from, to), glued) into pieces: the first fits in
// `first` units, the others in `avail`; each piece as long as fits (at
// least one character). Italic characters keep their correction clear.
std::vector<Atom> char_split(const std::vector<const Atom *> &word, Units first, Units avail,
                             const text::Fonts &fonts) {
  std::vector<Atom> out;
  Atom cur;
  const Atom &head = *word.front();
  cur.gap = head.gap;
  cur.gap_u = head.gap_u;
  cur.gap_spaces = head.gap_spaces;
  cur.gap_face = head.gap_face;
  cur.gap_size = head.gap_size;
  cur.brk = head.brk;
  Units lim = first;
  for (const Atom *a : word)
    for (const Frag &f : a->frags) {
      for (size_t i = 0; i < f.text.size();) {
        size_t st = i;
        char32_t cp = text::next_cp(f.text, i);
        Units u = advance_units(fonts, f.face, cp, f.size);
        if (!cur.frags.empty() && cur.wu + u + f.corr > lim) {
          // Cut right before a non-breaking hyphen, LibreOffice ends the
          // line with a hyphen too (and starts the next with the glued one).
          if (cp == U'-')
            cur.add(f, "-", fonts.advance(f.face, cp, f.size), 0);
          out.push_back(std::move(cur));
          cur = Atom{};
          lim = avail;
        }
        cur.add(f, std::string_view(f.text.data() + st, i - st), fonts.advance(f.face, cp, f.size), u);
      }
    }
  if (!cur.frags.empty())
    out.push_back(std::move(cur));
  return out;
}

// The width used on a line as LibreOffice sums it: text of one format is a
// portion; a portion's width is a whole number of twips (its device pixels
// rounded up), so every change of format rounds the sum up to a twip.
// (Measured: "- thẻ phường doanh " + italic "thắt chức đạt" + the rest,
// 8634.83 twips exactly, does not fit in 8635 twips; without the italic
// it does.)
struct Pos {
  Units x = 0;
  long key = -1; // format of the current portion

  static long key_of(text::Face f, double size, bool super) {
    return long(f) * 1000000 + long(std::lround(size * 100)) * 2 + (super ? 1 : 0);
  }
  void enter(long k) {
    if (key != -1 && key != k)
      x = (x + 5) / 6 * 6;
    key = k;
  }
  // Advances over `a` (with its gap when `gap`); returns the room the word
  // needs: the end of its last character, an italic one's correction clear.
  Units over(const Atom &a, bool gap) {
    if (gap && a.gap_spaces > 0) {
      enter(key_of(a.gap_face, a.gap_size, false));
      x += a.gap_u;
    }
    Units need = x;
    for (const Frag &f : a.frags) {
      enter(key_of(f.face, f.size, f.super));
      x += f.wu;
      need = std::max(need, x + f.corr);
    }
    return need;
  }
};

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

  // Greedy pass: decide where each line ends, cutting over-long words.
  // The atoms of the lines, in order: pointers into `atoms` (not copies: a
  // copy per word was a third of line breaking), or into `parts_store` for
  // the pieces of cut words.
  std::vector<const Atom *> seq;
  std::deque<Atom> parts_store;
  auto S = [&](size_t k) -> const Atom & { return *seq[k]; };
  std::vector<size_t> src; // atoms index of each seq entry
  seq.reserve(atoms.size());
  src.reserve(atoms.size());
  std::vector<LineAtoms> lines;
  LineAtoms cur;
  Pos pos; // width used on the current line (from its start)
  bool empty = true;
  size_t i = 0;
  auto new_line = [&](bool by_break) {
    cur.end = seq.size();
    cur.ends_with_break = by_break;
    lines.push_back(cur);
    cur = LineAtoms{seq.size(), seq.size(), false};
    pos = Pos{};
    empty = true;
  };
  // Places the word atoms[from, to) cut into pieces, from the current
  // (empty or not) line on.
  auto cut_word = [&](size_t from, size_t to) {
    size_t ln = lines.size();
    Units gap = empty && ln > 0 ? 0 : atoms[from].gap_u;
    std::vector<const Atom *> word;
    for (size_t k = from; k < to; ++k)
      word.push_back(&atoms[k]);
    auto parts =
        char_split(word, to_units(line_avail(ln)) - pos.x - gap, to_units(line_avail(ln + 1)), fonts);
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) {
        parts[k].gap = 0;
        parts[k].gap_u = 0;
        parts[k].gap_spaces = 0;
        new_line(false);
      }
      parts_store.push_back(std::move(parts[k]));
      seq.push_back(&parts_store.back());
      src.push_back(from);
      pos.x += (k == 0 ? gap : 0) + parts_store.back().wu;
      pos.key = -1;
      empty = false;
    }
  };
  auto word_end = [&](size_t k) { // the atoms up to the next space or break
    ++k;
    while (k < atoms.size() && atoms[k].kind == Atom::Kind::Word && !atoms[k].frags.empty() &&
           (atoms[k].brk == Atom::Brk::Hyphen || atoms[k].brk == Atom::Brk::Slash ||
            atoms[k].brk == Atom::Brk::None))
      ++k;
    return k;
  };
  while (i < atoms.size()) {
    Atom &a = atoms[i];
    size_t ln = lines.size();
    Units avail = to_units(line_avail(ln));
    if (a.kind == Atom::Kind::Break) {
      seq.push_back(&a);
      src.push_back(i);
      new_line(true);
      ++i;
      continue;
    }
    if (a.kind == Atom::Kind::Tab) {
      double start = line_start(ln);
      double at = start + to_pt(pos.x) + a.gap;
      double target = (ln == 0 && g.tab >= 0 && at < g.tab - 0.01)
                          ? g.tab
                          : (std::floor((at - g.left) / kDefaultTab + 1e-9) + 1) * kDefaultTab + g.left;
      a.width = target - at;
      a.wu = to_units(a.width);
      seq.push_back(&a);
      src.push_back(i);
      pos.x = to_units(target - start); // a tab stop is a new portion
      pos.key = -1;
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
    Units gap = empty && ln > 0 ? 0 : a.gap_u; // spaces at a wrapped line start vanish
    Pos next = pos;
    if (next.over(a, gap > 0) <= avail) {
      seq.push_back(&a);
      src.push_back(i);
      pos = next;
      empty = false;
      ++i;
      continue;
    }
    if (empty) { // longer than a whole line: cut the word itself (slashes never break it)
      size_t to = i + 1;
      while (to < atoms.size() && atoms[to].brk == Atom::Brk::Slash)
        ++to;
      cut_word(i, to);
      i = to;
      continue;
    }
    // LibreOffice never breaks right after a slash: when the character
    // after the slash does not fit, it breaks at the opportunity before
    // ("05-|CT/TW"); when it fits, its path rule moves the whole word
    // ("số |05-CT/TW"); a word that starts the line is cut at the margin.
    size_t back = seq.size();
    if (a.brk == Atom::Brk::Slash) {
      const Frag &f0 = a.frags.front();
      size_t k0 = 0;
      char32_t c0 = text::next_cp(f0.text, k0);
      bool first_fits = pos.x + advance_units(fonts, f0.face, c0, f0.size) + f0.corr <= avail;
      auto stop = [&](const Atom &t) {
        return t.brk == Atom::Brk::Space || t.brk == Atom::Brk::None ||
               (!first_fits && t.brk == Atom::Brk::Hyphen);
      };
      while (back > cur.begin && S(back - 1).kind == Atom::Kind::Word && !S(back - 1).frags.empty()) {
        --back;
        if (stop(S(back)))
          break;
      }
      if (back == cur.begin) {
        if (seq[back] != &atoms[src[back]]) {
          // The line starts with the piece of a cut word: break after the slash.
          new_line(false);
          continue;
        }
        // The word starts the line: cut it at the margin instead.
        size_t from = src[back], to = word_end(src[back]);
        seq.resize(back);
        src.resize(back);
        pos = Pos{};
        empty = true;
        cut_word(from, to);
        i = to;
        continue;
      }
      if (S(back).brk == Atom::Brk::None)
        back = seq.size();
    }
    if (back < seq.size()) {
      i = src[back];
      seq.resize(back);
      src.resize(back);
    }
    new_line(false);
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
           S(content_end - 1).frags.empty())
      --content_end; // trailing-spaces atom
    for (size_t k = la.begin; k < content_end; ++k) {
      double gap = (k == la.begin && ln > 0) ? 0 : S(k).gap;
      natural += gap + S(k).width;
      if (k > la.begin && k >= last_tab && S(k).kind == Atom::Kind::Word)
        stretch += S(k).gap_spaces;
    }
    line.natural = natural;
    // LibreOffice counts the italic correction into the width of a
    // paragraph's (or a forced line's) last italic run: centred and
    // right-aligned lines ending in italic sit that much further left.
    double aligned = natural;
    if ((last || la.ends_with_break) && content_end > la.begin && !S(content_end - 1).frags.empty())
      aligned += to_pt(S(content_end - 1).frags.back().corr);
    double extra = 0, offset = 0;
    double free = line.avail - natural;
    switch (g.align) {
    case tmpl::Align::Justify:
      if (!last && !la.ends_with_break && stretch > 0 && free > 0)
        extra = free / stretch;
      break;
    case tmpl::Align::Center:
      offset = std::max(0.0, (line.avail - aligned) / 2);
      break;
    case tmpl::Align::Right:
      offset = std::max(0.0, line.avail - aligned);
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
        desc = std::max(desc, line_height(fonts, f.face, f.size) - a);
      }
    if (!any) {
      asc = fonts.baseline_offset(g.base_face, g.base_size);
      desc = line_height(fonts, g.base_face, g.base_size) - asc;
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
        double y = f.super ? -f.size / kSuperScale * kSuperRise : 0;
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

} // namespace vb::geo
