// PDF writer: paints layout pages into a PDF written by hand (no PDF
// library: PoDoFo's subsetting, its object model and the ~15 shared
// libraries it pulled in cost more than the rest of a render together).
// Fonts are Liberation Serif 2 subsets (CIDFontType2, Identity-H, glyphs
// renumbered in order of first use, ToUnicode), embedded only for the faces
// drawn with; every stream is deflated at the fastest level (libdeflate, or
// zlib); dates and /ID are derived from the document, so the bytes are the
// same from run to run whatever the number of threads.
#include "pdf/pdf.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <tuple>
#include <unordered_map>

#ifdef VANBAN_LIBDEFLATE
#include <libdeflate.h>
#else
#include <zlib.h>
#endif

#include "pdf/internal.hpp"

namespace vb::pdf {

namespace {

using detail::Raster;
using detail::TtfInfo;

// "2024-02-01" / "2024-02-01T08:30:00Z" → "D:20240201083000Z".
std::string pdf_date(const std::string &iso) {
  std::string digits;
  for (char ch : iso)
    if (ch >= '0' && ch <= '9')
      digits += ch;
  if (digits.size() < 8)
    digits = "20000101";
  digits.resize(14, '0');
  return "D:" + digits + "Z";
}

std::string now_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
  return buf;
}

const char *const kHex = "0123456789ABCDEF";

void hex4(std::string &out, unsigned v) {
  out += kHex[(v >> 12) & 15];
  out += kHex[(v >> 8) & 15];
  out += kHex[(v >> 4) & 15];
  out += kHex[v & 15];
}

void utf16(std::string &out, char32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    hex4(out, 0xD800 + unsigned(cp >> 10));
    hex4(out, 0xDC00 + unsigned(cp & 0x3ff));
  } else {
    hex4(out, unsigned(cp));
  }
}

// A text string: literal when plain ASCII, else UTF-16BE with a BOM.
std::string text_string(const std::string &s) {
  bool plain = true;
  for (unsigned char c : s)
    plain = plain && c >= 32 && c < 127 && c != '(' && c != ')' && c != '\\';
  if (plain)
    return "(" + s + ")";
  std::string out = "<FEFF";
  for (size_t i = 0; i < s.size();)
    utf16(out, text::next_cp(s, i));
  return out + ">";
}

// A number given in thousandths, printed with at most three decimals and
// trailing zeros trimmed ("12.5", "3", "-0.25"): the hot path of the page content.
void milli(std::string &out, int64_t m) {
  char buf[32];
  char *e = buf + sizeof buf, *p = e;
  bool neg = m < 0;
  uint64_t u = neg ? uint64_t(-m) : uint64_t(m);
  unsigned frac = unsigned(u % 1000);
  uint64_t whole = u / 1000;
  if (frac) {
    int digits = 3;
    while (frac % 10 == 0)
      frac /= 10, --digits;
    for (int i = 0; i < digits; ++i, frac /= 10)
      *--p = char('0' + frac % 10);
    *--p = '.';
  }
  do {
    *--p = char('0' + whole % 10);
    whole /= 10;
  } while (whole);
  if (neg && u)
    *--p = '-';
  out.append(p, size_t(e - p));
  out += ' ';
}

int64_t to_milli(double v) {
  double r = v * 1000.0;
  if (!(r > -9e15 && r < 9e15)) // out of range or NaN: not a layout coordinate
    return 0;
  return r < 0 ? -int64_t(-r + 0.5) : int64_t(r + 0.5);
}

void num(std::string &out, double v) {
  milli(out, to_milli(v));
}

#ifdef VANBAN_LIBDEFLATE
// libdeflate when the build has it: its level 1 is twice as fast as zlib's
// and 3 % smaller, and deflate is most of the PDF stage. One compressor
// per thread, reused for every stream.
class Deflater {
public:
  Deflater() : c_(libdeflate_alloc_compressor(1)) {}
  ~Deflater() {
    if (c_)
      libdeflate_free_compressor(c_);
  }
  Deflater(const Deflater &) = delete;
  Deflater &operator=(const Deflater &) = delete;

