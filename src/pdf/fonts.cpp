// Fonts of the PDF. PoDoFo 0.9.8's own path (PdfFontCID with its
// TrueType subsetter) handles TrueType only (no CFF .otf, no collection
// faces), Basic Multilingual Plane code points only, loads every glyph
// outline for the widths and deflates the font program at zlib's default
// level: measured at 40 million instructions for one document's four
// faces, more than the whole render. So the font objects are built here
// with PoDoFo's object API, from a harfbuzz subset (glyph ids kept, so the
// codes in the page are glyph ids) cached per process, with the widths
// text::Fonts already measured and a ToUnicode map for text extraction.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <hb-subset.h>
#include <map>
#include <mutex>

#include "pdf/internal.hpp"

namespace vb::pdf::detail {

using namespace PoDoFo;

namespace {

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

// One byte of a literal string at buf[n]; returns the new end.
size_t put_byte(char *buf, size_t n, unsigned b) {
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

// A font program subset and deflated. `vanban build` renders document
// after document in one process, and documents of one kind mostly use the
// same glyphs: the subsets are kept, keyed by the font and the glyph set.
struct Program {
  bool ok = false;
  std::string packed; // deflated font program
  size_t length = 0;  // before deflating (Length1)
};
class ProgramCache {
public:
  std::shared_ptr<const Program> get(const std::string &k) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = m_.find(k);
    return it == m_.end() ? nullptr : it->second;
  }
  void put(const std::string &k, std::shared_ptr<const Program> p) {
    std::lock_guard<std::mutex> g(mu_);
    if (m_.size() >= 16) // bounded: ~40 KB an entry
      m_.clear();
    m_.emplace(k, std::move(p));
  }

private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Program>> m_;
};
ProgramCache &program_cache() {
  static ProgramCache c;
  return c;
}

// The subset: the glyphs used (and the components of composite glyphs),
// glyph ids unchanged; tables a PDF viewer never reads are left out.
std::string subset(std::string_view font, unsigned index, const std::vector<uint16_t> &gids,
                   const std::vector<char32_t> &) {
  hb_blob_t *blob =
      hb_blob_create(font.data(), unsigned(font.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t *face = hb_face_create(blob, index);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  std::string out;
  if (in) {
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (uint16_t g : gids)
      hb_set_add(glyphs, g);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char *t : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "DSIG", "hdmx",
                          "LTSH", "VDMX", "vhea", "vmtx", "name", "post", "cmap", "gasp", "COLR",
                          "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC"})
      hb_set_add(drop, hb_tag_from_string(t, 4));
    if (hb_face_t *sub = hb_subset_or_fail(face, in)) {
      hb_blob_t *b = hb_face_reference_blob(sub);
      unsigned n = 0;
      const char *d = hb_blob_get_data(b, &n);
      out.assign(d, n);
      hb_blob_destroy(b);
      hb_face_destroy(sub);
    }
    hb_subset_input_destroy(in);
  }
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return out;
}

} // namespace

struct FontSet::Used {
  PdfObject *type0 = nullptr;
  std::vector<uint16_t> gids; // in order of first use
  std::vector<char32_t> cps;  // the code point each glyph was first drawn for
  std::vector<bool> seen;     // by glyph id
  std::shared_ptr<const Program> program;
  std::string tounicode; // the CMap, deflated by its job
  bool tounicode_packed = false;
};

FontSet::FontSet(PdfMemDocument &doc, const text::Fonts &fonts) : doc_(doc), fonts_(fonts) {}
FontSet::~FontSet() = default;

PdfObject *FontSet::object(int slot) {
  auto &u = used_[size_t(slot)];
  if (!u) {
    u = std::make_unique<Used>();
    u->type0 = doc_.GetObjects().CreateObject("Font");
    u->seen.assign(std::max(1u, fonts_.file(slot).num_glyphs), false);
    u->seen[0] = true; // .notdef is in every subset
  }
  return u->type0;
}

void FontSet::show(text::Face f, double size, const std::string &s, std::string &ops,
                   std::array<bool, 8> &used) {
  Map &m = map_[size_t(f)];
  if (!m.init) {
    m.latin.fill({-2, 0});
    m.init = true;
  }
  char buf[512];
  size_t n = 0;
  int open_slot = -1; // the slot of the string being written
  auto close = [&] {
    if (open_slot >= 0) {
      ops.append(buf, n);
      ops += ")Tj\n";
      n = 0;
      open_slot = -1;
    }
  };
  for (size_t i = 0; i < s.size();) {
    char32_t cp = text::next_cp(s, i);
    std::pair<int, unsigned> *hit = nullptr;
    if (cp < 0x250)
      hit = &m.latin[cp];
    else if (cp >= 0x1E00 && cp < 0x1F00)
      hit = &m.latin[0x250 + (cp - 0x1E00)];
    else if (auto it = m.other.find(cp); it != m.other.end())
      hit = &it->second;
    if (!hit || hit->first == -2) {
      int slot = fonts_.slot_of(f, cp);
      std::pair<int, unsigned> v{slot, 0};
      if (slot >= 0)
        v.second = fonts_.glyph_in(slot, cp);
      else if (!text::default_ignorable(cp))
        v = {int(f), 0}; // no face has it (check reports it): the .notdef box keeps the place
      if (!hit)
        hit = &m.other.emplace(cp, v).first->second;
      else
        *hit = v;
      if (v.first >= 0) {
        object(v.first);
        Used &u = *used_[size_t(v.first)];
        if (v.second < u.seen.size() && !u.seen[v.second]) {
          u.seen[v.second] = true;
          u.gids.push_back(uint16_t(v.second));
          u.cps.push_back(cp);
        }
      }
    }
    int slot = hit->first;
    if (slot < 0)
      continue; // a zero-width formatting character no face draws
    if (slot != open_slot) {
      close();
      used[size_t(slot)] = true;
      if (slot != cur_slot_ || size != cur_size_) {
        ops += "/F";
        ops += char('0' + slot);
        ops += ' ';
        char num[32];
        int len = std::snprintf(num, sizeof num, "%.3f", size);
        while (len > 1 && num[len - 1] == '0')
          --len;
        if (num[len - 1] == '.')
          --len;
        ops.append(num, size_t(len));
        ops += " Tf\n";
        cur_slot_ = slot;
        cur_size_ = size;
      }
      ops += '(';
      open_slot = slot;
    }
    if (n + 8 > sizeof buf) {
      ops.append(buf, n);
      n = 0;
    }
    n = put_byte(buf, n, hit->second >> 8);
    n = put_byte(buf, n, hit->second & 0xff);
  }
  close();
}

void FontSet::add_jobs(std::vector<std::function<void()>> &jobs) {
  for (int slot = 0; slot < text::Fonts::kSlots; ++slot) {
    Used *u = used_[size_t(slot)].get();
    if (!u)
      continue;
    const text::FaceFile &ff = fonts_.file(slot);
    std::string_view font = fonts_.bytes(slot);
    jobs.push_back([u, &ff, font] {
      std::vector<uint16_t> sorted = u->gids;
      std::sort(sorted.begin(), sorted.end());
      std::string key = ff.path + '#' + std::to_string(ff.index) + '#' + std::to_string(font.size()) + '#';
      for (uint16_t g : sorted) {
        key += char(g >> 8);
        key += char(g & 0xff);
      }
      u->program = program_cache().get(key);
      if (u->program)
        return;
      auto p = std::make_shared<Program>();
      std::string raw = subset(font, ff.index, sorted, u->cps);
      p->length = raw.size();
      p->ok = !raw.empty() && deflate(raw, p->packed);
      u->program = p;
      if (p->ok)
        program_cache().put(key, p);
    });
    jobs.push_back([u] {
      std::string cmap = "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
                         "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n";
      std::vector<std::pair<uint16_t, char32_t>> map;
      for (size_t i = 0; i < u->gids.size(); ++i)
        if (u->gids[i])
          map.emplace_back(u->gids[i], u->cps[i]);
      std::sort(map.begin(), map.end());
      for (size_t k = 0; k < map.size();) {
        size_t n = std::min<size_t>(map.size() - k, 100);
        cmap += std::to_string(n) + " beginbfchar\n";
        for (size_t e = k + n; k < e; ++k) {
          cmap += '<';
          hex4(cmap, map[k].first);
          cmap += "><";
          utf16(cmap, map[k].second);
          cmap += ">\n";
        }
        cmap += "endbfchar\n";
      }
      cmap += "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";
      u->tounicode_packed = deflate(cmap, u->tounicode);
      if (!u->tounicode_packed)
        u->tounicode = std::move(cmap);
    });
  }
}

bool FontSet::finish(std::string &err) {
  PdfVecObjects &objs = doc_.GetObjects();
  for (int slot = 0; slot < text::Fonts::kSlots; ++slot) {
    Used *u = used_[size_t(slot)].get();
    if (!u)
      continue;
    const text::FaceFile &ff = fonts_.file(slot);
    if (!u->program || !u->program->ok) {
      err = ff.path + ": cannot subset the font";
      return false;
    }
    std::vector<uint16_t> sorted = u->gids;
    std::sort(sorted.begin(), sorted.end());
    // The subset tag: six capitals derived from the face and the glyph set,
    // so that different subsets get different names and equal ones equal.
    uint64_t h = 1469598103934665603ull;
    for (char c : ff.ps_name + ff.path)
      h = (h ^ uint8_t(c)) * 1099511628211ull;
    for (uint16_t g : sorted)
      h = (h ^ g) * 1099511628211ull;
    std::string name;
    for (int i = 0; i < 6; ++i, h /= 26)
      name += char('A' + h % 26);
    std::string ps = ff.ps_name;
    if (ps.empty())
      for (char c : ff.family + ff.style)
        if (c != ' ')
          ps += c;
    PdfName base(name + "+" + ps);
    double k = 1000.0 / ff.units_per_em;

    PdfObject *cid = objs.CreateObject("Font");
    PdfObject *desc = objs.CreateObject("FontDescriptor");
    PdfObject *file = objs.CreateObject();
    PdfObject *tou = objs.CreateObject();

    PdfDictionary &t0 = u->type0->GetDictionary();
    t0.AddKey(PdfName::KeySubtype, PdfName("Type0"));
    t0.AddKey("BaseFont", base);
    t0.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray kids;
    kids.push_back(cid->Reference());
    t0.AddKey("DescendantFonts", kids);
    t0.AddKey("ToUnicode", tou->Reference());

    PdfDictionary &cd = cid->GetDictionary();
    cd.AddKey(PdfName::KeySubtype, PdfName(ff.cff ? "CIDFontType0" : "CIDFontType2"));
    cd.AddKey("BaseFont", base);
    PdfDictionary info;
    info.AddKey("Registry", PdfString("Adobe"));
    info.AddKey("Ordering", PdfString("Identity"));
    info.AddKey("Supplement", PdfVariant(pdf_int64(0)));
    cd.AddKey("CIDSystemInfo", info);
    cd.AddKey("FontDescriptor", desc->Reference());
    if (!ff.cff) // CFF without CIDs: the CID is the glyph index already
      cd.AddKey("CIDToGIDMap", PdfName("Identity"));
    // Widths, consecutive glyph ids grouped: [g [w w …] g' [w …] …], in
    // whole thousandths of an em as word processors write them (PoDoFo
    // prints a real number through a locale-imbued stream, 8,000
    // instructions each).
    PdfArray w;
    for (size_t i = 0; i < sorted.size();) {
      PdfArray run;
      size_t j = i;
      for (; j < sorted.size() && sorted[j] == sorted[i] + (j - i); ++j)
        run.push_back(PdfVariant(pdf_int64(std::lround(fonts_.glyph_advance(slot, sorted[j])))));
      w.push_back(PdfVariant(pdf_int64(sorted[i])));
      w.push_back(run);
      i = j;
    }
    cd.AddKey("W", w);

    PdfDictionary &dd = desc->GetDictionary();
    dd.AddKey("FontName", base);
    dd.AddKey(PdfName::KeyFlags,
              PdfVariant(pdf_int64(32 + (ff.italic_angle != 0 ? 64 : 0) + (ff.fixed_pitch ? 1 : 0))));
    PdfArray bbox;
    for (double v : ff.bbox)
      bbox.push_back(PdfVariant(pdf_int64(std::lround(v * k))));
    dd.AddKey("FontBBox", bbox);
    dd.AddKey("ItalicAngle", PdfVariant(std::round(ff.italic_angle * 100) / 100));
    dd.AddKey("Ascent", PdfVariant(pdf_int64(std::lround(ff.ascent * k))));
    dd.AddKey("Descent", PdfVariant(pdf_int64(std::lround(ff.descent * k))));
    dd.AddKey("CapHeight", PdfVariant(pdf_int64(std::lround(ff.cap_height * k))));
    dd.AddKey("StemV", PdfVariant(pdf_int64(80)));
    if (ff.cff) {
      // An OpenType font program with CFF outlines (PDF 1.6).
      dd.AddKey("FontFile3", file->Reference());
      file->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("OpenType"));
    } else {
      dd.AddKey("FontFile2", file->Reference());
      file->GetDictionary().AddKey("Length1", PdfVariant(pdf_int64(u->program->length)));
    }
    set_stream(*file, u->program->packed, true);
    set_stream(*tou, u->tounicode, u->tounicode_packed);
  }
  return true;
}

} // namespace vb::pdf::detail
