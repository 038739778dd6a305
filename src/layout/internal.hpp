// Internal types of the layout engine, shared by its stages:
//   spans (styled text) → linebreak → lines → blocks (paragraphs, tables,
//   fixed boxes) → paginate → pages.
// Blocks are laid out at absolute x; y is relative to the block's own top
// until pagination places it.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "layout/layout.hpp"
#include "template/styles.hpp"

namespace vb::layout::detail {

// Geometry that is not in tmpl::Styles (see docs/geometry.md). One place, so
// it can be aligned with the DOCX writer's choices.
namespace geom {
// Superscript footnote marks, as LibreOffice renders w:vertAlign="superscript":
// 58 % of the size, raised so that (measured) the small glyphs' line-top
// matches the big ones': (1 - 0.58) × 0.933 em ≈ 0.392 of the full size.
inline constexpr double kSuperScale = 0.58;
inline constexpr double kSuperRise = 0.392;
// Default tab stops (w:defaultTabStop 720 twips).
inline constexpr double kDefaultTab = 36.0;
// As the DOCX writer (src/docx/wordml.hpp geom): a rule is an empty
// paragraph with a top border: 2 pt before, the 0.75 pt border, then an
// exact 6 pt line. The agency rule is 0.4 of the agency's widest line, the
// subject and appendix rules a third of theirs.
inline constexpr double kRuleBefore = 2.0;
inline constexpr double kRuleLine = 6.0;
inline constexpr double kAgencyRuleShare = 0.4;
inline constexpr double kSubjectRuleShare = 1.0 / 3.0;
// The 1 pt spacer paragraph (VbTiny) opening the body, closing each section
// and separating adjacent tables.
inline constexpr double kTiny = 1.0;
// Covenant grid: space above each block, cell padding left/right.
inline constexpr double kPartyGap = 12.0;
inline constexpr double kPartyPad = 5.4;
// Footnote area (measured on LibreOffice's rendering of our DOCX).
// LibreOffice: 2.83 pt, a 0.5 pt rule a quarter of the text width long,
// 2.87 pt, then the notes; the area ends at the bottom margin.
inline constexpr double kFnSepAbove = 2.83;
inline constexpr double kFnSepBelow = 2.87;
inline constexpr double kFnSepShare = 0.25;
inline constexpr double kFnSepWidth = 0.5;
} // namespace geom

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

// ---------------------------------------------------------------- blocks
struct Para {
  std::vector<Line> lines;
  double before = 0, after = 0;
  bool keep_next = false, keep_lines = false, widow = true;
};

// An unsplittable box (page-1 header, ending, signature row, rule).
struct Fixed {
  double height = 0;
  Page content; // boxes with y relative to the block top
  bool keep_next = false;
  bool is_table = false; // a table in the DOCX (header, ending, signature rows)
};

// Copies positioned content into `into`, moved down by dy.
void place(const Page &content, double dy, Page &into);

// Records where text comes from (TextRun::src) on runs that have no source
// yet, so an inner block keeps its own element and its container gets the rest.
void stamp(std::vector<TextRun> &runs, size_t from, SourceLoc loc);
void stamp(std::vector<Line> &lines, SourceLoc loc);

// One line inside a table cell, at `top` from the row top.
struct CellLine {
  double top = 0;
  Line line;
};
struct TableRow {
  double height = 0;
  std::vector<CellLine> lines;   // all cells' lines, absolute x
  std::vector<double> col_edges; // x of vertical borders (first..last)
  bool header = false;
};
struct Table {
  std::optional<TableRow> header;
  std::vector<TableRow> rows;
  bool borders = true;
  double border = 0.5;
  double pad_top = 0, pad_bottom = 0;
};

// Starts a new page (appendix): its size, and whether numbering restarts.
struct NewPage {
  double width = 0, height = 0;
  bool restart_numbering = true;
};

struct Item : std::variant<Para, Fixed, Table, NewPage> {
  using variant::variant;
};

// Page frame: size and margins.
struct Frame {
  double width = 0, height = 0;
  double top = 0, bottom = 0, left = 0, right = 0;
  double text_x() const { return left; }
  double text_w() const { return width - left - right; }
};

// Everything block builders need.
struct Ctx {
  const model::Document &doc;
  const tmpl::Template &t;
  const tmpl::Styles &st;
  const text::Fonts &fonts;
  Frame frame;
};

// Spans of inline content in a paragraph style (caps applied when the style says so).
std::vector<Span> spans_of(const model::Inlines &in, const tmpl::ParaStyle &s);
Span span(std::string text, const tmpl::ParaStyle &s, bool bold = false, bool italic = false);
// A paragraph of `spans` in style `s` inside column [x, x+w).
Para make_para(const std::vector<Span> &spans, const tmpl::ParaStyle &s, const Ctx &c, double x, double w);
ParaGeom geom_of(const tmpl::ParaStyle &s, double x, double w);

void add_blocks(const model::Blocks &blocks, const Ctx &c, std::vector<Item> &out);
// Stamps the runs of items [from, end) (see stamp above).
void stamp(std::vector<Item> &items, size_t from, SourceLoc loc);
// Appends a table-like item; two tables in a row get the DOCX's spacer between them.
void push_table(std::vector<Item> &out, Item table);
Table make_table(const model::Table &t, const Ctx &c);
Fixed make_header(const Ctx &c);
void add_title_block(const Ctx &c, std::vector<Item> &out);
void add_appendix_heading(const model::Appendix &a, const Ctx &c, std::vector<Item> &out);
void add_ending(const Ctx &c, std::vector<Item> &out);
// A rule paragraph centred in [box_x, box_x + box_w), `len` long (twips-rounded as in the DOCX).
Fixed rule_para(double box_x, double box_w, double len, double after, const Ctx &c);
Fixed tiny();
// Paints `p`'s lines into a Fixed block from `y`; returns the new y.
double paint_lines(const std::vector<Line> &lines, double y, Page &into);

// Footnote bodies (laid out once) used by pagination.
struct Footnote {
  std::vector<Line> lines;
  double height = 0;
};
std::vector<Footnote> make_footnotes(const Ctx &c);

// Consumes the items (their memory is released as they are placed).
std::vector<Page> paginate(std::vector<Item> items, const std::vector<Footnote> &notes, const Ctx &c);

} // namespace vb::layout::detail