  // Appends the zlib-wrapped deflated `in` to `out`; false (and `out` unchanged) on error.
  bool run(std::string_view in, std::string &out) {
    if (!c_)
      return false;
    size_t start = out.size();
    out.resize(start + libdeflate_zlib_compress_bound(c_, in.size()));
    size_t n = libdeflate_zlib_compress(c_, in.data(), in.size(), out.data() + start, out.size() - start);
    out.resize(start + n);
    return n > 0;
  }

private:
  libdeflate_compressor *c_;
};
#else
// One z_stream for the whole document: deflateInit allocates and clears
// ~270 KB, which a 1,000-page document would otherwise do per page.
class Deflater {
public:
  // memLevel 7: half the hash table of the default, which deflateReset
  // clears for every stream; the streams here are small (output +0.3 %).
  Deflater() { ok_ = deflateInit2(&z_, Z_BEST_SPEED, Z_DEFLATED, 15, 7, Z_DEFAULT_STRATEGY) == Z_OK; }
  ~Deflater() {
    if (ok_)
      deflateEnd(&z_);
  }
  Deflater(const Deflater &) = delete;
  Deflater &operator=(const Deflater &) = delete;

  // Appends the deflated `in` to `out`; false (and `out` unchanged) on error.
  bool run(std::string_view in, std::string &out) {
    if (!ok_ || deflateReset(&z_) != Z_OK)
      return false;
    size_t start = out.size();
    size_t bound = deflateBound(&z_, uLong(in.size()));
    out.resize(start + bound);
    z_.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z_.avail_in = uInt(in.size());
    z_.next_out = reinterpret_cast<Bytef *>(out.data() + start);
    z_.avail_out = uInt(bound);
    int rc = deflate(&z_, Z_FINISH);
    if (rc != Z_STREAM_END) {
      out.resize(start);
      return false;
    }
    out.resize(start + (bound - z_.avail_out));
    return true;
  }

private:
  z_stream z_{};
  bool ok_ = false;
};
#endif

// The output, object by object. Streams are queued and deflated in
// batches, on two threads when the machine has them and the batch is big
// enough to pay for one (~50 µs): deflate is most of the PDF stage. Objects
// are written in a fixed order, so the bytes do not depend on the threads.
class Writer {
public:
  explicit Writer(int threads) : threads_(threads) {
    out.reserve(1 << 16);
    out += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    offs_.push_back(0);
  }
  int alloc() {
    offs_.push_back(0);
    return int(offs_.size() - 1);
  }
  void begin(int id) {
    offs_[size_t(id)] = out.size();
    char buf[16];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, id).ptr);
    out += " 0 obj\n";
  }
  void end() { out += "\nendobj\n"; }
  void ref(int id) {
    char buf[16];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, id).ptr);
    out += " 0 R";
  }
  // A stream object; `dict` holds the keys other than /Length and /Filter.
  // `done`, if given, receives the deflated bytes.
  void stream(int id, std::string dict, std::string data,
              std::function<void(const std::string &)> done = {}) {
    pending_ += data.size();
    jobs_.push_back(Job{id, std::move(dict), std::move(data), {}, false, false, std::move(done)});
    if (pending_ >= kBatch)
      flush();
  }
  // A stream object whose data is already deflated.
  void stream_packed(int id, std::string dict, std::string packed) {
    jobs_.push_back(Job{id, std::move(dict), {}, std::move(packed), true, true, {}});
  }
  // Deflates and writes the queued streams.
  void flush() {
    if (jobs_.empty())
      return;
    std::atomic<size_t> next{0};
    auto work = [&](Deflater &z) {
      for (size_t i; (i = next.fetch_add(1)) < jobs_.size();) {
        Job &j = jobs_[i];
        if (j.pre)
          continue;
        j.packed.clear();
        j.ok = z.run(j.data, j.packed);
      }
    };
    if (threads_ > 1 && pending_ >= kParallel && jobs_.size() > 1) {
      std::thread helper([&] {
        Deflater z;
        work(z);
      });
      work(z_);
      helper.join();
    } else {
      work(z_);
    }
    for (Job &j : jobs_) {
      if (j.ok && j.done)
        j.done(j.packed);
      begin(j.id);
      out += "<<";
      out += j.dict;
      const std::string &body = j.ok ? j.packed : j.data; // if zlib fails, stored
      out += "/Length ";
      char n[24];
      out.append(n, std::to_chars(n, n + sizeof n, body.size()).ptr);
      if (j.ok)
        out += "/Filter/FlateDecode";
      out += ">>\nstream\n";
      out += body;
      out += "\nendstream";
      end();
    }
    jobs_.clear();
    pending_ = 0;
  }
  size_t objects() const { return offs_.size(); }
  size_t offset(size_t id) const { return offs_[id]; }

  std::string out;

