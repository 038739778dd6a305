// Hand-built documents for the DOCX tests (independent of the loader).
#pragma once
#include "model/document.hpp"
#include "template/template.hpp"

namespace vb::testing {

model::Document plan_fixture();     // a plan: header, sections, footnotes, table, appendix
model::Document covenant_fixture(); // a covenant: 5 parties, no number, no recipients
tmpl::Template plan_template();
tmpl::Template covenant_template(int columns);

} // namespace vb::testing
