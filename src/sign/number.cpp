#include "sign/number.hpp"

#include <map>

#include "sign/pdfdoc.hpp"
#include "util/utf8.hpp"

using namespace PoDoFo;

namespace vb::sign {

namespace {

// A font's codes → text, from its ToUnicode CMap (bfchar and bfrange).
struct ToUnicode {
  std::map<uint32_t, std::string> map;
  size_t bytes = 1; // code length
};

std::string hex_bytes(const std::string &s, size_t &i) {
  std::string out;
  ++i; // '<'
  int nib = -1;
  for (; i < s.size() && s[i] != '>'; ++i) {
    char c = s[i];
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0)
      continue;
    if (nib < 0) {
      nib = v;
    } else {
      out += char(nib * 16 + v);
      nib = -1;
    }
  }
  ++i;
  return out;
}

uint32_t code_of(const std::string &b) {
  uint32_t v = 0;
  for (unsigned char c : b)
    v = (v << 8) | c;
  return v;
}

std::string utf16_to_utf8(const std::string &b) {
  std::string out;
  for (size_t i = 0; i + 1 < b.size(); i += 2) {
    char32_t u = char32_t((uint8_t(b[i]) << 8) | uint8_t(b[i + 1]));
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
      char32_t lo = char32_t((uint8_t(b[i + 2]) << 8) | uint8_t(b[i + 3]));
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    append_utf8(out, u);
  }
  return out;
}

ToUnicode parse_cmap(const std::string &s) {
  ToUnicode t;
  bool first = true;
  auto note = [&](const std::string &src) {
    if (first && !src.empty())
      t.bytes = src.size();
    first = false;
  };
  for (size_t p = 0; (p = s.find("begin", p)) != std::string::npos;) {
    bool range = s.compare(p, 12, "beginbfrange") == 0;
    bool chr = s.compare(p, 11, "beginbfchar") == 0;
    p += 5;
    if (!range && !chr)
      continue;
    size_t end = s.find(range ? "endbfrange" : "endbfchar", p);
    if (end == std::string::npos)
      break;
    std::vector<std::string> items; // hex strings; "[" and "]" kept as markers
    for (size_t i = p; i < end;) {
      if (s[i] == '<') {
        items.push_back(hex_bytes(s, i));
      } else if (s[i] == '[' || s[i] == ']') {
        items.push_back(std::string(1, s[i]) + "\x01"); // cannot be a 2-byte hex item
        ++i;
      } else {
        ++i;
      }
    }
    size_t i = 0;
    if (chr) {
      for (; i + 1 < items.size(); i += 2) {
        note(items[i]);
        t.map[code_of(items[i])] = utf16_to_utf8(items[i + 1]);
      }
    } else {
      while (i + 2 < items.size()) {
        note(items[i]);
        uint32_t lo = code_of(items[i]), hi = code_of(items[i + 1]);
        i += 2;
        if (hi < lo || hi - lo > 0xffff)
          hi = lo;
        if (items[i] == "[\x01") {
          ++i;
          for (uint32_t c = lo; i < items.size() && items[i] != "]\x01"; ++i, ++c)
            t.map[c] = utf16_to_utf8(items[i]);
          ++i;
        } else {
          std::string dst = items[i++];
          for (uint32_t c = lo; c <= hi; ++c) {
            t.map[c] = utf16_to_utf8(dst);
            if (!dst.empty())
              ++dst.back(); // consecutive destinations: the last byte counts up
          }
        }
      }
    }
    p = end;
  }
  return t;
}

std::string decode(const std::string &raw, const ToUnicode *t) {
  std::string out;
  if (!t || t->map.empty()) { // a simple font without a map: Latin-1 is the best guess
    for (unsigned char c : raw)
      append_utf8(out, char32_t(c));
    return out;
  }
  for (size_t i = 0; i + t->bytes <= raw.size(); i += t->bytes) {
    auto it = t->map.find(code_of(raw.substr(i, t->bytes)));
    if (it != t->map.end())
      out += it->second;
  }
  return out;
}

} // namespace

std::string page_text(PdfMemDocument &doc, PdfPage *page) {
  std::map<std::string, ToUnicode> maps;
  PdfObject *fonts = key(doc, page->GetResources(), "Font");
  const ToUnicode *cur = nullptr;
  std::string out;
  std::vector<PdfVariant> ops;
  PdfContentsTokenizer tok(page);
  EPdfContentsType type;
  const char *kw = nullptr;
  PdfVariant var;
  auto show = [&](const PdfVariant &v) {
    if (v.IsString() || v.IsHexString())
      out += decode(std::string(v.GetString().GetString(), v.GetString().GetLength()), cur);
  };
  while (tok.ReadNext(type, kw, var)) {
    if (type == ePdfContentsType_Variant) {
      ops.push_back(var);
      continue;
    }
    if (type != ePdfContentsType_Keyword)
      continue;
    std::string k = kw;
    if (k == "Tf" && ops.size() >= 2 && ops[ops.size() - 2].IsName()) {
      std::string name = ops[ops.size() - 2].GetName().GetName();
      auto it = maps.find(name);
      if (it == maps.end()) {
        ToUnicode t;
        PdfObject *tu = key(doc, key(doc, fonts, name.c_str()), "ToUnicode");
        if (tu && tu->HasStream()) {
          char *buf = nullptr;
          pdf_long len = 0;
          tu->GetStream()->GetFilteredCopy(&buf, &len);
          t = parse_cmap(std::string(buf ? buf : "", size_t(len)));
          podofo_free(buf);
        }
        it = maps.emplace(name, std::move(t)).first;
      }
      cur = &it->second;
    } else if (k == "Tj" && !ops.empty()) {
      show(ops.back());
    } else if ((k == "'" || k == "\"") && !ops.empty()) {
      out += '\n';
      show(ops.back());
    } else if (k == "TJ" && !ops.empty() && ops.back().IsArray()) {
      for (const PdfObject &e : ops.back().GetArray())
        show(e);
    } else if (k == "Td" || k == "TD" || k == "Tm" || k == "T*" || k == "BT" || k == "ET") {
      if (!out.empty() && out.back() != '\n')
        out += '\n';
    }
    ops.clear();
  }
  return out;
}

std::string find_number(const std::string &text) {
  auto space = [&](size_t i) {
    if (i >= text.size())
      return size_t(0);
    unsigned char c = uint8_t(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
      return size_t(1);
    if (text.compare(i, 2, "\xc2\xa0") == 0) // no-break space
      return size_t(2);
    return size_t(0);
  };
  // A number placed in pieces (a justified line breaks after '/' and '-')
  // is joined again.
  auto token = [&](size_t i) {
    while (size_t n = space(i))
      i += n;
    std::string t;
    for (;;) {
      size_t j = i;
      while (j < text.size() && !space(j) && text[j] != ')' && text[j] != ',' && text[j] != ';')
        ++j;
      t += text.substr(i, j - i);
      if (t.empty() || (t.back() != '/' && t.back() != '-') || j >= text.size() || text[j] != '\n')
        return t;
      i = j + 1;
    }
  };
  size_t p = text.find("Số:");
  if (p != std::string::npos)
    return token(p + std::string("Số:").size());
  size_t k = text.find("Kèm theo");
  if (k == std::string::npos)
    return {};
  size_t close = text.find(')', k);
  const std::string so = "số";
  for (size_t s = text.find(so, k); s != std::string::npos && (close == std::string::npos || s < close);
       s = text.find(so, s + 1))
    if (space(s - 1) && space(s + so.size()))
      return token(s + so.size());
  return {};
}

} // namespace vb::sign
