// WordprocessingML: the model → the XML parts of a .docx package (document,
// styles, settings, footnotes, headers, relationships, core properties).
// Packaging into a zip is opc's job; this file knows nothing about zip.
#pragma once
#include <vector>

#include "docx/docx.hpp"
#include "docx/opc.hpp"

namespace vb::docx {

// The parts in their fixed package order ([Content_Types].xml first).
std::vector<opc::Part> wordml_parts(const model::Document &doc, const tmpl::Template &t,
                                    const text::Fonts &fonts, const Options &opt);

} // namespace vb::docx
