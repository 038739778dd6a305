// Lines of text: styled spans → greedy line breaking with the word
// processor's rules → positioned runs. The layout engine paints these lines;
// the DOCX writer asks the same code how tall a block is where it must
// decide something (a row that may not split, a header row to repeat), so
// the two outputs never count lines twice.
#pragma once
#include <string>
#include <vector>

#include "geometry/boxes.hpp"
#include "model/document.hpp"
#include "template/styles.hpp"
#include "text/fonts.hpp"

namespace vb::geo {

// Superscript footnote marks, as LibreOffice renders w:vertAlign="superscript":
// 58 % of the size, raised so that (measured) the small glyphs' line-top
// matches the big ones': (1 - 0.58) × 0.933 em ≈ 0.392 of the full size.
inline constexpr double kSuperScale = 0.58;
inline constexpr double kSuperRise = 0.392;
// Default tab stops (w:defaultTabStop 720 twips).
inline constexpr double kDefaultTab = 36.0;

// A run of text with one style, the input of line breaking.
struct Span {
  enum class Kind { Text, Break, Tab };
  Kind kind = Kind::Text;
  std::string text;
  text::Face face = text::Face::Regular;
  double size = 14;
  bool superscript = false;
  int footnote = 0; // > 0: this span is the mark of footnote n
};

// Where a paragraph's lines go, horizontally (absolute x).
struct ParaGeom {
  double x = 0, width = 0;               // the column
  double left = 0, right = 0, first = 0; // indents; first is relative to left
  double tab = -1;                       // a Tab on the first line jumps to column x + tab
  tmpl::Align align = tmpl::Align::Justify;
  text::Face base_face = text::Face::Regular; // for empty lines
  double base_size = 14;
  double line = 1.0; // line spacing multiple
};

struct Line {
  double height = 0;          // line box
  double ascent = 0;          // line top → baseline
  double natural = 0;         // content width before justification (from the line start)
  double avail = 0;           // width the line could take
  std::vector<TextRun> runs;  // absolute x, y = 0 (baseline)
  std::vector<int> footnotes; // footnote numbers marked on this line
};

std::vector<Line> break_lines(const std::vector<Span> &spans, const ParaGeom &g, const text::Fonts &fonts);

// A span of `text` in style `s` (glued as geo::glue does, then in capitals
// when the style says so: the DOCX writer glues the text as written and
// leaves capitals to w:caps).
Span span(std::string text, const tmpl::ParaStyle &s, bool bold = false, bool italic = false);
// Spans of inline content in a paragraph style.
std::vector<Span> spans_of(const model::Inlines &in, const tmpl::ParaStyle &s);
ParaGeom geom_of(const tmpl::ParaStyle &s, double x, double w);
// The lines of a one-style paragraph of plain `text` in column [x, x + w).
std::vector<Line> plain_lines(const std::string &text, const tmpl::ParaStyle &s, double x, double w,
                              const text::Fonts &fonts);
// Height of lines (without the paragraph's space before and after).
double height_of(const std::vector<Line> &lines);

} // namespace vb::geo
