// Comparing documents as trees: a finalized model::Document written out one
// node a line, after the normalisation that makes equal renderings equal
// (style-implied bold dropped, adjacent runs merged, column widths as
// shares, positions left out). Two documents that render the same text with
// the same structure give the same dump.
#pragma once
#include <string>

#include "model/document.hpp"

namespace vb::testing {

std::string tree_dump(const model::Document &doc);

// The first line where two dumps differ, with its neighbours, for messages.
std::string first_difference(const std::string &a, const std::string &b);

} // namespace vb::testing
