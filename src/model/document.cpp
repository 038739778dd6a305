#include "model/document.hpp"

namespace vb::model {

void tidy(Inlines &in) {
  Inlines out;
  for (auto &r : in) {
    if (r.kind == Inline::Kind::Text) {
      if (r.text.empty())
        continue;
      bool prev_space = out.empty() || out.back().kind == Inline::Kind::Break ||
                        (out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
                         out.back().text.back() == ' ');
      if (prev_space && r.text.front() == ' ')
        r.text.erase(0, 1);
      if (r.text.empty())
        continue;
      if (!out.empty() && out.back().kind == Inline::Kind::Text && out.back().bold == r.bold &&
          out.back().italic == r.italic) {
        out.back().text += r.text;
        continue;
      }
    } else if (r.kind == Inline::Kind::Break) {
      if (!out.empty() && out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
          out.back().text.back() == ' ')
        out.back().text.pop_back();
    }
    out.push_back(std::move(r));
  }
  while (!out.empty() && out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
         out.back().text.back() == ' ') {
    out.back().text.pop_back();
    if (out.back().text.empty())
      out.pop_back();
  }
  in = std::move(out);
}

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
