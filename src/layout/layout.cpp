// Layout entry point: model + template → blocks → pages.
#include "layout/layout.hpp"

#include "layout/internal.hpp"

namespace vb::layout {

using namespace detail;

static Frame frame_of(const tmpl::Template &t, bool landscape) {
  // Whole twips, as in the DOCX (LibreOffice lays out in twips).
  auto tw = [](Length l) { return double(l.twips()) / 20.0; };
  Frame f;
  f.width = tw(t.page_width);
  f.height = tw(t.page_height);
  if (landscape)
    std::swap(f.width, f.height);
  f.top = tw(t.margin_top);
  f.bottom = tw(t.margin_bottom);
  f.left = tw(t.margin_left);
  f.right = tw(t.margin_right);
  return f;
}

Document layout(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts) {
  const tmpl::Styles st = tmpl::make_styles(t);
  Ctx c{doc, t, st, fonts, frame_of(t, false)};

  std::vector<Item> items;
  items.push_back(tiny()); // the DOCX opens with a 1 pt spacer (LibreOffice quirk)
  items.push_back(make_header(c));
  add_title_block(c, items);
  add_blocks(doc.opening, c, items);
  add_blocks(doc.body, c, items);
  size_t closing_start = items.size();
  add_blocks(doc.closing, c, items);
  // The closing paragraphs stay with the ending block (ND30 ô 7/9b).
  for (size_t i = closing_start; i < items.size(); ++i)
    if (auto *p = std::get_if<Para>(&items[i]))
      p->keep_next = true;
  add_ending(c, items);

  for (const model::Appendix &a : doc.appendices) {
    Ctx ac{doc, t, st, fonts, frame_of(t, a.landscape)};
    items.push_back(tiny()); // the spacer carrying the section break
    items.push_back(NewPage{ac.frame.width, ac.frame.height, true});
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
