// The editor speaks Vietnamese: the messages of the loader and of the
// decree checks, said in the clerk's words. The command line keeps its
// English messages (scripts and logs match on them); the editor translates
// them here, pattern by pattern. A message without a pattern is shown as
// the checks wrote it, so nothing is ever hidden.
#pragma once
#include <string>

#include "util/diag.hpp"

namespace vb::serve {

struct ViText {
  std::string message, hint;
  bool translated = false; // false: the original English is given back
};

ViText vietnamese(const Diagnostic &d);

// The element names of the data format, in the form's words ("section" →
// "Mục"); the name itself when the form has no word for it.
std::string element_vi(const std::string &name);

} // namespace vb::serve