private:
  static constexpr size_t kBatch = 1 << 20, kParallel = 48 << 10;
  struct Job {
    int id;
    std::string dict, data, packed;
    bool ok, pre;
    std::function<void(const std::string &)> done;
  };
  int threads_;
  std::vector<size_t> offs_;
  std::vector<Job> jobs_;
  size_t pending_ = 0;
  Deflater z_;
};

// Deflated font subsets, kept per process: `vanban build` renders document
// after document in one worker, and documents of one kind mostly use the
// same glyphs; subsetting and deflating them is the larger part of the PDF
// stage. Keyed by the font file (its whole-file checksum and size) and the
// glyph list; the bytes are the same as without the cache.
struct CachedFont {
  std::vector<uint16_t> gids; // with the components the subsetter added
  size_t length1 = 0;
  std::string packed;
};
class FontCache {
public:
  using Key = std::tuple<uint32_t, size_t, std::vector<uint16_t>>;
  std::shared_ptr<const CachedFont> get(const Key &k) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = m_.find(k);
    return it == m_.end() ? nullptr : it->second;
  }
  void put(const Key &k, std::shared_ptr<const CachedFont> f) {
    std::lock_guard<std::mutex> g(mu_);
    if (m_.size() >= 16) // bounded: ~40 KB an entry
      m_.clear();
    m_.emplace(k, std::move(f));
  }

private:
  std::mutex mu_;
  std::map<Key, std::shared_ptr<const CachedFont>> m_;
};
FontCache &font_cache() {
  static FontCache c;
  return c;
}

// The faces drawn with: glyph ids from the font's cmap, the set of glyphs
// (and one code point each, for ToUnicode) used, and the object ids that
// pages refer to. Objects are written once all pages are.
class FontSet {
public:
  FontSet(Writer &w, const text::Fonts &fonts) : w_(w), fonts_(fonts) {}

  // The object id of the face's Type0 font, allocated on first use.
  int id(text::Face f) {
    Face &s = faces_[size_t(f)];
    if (!s.type0) {
      s.type0 = w_.alloc();
      s.data = fonts_.data(f);
      s.info = detail::ttf_info(s.data);
      s.small.fill(-1);
    }
    return s.type0;
  }

  // Appends the two-byte codes of `utf8` to `out`, escaped for a literal
  // string. Codes are the subset's glyph ids, numbered in order of first
  // use (0 is .notdef).
  void encode(text::Face f, const std::string &utf8, std::string &out) {
    Face &s = faces_[size_t(f)];
    char buf[512];
    size_t n = 0;
    size_t i = 0;
    while (i < utf8.size()) {
      unsigned char c = uint8_t(utf8[i]);
      int code;
      if (c < 128 && (code = s.small[c]) >= 0) {
        ++i;
      } else {
        char32_t cp = text::next_cp(utf8, i);
        int slot = small_slot(cp);
        code = slot >= 0 ? s.small[size_t(slot)] : -1;
        if (code < 0) {
          auto it = s.code.find(cp);
          code = it != s.code.end() ? it->second : add(s, f, cp, slot);
        }
      }
      if (n + 8 > sizeof buf) {
        out.append(buf, n);
        n = 0;
      }
      n = byte(buf, n, unsigned(code) >> 8);
      n = byte(buf, n, unsigned(code) & 0xff);
    }
    out.append(buf, n);
  }

