// DOCX backend: model → WordprocessingML parts (wordml) → OPC package (opc).
#pragma once
#include <string>

#include "model/document.hpp"
#include "template/template.hpp"
#include "text/fonts.hpp"

namespace vb::docx {

struct Options {
  // docProps/core.xml dates; empty = the fixed date of the document's header
  // (deterministic output).
  std::string created;
};

// Returns the bytes of a complete .docx package.
std::string render(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts,
                   const Options &opt = {});

} // namespace vb::docx
