// Layout entry point: model + template → blocks → pages.
#include "layout/layout.hpp"

#include "layout/internal.hpp"

namespace vb::layout {

using namespace detail;

Document layout(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts) {
  const tmpl::Styles st = tmpl::make_styles(t);
  Ctx c{doc, t, st, fonts, geo::frame(t, false)};

  std::vector<Item> items;
  items.push_back(tiny()); // the DOCX opens with a 1 pt spacer (LibreOffice quirk)
  add_header(c, items);
  add_title_block(c, items);
  add_blocks(doc.opening, c, items);
  add_enacting(c, items);
  add_blocks(doc.body, c, items);
  size_t closing_start = items.size();
  add_blocks(doc.closing, c, items);
  // The closing paragraphs stay with the ending block (ND30 ô 7/9b).
  for (size_t i = closing_start; i < items.size(); ++i)
    if (auto *p = std::get_if<Para>(&items[i]))
      p->keep_next = true;
  add_ending(c, items);

  // Attached texts, then appendices: each on new pages numbered from 1.
  for (const model::Attachment &a : doc.attachments) {
    Ctx ac{doc, t, st, fonts, geo::frame(t, false)};
    items.push_back(tiny());
    items.push_back(NewPage{ac.frame, true});
    add_attachment_heading(a, ac, items);
    add_blocks(a.body, ac, items);
  }
  for (const model::Appendix &a : doc.appendices) {
    Ctx ac{doc, t, st, fonts, geo::frame(t, a.landscape)};
    items.push_back(tiny()); // the spacer carrying the section break
    items.push_back(NewPage{ac.frame, true});
    add_appendix_heading(a, ac, items);
    add_blocks(a.body, ac, items);
  }

  items.push_back(tiny());

  Document out;
  out.pages = paginate(std::move(items), make_footnotes(c), c);
  out.title = model::subject_text(doc);
  for (const auto &a : doc.header.agency)
    out.author += (out.author.empty() ? "" : " ") + a;
  out.subject = doc.meta_subject;
  out.keywords = doc.meta_keywords;
  out.date = doc.meta_date;
  return out;
}

} // namespace vb::layout