  // Writes the font objects of every face used. False if a font cannot be read.
  bool write_all(std::string &err) {
    for (size_t i = 0; i < faces_.size(); ++i)
      if (faces_[i].type0 && !write(faces_[i], text::Face(i), err))
        return false;
    return true;
  }

private:
  // One byte of a literal string at buf[n]; returns the new end.
  static size_t byte(char *buf, size_t n, unsigned b) {
    if (b == '(' || b == ')' || b == '\\') {
      buf[n++] = '\\';
    } else if (b == '\r') { // a raw CR would be read as a line end
      buf[n++] = '\\';
      buf[n++] = 'r';
      return n;
    }
    buf[n++] = char(b);
    return n;
  }

  // Latin-1 to Latin Extended-B and Latin Extended Additional (Vietnamese)
  // have their codes in an array; the rest in a map.
  static int small_slot(char32_t cp) {
    if (cp < 0x250)
      return int(cp);
    if (cp >= 0x1E00 && cp < 0x1F00)
      return int(0x250 + (cp - 0x1E00));
    return -1;
  }

  struct Face;
  // The code of a code point met for the first time.
  int add(Face &s, text::Face f, char32_t cp, int slot) {
    unsigned g = fonts_.glyph(f, cp);
    if (g > 0xffff)
      g = 0;
    auto [nt, fresh] = s.new_of.emplace(uint16_t(g), uint16_t(s.glyphs.size()));
    if (fresh && s.glyphs.size() < 0xffff) {
      s.glyphs.push_back(uint16_t(g));
      s.cp.push_back(cp);
    } else if (fresh) {
      nt->second = 0;
    }
    int code = nt->second;
    if (slot >= 0)
      s.small[size_t(slot)] = code;
    else
      s.code.emplace(cp, uint16_t(code));
    return code;
  }

  struct Face {
    int type0 = 0;
    std::string_view data;
    TtfInfo info;
    std::unordered_map<char32_t, uint16_t> code;           // code point → code
    std::array<int, 0x250 + 0x100> small{};                // the same, see small_slot()
    std::vector<uint16_t> glyphs{0};                       // code → font's glyph id
    std::vector<char32_t> cp{0};                           // code → code point (ToUnicode)
    std::unordered_map<uint16_t, uint16_t> new_of{{0, 0}}; // glyph id → code
  };

