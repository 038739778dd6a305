#include "serve/anchors.hpp"

#include <algorithm>
#include <cstring>

namespace vb::serve {

namespace {

size_t skip_past(std::string_view s, size_t from, const char *end) {
  size_t p = s.find(end, from);
  return p == std::string_view::npos ? s.size() : p + std::strlen(end);
}

bool name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

ElementIndex::ElementIndex(std::string_view xml) : xml_(xml) {
  // Columns count characters: a checkpoint every 16 code points keeps
  // LINE:COL → offset short even on a line of a whole document.
  lines_.push_back(0);
  line_cp_.push_back(0);
  size_t cp = 0;
  for (size_t i = 0; i < xml.size(); ++i) {
    if ((static_cast<unsigned char>(xml[i]) & 0xC0) == 0x80)
      continue;
    if (cp % 16 == 0)
      cp_bytes_.push_back(i);
    ++cp;
    if (xml[i] == '\n') {
      lines_.push_back(i + 1);
      line_cp_.push_back(cp);
    }
  }
  // Comments, CDATA, processing instructions and end tags are skipped whole
  // (a '<' inside them is not a tag); a start tag ends at the first '>'
  // outside quotes.
  size_t i = 0;
  while (i < xml.size()) {
    size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= xml.size())
      break;
    std::string_view rest = xml.substr(lt);
    if (rest.starts_with("<!--")) {
      i = skip_past(xml, lt + 4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      i = skip_past(xml, lt + 9, "]]>");
    } else if (rest.starts_with("<?")) {
      i = skip_past(xml, lt + 2, "?>");
    } else if (rest.starts_with("<!") || rest.starts_with("</")) {
      i = skip_past(xml, lt + 2, ">");
    } else if (name_start(xml[lt + 1])) {
      size_t p = lt + 1;
      char quote = 0;
      for (; p < xml.size(); ++p) {
        char c = xml[p];
        if (quote) {
          if (c == quote)
            quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      size_t end = std::min(p + 1, xml.size());
      tags_.push_back({lt, end});
      i = end;
    } else {
      i = lt + 1;
    }
  }
}

// LINE:COL → byte offset; columns count characters (UTF-8 code points), as
// the loader does.
size_t ElementIndex::offset(SourceLoc loc) const {
  if (loc.line < 1 || size_t(loc.line) > lines_.size())
    return std::string_view::npos;
  size_t line = size_t(loc.line - 1);
  size_t line_end = line + 1 < lines_.size() ? lines_[line + 1] - 1 : xml_.size(); // its '\n'
  size_t cp = line_cp_[line] + size_t(std::max(loc.col, 1) - 1);
  if (cp / 16 >= cp_bytes_.size())
    return line_end;
  size_t p = cp_bytes_[cp / 16];
  for (size_t k = cp % 16; k > 0 && p < xml_.size(); --k) {
    ++p;
    while (p < xml_.size() && (static_cast<unsigned char>(xml_[p]) & 0xC0) == 0x80)
      ++p;
  }
  return std::min(p, line_end);
}

int ElementIndex::element_at(SourceLoc loc) const {
  size_t off = offset(loc);
  if (off == std::string_view::npos)
    return -1;
  auto it =
      std::upper_bound(tags_.begin(), tags_.end(), off, [](size_t o, const Tag &t) { return o < t.begin; });
  if (it != tags_.begin() && off < std::prev(it)->end)
    return int(std::prev(it) - tags_.begin());
  // A tag spanning lines is reported at column 1 of its first line: take
  // the first tag that starts on that line.
  size_t line_end = size_t(loc.line) < lines_.size() ? lines_[size_t(loc.line)] : xml_.size();
  if (it != tags_.end() && it->begin < line_end)
    return int(it - tags_.begin());
  return -1;
}

} // namespace vb::serve
