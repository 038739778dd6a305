#include "text/fonts.hpp"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_ADVANCES_H
#include FT_CID_H
#include FT_FONT_FORMATS_H

#include "text/resolve.hpp"

namespace vb::text {

bool default_ignorable(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x34F || cp == 0x61C ||
         (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
         (cp >= 0xE0000 && cp <= 0xE0FFF);
}

namespace {

const char *const kLiberation[4] = {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                                    "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"};
const char *const kStyleNames[4] = {"Regular", "Bold", "Italic", "Bold Italic"};
const char *const kFallbackFamily = "DejaVu Serif";
// Cached advances carry these bits when the fallback face draws the code
// point, or when no face has it.
constexpr int kFallbackBit = 1 << 30, kMissingBit = 1 << 29, kFlags = kFallbackBit | kMissingBit;

struct Slot {
  FaceFile file;
  FT_Face face = nullptr;
  const unsigned char *bytes = nullptr; // the whole file, mapped
  size_t size = 0;
  VMetrics vm{};
};

std::string lower(std::string s) {
  for (char &c : s)
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
  return s;
}

uint32_t be32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

} // namespace

struct Fonts::Impl {
  FT_Library lib = nullptr;
  std::array<Slot, kSlots> slots;
  // Advances in the primary face's font units, per code point: measuring
  // is the hot path of layout. Guarded because the DOCX and the PDF are
  // made in parallel threads.
  struct Cache {
    std::unordered_map<char32_t, int> adv;
    std::array<int, 128> ascii{};
    // Latin-1 to Latin Extended-B and Latin Extended Additional (all of
    // Vietnamese): measured once, then read without the lock.
    std::array<std::atomic<int>, 0x250 + 0x100> latin;
  };
  std::array<Cache, 4> cache;
  std::string docx_family = "Times New Roman";
  std::string fallback_family = kFallbackFamily;
  std::string why; // how the faces were chosen, for describe()
  std::once_flag fallback_once;
  std::mutex mu;

  ~Impl() {
    for (auto &s : slots) {
      if (s.face)
        FT_Done_Face(s.face);
      if (s.bytes)
        ::munmap(const_cast<unsigned char *>(s.bytes), s.size);
    }
    if (lib)
      FT_Done_FreeType(lib);
  }

  static int latin_slot(char32_t cp) {
    if (cp < 0x250)
      return int(cp);
    if (cp >= 0x1E00 && cp < 0x1F00)
      return int(0x250 + (cp - 0x1E00));
    return -1;
  }

  // Opens a face into `s`; false with `err` (and `hint`) when it cannot be used.
  bool open(Slot &s, const detail::FaceRef &ref, std::string &err) {
    s.file.path = ref.path;
    struct stat st {};
    if (::stat(ref.path.c_str(), &st) != 0) {
      err = "font file not found";
      return false;
    }
    int fd = ::open(ref.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && S_ISREG(st.st_mode) && st.st_size > 12) {
      void *m = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (m != MAP_FAILED) {
        s.bytes = static_cast<const unsigned char *>(m);
        s.size = size_t(st.st_size);
      }
    }
    if (fd >= 0)
      ::close(fd);
    if (!s.bytes) {
      err = "cannot read the font file";
      return false;
    }
    // What a PDF can embed: an sfnt with TrueType or CFF outlines, alone or
    // in a collection (not WOFF, Type 1 or bitmap fonts).
    uint32_t magic = be32(s.bytes);
    if (magic != 0x00010000 && magic != 0x74727565 /* true */ && magic != 0x4F54544F /* OTTO */ &&
        magic != 0x74746366 /* ttcf */) {
      err = "not a TrueType or OpenType font file (.ttf, .otf, .ttc)";
      return false;
    }
    FT_Long count = 1;
    if (magic == 0x74746366 && s.size >= 12)
      count = FT_Long(be32(s.bytes + 8));
    int index = ref.index;
    if (!ref.name.empty()) {
      index = -1;
      for (FT_Long i = 0; i < count && index < 0; ++i) {
        FT_Face f = nullptr;
        if (FT_New_Memory_Face(lib, s.bytes, FT_Long(s.size), i, &f) != 0)
          continue;
        std::string full =
            std::string(f->family_name ? f->family_name : "") + " " + (f->style_name ? f->style_name : "");
        const char *ps = FT_Get_Postscript_Name(f);
        if (lower(full) == lower(ref.name) || (ps && lower(ps) == lower(ref.name)))
          index = int(i);
        FT_Done_Face(f);
      }
      if (index < 0) {
        err = "the collection has no face named '" + ref.name + "'";
        return false;
      }
    }
    if (index < 0 || index >= count) {
      err = "the font file has " + std::to_string(count) + " face(s); there is no face " +
            std::to_string(index);
      return false;
    }
    if (FT_New_Memory_Face(lib, s.bytes, FT_Long(s.size), index, &s.face) != 0 || !FT_IS_SCALABLE(s.face) ||
        !FT_IS_SFNT(s.face)) {
      err = "not a usable TrueType or OpenType font";
      return false;
    }
    if (FT_Select_Charmap(s.face, FT_ENCODING_UNICODE) != 0) {
      err = "the font has no Unicode character map (a symbol font?)";
      return false;
    }
    std::string format = FT_Get_Font_Format(s.face) ? FT_Get_Font_Format(s.face) : "";
    FT_ULong cff2 = 0;
    if (format == "CFF" && FT_Load_Sfnt_Table(s.face, TTAG_CFF2, 0, nullptr, &cff2) == 0 && cff2 > 0) {
      err = "variable CFF2 fonts cannot be embedded in a PDF";
      return false;
    }
    FT_Bool cid = 0;
    if (format == "CFF" && FT_Get_CID_Is_Internally_CID_Keyed(s.face, &cid) == 0 && cid) {
      err = "CID-keyed CFF fonts are not supported";
      return false;
    }
    if (format != "TrueType" && format != "CFF") {
      err = "unsupported font format " + format;
      return false;
    }
    if (FT_Get_FSType_Flags(s.face) & FT_FSTYPE_RESTRICTED_LICENSE_EMBEDDING) {
      err = "the font's licence forbids embedding it (OS/2 fsType)";
      return false;
    }
    FaceFile &f = s.file;
    f.index = unsigned(index);
    f.family = s.face->family_name ? s.face->family_name : "";
    f.style = s.face->style_name ? s.face->style_name : "";
    f.ps_name = FT_Get_Postscript_Name(s.face) ? FT_Get_Postscript_Name(s.face) : "";
    f.cff = format == "CFF";
    f.units_per_em = s.face->units_per_EM ? s.face->units_per_EM : 1000;
    f.num_glyphs = unsigned(s.face->num_glyphs);
    f.bbox[0] = double(s.face->bbox.xMin);
    f.bbox[1] = double(s.face->bbox.yMin);
    f.bbox[2] = double(s.face->bbox.xMax);
    f.bbox[3] = double(s.face->bbox.yMax);
    f.ascent = s.face->ascender;
    f.descent = s.face->descender;
    f.fixed_pitch = FT_IS_FIXED_WIDTH(s.face);
    auto *os2 = static_cast<TT_OS2 *>(FT_Get_Sfnt_Table(s.face, FT_SFNT_OS2));
    f.cap_height = os2 && os2->version >= 2 && os2->sCapHeight ? os2->sCapHeight : f.ascent * 0.7;
    auto *post = static_cast<TT_Postscript *>(FT_Get_Sfnt_Table(s.face, FT_SFNT_POST));
    f.italic_angle = post ? double(post->italicAngle) / 65536.0 : 0;
    // Word and LibreOffice on Linux take the line height from hhea (the
    // face's ascender/descender/height): 1.15 em for Liberation Serif.
    double upem = f.units_per_em, asc = s.face->ascender, desc = -s.face->descender;
    double gap = s.face->height - asc - desc;
    s.vm = {asc / upem, desc / upem, gap > 0 ? gap / upem : 0};
    return true;
  }

  void load_fallback() {
    auto refs = detail::find_family(fallback_family, false, true);
    for (int i = 0; i < 4; ++i) {
      Slot &s = slots[size_t(4 + i)];
      std::string err;
      if (refs[size_t(i)].path.empty() || !open(s, refs[size_t(i)], err)) {
        if (s.face)
          FT_Done_Face(s.face);
        s.face = nullptr;
      }
    }
  }
  void ensure_fallback() {
    std::call_once(fallback_once, [this] { load_fallback(); });
  }

  FT_Fixed advance_of(FT_Face face, unsigned gid) {
    FT_Fixed a = 0;
    if (FT_Get_Advance(face, gid, FT_LOAD_NO_SCALE, &a) != 0)
      a = 0;
    return a;
  }

  // Advance of `cp` in style `f`, in the primary face's units (with
  // kFallbackBit when the fallback face draws it).
  int units(int f, char32_t cp) {
    Cache &c = cache[size_t(f)];
    if (cp < 128 && c.ascii[cp] >= 0)
      return c.ascii[cp];
    int slot = latin_slot(cp);
    if (slot >= 0) {
      int v = c.latin[size_t(slot)].load(std::memory_order_relaxed);
      if (v >= 0)
        return v;
    }
    Slot &p = slots[size_t(f)];
    int u = 0;
    bool missing = false;
    {
      std::lock_guard<std::mutex> g(mu);
      if (slot < 0) {
        auto it = c.adv.find(cp);
        if (it != c.adv.end())
          return it->second;
      }
      FT_UInt gi = FT_Get_Char_Index(p.face, cp);
      if (gi)
        u = int(advance_of(p.face, gi));
      else
        missing = !default_ignorable(cp);
    }
    if (missing) {
      ensure_fallback();
      std::lock_guard<std::mutex> g(mu);
      Slot &fb = slots[size_t(4 + f)];
      FT_UInt gi = fb.face ? FT_Get_Char_Index(fb.face, cp) : 0;
      if (gi)
        u = int(std::lround(double(advance_of(fb.face, gi)) * p.file.units_per_em / fb.file.units_per_em)) |
            kFallbackBit;
      else // no face has it: what the PDF draws is the .notdef glyph
        u = int(advance_of(p.face, 0)) | kMissingBit;
    }
    std::lock_guard<std::mutex> g(mu);
    if (slot >= 0)
      c.latin[size_t(slot)].store(u, std::memory_order_relaxed);
    else
      c.adv.emplace(cp, u);
    return u;
  }
};

std::string Fonts::default_dir() {
  if (const char *e = std::getenv("VANBAN_FONT_DIR"); e && *e)
    return e;
  return "/usr/share/fonts/truetype/liberation2";
}

std::shared_ptr<const Fonts> Fonts::load(Diagnostics &diags, std::string dir) {
  FontSpec spec;
  spec.dir = std::move(dir);
  return load(diags, spec);
}

std::shared_ptr<const Fonts> Fonts::load(Diagnostics &diags, const FontSpec &spec) {
  std::shared_ptr<Fonts> fonts(new Fonts());
  fonts->impl_ = std::make_unique<Impl>();
  Impl &im = *fonts->impl_;
  if (FT_Init_FreeType(&im.lib) != 0) {
    diags.error("vanban", {}, "cannot initialise FreeType");
    return nullptr;
  }
  std::array<detail::FaceRef, 4> refs;
  std::string hint;
  bool files = false;
  for (const std::string &f : spec.files)
    files = files || !f.empty();
  if (files) {
    for (int i = 0; i < 4; ++i)
      if (spec.files[size_t(i)].empty()) {
        std::string given;
        for (const std::string &f : spec.files)
          if (given.empty() && !f.empty())
            given = f;
        diags.error(given, {}, std::string("no font file is given for the ") + kStyleNames[i] + " face",
                    "give all four: --font-regular, --font-bold, --font-italic and --font-bold-italic");
        return nullptr;
      }
    for (int i = 0; i < 4; ++i)
      refs[size_t(i)] = detail::parse_face_ref(spec.files[size_t(i)]);
    hint = "point the option at a TrueType (.ttf) or OpenType (.otf, .ttc#INDEX) font";
    im.why = "font files given on the command line";
  } else if (!spec.family.empty()) {
    refs = detail::find_family(spec.family, true, false);
    for (int i = 0; i < 4; ++i)
      if (refs[size_t(i)].path.empty()) {
        bool none =
            refs[0].path.empty() && refs[1].path.empty() && refs[2].path.empty() && refs[3].path.empty();
        diags.error(spec.family, {},
                    none ? "fontconfig finds no font of the family '" + spec.family + "'"
                         : "the font family '" + spec.family + "' has no " + kStyleNames[i] + " face",
                    "`fc-list : family style` lists the installed fonts; every document needs regular, bold, "
                    "italic and bold italic");
        return nullptr;
      }
    hint = "choose another --font-family";
    im.docx_family = spec.family;
    im.why = "--font-family " + spec.family + " (fontconfig)";
  } else {
    std::string dir = spec.dir;
    if (dir.empty() && std::getenv("VANBAN_FONT_DIR") && *std::getenv("VANBAN_FONT_DIR"))
      dir = default_dir();
    bool times = false;
    if (dir.empty()) {
      // The decree's face when the machine has it (the family itself, not
      // the Liberation Serif that fontconfig offers in its place).
      refs = detail::find_family("Times New Roman", false, false);
      times =
          !refs[0].path.empty() && !refs[1].path.empty() && !refs[2].path.empty() && !refs[3].path.empty();
      if (times) {
        for (int i = 0; i < 4 && times; ++i) {
          std::string err;
          times = im.open(im.slots[size_t(i)], refs[size_t(i)], err);
        }
        if (!times)
          for (int i = 0; i < 4; ++i) {
            Slot &s = im.slots[size_t(i)];
            if (s.face)
              FT_Done_Face(s.face);
            if (s.bytes)
              ::munmap(const_cast<unsigned char *>(s.bytes), s.size);
            s = Slot{};
          }
      }
      dir = default_dir();
    }
    if (times) {
      im.why = "Times New Roman, found by fontconfig";
    } else {
      for (int i = 0; i < 4; ++i)
        refs[size_t(i)] = {dir + "/" + kLiberation[i], 0, {}};
      hint = "install the Debian package fonts-liberation2, or point VANBAN_FONT_DIR at a folder with the "
             "Liberation Serif 2 faces";
      im.why = spec.dir.empty() && !std::getenv("VANBAN_FONT_DIR")
                   ? "Times New Roman is not installed: Liberation Serif 2 stands in (same advance widths)"
                   : "the Liberation Serif 2 faces in " + dir;
    }
  }
  for (int i = 0; i < 4; ++i) {
    Slot &s = im.slots[size_t(i)];
    if (s.face)
      continue; // opened above
    std::string err;
    if (!im.open(s, refs[size_t(i)], err)) {
      diags.error(refs[size_t(i)].path, {}, err, hint);
      return nullptr;
    }
  }
  if (files)
    im.docx_family = im.slots[0].file.family;
  for (int i = 0; i < 4; ++i) {
    Impl::Cache &c = im.cache[size_t(i)];
    c.ascii.fill(-1);
    for (auto &v : c.latin)
      v.store(-1, std::memory_order_relaxed);
    for (char32_t ch = 0x20; ch < 0x7F; ++ch) {
      FT_UInt gi = FT_Get_Char_Index(im.slots[size_t(i)].face, ch);
      if (gi)
        c.ascii[ch] = int(im.advance_of(im.slots[size_t(i)].face, gi));
    }
  }
  return fonts;
}

Fonts::~Fonts() = default;

double Fonts::advance(Face f, char32_t cp, double size) const {
  return (impl_->units(int(f), cp) & ~kFlags) * size / impl_->slots[size_t(f)].file.units_per_em;
}

double Fonts::width(Face f, std::string_view s, double size) const {
  long total = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = next_cp(s, i);
    total += impl_->units(int(f), cp) & ~kFlags;
  }
  return total * size / impl_->slots[size_t(f)].file.units_per_em;
}

double Fonts::line_height(Face f, double size) const {
  return impl_->slots[size_t(f)].vm.line_spacing() * size;
}

double Fonts::baseline_offset(Face f, double size) const {
  const auto &vm = impl_->slots[size_t(f)].vm;
  return (vm.line_spacing() - vm.descender) * size;
}

VMetrics Fonts::vmetrics(Face f) const {
  return impl_->slots[size_t(f)].vm;
}

bool Fonts::has_glyph(Face f, char32_t cp) const {
  return glyph(f, cp) != 0;
}

unsigned Fonts::glyph(Face f, char32_t cp) const {
  return glyph_in(int(f), cp);
}

std::string_view Fonts::data(Face f) const {
  return bytes(int(f));
}

const std::string &Fonts::path(Face f) const {
  return impl_->slots[size_t(f)].file.path;
}

bool Fonts::uses_fallback(Face f, char32_t cp) const {
  return (impl_->units(int(f), cp) & kFallbackBit) != 0;
}

int Fonts::slot_of(Face f, char32_t cp) const {
  int s = int(f);
  if (glyph_in(s, cp))
    return s;
  if (default_ignorable(cp))
    return -1;
  impl_->ensure_fallback();
  return glyph_in(4 + s, cp) ? 4 + s : -1;
}

unsigned Fonts::glyph_in(int slot, char32_t cp) const {
  const Slot &s = impl_->slots[size_t(slot)];
  if (slot >= 4)
    impl_->ensure_fallback();
  if (!s.face)
    return 0;
  std::lock_guard<std::mutex> g(impl_->mu);
  return FT_Get_Char_Index(s.face, cp);
}

double Fonts::glyph_advance(int slot, unsigned gid) const {
  const Slot &s = impl_->slots[size_t(slot)];
  if (!s.face)
    return 0;
  std::lock_guard<std::mutex> g(impl_->mu);
  return double(impl_->advance_of(s.face, gid)) * 1000.0 / s.file.units_per_em;
}

const FaceFile &Fonts::file(int slot) const {
  if (slot >= 4)
    impl_->ensure_fallback();
  return impl_->slots[size_t(slot)].file;
}

std::string_view Fonts::bytes(int slot) const {
  const Slot &s = impl_->slots[size_t(slot)];
  return {reinterpret_cast<const char *>(s.bytes), s.size};
}

const std::string &Fonts::docx_family() const {
  return impl_->docx_family;
}

const std::string &Fonts::fallback_family() const {
  return impl_->fallback_family;
}

std::vector<char32_t> Fonts::uncovered(Face f, std::string_view s) const {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    if (uint8_t(s[i]) < 0x80) { // ASCII: every face has it
      ++i;
      continue;
    }
    char32_t cp = next_cp(s, i);
    if (!(impl_->units(int(f), cp) & kMissingBit)) // cached: check walks every character
      continue;
    bool seen = false;
    for (char32_t o : out)
      seen = seen || o == cp;
    if (!seen)
      out.push_back(cp);
  }
  return out;
}

std::string Fonts::describe() const {
  auto line = [](const char *what, const Slot &s) {
    std::string l = std::string(what) + ": ";
    if (!s.face)
      return l + "(none)\n";
    l += s.file.path;
    if (s.file.index)
      l += "#" + std::to_string(s.file.index);
    return l + " (" + s.file.family + " " + s.file.style + ", " + (s.file.cff ? "OpenType CFF" : "TrueType") +
           ")\n";
  };
  std::string out = "fonts: " + impl_->why + "\n";
  for (int i = 0; i < 4; ++i)
    out += line(kStyleNames[i], impl_->slots[size_t(i)]);
  out += "DOCX names the family: " + impl_->docx_family + "\n";
  impl_->ensure_fallback();
  out += "fallback for characters the faces lack: " + impl_->fallback_family + "\n";
  for (int i = 0; i < 4; ++i)
    out += line(("  " + std::string(kStyleNames[i])).c_str(), impl_->slots[size_t(4 + i)]);
  return out;
}

} // namespace vb::text
