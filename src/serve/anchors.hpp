// Names an XML text's elements the way both sides of the editor can: the
// loader reports places as LINE:COL, the browser holds the same text as a DOM
// whose elements it counts in document order (getElementsByTagName("*")).
// This index turns the one into the other, so a diagnostic or a clicked
// preview line finds its form field.
#pragma once
#include <string_view>
#include <vector>

#include "util/diag.hpp"

namespace vb::serve {

class ElementIndex {
public:
  // `xml` must outlive the index.
  explicit ElementIndex(std::string_view xml);

  // The document-order number of the element whose start tag holds `loc`
  // (the element's own position or one of its attributes'), or -1.
  int element_at(SourceLoc loc) const;
  size_t size() const { return tags_.size(); }

private:
  struct Tag {
    size_t begin, end; // '<' … one past '>'
  };
  std::string_view xml_;
  std::vector<size_t> lines_;    // byte offset where each line starts
  std::vector<size_t> line_cp_;  // … and its number in code points
  std::vector<size_t> cp_bytes_; // byte offset of every 16th code point
  std::vector<Tag> tags_;        // start tags in document order

  size_t offset(SourceLoc loc) const;
};

} // namespace vb::serve
