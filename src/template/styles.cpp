#include "template/styles.hpp"

#include <cmath>

namespace vb::tmpl {

static ParaStyle style(std::string id, std::string name, double size) {
  ParaStyle s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.size = size;
  return s;
}

Styles make_styles(const Template &t) {
  Styles st;
  auto centred = [](ParaStyle s) {
    s.align = Align::Center;
    return s;
  };

  st.body = style("VbBody", "VB Body Text", t.size_body);
  st.body.first_line = t.first_line_indent;
  st.body.before = t.para_before;
  st.body.after = t.para_after;
  st.body.line = t.line_spacing;

  st.basis = st.body;
  st.basis.id = "VbBasis";
  st.basis.name = "VB Legal Basis";
  st.basis.italic = true;

  for (int i = 0; i < 4; ++i) {
    ParaStyle h = st.body;
    h.id = "VbHeading" + std::to_string(i + 1);
    h.name = "VB Heading " + std::to_string(i + 1);
    h.bold = true;
    h.caps = (i == 0);
    h.keep_next = true;
    st.heading[i] = h;
  }

  st.part_label = centred(style("VbPartLabel", "VB Part Label", t.size_body));
  st.part_label.bold = true;
  st.part_label.keep_next = true;
  // No space before: the body paragraph above leaves 6 pt after it, and Word
  // adds a paragraph's space after to the next one's space before where
  // LibreOffice takes the larger (measured): with one of them 0 both agree.
  st.part_label.before = Length::points(0);
  st.part_title = st.part_label;
  st.part_title.id = "VbPartTitle";
  st.part_title.name = "VB Part Title";
  st.part_title.caps = true;
  st.part_title.before = {};
  st.part_title.after = t.para_after;

  st.phase = st.body;
  st.phase.id = "VbPhase";
  st.phase.name = "VB Phase Heading";
  st.phase.bold = true;
  st.phase.keep_next = true;

  st.title = centred(style("VbTitle", "VB Document Type", t.size_title));
  st.title.bold = true;
  st.title.caps = true;
  st.title.before = st.title_gap;
  st.title.keep_next = true;
  st.subject = centred(style("VbSubject", "VB Subject", t.size_subject));
  st.subject.bold = true;
  st.subject.keep_next = true;

  st.header_parent = centred(style("VbHeaderParent", "VB Parent Agency", t.size_agency));
  st.header_parent.caps = true;
  st.header_agency = st.header_parent;
  st.header_agency.id = "VbHeaderAgency";
  st.header_agency.name = "VB Issuing Agency";
  st.header_agency.bold = true;
  st.header_national = centred(style("VbNational", "VB National Title", t.size_national));
  st.header_national.bold = true;
  st.header_national.caps = true;
  st.header_motto = centred(style("VbMotto", "VB Motto", t.size_motto));
  st.header_motto.bold = true;
  st.header_number = centred(style("VbNumber", "VB Number", t.size_number));
  st.header_date = centred(style("VbDate", "VB Place and Date", t.size_date));
  st.header_date.italic = true;

  st.recipients_label = style("VbRecipientsLabel", "VB Recipients Label", t.size_recipients_label);
  st.recipients_label.align = Align::Left;
  st.recipients_label.bold = true;
  st.recipients_label.italic = true;
  st.recipients_item = style("VbRecipients", "VB Recipients", t.size_recipients);
  st.recipients_item.align = Align::Left;
  st.drafter = st.recipients_item;
  st.drafter.id = "VbDrafter";
  st.drafter.name = "VB Drafter";

  st.sign_line = centred(style("VbSignLine", "VB Signature Title", t.size_signature));
  st.sign_line.bold = true;
  st.sign_line.caps = true;
  st.sign_name = centred(style("VbSignName", "VB Signer Name", t.size_signature));
  st.sign_name.bold = true;
  st.sign_name.before = t.signature_room;

  st.footnote = style("VbFootnote", "VB Footnote Text", t.size_footnote);
  st.footnote.widow_control = false;

  st.table_cell = style("VbTableCell", "VB Table Text", t.size_table);
  st.table_cell.align = Align::Left;
  st.table_header = centred(style("VbTableHeader", "VB Table Header", t.size_table));
  st.table_header.bold = true;

  st.appendix_label = centred(style("VbAppendixLabel", "VB Appendix Label", 14));
  st.appendix_label.bold = true;
  st.appendix_label.keep_next = true;
  st.appendix_title = centred(style("VbAppendixTitle", "VB Appendix Title", t.size_title));
  st.appendix_title.bold = true;
  st.appendix_title.caps = true;
  st.appendix_title.keep_next = true;
  st.appendix_attached = centred(style("VbAppendixAttached", "VB Appendix Reference", t.size_body));
  st.appendix_attached.italic = true;
  st.appendix_attached.keep_next = true;

  // ô 5b: upright, centred under the number, 6 pt below it.
  st.letter_subject = centred(style("VbLetterSubject", "VB Letter Subject", t.size_letter_subject));
  st.letter_subject.before = Length::points(6);
  st.issuer = centred(style("VbIssuer", "VB Issuing Authority", t.size_body));
  st.issuer.bold = true;
  st.issuer.caps = true;
  st.issuer.keep_next = true;
  st.issuer.after = t.para_after;
  st.enacting = st.issuer;
  st.enacting.id = "VbEnacting";
  st.enacting.name = "VB Enacting Line";
  st.enacting.caps = false;
  st.addressees = style("VbAddressees", "VB Addressees", t.size_addressees);
  st.addressees.align = Align::Left;
  st.addressees.keep_next = true;
  st.addressees.after = t.para_after;

  st.page_number = centred(style("VbPageNumber", "VB Page Number", t.size_page_number));
  st.ending_left = t.header_left;
  return st;
}

std::vector<const ParaStyle *> Styles::all() const {
  std::vector<const ParaStyle *> v = {&body, &basis};
  for (const auto &h : heading)
    v.push_back(&h);
  for (const ParaStyle *p :
       {&part_label,     &part_title,        &phase,           &title,        &subject,
        &header_parent,  &header_agency,     &header_national, &header_motto, &header_number,
        &header_date,    &recipients_label,  &recipients_item, &drafter,      &sign_line,
        &sign_name,      &footnote,          &table_cell,      &table_header, &appendix_label,
        &appendix_title, &appendix_attached, &letter_subject,  &issuer,       &enacting,
        &addressees,     &page_number})
    v.push_back(p);
  return v;
}

Length label_hang(double label_width_pt, double space_width_pt) {
  double twips = std::ceil((label_width_pt + space_width_pt) * 20.0);
  return Length::points(twips / 20.0 + 1.0);
}

} // namespace vb::tmpl
