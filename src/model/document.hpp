// The document model: one closed tree that every backend (DOCX, layout→PDF)
// reads. Like pandoc's AST it carries meaning, not geometry. Everything a
// backend prints is already final text here: numbering labels, the "Số:" and
// date lines, recipient punctuation, capitals — computed once by
// model::finalize() so that DOCX and PDF can never disagree.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "util/diag.hpp"

namespace vb::model {

// ---------------------------------------------------------------- inlines
struct Inline {
  enum class Kind {
    Text,        // `text`, with bold/italic
    Break,       // explicit line break (<br/>)
    FootnoteRef, // superscript mark of footnote number `footnote`
    Field,       // generated text, resolved by finalize() into Text:
                 // text = "year" (+offset), "party-count", "party-list",
                 // "anniv" (ref = calendar event)
  };
  Kind kind = Kind::Text;
  std::string text; // UTF-8, NFC
  bool bold = false;
  bool italic = false;
  int footnote = 0; // FootnoteRef: 1-based index into Document::footnotes
  int offset = 0;   // Field "year" or "anniv": years relative to the document's year
  int year = 0;     // Field "anniv": the year it is counted for, when given outright
  std::string ref;  // Field "anniv": event id; `form` below picks the wording
  std::string form; // "full" (default), "years", "range", "name", "date"

  bool operator==(const Inline &) const = default;
};
using Inlines = std::vector<Inline>;

// Whitespace collapsing across runs, as in HTML: a space that meets a space,
// a line break or the paragraph's edge goes away; neighbouring runs of the
// same formatting become one. (Spaces inside a run are the caller's.)
void tidy(Inlines &in);

// Plain text of a run list: footnote marks omitted, line breaks as `brk`.
std::string plain_text(const Inlines &in, const char *brk = "\n");

Inlines make_text(std::string s, bool bold = false, bool italic = false);

// ---------------------------------------------------------------- blocks
struct Block;
using Blocks = std::vector<Block>;

// Body paragraph: justified, first-line indent, spacing from the template.
struct Para {
  Inlines content;
  SourceLoc loc;
};

// A legal basis line (căn cứ): italic paragraph; finalize() makes each end in
// ";" and the last of a run in ".".
struct Basis {
  Inlines content;
  SourceLoc loc;
};

// A numbered unit of the body: I., 1., 1.1., a) … (per template scheme).
// With a title: "<label> <title>" bold (level-1 titles in capitals), then
// `lead` (run-in, same paragraph, not bold), then `body`.
// Without a title: the label runs into the first paragraph of `body`
// (upright): "<label> <text of first Para>" — `runin` holds that paragraph's
// inlines and body holds the rest.
struct Section {
  int level = 1;     // 1 = top numbered level (I.), 2 = 1., 3 = 1.1., …
  std::string label; // computed, e.g. "II.", "3.", "1.2.", "b)"
  Inlines title;     // empty = untitled (numbered paragraph)
  Inlines runin;     // text on the label line after the title (or instead of it)
  Blocks body;
  SourceLoc loc;
};

// A division of the text on its own centred lines, the title in capitals:
// "Phần I", "Chương I" (numbered through the whole text), "Mục 1" (again
// in each chapter).
struct Part {
  enum class Kind { Part, Chapter, Division };
  Kind kind = Kind::Part;
  std::string label; // computed: "Phần I", "Chương II", "Mục 3"
  Inlines title;
  Blocks body;
  SourceLoc loc;
};

// A unit of a text with articles (decisions, regulations, contracts):
// "Điều 3." (numbered through the whole text, across chapters), its
// clauses "1." (khoản, again in each article) and their points "a)" (điểm).
// Like Section: with a title ("Điều 1. Phạm vi điều chỉnh", article titles
// bold, clause titles upright on their own line) or untitled, its first
// paragraph running after the label ("Điều 1. Phát động …").
struct Article {
  enum class Level { Article, Clause, Point };
  Level level = Level::Article;
  std::string label; // computed: "Điều 3.", "2.", "b)"
  Inlines title;
  Inlines runin;
  Blocks body;
  SourceLoc loc;
};

// A labelled line of a form or of the minutes: "Thời gian: 8 giờ 00 …",
// optionally followed by a dash list (the participants).
struct Field {
  std::string label; // computed: with its colon, "Địa điểm:"
  Inlines content;
  Blocks children;
  SourceLoc loc;
};

// List item: target "(1)", dash "-", plus "+", or numbered "1." (covenant).
struct ListItem {
  enum class Kind { Target, Dash, Plus, Numbered };
  Kind kind = Kind::Dash;
  std::string label; // computed: "(3)", "-", "+", "4."
  bool label_bold = false;
  Inlines content;
  Blocks children; // nested items (a dash list under a target, …)
  SourceLoc loc;
};

// Starred phase heading, "* Đợt thi đua thứ nhất: …" — bold, own paragraph.
struct Phase {
  std::string label = "*";
  Inlines content;
  SourceLoc loc;
};

// Tables: body tables (bordered or not) and appendix task tables.
struct Column {
  Inlines header;    // header-row label (may be empty when no header row)
  double weight = 1; // relative width
  enum class Align { Left, Center, Right, Justify } align = Align::Left;
};
struct Cell {
  Blocks content; // Para (rendered without first-line indent), ListItem
};
struct Row {
  enum class Kind { Normal, Group };
  Kind kind = Kind::Normal;
  std::string number;  // computed STT: "I", "II" for groups; "1", "2" inside
  Inlines group_title; // Group rows: text spanning the columns after the STT
  std::vector<Cell> cells;
  SourceLoc loc;
};
struct Table {
  std::vector<Column> columns; // when `numbered`, columns[0] is the STT column
  std::vector<Row> rows;
  bool borders = true;
  bool header_row = true; // repeated on each page
  bool numbered = false;  // first column is an automatic STT
  SourceLoc loc;
};

struct Block : std::variant<Para, Basis, Section, Part, ListItem, Phase, Table, Article, Field> {
  using variant::variant;
};

// ---------------------------------------------------------------- document
struct Header {
  std::vector<std::string> parent; // lines, capitals (may be empty)
  std::vector<std::string> agency; // lines, capitals
  std::string agency_in_text;      // how running text names the agency ("UBND xã Trí Yên")
  std::optional<int> number;       // blank = assigned at registration
  std::string code;                // ký hiệu, e.g. "KH-KTĐ" (may be empty)
  std::string place;
  std::optional<int> day, month; // blank allowed
  int year = 0;
  bool year_blank = false; // a form's year left to write by hand: "năm 20…"
  SourceLoc loc;
  SourceLoc code_loc, date_loc, agency_loc, parent_loc; // for the decree checks

