#include "model/document.hpp"

namespace vb::model {

std::string plain_text(const Inlines &in, const char *brk) {
  std::string s;
  for (const auto &r : in) {
    if (r.kind == Inline::Kind::Text)
      s += r.text;
    else if (r.kind == Inline::Kind::Break)
      s += brk;
  }
  return s;
}

std::string subject_text(const Document &doc) {
  std::string s;
  for (const auto &line : doc.subject)
    s += (s.empty() ? "" : " ") + plain_text(line, " ");
  return s;
}

Inlines make_text(std::string s, bool bold, bool italic) {
  Inline r;
  r.text = std::move(s);
  r.bold = bold;
  r.italic = italic;
  return {r};
}

} // namespace vb::model
