// Layout: model + template → pages of positioned boxes (like typst's frames).
// Knows nothing about PDF; the pdf stage only paints what is here.
#pragma once
#include <string>
#include <vector>

#include "model/document.hpp"
#include "template/template.hpp"
#include "text/fonts.hpp"

namespace vb::layout {

// All coordinates in points, origin at the top-left corner of the page, y down.
// (Members ordered for size: a 1,000-page document holds ~400,000 of them.)
struct TextRun {
  double x = 0, y = 0; // y = baseline
  double size = 14;
  std::string text; // UTF-8 NFC; drawn as one string at (x, y)
  text::Face face = text::Face::Regular;
  SourceLoc src; // the data element the text comes from (0:0 = none): the preview's click target
  bool superscript = false;
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct Image {
  double x = 0, y = 0, w = 0, h = 0; // top-left and size
  std::string path;                  // PNG file
};

// Where a signer signs: an unsigned signature field goes here.
struct SigField {
  double x = 0, y = 0, w = 0, h = 0;
  std::string name;
};

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
