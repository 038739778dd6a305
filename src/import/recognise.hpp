// Source → model::Document: which paragraph is the agency, the number, the
// title, a căn cứ line, a section and at what depth, a target, a bullet, the
// Nơi nhận, the signature. Internal to the import stage; the steps share the
// Ctx below and each lives in its own file (front, body, ending, years).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "import/import.hpp"
#include "import/kinds.hpp"
#include "import/source.hpp"
#include "model/document.hpp"

namespace vb::imp {

// One paragraph (or a table) as the recogniser walks them: its lines as
// model inlines (footnote marks carry the Source's note key until bound).
struct Item {
  std::vector<model::Inlines> lines;
  std::vector<bool> soft; // soft[i]: the break before lines[i+1] may be a wrap
  const Para *para = nullptr;
  const Table *table = nullptr;
  int pos = 0;
  Role role = Role::None;
  Align align = Align::Unknown;
  bool page_break = false, landscape = false, gap_before = false;
  int cell = 0; // > 0: unfolded from a layout table's cell (same number, same cell)

  std::string text() const; // lines joined by spaces
  bool bold() const;        // every letter bold
};

// Sections and lists as written: the label is recognised, kept aside (vanban
// numbers again) and its kind decides the depth.
enum class LabelKind {
  None,
  Part,        // Phần I
  Article,     // Điều 1.
  Roman,       // I.
  Arabic,      // 1.
  ArabicParen, // 1)
  Path2,       // 1.1.
  Path3,       // 1.1.1.
  Path4,       // 1.1.1.1.
  Alpha,       // a)
  Target,      // (1)
  Dash,        // - – •
  Plus,        // +
  Star,        // *
};
struct Label {
  LabelKind kind = LabelKind::None;
  int number = 0;
  std::string written; // "1.", "a)" as in the source
  bool bold = false;
};
bool is_section(LabelKind k);

// Splits the label off the front of `in` (removing it and the space after).
Label take_label(model::Inlines &in);
Label peek_label(const model::Inlines &in);

struct Ctx {
  const Source &src;
  const Options &opt;
  Diagnostics &diags;
  const Kinds &kinds;
  model::Document doc;
  std::vector<Item> items;
  size_t at = 0; // next item
  // Comments for the data file, by the position of the block they precede.
  std::map<int, std::vector<std::string>> notes;
  std::string kind_title; // the tên loại as written, when recognised

  void warn(int pos, const std::string &what, const std::string &hint = {});
  void note(int pos, const std::string &text) { notes[pos].push_back(text); }
  SourceLoc loc(int pos) const { return SourceLoc{pos, 0}; }
};

// Items from the Source: vanban's layout tables (page-1 header, Nơi nhận and
// signature, the covenant's grid) are unfolded into their paragraphs.
std::vector<Item> items_of(const Source &src);

// Each step consumes ctx.items from ctx.at. They report what they cannot
// place and keep it as a paragraph.
bool front(Ctx &ctx);                     // header, title, subject (kind decided here)
size_t find_appendices(const Ctx &ctx);   // index of the first appendix label, or items.size()
size_t find_ending(Ctx &ctx, size_t end); // where closing/recipients/signature start
void opening(Ctx &ctx, size_t end);
void body(Ctx &ctx, size_t end, model::Blocks &out, bool cells_only = false);
void ending(Ctx &ctx, size_t end);
void appendices(Ctx &ctx);
void anniv_fields(Ctx &ctx); // before year_fields: an anniversary's years are its own
void year_fields(Ctx &ctx);
void bind_notes(Ctx &ctx); // footnote keys → doc.footnotes, reading order

// Text helpers shared by the steps.
std::string collapse(const std::string &s); // whitespace runs → one space, trimmed
bool all_caps(const std::string &s);        // has letters, none lower-case
std::string upper(const std::string &s);
model::Inlines inlines_of(const std::string &text);
void trim_inlines(model::Inlines &in);
// Concatenates lines with spaces (soft breaks) or model breaks.
model::Inlines join(const std::vector<model::Inlines> &lines, bool hard_breaks);

} // namespace vb::imp