  bool write(Face &s, text::Face f, std::string &err) {
    if (!s.info.ok) {
      err = fonts_.path(f) + ": not a readable TrueType font";
      return false;
    }
    FontCache::Key key{s.info.checksum, s.data.size(), s.glyphs};
    std::shared_ptr<const CachedFont> cached = font_cache().get(key);
    std::vector<uint16_t> gids = cached ? cached->gids : s.glyphs;
    std::string subset;
    if (!cached) {
      subset = detail::ttf_subset(s.data, gids); // appends components to gids
      if (subset.empty()) {
        err = fonts_.path(f) + ": cannot subset the font";
        return false;
      }
    }
    // The subset tag: six capitals derived from the glyph set, so that
    // different subsets get different names and the same one the same name.
    uint64_t h = 1469598103934665603ull ^ uint64_t(f);
    for (uint16_t g : gids)
      h = (h ^ g) * 1099511628211ull;
    std::string name;
    for (int i = 0; i < 6; ++i, h /= 26)
      name += char('A' + h % 26);
    name += '+';
    name += s.info.ps_name.empty() ? "LiberationSerif" : s.info.ps_name;

    int cid = w_.alloc(), desc = w_.alloc(), file = w_.alloc(), tou = w_.alloc();
    std::string &o = w_.out;
    w_.begin(s.type0);
    o += "<</Type/Font/Subtype/Type0/BaseFont/" + name + "/Encoding/Identity-H/DescendantFonts[";
    w_.ref(cid);
    o += "]/ToUnicode ";
    w_.ref(tou);
    o += ">>";
    w_.end();

    w_.begin(cid);
    o += "<</Type/Font/Subtype/CIDFontType2/BaseFont/" + name +
         "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ";
    w_.ref(desc);
    o += "/CIDToGIDMap/Identity/W[";
    o += "0[";
    for (uint16_t g : gids)
      num(o, detail::ttf_advance(s.data, s.info, g));
    o.back() = ']';
    o += "]>>";
    w_.end();

    w_.begin(desc);
    o += "<</Type/FontDescriptor/FontName/" + name;
    o += "/Flags ";
    num(o, s.info.italic_angle != 0 ? 32 + 64 : 32);
    o += "/FontBBox[";
    for (double v : s.info.bbox)
      num(o, v);
    o.back() = ']';
    o += "/ItalicAngle ";
    num(o, s.info.italic_angle);
    o += "/Ascent ";
    num(o, s.info.ascent);
    o += "/Descent ";
    num(o, s.info.descent);
    o += "/CapHeight ";
    num(o, s.info.cap_height);
    o += "/StemV 80/FontFile2 ";
    w_.ref(file);
    o += ">>";
    w_.end();

    if (cached) {
      w_.stream_packed(file, "/Length1 " + std::to_string(cached->length1), cached->packed);
    } else {
      size_t length1 = subset.size();
      w_.stream(file, "/Length1 " + std::to_string(length1), std::move(subset),
                [key = std::move(key), gids, length1](const std::string &packed) {
                  font_cache().put(key, std::make_shared<CachedFont>(CachedFont{gids, length1, packed}));
                });
    }

    std::string cmap = "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
                       "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n";
    std::vector<uint16_t> mapped;
    for (size_t code = 1; code < s.cp.size(); ++code)
      mapped.push_back(uint16_t(code));
    for (size_t k = 0; k < mapped.size();) {
      size_t n = std::min<size_t>(mapped.size() - k, 100);
      cmap += std::to_string(n) + " beginbfchar\n";
      for (size_t e = k + n; k < e; ++k) {
        cmap += '<';
        hex4(cmap, mapped[k]);
        cmap += "><";
        utf16(cmap, s.cp[mapped[k]]);
        cmap += ">\n";
      }
      cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";
    w_.stream(tou, {}, std::move(cmap));
    return true;
  }

  Writer &w_;
  const text::Fonts &fonts_;
  std::array<Face, 4> faces_{};
};

// The page's images, rules and text as content-stream operators (PDF y is up).
void page_ops(std::string &ops, FontSet &fonts, const layout::Page &p, const std::vector<int> &images,
              std::array<int, 4> &faces_used) {
  ops += "q 0 g 0 G\n";
  for (size_t i = 0; i < p.images.size(); ++i) {
    if (!images[i])
      continue;
    const layout::Image &im = p.images[i];
    ops += "q ";
    num(ops, im.w);
    ops += "0 0 ";
    num(ops, im.h);
    num(ops, im.x);
    num(ops, p.height - im.y - im.h);
    ops += "cm /Im" + std::to_string(i) + " Do Q\n";
  }
  double cur_w = -1;
  for (const layout::Rule &r : p.rules) {
    if (r.width != cur_w) {
      num(ops, r.width);
      ops += "w\n";
      cur_w = r.width;
    }
    num(ops, r.x1);
    num(ops, p.height - r.y1);
    ops += "m ";
    num(ops, r.x2);
    num(ops, p.height - r.y2);
    ops += "l S\n";
  }
  if (!p.runs.empty()) {
    ops += "BT\n";
    int cur_face = -1;
    double cur_size = -1;
    // Each run starts a new text line with Td, relative to the previous
    // one, in exact thousandths: half the bytes of a Tm per run.
    int64_t lx = 0, ly = 0;
    for (const layout::TextRun &r : p.runs) {
      size_t fi = size_t(r.face);
      if (!faces_used[fi])
        faces_used[fi] = fonts.id(r.face);
      if (int(fi) != cur_face || r.size != cur_size) {
        ops += "/F";
        ops += char('0' + fi);
        ops += ' ';
        num(ops, r.size);
        ops += "Tf\n";
        cur_face = int(fi);
        cur_size = r.size;
      }
      int64_t x = to_milli(r.x), y = to_milli(p.height - r.y);
      milli(ops, x - lx);
      milli(ops, y - ly);
      lx = x, ly = y;
      ops += "Td(";
      fonts.encode(r.face, r.text, ops);
      ops += ")Tj\n";
    }
    ops += "ET\n";
  }
  ops += "Q\n";
}

// An image XObject (and its SMask); 0 when the PNG cannot be read.
int write_image(Writer &w, const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Raster r;
  if (data.empty() || !detail::decode_png(data, r))
    return 0;
  auto dict = [&](const char *cs) {
    return "/Type/XObject/Subtype/Image/Width " + std::to_string(r.width) + "/Height " +
           std::to_string(r.height) + "/ColorSpace/" + cs + "/BitsPerComponent 8";
  };
  int id = w.alloc();
  int mask = r.alpha.empty() ? 0 : w.alloc();
  std::string d = dict(r.channels == 3 ? "DeviceRGB" : "DeviceGray");
  if (mask)
    d += "/SMask " + std::to_string(mask) + " 0 R";
  w.stream(id, std::move(d), std::move(r.color));
  if (mask)
    w.stream(mask, dict("DeviceGray"), std::move(r.alpha));
  return id;
}

// /ID: a hash of the file's bytes (two 64-bit lanes), or random with the real time.
std::string file_id(const std::string &s, bool random) {
  uint64_t a = 0x9E3779B97F4A7C15ull, b = 0xC2B2AE3D27D4EB4Full;
  if (random) {
    std::random_device rd;
    a ^= (uint64_t(rd()) << 32) | rd();
    b ^= ((uint64_t(rd()) << 32) | rd()) ^ uint64_t(std::time(nullptr));
  }
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    a = (a ^ v) * 0x100000001B3ull;
    a ^= a >> 29;
    b = (b + v) * 0xFF51AFD7ED558CCDull;
    b ^= b >> 31;
  }
  for (; i < s.size(); ++i) {
    a = (a ^ uint8_t(s[i])) * 0x100000001B3ull;
    b = (b + uint8_t(s[i])) * 0xFF51AFD7ED558CCDull;
  }
  a ^= b >> 17;
  b ^= a >> 23;
  std::string hex = "<";
  for (uint64_t v : {a, b})
    for (int k = 60; k >= 0; k -= 4)
      hex += kHex[(v >> k) & 15];
  return hex + ">";
}

} // namespace