  // Computed by finalize():
  std::string number_line; // "Số: 05/KH-UBND", "Số:      /KH-KTĐ", or "" (no number)
  std::string date_line;   // "Bắc Giang, ngày 01 tháng 02 năm 2024"
};

struct Signature {
  std::string prefix;    // "", "TM.", "KT.", "TL.", "TUQ.", "Q."
  std::string authority; // the collective or head: "ỦY BAN NHÂN DÂN", "GIÁM ĐỐC", "TRƯỞNG KHỐI"
  std::string title;     // signer's title: "CHỦ TỊCH", "PHÓ GIÁM ĐỐC" (may be empty)
  std::string name;      // may be empty (unknown yet)
  std::string signature_image; // optional PNG path (resolved, absolute)
  std::string seal_image;      // optional PNG path
  std::string field_name;      // name of the PDF signature field
  SourceLoc loc;

  // Computed by finalize(): the bold capital lines above the signing room,
  // e.g. {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"} or {"ĐẠI DIỆN SỞ Y TẾ"}.
  std::vector<std::string> lines;
};

struct Party {
  std::string unit;    // "Sở Ngoại vụ" as written in the data
  Signature signature; // lines = {"ĐẠI DIỆN SỞ NGOẠI VỤ"} unless given
  SourceLoc loc;
};

// Kính gửi (ô 9a): "Kính gửi:" and one addressee on its line, or a dash
// list under the colon; a công điện's "<ISSUER> điện:" and its dash list.
struct Addressees {
  std::vector<std::string> written; // the addressees as the data gives them
  Inlines label;                    // computed: "Kính gửi:", or the issuer in bold + " điện:"
  std::vector<std::string> items;   // computed: one as written, or "- X;" … "- Z."
  bool list = false;                // computed: the items are a dash list under the label
  SourceLoc loc;
};

// A text issued by a decision (Mẫu 1.3: "Ban hành kèm theo Quyết định này
// Quy chế …"): on its own pages, with its own tên loại, trích yếu and
// "(Kèm theo Quyết định số …)" line, its articles numbered from 1.
struct Attachment {
  Inlines title_text;           // as written: "Quy chế"
  std::string title;            // computed: in capitals, "QUY CHẾ"
  std::vector<Inlines> subject; // trích yếu, one entry per line
  Blocks body;
  std::optional<Signature> signature;
  std::string attached_line; // computed, as an appendix's
  SourceLoc loc, subject_loc;
};

struct Appendix {
  std::string label; // computed: "Phụ lục" or "Phụ lục I", "Phụ lục II"
  Inlines title;     // rendered in capitals
  bool landscape = false;
  Blocks body;
  std::string attached_line; // computed "(Kèm theo Kế hoạch số …/KH-… ngày … của …)"
  SourceLoc loc;
};

// An <anniv> as written, for the checks that need the calendar.
struct AnnivRef {
  std::string event;
  SourceLoc loc;  // of the event attribute
  int year = 0;   // counted for this year, when given
  int offset = 0; // … else for the document's year plus this
  std::string form;
};

// The year an anniversary is counted for: `year` when given, else the
// document's year plus `offset`.
inline int anniversary_year(int doc_year, int year, int offset) {
  return year ? year : doc_year + offset;
}

struct Document {
  std::string file;   // source path, for diagnostics
  std::string kind;   // template name: "ke-hoach", "giao-uoc"
  SourceLoc kind_loc; // where the data names it (for "unknown kind")
  int year = 0;       // the document's year (header date year by default)
  std::string
      numbering; // "roman" or "arabic": the data's choice of the decree's schemes ("" = the template's)
  Header header;
  std::optional<Inlines> title_text; // a tên loại of the document's own (<title>), else the template's
  SourceLoc title_loc;
  std::vector<Inlines> subject; // trích yếu, one entry per line
  bool has_subject = false;     // the data has a <subject>
  SourceLoc subject_loc;        // … and where it is in the data
  Inlines issuer_text;          // thẩm quyền ban hành, as written (decisions, công điện)
  SourceLoc issuer_loc;
  std::optional<Addressees> addressees; // Kính gửi (letters, submissions, reports)
  std::vector<Field> minutes;           // a Biên bản's time, place, participants, chair, secretary
  SourceLoc minutes_loc;
  Blocks opening; // Basis and Para
  Blocks body;    // Section, Part, Para, ListItem, Phase, Table, Article, Field
  SourceLoc body_loc;
  Blocks closing;                      // Para
  std::vector<std::string> recipients; // final lines "- X;" … "- Lưu: VT, VP."
  bool has_recipients = false;         // the data has a <recipients> element
  bool has_archive = false;            // … with an <archive> (Lưu) line
  SourceLoc recipients_loc;
  std::string drafter;                // optional ô 12 text, e.g. "PL.(300)"
  std::optional<Signature> signature; // single signer (plans)
  std::vector<Signature> signers;     // signers side by side (minutes: THƯ KÝ, CHỦ TỌA)
  SourceLoc signers_loc;
  std::vector<Party> parties; // covenant signers
  Inlines contact;            // ô 13: address, telephone … at the foot of page 1
  SourceLoc contact_loc;
  std::vector<Attachment> attachments;
  std::vector<Inlines> footnotes; // numbered 1..n in reading order
  std::vector<Appendix> appendices;
  // Every <anniv event="…"> with its place, checked against the calendar.
  std::vector<AnnivRef> anniv_refs;

  // Computed by finalize() from the template:
  std::string title; // tên loại in capitals, e.g. "KẾ HOẠCH" or "BẢN GIAO ƯỚC THI ĐUA NĂM 2024"; "" = none
                     // printed (công văn)
  std::string title_case; // sentence-case form used in the "Kèm theo" line: "Kế hoạch", "Công văn"
  bool subject_in_header = false; // the trích yếu is "V/v …" under the Số line (công văn)
  std::string issuer;             // the issuer line in capitals ("" = none printed)
  std::string enacting; // "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" between the căn cứ and the articles

  // Document info for DOCX core properties / PDF info.
  std::string meta_subject, meta_keywords;
  std::string meta_date; // ISO 8601; fixed default when empty
};

// The subject (trích yếu) on one line: its lines joined by spaces. Used for
// the document title in DOCX core properties and PDF info.
std::string subject_text(const Document &doc);

} // namespace vb::model
