// The paragraph and character styles of a document kind, derived from its
// template. Both backends read these numbers: the DOCX writer emits them as
// named Word styles (so a user editing in Word keeps the look), the layout
// engine uses the very same values, so the two outputs break lines and pages
// alike. Change geometry here, never in one backend alone.
#pragma once
#include <string>
#include <vector>

#include "template/template.hpp"
#include "util/length.hpp"

namespace vb::tmpl {

enum class Align { Left, Center, Right, Justify };

struct ParaStyle {
  std::string id;   // Word style id, e.g. "VbBody"
  std::string name; // Word style name shown to users, e.g. "VB Body"
  double size = 14; // points
  bool bold = false, italic = false, caps = false;
  Align align = Align::Justify;
  Length first_line{}; // first-line indent (from the left indent)
  Length left{}, right{};
  Length before{}, after{};
  double line = 1.0; // multiple of single line height
  bool keep_next = false;
  bool keep_lines = false;
  bool widow_control = true;
};

struct Styles {
  ParaStyle body;       // Para, untitled Section, ListItem
  ParaStyle basis;      // căn cứ (italic)
  ParaStyle heading[4]; // titled sections, level 1..4 (level ≥ 4 uses [3])
  ParaStyle part_label; // "Phần I"
  ParaStyle part_title;
  ParaStyle phase;   // "* Đợt thi đua …"
  ParaStyle title;   // tên loại
  ParaStyle subject; // trích yếu
  ParaStyle header_parent, header_agency, header_national, header_motto;
  ParaStyle header_number, header_date;
  ParaStyle recipients_label, recipients_item, drafter;
  ParaStyle sign_line;    // authority/title lines (bold caps, centred)
  ParaStyle sign_name;    // signer's name; `before` = room for the signature
  ParaStyle footnote;     // footnote text
  ParaStyle table_cell;   // text in table cells (no first-line indent)
  ParaStyle table_header; // header-row labels (bold, centred)
  ParaStyle appendix_label, appendix_title, appendix_attached;
  ParaStyle letter_subject; // "V/v …" under a công văn's number (ô 5b)
  ParaStyle issuer;         // the issuing authority's line of a decision
  ParaStyle enacting;       // the centred "QUYẾT ĐỊNH:" before the articles
  ParaStyle addressees;     // Kính gửi (ô 9a)
  ParaStyle page_number;

  // Rules (solid lines): thickness, and the gap between a text line and the
  // rule drawn under it.
  double rule_width = 0.75;
  // Table borders and cell padding; 1.5 pt above and below the text so that
  // accents over capitals and descenders never touch the row rules.
  double table_border = 0.5;
  Length cell_pad_left = Length::points(5.4), cell_pad_right = Length::points(5.4);
  Length cell_pad_top = Length::points(1.5), cell_pad_bottom = Length::points(1.5);
  // The ending block (Nơi nhận | signature) columns, share of text width.
  double ending_left = 0.4;
  // Space between the header table and the title block, and after the
  // subject rule.
  Length title_gap = Length::points(12);
  Length after_subject = Length::points(12);

  std::vector<const ParaStyle *> all() const; // every paragraph style, for styles.xml
};

Styles make_styles(const Template &t);

// Hanging indent of a titled section: the label's width plus one space
// (both measured by the caller with text::Fonts in the heading's face),
// rounded up to whole twips plus 1 pt, so a Word tab after the label always
// lands on the hanging-indent stop and the PDF puts the title at the same x.
Length label_hang(double label_width_pt, double space_width_pt);

} // namespace vb::tmpl
