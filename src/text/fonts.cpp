#include "text/fonts.hpp"

#include <atomic>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

namespace vb::text {

namespace {
const char *const kFiles[4] = {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                               "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"};
}

struct Fonts::Impl {
  FT_Library lib = nullptr;
  struct FaceData {
    FT_Face face = nullptr;
    std::string path;
    const unsigned char *bytes = nullptr; // mapped file
    size_t size = 0;
    double upem = 2048;
    VMetrics vm{};
    // Advances in font units, cached per code point: measuring is the hot
    // path of layout. Guarded because builds may render in parallel threads.
    mutable std::unordered_map<char32_t, int> adv;
    mutable std::array<int, 128> ascii{};
    // Latin-1 to Latin Extended-B and Latin Extended Additional (all of
    // Vietnamese): measured once, then read without the lock.
    mutable std::array<std::atomic<int>, 0x250 + 0x100> latin;
  };
  std::array<FaceData, 4> faces;
  mutable std::mutex mu;

  ~Impl() {
    for (auto &f : faces)
      if (f.face)
        FT_Done_Face(f.face);
    for (auto &f : faces)
      if (f.bytes)
        ::munmap(const_cast<unsigned char *>(f.bytes), f.size);
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

  int units(const FaceData &f, char32_t cp) const {
    if (cp < 128 && f.ascii[cp] >= 0)
      return f.ascii[cp];
    int slot = latin_slot(cp);
    if (slot >= 0) {
      int v = f.latin[size_t(slot)].load(std::memory_order_relaxed);
      if (v >= 0)
        return v;
    }
    std::lock_guard<std::mutex> g(mu);
    if (slot < 0) {
      auto it = f.adv.find(cp);
      if (it != f.adv.end())
        return it->second;
    }
    FT_UInt gi = FT_Get_Char_Index(f.face, cp);
    FT_Fixed a = 0;
    if (FT_Get_Advance(f.face, gi, FT_LOAD_NO_SCALE, &a) != 0)
      a = 0;
    int u = int(a);
    if (slot >= 0)
      f.latin[size_t(slot)].store(u, std::memory_order_relaxed);
    else
      f.adv.emplace(cp, u);
    return u;
  }
};

std::string Fonts::default_dir() {
  if (const char *e = std::getenv("VANBAN_FONT_DIR"); e && *e)
    return e;
  return "/usr/share/fonts/truetype/liberation2";
}

std::shared_ptr<const Fonts> Fonts::load(Diagnostics &diags, std::string dir) {
  if (dir.empty())
    dir = default_dir();
  std::shared_ptr<Fonts> fonts(new Fonts());
  fonts->impl_ = std::make_unique<Impl>();
  Impl &im = *fonts->impl_;
  if (FT_Init_FreeType(&im.lib) != 0) {
    diags.error(dir, {}, "cannot initialise FreeType");
    return nullptr;
  }
  for (int i = 0; i < 4; ++i) {
    auto &f = im.faces[i];
    f.path = dir + "/" + kFiles[i];
    struct stat st {};
    if (::stat(f.path.c_str(), &st) != 0) {
      diags.error(f.path, {}, "font file not found",
                  "install the Debian package fonts-liberation2, or point VANBAN_FONT_DIR at a "
                  "folder with the Liberation Serif 2 faces");
      return nullptr;
    }
    int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && st.st_size > 0) {
      void *m = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (m != MAP_FAILED) {
        f.bytes = static_cast<const unsigned char *>(m);
        f.size = size_t(st.st_size);
      }
    }
    if (fd >= 0)
      ::close(fd);
    if (!f.bytes || FT_New_Memory_Face(im.lib, f.bytes, FT_Long(f.size), 0, &f.face) != 0 ||
        !FT_IS_SCALABLE(f.face)) {
      diags.error(f.path, {}, "not a usable TrueType font",
                  "reinstall fonts-liberation2 or fix VANBAN_FONT_DIR");
      return nullptr;
    }
    f.upem = f.face->units_per_EM;
    // Word and LibreOffice on Linux take the line height from hhea (the
    // face's ascender/descender/height); TOOLCHAIN.md measured 1.15 em.
    double asc = f.face->ascender, desc = -f.face->descender;
    double gap = f.face->height - asc - desc;
    f.vm = {asc / f.upem, desc / f.upem, gap > 0 ? gap / f.upem : 0};
    f.ascii.fill(-1);
    for (auto &v : f.latin)
      v.store(-1, std::memory_order_relaxed);
    for (char32_t c = 0; c < 128; ++c) {
      FT_UInt gi = FT_Get_Char_Index(f.face, c);
      FT_Fixed a = 0;
      if (FT_Get_Advance(f.face, gi, FT_LOAD_NO_SCALE, &a) == 0)
        f.ascii[c] = int(a);
    }
  }
  return fonts;
}

Fonts::~Fonts() = default;

double Fonts::advance(Face f, char32_t cp, double size) const {
  const auto &fd = impl_->faces[int(f)];
  return impl_->units(fd, cp) * size / fd.upem;
}

double Fonts::width(Face f, std::string_view s, double size) const {
  const auto &fd = impl_->faces[int(f)];
  long total = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = next_cp(s, i);
    total += impl_->units(fd, cp);
  }
  return total * size / fd.upem;
}

double Fonts::line_height(Face f, double size) const {
  return impl_->faces[int(f)].vm.line_spacing() * size;
}

double Fonts::baseline_offset(Face f, double size) const {
  const auto &vm = impl_->faces[int(f)].vm;
  return (vm.line_spacing() - vm.descender) * size;
}

VMetrics Fonts::vmetrics(Face f) const {
  return impl_->faces[int(f)].vm;
}

bool Fonts::has_glyph(Face f, char32_t cp) const {
  return glyph(f, cp) != 0;
}

unsigned Fonts::glyph(Face f, char32_t cp) const {
  std::lock_guard<std::mutex> g(impl_->mu);
  return FT_Get_Char_Index(impl_->faces[int(f)].face, cp);
}

std::string_view Fonts::data(Face f) const {
  const auto &fd = impl_->faces[int(f)];
  return {reinterpret_cast<const char *>(fd.bytes), fd.size};
}

const std::string &Fonts::path(Face f) const {
  return impl_->faces[int(f)].path;
}

} // namespace vb::text
