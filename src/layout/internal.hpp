// Internal types of the layout engine, shared by its stages:
//   model blocks → items (paragraphs, rows of tables, fixed boxes) →
//   paginate → pages.
// Line breaking and the geometry of tables, the page-1 header and the
// ending come from src/geometry, which the DOCX writer reads too. Blocks are
// laid out at absolute x; y is relative to the block's own top until
// pagination places it.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "geometry/blocks.hpp"
#include "layout/layout.hpp"
#include "template/styles.hpp"

namespace vb::layout::detail {

using geo::break_lines;
using geo::CellLine;
using geo::Frame;
using geo::geom_of;
using geo::Line;
using geo::ParaGeom;
using geo::Span;
using geo::span;
using geo::spans_of;
using Table = geo::TableGeom;
using TableRow = geo::Row;

// ---------------------------------------------------------------- blocks
struct Para {
  std::vector<Line> lines;
  double before = 0, after = 0;
  bool keep_next = false, keep_lines = false, widow = true;
};

// An unsplittable box (rule, spacer).
struct Fixed {
  double height = 0;
  Page content; // boxes with y relative to the block top
  bool keep_next = false;
};

// Starts a new page (appendix): its frame, and whether numbering restarts.
struct NewPage {
  Frame frame;
  bool restart_numbering = true;
};

struct Item : std::variant<Para, Fixed, Table, NewPage> {
  using variant::variant;
};

// Copies positioned content into `into`, moved down by dy.
void place(const Page &content, double dy, Page &into);

// Records where text comes from (TextRun::src) on the runs of items
// [from, end) that have none yet (see geo::stamp).
void stamp(std::vector<Item> &items, size_t from, SourceLoc loc);

// Everything block builders need.
struct Ctx {
  const model::Document &doc;
  const tmpl::Template &t;
  const tmpl::Styles &st;
  const text::Fonts &fonts;
  Frame frame;
};

// A paragraph of `spans` in style `s` inside column [x, x+w).
Para make_para(const std::vector<Span> &spans, const tmpl::ParaStyle &s, const Ctx &c, double x, double w);

void add_blocks(const model::Blocks &blocks, const Ctx &c, std::vector<Item> &out);
// Appends a table; two tables in a row get the DOCX's spacer between them.
void push_table(std::vector<Item> &out, Table table);
void add_header(const Ctx &c, std::vector<Item> &out);
// Tên loại, trích yếu and its rule, the issuer's line, Kính gửi, a Biên
// bản's particulars.
void add_title_block(const Ctx &c, std::vector<Item> &out);
// The centred "QUYẾT ĐỊNH:" between the căn cứ and the articles.
void add_enacting(const Ctx &c, std::vector<Item> &out);
void add_appendix_heading(const model::Appendix &a, const Ctx &c, std::vector<Item> &out);
// A text a decision issues (Mẫu 1.3): tên loại, trích yếu, "Kèm theo" line, rule.
void add_attachment_heading(const model::Attachment &a, const Ctx &c, std::vector<Item> &out);
void add_ending(const Ctx &c, std::vector<Item> &out);
// A rule paragraph in a box, `after` below it.
Fixed rule_para(double box_x, long box, const geo::RuleIndents &r, double after, const Ctx &c);
Fixed tiny();

// Footnote bodies; their lines are laid out for the width of the page they
// land on (portrait and landscape sections differ).
struct Footnote {
  std::vector<Span> spans;
};
std::vector<Footnote> make_footnotes(const Ctx &c);

// Consumes the items (their memory is released as they are placed).
std::vector<Page> paginate(std::vector<Item> items, const std::vector<Footnote> &notes, const Ctx &c);

} // namespace vb::layout::detail
