// What the readers give the recogniser: the document as written, paragraph
// by paragraph, with the little formatting that carries meaning (bold,
// italic, centring, a style's role) and where each piece came from.
// Internal to the import stage.
#pragma once
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "util/diag.hpp"

namespace vb::imp {

struct Span {
  enum class Kind {
    Text,
    Break,     // a line break the author made (Word's w:br, a Markdown hard break)
    SoftBreak, // the end of a line in text: a wrap or a line break, the recogniser decides
    Tab,
    NoteRef, // footnote mark; `note` is the key into Source::notes
  };
  Kind kind = Kind::Text;
  std::string text; // UTF-8, NFC
  bool bold = false, italic = false, caps = false;
  int note = 0;
};
using Spans = std::vector<Span>;

// What a vanban-written DOCX says a paragraph is (from its style); None for
// every other document, where the recogniser goes by text and formatting.
enum class Role {
  None,
  Parent,
  Agency,
  National,
  Motto,
  Number,
  Date,
  Title,
  Subject,
  Basis,
  Heading, // any heading style (vanban's or Word's "Heading N")
  PartLabel,
  PartTitle,
  Phase,
  Body,
  RecipientsLabel,
  Recipient,
  Drafter,
  SignLine,
  SignName,
  TableHeader,
  AppendixLabel,
  AppendixTitle,
  AppendixAttached,
  Filler, // vanban's empty rule and spacer paragraphs
};

enum class Align { Unknown, Left, Center, Right, Justify };

struct Para {
  Spans spans;
  int pos = 0; // 1-based paragraph number (DOCX) or line (text)
  Align align = Align::Unknown;
  Role role = Role::None;
  bool page_break = false; // starts a new page
  bool landscape = false;  // on a landscape page
  bool gap_before = false; // an empty paragraph (a blank line) came before it
};

struct Table;
struct Cell {
  std::vector<Para> paras;
  int span = 1;        // grid columns it covers
  bool merged = false; // continues a vertical merge from the row above
};
struct Row {
  std::vector<Cell> cells;
  bool header = false; // repeated header row
};
struct Table {
  std::vector<Row> rows;
  std::vector<double> widths; // grid column widths (any unit), may be empty
  bool borders = true;
  int pos = 0;
  bool landscape = false;
  bool page_break = false;
};

struct Block : std::variant<Para, Table> {
  using variant::variant;
};

// Keys of Source::notes: Word's footnote ids as they are, endnotes and
// notes written as text (a superscript number) above these.
constexpr int kEndnote = 1000000;
constexpr int kWrittenNote = 2000000;

struct Source {
  std::string name; // the file, for diagnostics
  bool docx = false;
  std::vector<Block> blocks;
  std::map<int, Spans> notes; // footnote text by key (Word's id, or the number written in text)
  int page_numbers = 0;       // page-number lines of a PDF's text, left out
};

// Plain text of spans (marks left out, breaks as `brk`, tabs as a space).
std::string plain(const Spans &s, const char *brk = "\n");

// Where a paragraph is, for messages: "paragraph 12" or "line 40".
std::string where(const Source &src, int pos);

// Diagnostic location of a paragraph: the line for text, none for DOCX.
SourceLoc loc_of(const Source &src, int pos);

} // namespace vb::imp
