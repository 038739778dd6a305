// model::Document (not finalized: fields, no labels) → the text of a vanban
// data file, as a person would write it: indented, long text wrapped at
// spaces (the loader collapses whitespace, so wrapping changes nothing),
// lists grouped into their elements, defaults left out, and comments where
// the importer wants a reader to look.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace vb::imp {

struct XmlNotes {
  std::string preamble;                               // the comment at the top
  std::map<int, std::vector<std::string>> by_pos;     // before the block from this source position
  std::map<std::string, std::vector<std::string>> at; // before a header element: "agency", "place"
  bool year_comments = true;                          // a comment listing each block's year fields
};

std::string write_xml(const model::Document &doc, XmlNotes notes);

} // namespace vb::imp
