// TrueType subsetting for embedding (FontFile2 of a CIDFontType2 with
// CIDToGIDMap /Identity): only the glyphs drawn with (and the components of
// composite ones), renumbered 0..n-1 so that loca and hmtx stay small; the
// hinting tables (cvt, fpgm, prep) stay so that the glyphs render as in the
// full font.
#include <algorithm>
#include <cstring>

#include "pdf/internal.hpp"

namespace vb::pdf::detail {

namespace {

uint16_t u16(std::string_view f, size_t o) {
  if (o + 2 > f.size())
    return 0;
  return uint16_t((uint8_t(f[o]) << 8) | uint8_t(f[o + 1]));
}
int16_t s16(std::string_view f, size_t o) {
  return int16_t(u16(f, o));
}
uint32_t u32(std::string_view f, size_t o) {
  return (uint32_t(u16(f, o)) << 16) | u16(f, o + 2);
}

void put16(std::string &s, uint16_t v) {
  s += char(v >> 8);
  s += char(v & 0xff);
}
void put32(std::string &s, uint32_t v) {
  put16(s, uint16_t(v >> 16));
  put16(s, uint16_t(v & 0xffff));
}
void set32(std::string &s, size_t o, uint32_t v) {
  s[o] = char(v >> 24);
  s[o + 1] = char((v >> 16) & 0xff);
  s[o + 2] = char((v >> 8) & 0xff);
  s[o + 3] = char(v & 0xff);
}

struct Table {
  size_t off = 0, len = 0;
  bool found = false;
};

Table find(std::string_view f, const char *tag) {
  Table t;
  uint16_t n = u16(f, 4);
  for (uint16_t i = 0; i < n; ++i) {
    size_t rec = 12 + 16 * size_t(i);
    if (rec + 16 > f.size())
      break;
    if (std::memcmp(f.data() + rec, tag, 4) == 0) {
      t.off = u32(f, rec + 8);
      t.len = u32(f, rec + 12);
      t.found = t.off + t.len <= f.size();
      if (!t.found)
        t = {};
      return t;
    }
  }
  return t;
}

uint32_t checksum(std::string_view d) {
  const auto *p = reinterpret_cast<const uint8_t *>(d.data());
  size_t n = d.size(), i = 0;
  uint32_t sum = 0;
  for (; i + 4 <= n; i += 4)
    sum += (uint32_t(p[i]) << 24) | (uint32_t(p[i + 1]) << 16) | (uint32_t(p[i + 2]) << 8) | p[i + 3];
  if (i < n) {
    uint8_t b[4] = {0, 0, 0, 0};
    for (size_t k = 0; i + k < n; ++k)
      b[k] = p[i + k];
    sum += (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
  }
  return sum;
}

// Offset of glyph g in glyf and its length (loca format 0 = short).
std::pair<size_t, size_t> glyph_span(std::string_view f, const Table &loca, int fmt, unsigned g) {
  size_t a, b;
  if (fmt == 0) {
    if (loca.off + 2 * (size_t(g) + 2) > f.size() || 2 * (size_t(g) + 2) > loca.len)
      return {0, 0};
    a = size_t(u16(f, loca.off + 2 * g)) * 2;
    b = size_t(u16(f, loca.off + 2 * g + 2)) * 2;
  } else {
    if (4 * (size_t(g) + 2) > loca.len)
      return {0, 0};
    a = u32(f, loca.off + 4 * g);
    b = u32(f, loca.off + 4 * g + 4);
  }
  if (b < a)
    return {0, 0};
  return {a, b - a};
}

} // namespace

TtfInfo ttf_info(std::string_view f) {
  TtfInfo in;
  Table head = find(f, "head"), hhea = find(f, "hhea"), maxp = find(f, "maxp");
  if (!head.found || !hhea.found || !maxp.found || head.len < 54 || hhea.len < 36 || maxp.len < 6)
    return in;
  in.upem = u16(f, head.off + 18);
  in.checksum = u32(f, head.off + 8);
  if (in.upem == 0)
    return in;
  double k = 1000.0 / in.upem;
  for (int i = 0; i < 4; ++i)
    in.bbox[i] = s16(f, head.off + 36 + 2 * size_t(i)) * k;
  in.num_glyphs = u16(f, maxp.off + 4);
  in.ascent = s16(f, hhea.off + 4) * k;
  in.descent = s16(f, hhea.off + 6) * k;
  in.cap_height = in.ascent;
  Table os2 = find(f, "OS/2");
  if (os2.found && os2.len >= 90 && u16(f, os2.off) >= 2)
    in.cap_height = s16(f, os2.off + 88) * k;
  Table post = find(f, "post");
  if (post.found && post.len >= 8)
    in.italic_angle = int32_t(u32(f, post.off + 4)) / 65536.0;
  Table name = find(f, "name");
  if (name.found && name.len >= 6) {
    uint16_t count = u16(f, name.off + 2), strings = u16(f, name.off + 4);
    for (uint16_t i = 0; i < count && in.ps_name.empty(); ++i) {
      size_t r = name.off + 6 + 12 * size_t(i);
      if (r + 12 > name.off + name.len)
        break;
      uint16_t platform = u16(f, r), id = u16(f, r + 6), len = u16(f, r + 8), off = u16(f, r + 10);
      size_t s = name.off + strings + off;
      if (id != 6 || s + len > f.size())
        continue;
      std::string v;
      if (platform == 1) { // Mac Roman, ASCII for PostScript names
        v.assign(f.data() + s, len);
      } else if (platform == 3 || platform == 0) {
        for (size_t j = 0; j + 1 < len; j += 2)
          v += char(u16(f, s + j) & 0x7f);
      }
      bool ok = !v.empty();
      for (char c : v)
        ok = ok && c > 32 && c < 127 && !std::strchr("()<>[]{}/%#", c);
      if (ok)
        in.ps_name = v;
    }
  }
  in.ok = true;
  return in;
}

double ttf_advance(std::string_view f, const TtfInfo &info, unsigned gid) {
  Table hhea = find(f, "hhea"), hmtx = find(f, "hmtx");
  if (!hhea.found || !hmtx.found)
    return 0;
  unsigned n = u16(f, hhea.off + 34);
  if (n == 0)
    return 0;
  unsigned i = std::min(gid, n - 1);
  if (4 * size_t(i) + 2 > hmtx.len)
    return 0;
  return u16(f, hmtx.off + 4 * size_t(i)) * 1000.0 / info.upem;
}

std::string ttf_subset(std::string_view f, std::vector<uint16_t> &glyphs) {
  Table head = find(f, "head"), hhea = find(f, "hhea"), maxp = find(f, "maxp"), loca = find(f, "loca"),
        glyf = find(f, "glyf"), hmtx = find(f, "hmtx");
  if (!head.found || !hhea.found || !maxp.found || !loca.found || !glyf.found || !hmtx.found ||
      head.len < 54 || hhea.len < 36 || maxp.len < 6 || glyphs.empty() || glyphs[0] != 0)
    return {};
  int fmt = s16(f, head.off + 50);
  unsigned n = u16(f, maxp.off + 4);
  unsigned nh = u16(f, hhea.off + 34);
  if (n == 0 || nh == 0 || hmtx.len < 4 * size_t(nh))
    return {};
  std::vector<int> new_of(n, -1);
  for (size_t i = 0; i < glyphs.size(); ++i) {
    if (glyphs[i] >= n)
      glyphs[i] = 0;
    if (new_of[glyphs[i]] < 0)
      new_of[glyphs[i]] = int(i);
  }

  // glyf (composite glyphs' components renumbered, and appended to the
  // list when not there yet), a long-format loca and hmtx.
  std::string nglyf, nloca, nhmtx;
  for (size_t i = 0; i < glyphs.size(); ++i) { // grows while it runs
    unsigned g = glyphs[i];
    put32(nloca, uint32_t(nglyf.size()));
    unsigned m = std::min(g, nh - 1);
    put16(nhmtx, u16(f, hmtx.off + 4 * size_t(m)));
    size_t lsb = g < nh ? hmtx.off + 4 * size_t(g) + 2 : hmtx.off + 4 * size_t(nh) + 2 * size_t(g - nh);
    put16(nhmtx, lsb + 2 <= hmtx.off + hmtx.len ? u16(f, lsb) : 0);
    auto [a, len] = glyph_span(f, loca, fmt, g);
    if (len == 0 || a + len > glyf.len)
      continue;
    size_t at = nglyf.size();
    nglyf.append(f.data() + glyf.off + a, len);
    if (len >= 10 && s16(f, glyf.off + a) < 0) {
      size_t p = at + 10, end = at + len;
      for (;;) {
        if (p + 4 > end)
          break;
        std::string_view d(nglyf);
        uint16_t flags = u16(d, p), comp = u16(d, p + 2);
        if (comp >= n)
          comp = 0;
        if (new_of[comp] < 0 && glyphs.size() < 0xffff) {
          new_of[comp] = int(glyphs.size());
          glyphs.push_back(comp);
        }
        uint16_t nc = uint16_t(std::max(new_of[comp], 0));
        nglyf[p + 2] = char(nc >> 8);
        nglyf[p + 3] = char(nc & 0xff);
        p += 4 + ((flags & 0x1) ? 4 : 2);
        if (flags & 0x8)
          p += 2;
        else if (flags & 0x40)
          p += 4;
        else if (flags & 0x80)
          p += 8;
        if (!(flags & 0x20))
          break;
      }
    }
    while (nglyf.size() % 4)
      nglyf += '\0';
  }
  put32(nloca, uint32_t(nglyf.size()));
  uint16_t count = uint16_t(glyphs.size());

  std::string nmaxp(f.substr(maxp.off, maxp.len));
  nmaxp[4] = char(count >> 8), nmaxp[5] = char(count & 0xff);
  std::string nhhea(f.substr(hhea.off, hhea.len));
  nhhea[34] = char(count >> 8), nhhea[35] = char(count & 0xff);

  std::string nhead(f.substr(head.off, head.len));
  set32(nhead, 8, 0);           // checkSumAdjustment, set below
  nhead[50] = 0, nhead[51] = 1; // indexToLocFormat: long

  std::string post;
  put32(post, 0x00030000);
  Table opost = find(f, "post");
  if (opost.found && opost.len >= 32)
    post.append(f.data() + opost.off + 4, 28); // italicAngle … maxMemType1
  else
    post.append(28, '\0');

  struct Out {
    const char *tag;
    std::string_view data;
  };
  std::vector<Out> tables;
  auto orig = [&](const char *tag) {
    Table t = find(f, tag);
    if (t.found)
      tables.push_back({tag, f.substr(t.off, t.len)});
  };
  // Sorted by tag, as the table directory must be.
  orig("OS/2");
  orig("cvt ");
  orig("fpgm");
  tables.push_back({"glyf", nglyf});
  tables.push_back({"head", nhead});
  tables.push_back({"hhea", nhhea});
  tables.push_back({"hmtx", nhmtx});
  tables.push_back({"loca", nloca});
  tables.push_back({"maxp", nmaxp});
  tables.push_back({"post", post});
  orig("prep");

  uint16_t nt = uint16_t(tables.size());
  uint16_t pow2 = 1, log2 = 0;
  while (pow2 * 2 <= nt)
    pow2 *= 2, ++log2;
  std::string out;
  size_t total = 12 + 16 * size_t(nt);
  for (const Out &t : tables)
    total += (t.data.size() + 3) & ~size_t(3);
  out.reserve(total);
  put32(out, 0x00010000);
  put16(out, nt);
  put16(out, uint16_t(pow2 * 16));
  put16(out, log2);
  put16(out, uint16_t(nt * 16 - pow2 * 16));
  size_t off = 12 + 16 * size_t(nt);
  size_t head_off = 0;
  uint32_t total_sum = 0; // of the whole file: the tables are zero-padded to 4 bytes
  for (const Out &t : tables) {
    out.append(t.tag, 4);
    uint32_t cs = checksum(t.data);
    total_sum += cs;
    put32(out, cs);
    put32(out, uint32_t(off));
    put32(out, uint32_t(t.data.size()));
    if (std::memcmp(t.tag, "head", 4) == 0)
      head_off = off;
    off += (t.data.size() + 3) & ~size_t(3);
  }
  for (const Out &t : tables) {
    out.append(t.data);
    while (out.size() % 4)
      out += '\0';
  }
  total_sum += checksum(std::string_view(out).substr(0, 12 + 16 * size_t(nt)));
  set32(out, head_off + 8, 0xB1B0AFBAu - total_sum);
  return out;
}

} // namespace vb::pdf::detail
