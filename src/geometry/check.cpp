// What no layout can print, reported at the data's locations.
#include <cstdio>
#include <functional>

#include "geometry/blocks.hpp"

namespace vb::geo {

namespace {

std::string mm(double pt) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f mm", pt * 25.4 / 72);
  return b;
}

void check_tables(const model::Blocks &bs, const tmpl::Styles &st, const Frame &f, const std::string &file,
                  bool &ok, Diagnostics &diags) {
  for (const auto &b : bs) {
    if (auto *s = std::get_if<model::Section>(&b))
      check_tables(s->body, st, f, file, ok, diags);
    else if (auto *p = std::get_if<model::Part>(&b))
      check_tables(p->body, st, f, file, ok, diags);
    else if (auto *t = std::get_if<model::Table>(&b)) {
      std::vector<double> weights;
      for (const auto &c : t->columns)
        weights.push_back(c.weight);
      auto cols = column_widths(f.text_twips(), weights);
      for (size_t i = 0; i < cols.size(); ++i) {
        double text = pt(cols[i]) - st.cell_pad_left.pt - st.cell_pad_right.pt;
        if (text < kMinColumnText) {
          diags.error(file, t->loc,
                      "column " + std::to_string(i + 1) + " of this table is " + mm(pt(cols[i])) +
                          " wide: too narrow for text (a column needs at least " +
                          mm(kMinColumnText + st.cell_pad_left.pt + st.cell_pad_right.pt) + ")",
                      "give it a larger width= or the table fewer columns");
          ok = false;
        }
      }
    }
  }
}

} // namespace

bool check(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts,
           Diagnostics &diags) {
  bool ok = true;
  const tmpl::Styles st = tmpl::make_styles(t);
  const Frame portrait = frame(t, false);
  check_tables(doc.body, st, portrait, doc.file, ok, diags);
  check_tables(doc.opening, st, portrait, doc.file, ok, diags);
  check_tables(doc.closing, st, portrait, doc.file, ok, diags);
  for (const auto &a : doc.appendices)
    check_tables(a.body, st, frame(t, a.landscape), doc.file, ok, diags);
  PageHeader ph = page_header(doc, t, st, fonts, portrait);
  double h = 0;
  for (const Row &r : ph.table.rows)
    h += r.height;
  if (h > portrait.body_h()) {
    diags.error(doc.file, doc.header.agency_loc.line ? doc.header.agency_loc : doc.header.loc,
                "the page-1 header (agency, number, place and date) is " + mm(h) +
                    " tall, more than a page can hold (" + mm(portrait.body_h()) + ")",
                "shorten the agency and parent names");
    ok = false;
  }
  return ok;
}

} // namespace vb::geo
