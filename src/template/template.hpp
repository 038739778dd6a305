// A document kind's ND30 settings, read from templates/<kind>.toml.
// Every value is checked against the decree's ranges when loaded: a template
// outside the decree is an error naming the value and the allowed range.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/diag.hpp"
#include "util/length.hpp"

namespace vb::tmpl {

// Numbering schemes for one level of the body hierarchy.
enum class Scheme {
  Roman,      // I. II. III.
  Arabic,     // 1. 2. 3.
  ArabicPath, // 1.1. 1.2. (parent's number + own)
  Alpha,      // a) b) c) đ) … (Vietnamese alphabet)
  Paren,      // (1) (2)
};

// How a kind is laid out: which parts it has and where they go.
enum class Family {
  Named,      // Mẫu 1.4: tên loại + trích yếu, the body, Nơi nhận | signature (plans, reports …)
  Regulation, // a named text with chapters and articles (Quy chế, Quy định)
  Decision,   // Mẫu 1.1–1.3: the issuer's line, căn cứ, "QUYẾT ĐỊNH:", articles
  Letter,     // Mẫu 1.5: no tên loại, "V/v …" under the Số line, Kính gửi
  Minutes,    // Mẫu 1.9: time, place, participants …, THƯ KÝ | CHỦ TỌA side by side
  Agreement,  // contracts, memoranda: articles, the parties signing side by side
  Covenant,   // an emulation covenant: one signature block per member unit
};
const char *family_name(Family f);

// Whether a kind has a part: never, if the data gives it, or always.
enum class Need { None, Optional, Required };

struct Template {
  std::string kind;         // "ke-hoach"
  std::string description;  // "Kế hoạch"
  std::string title;        // tên loại, may use {year}: "BẢN GIAO ƯỚC THI ĐUA NĂM {year}"
  std::string abbreviation; // "KH" (empty for kinds without one)
  std::string source;       // path of the template file
  Family family = Family::Named;

  // Parts of the document the kind has.
  Need subject = Need::Required; // trích yếu
  Need issuer = Need::None;      // the issuer's line under the title (decisions), "<ISSUER> điện:"
  Need addressees = Need::None;  // Kính gửi (ô 9a)
  std::string addressee_label = "Kính gửi:"; // "{issuer} điện:" for a công điện
  bool addressee_list = false;               // always a dash list at the paragraph indent (công điện)
  std::string enacting;                      // "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:" (decisions)

  // Page (portrait A4; appendix pages may be landscape).
  Length page_width = Length::mm(210), page_height = Length::mm(297);
  Length margin_top = Length::mm(20), margin_bottom = Length::mm(20);
  Length margin_left = Length::mm(30), margin_right = Length::mm(15);
  // Page number sits centred in the top margin, its baseline this far from the top edge.
  Length header_distance = Length::mm(10);

  // Sizes, in points.
  double size_body = 14;
  double size_national = 13;  // Quốc hiệu
  double size_motto = 14;     // Tiêu ngữ
  double size_agency = 13;    // parent and issuing agency
  double size_number = 13;    // "Số: …"
  double size_date = 14;      // place and date
  double size_title = 14;     // tên loại
  double size_subject = 14;   // trích yếu
  double size_signature = 14; // authority, title, name
  double size_recipients_label = 12;
  double size_recipients = 11;
  double size_page_number = 14;
  double size_footnote = 10;
  double size_table = 13;          // text in body/appendix tables
  double size_letter_subject = 12; // "V/v …" of a công văn (ô 5b)
  double size_addressees = 14;     // Kính gửi (ô 9a)
  double size_contact = 11;        // ô 13 at the foot of page 1

  // Paragraphs.
  Length first_line_indent = Length::cm(1.27);
  Length para_before = Length::points(0);
  Length para_after = Length::points(6);
  double line_spacing = 1.0;              // multiple of single
  Length signature_room = Length::mm(25); // space for the handwritten signature

  // Header table split: left column share of the text width.
  double header_left = 0.4;

  // Numbering of the body, one scheme per level (level 1 first).
  std::vector<Scheme> numbering = {Scheme::Roman, Scheme::Arabic, Scheme::ArabicPath, Scheme::Alpha};

  // Ending.
  bool recipients = true;          // has "Nơi nhận" (printed when the data gives it)
  bool recipients_expected = true; // … and the decree's model form always has it
  int signature_columns = 2;       // covenant grid columns (2 or 3)
};

// Loads templates/<kind>.toml from `dir`. Errors (unknown key, value outside
// ND30's range, syntax) go to `diags` with the template file's line/column.
// An unknown kind is reported at `ref_file`:`ref_loc` (the data file's
// kind attribute) when given.
std::optional<Template> load_template(const std::string &dir, const std::string &kind, Diagnostics &diags,
                                      const std::string &ref_file = {}, SourceLoc ref_loc = {});

// Parses template text (for tests); `path` is used in diagnostics.
std::optional<Template> parse_template(const std::string &text, const std::string &path, Diagnostics &diags);

// Decree 30's abbreviations of the kinds (Appendix III), as its table
// writes them: "QĐ", "TTr", "QyĐ" …, with the kind's name.
struct DecreeKind {
  const char *abbreviation;
  const char *name;
};
const std::vector<DecreeKind> &decree_abbreviations();

// Kinds available in `dir` (file stems, sorted), with their descriptions.
std::vector<std::pair<std::string, std::string>> list_templates(const std::string &dir);

// The calendar of days that text can count anniversaries of
// (templates/calendar.toml, plus a data folder's own calendar.toml).
struct Event {
  std::string id;
  std::string name; // "Ngày thành lập Đảng Cộng sản Việt Nam"
  int year = 0, month = 0, day = 0;
};
struct Calendar {
  std::map<std::string, Event> events;
  std::vector<std::string> sources; // files it was read from
};
// Reads `path` (the installed calendar) into `cal`; later files override
// earlier ids. Dates are TOML dates or "YYYY-MM-DD" strings.
bool load_calendar(const std::string &path, Calendar &cal, Diagnostics &diags);
// Adds `dir`/calendar.toml when there is one: a regular file inside `dir`
// (a symbolic link may not lead out of it; a FIFO is refused, not waited on).
bool load_folder_calendar(const std::string &dir, Calendar &cal, Diagnostics &diags);
bool parse_calendar(const std::string &text, const std::string &path, Calendar &cal, Diagnostics &diags);

} // namespace vb::tmpl
