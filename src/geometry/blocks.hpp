// Blocks both outputs need the geometry of: tables, the page-1 header, the
// ending (Nơi nhận | signature) and the covenant signature grid. Laid out
// here once, with the layout engine's line breaking: the layout engine
// paginates these rows; the DOCX writer reads the same column widths, the
// same printed lines (agency names split before the unit word, balanced
// titles) and the same decisions (may a row split? is the header row
// repeated?), so it never counts lines of its own.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geometry/boxes.hpp"
#include "geometry/lines.hpp"
#include "geometry/page.hpp"
#include "model/document.hpp"
#include "template/template.hpp"
#include "util/diag.hpp"

namespace vb::geo {

// One line inside a row, `top` from the row's top.
struct CellLine {
  double top = 0;
  Line line;
  int para = 0;      // paragraph number within the row
  bool widow = true; // that paragraph's widow/orphan control
  int cell = 0;      // the cell it is in: a row splits between lines of each cell on its own
};

// A row of a table (or of the header, ending or signature grid): the lines
// of all its cells at absolute x; other boxes relative to the row's top.
struct Row {
  double height = 0;
  std::vector<CellLine> lines;
  std::vector<double> col_edges; // x of the vertical borders (first..last)
  std::vector<Rule> rules;       // rules inside cells (page-1 header)
  std::vector<Image> images;
  std::vector<SigField> fields;
  std::vector<int> rule_cell, image_cell, field_cell; // the cell of each
  // w:cantSplit: the row moves whole to the next page. A row that does not
  // fit on a page never keeps (Word would clip it): it splits between lines.
  bool keep = true;
};

struct TableGeom {
  std::vector<long> cols; // twips
  std::optional<Row> header;
  bool repeat_header = true; // w:tblHeader
  std::vector<Row> rows;
  bool borders = true;
  double border = 0.5;
  double pad_top = 0, pad_bottom = 0;
  // Every paragraph keeps with the next (w:keepNext), as the ending's and
  // the signature grid's do: Word and LibreOffice then keep the rows
  // together, and the table with what precedes it.
  bool keep_together = false;
};

// Records where text comes from (TextRun::src) on the lines [from, end) of
// `row` that have none yet: an inner element keeps its own location and
// its container gets the rest.
void stamp(Row &row, size_t from, SourceLoc loc);

bool fits_page(double height, const Frame &f);
// A header row is repeated on every page only when it takes at most half
// the page: a taller one would leave the rows no room (and LibreOffice
// repeats a too tall header row on page after page).
bool repeats(double header_height, const Frame &f);

// Body and appendix tables, in the text column of `f`.
TableGeom table(const model::Table &t, const tmpl::Styles &st, const text::Fonts &fonts, const Frame &f);

// ---------------------------------------------------------------- fixed text
// Lines as printed, for one-line items that wrap in a narrow column:
//  - an agency name with no <br/> that does not fit its column breaks before
//    its administrative unit word (ỦY BAN NHÂN DÂN / XÃ TRÍ YÊN);
//  - a line that would leave one word alone on its last line is broken into
//    the same number of balanced lines when they fit.
std::vector<std::string> agency_lines(const std::vector<std::string> &lines, const tmpl::ParaStyle &s,
                                      double width, const text::Fonts &fonts);
std::vector<std::string> balanced_lines(const std::string &line, const tmpl::ParaStyle &s, double width,
                                        const text::Fonts &fonts);

// Page 1 (ND30 ô 1–4): two columns; row 1 holds the parent and agency lines
// and the rule under them | Quốc hiệu, Tiêu ngữ and its rule; row 2 the
// number | place and date.
struct PageHeader {
  std::vector<long> cols;
  std::vector<std::string> parent, agency; // as printed
  std::vector<std::string> letter_subject; // a công văn's "V/v …" lines under the number (ô 5b)
  std::optional<RuleIndents> agency_rule, motto_rule;
  TableGeom table; // both rows, for the layout (never split)
};
inline const char *const kNationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline const char *const kMotto = "Độc lập - Tự do - Hạnh phúc";
PageHeader page_header(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
                       const text::Fonts &fonts, const Frame &f);
// The rule under the trích yếu and under an appendix's "Kèm theo" line.
std::optional<RuleIndents> subject_rule(const model::Document &doc, const tmpl::Styles &st,
                                        const text::Fonts &fonts, const Frame &f);
// The rule under an attached text's heading (its trích yếu and "Kèm theo" line).
std::optional<RuleIndents> attachment_rule(const model::Attachment &a, const tmpl::Styles &st,
                                           const text::Fonts &fonts, const Frame &f);
std::optional<RuleIndents> attached_rule(const model::Appendix &a, const tmpl::Styles &st,
                                         const text::Fonts &fonts, const Frame &f);

// Kính gửi (ô 9a) as paragraphs of the addressees style: one addressee
// centred on the label's line; several a dash list lined up after
// "Kính gửi: " (the first on the label's line, the block at `left`); a
// công điện's label alone at the paragraph indent, its items under it.
struct AddresseePara {
  model::Inlines runs;
  long left = 0, first = 0; // twips; `first` < 0 hangs
  bool centre = false;
  long before = 0; // twips: the title gap when no title block precedes
};
std::vector<AddresseePara> addressee_paras(const model::Document &doc, const tmpl::Template &t,
                                           const tmpl::Styles &st, const text::Fonts &fonts, const Frame &f);

// ---------------------------------------------------------------- ending
// A signer's block: title lines as printed, then the signing room (the
// name paragraph's space before, plus `extra` so that the names of a row of
// blocks share a baseline), then the name.
struct SignBlock {
  std::vector<std::string> lines;
  double extra = 0; // points
};
SignBlock sign_block(const model::Signature &s, const tmpl::Styles &st, double width,
                     const text::Fonts &fonts);

// Recipients hang under their text: the width of "- " (points, whole twips).
double recipient_hang(const tmpl::Styles &st, const text::Fonts &fonts);

// Plans: one row, Nơi nhận (and drafter) | the signature. No rows when the
// document has neither.
struct Ending {
  TableGeom table;
  SignBlock sign;
};
Ending ending(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
              const text::Fonts &fonts, const Frame &f);

// Covenants: the grid of party blocks, a row per signature_columns parties;
// a short last row is centred (an empty cell of the missing half-columns on
// each side).
struct PartyGrid {
  TableGeom table;
  std::vector<SignBlock> blocks; // one per party
};
PartyGrid parties(const model::Document &doc, const tmpl::Template &t, const tmpl::Styles &st,
                  const text::Fonts &fonts, const Frame &f);

// Signers side by side (a Biên bản's THƯ KÝ | CHỦ TỌA): one row of equal
// columns, the names on one baseline.
PartyGrid signers(const model::Document &doc, const tmpl::Styles &st, const text::Fonts &fonts,
                  const Frame &f);

// ---------------------------------------------------------------- checks
// What no layout can print: a table column too narrow for any text, a page-1
// header taller than a page. Errors at the data's locations.
bool check(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts, Diagnostics &diags);

} // namespace vb::geo
