#include "docx/docx.hpp"

#include "docx/opc.hpp"
#include "docx/wordml.hpp"

namespace vb::docx {

std::string render(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts,
                   const Options &opt) {
  return opc::write_zip(wordml_parts(doc, t, fonts, opt));
}

} // namespace vb::docx