std::string write(const layout::Document &ld, const text::Fonts &fonts, const Options &opt,
                  Diagnostics &diags) {
  int threads = opt.threads > 0 ? opt.threads : std::thread::hardware_concurrency() > 1 ? 2 : 1;
  Writer w(threads);
  std::string &o = w.out;
  FontSet faces(w, fonts);
  std::string date = opt.real_time ? now_date() : pdf_date(ld.date);
  const int catalog = w.alloc(), pages_id = w.alloc();
  std::vector<int> page_ids, fields;
  page_ids.reserve(ld.pages.size());
  std::unordered_map<std::string, int> image_ids;
  std::string ops;
  for (const layout::Page &p : ld.pages) {
    int page = w.alloc(), contents = w.alloc();
    page_ids.push_back(page);
    std::vector<int> images(p.images.size(), 0);
    for (size_t i = 0; i < p.images.size(); ++i) {
      const std::string &path = p.images[i].path;
      auto it = image_ids.find(path);
      if (it == image_ids.end()) {
        it = image_ids.emplace(path, write_image(w, path)).first;
        if (!it->second)
          diags.warning(path, {}, "cannot read the PNG image; it is left out of the PDF");
      }
      images[i] = it->second;
    }
    std::array<int, 4> used{};
    ops.clear();
    page_ops(ops, faces, p, images, used);
    w.stream(contents, {}, std::move(ops));
    ops = std::string();

    std::vector<int> annots;
    if (opt.signature_fields)
      for (const layout::SigField &f : p.fields) {
        // The widget is also the field (merged dictionary): /FT /Sig, /T
        // name, printable, and no value (/V) until someone signs.
        int a = w.alloc();
        annots.push_back(a);
        fields.push_back(a);
        w.begin(a);
        o += "<</Type/Annot/Subtype/Widget/Rect[";
        num(o, f.x);
        num(o, p.height - f.y - f.h);
        num(o, f.x + f.w);
        num(o, p.height - f.y);
        o.back() = ']';
        o += "/F 4/P ";
        w.ref(page);
        o += "/FT/Sig/M" + text_string(date) + "/T" + text_string(f.name) + ">>";
        w.end();
      }

    w.begin(page);
    o += "<</Type/Page/Parent ";
    w.ref(pages_id);
    o += "/MediaBox[0 0 ";
    num(o, p.width);
    num(o, p.height);
    o.back() = ']';
    o += "/Resources<<";
    bool any_font = false;
    for (size_t i = 0; i < used.size(); ++i)
      if (used[i]) {
        o += any_font ? "/F" : "/Font<</F";
        o += char('0' + i);
        o += ' ';
        w.ref(used[i]);
        any_font = true;
      }
    if (any_font)
      o += ">>";
    bool any_image = false;
    for (size_t i = 0; i < images.size(); ++i)
      if (images[i]) {
        o += any_image ? "/Im" : "/XObject<</Im";
        o += std::to_string(i) + " ";
        w.ref(images[i]);
        any_image = true;
      }
    if (any_image)
      o += ">>";
    o += ">>/Contents ";
    w.ref(contents);
    if (!annots.empty()) {
      o += "/Annots[";
      for (int a : annots) {
        w.ref(a);
        o += ' ';
      }
      o.back() = ']';
    }
    o += ">>";
    w.end();
  }

  std::string err;
  if (!faces.write_all(err)) {
    diags.error("", {}, "PDF writer failed: " + err);
    return {};
  }

  w.begin(pages_id);
  o += "<</Type/Pages/Count " + std::to_string(page_ids.size()) + "/Kids[";
  for (int id : page_ids) {
    w.ref(id);
    o += ' ';
  }
  if (!page_ids.empty())
    o.pop_back();
  o += "]>>";
  w.end();

  int form = 0;
  if (!fields.empty()) {
    form = w.alloc();
    w.begin(form);
    o += "<</Fields[";
    for (int id : fields) {
      w.ref(id);
      o += ' ';
    }
    o.back() = ']';
    o += ">>";
    w.end();
  }
  w.begin(catalog);
  o += "<</Type/Catalog/Pages ";
  w.ref(pages_id);
  if (form) {
    o += "/AcroForm ";
    w.ref(form);
  }
  o += ">>";
  w.end();

  int info = w.alloc();
  w.begin(info);
  o += "<<";
  for (auto [key, value] : {std::pair<const char *, const std::string *>{"Title", &ld.title},
                            {"Author", &ld.author},
                            {"Subject", &ld.subject},
                            {"Keywords", &ld.keywords}})
    if (!value->empty())
      o += std::string("/") + key + text_string(*value);
  o += "/Creator(vanban)/Producer(vanban)/CreationDate(" + date + ")/ModDate(" + date + ")>>";
  w.end();

  w.flush();
  size_t xref = o.size();
  size_t n = w.objects();
  o += "xref\n0 " + std::to_string(n) + "\n0000000000 65535 f \n";
  char line[24];
  for (size_t id = 1; id < n; ++id) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", w.offset(id));
    o += line;
  }
  std::string id = file_id(o, opt.real_time);
  o += "trailer\n<</Size " + std::to_string(n) + "/Root " + std::to_string(catalog) + " 0 R/Info " +
       std::to_string(info) + " 0 R/ID[" + id + id + "]>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return std::move(o);
}

} // namespace vb::pdf
