// Layout: model + template → pages of positioned boxes (like typst's frames).
// Knows nothing about PDF; the pdf stage only paints what is here.
#pragma once
#include <string>
#include <vector>

#include "geometry/lines.hpp"
#include "model/document.hpp"
#include "template/template.hpp"
#include "text/fonts.hpp"

namespace vb::layout {

// All coordinates in points, origin at the top-left corner of the page, y down.
using TextRun = geo::TextRun;

using Rule = geo::Rule;
using Image = geo::Image;
using SigField = geo::SigField;

struct Page {
  double width = 0, height = 0;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::vector<Image> images;
  std::vector<SigField> fields;
};

struct Document {
  std::vector<Page> pages;
  std::string title, author, subject, keywords; // document info
  std::string date;                             // ISO 8601, fixed unless the user asks for the real time
};

Document layout(const model::Document &doc, const tmpl::Template &t, const text::Fonts &fonts);

} // namespace vb::layout
