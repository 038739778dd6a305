// What Decree 30/2020 asks that a renderer cannot fix by itself: checked
// after loading, reported as warnings with file:line:col (`--strict` makes
// them errors). What can be fixed mechanically (punctuation of recipients,
// capitals, leading zeros) model::finalize already does.
#pragma once
#include "model/document.hpp"
#include "template/template.hpp"
#include "text/fonts.hpp"

namespace vb::check {

struct Today {
  int year, month, day;
};
Today today();

// `fonts` may be null: the width checks are then skipped.
void decree_rules(const model::Document &doc, const tmpl::Template &t, const text::Fonts *fonts, Today now,
                  Diagnostics &diags);

// Errors for the parts the document's kind does not have, or must have
// (the template's layout family and parts). Needs no finalized document:
// the pipeline runs it before the schema.
void kind_parts(const model::Document &doc, const tmpl::Template &t, Diagnostics &diags);

// Errors for characters that neither the fonts nor the fallback face have
// (called by decree_rules when it has the fonts).
void font_coverage(const model::Document &doc, const text::Fonts &fonts, Diagnostics &diags);

} // namespace vb::check
