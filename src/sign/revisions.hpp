// What changed in a PDF after a signature: each incremental update after
// the signed revision is compared object by object with the revision
// before it. An update that only fills or adds signature fields (the
// signature value, its widget's appearance, the AcroForm's field list, the
// page's /Annots, the info dictionary's ModDate) is a later signature;
// anything else (page content, fonts, text, removed objects) is a change.
#pragma once
#include <string>
#include <vector>

namespace vb::sign {

struct UpdateCheck {
  size_t from = 0, to = 0;          // the update is bytes [from, to)
  bool readable = true;             // both revisions parse
  bool only_signing = true;         // nothing but signature fields changed
  std::vector<std::string> changes; // what else changed, for the report
};

// Compares each revision with the next: `ends` are the byte offsets where
// revisions end (each signature's ByteRange end), ascending; the file's own
// end is added when it is beyond the last.
std::vector<UpdateCheck> check_updates(const std::string &file, std::vector<size_t> ends);

} // namespace vb::sign
