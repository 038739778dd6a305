#include "text/resolve.hpp"

#include <cstdlib>
#include <fontconfig/fontconfig.h>
#include <sys/stat.h>
#include <vector>

namespace vb::text::detail {

FaceRef parse_face_ref(const std::string &spec) {
  FaceRef r{spec, 0, {}};
  struct stat st {};
  size_t hash = spec.rfind('#');
  if (hash == std::string::npos || ::stat(spec.c_str(), &st) == 0)
    return r;
  r.path = spec.substr(0, hash);
  std::string sel = spec.substr(hash + 1);
  if (!sel.empty() && sel.size() < 6 && sel.find_first_not_of("0123456789") == std::string::npos)
    r.index = std::atoi(sel.c_str());
  else
    r.name = sel;
  return r;
}

namespace {

// fontconfig's own default folders and caches (its fonts.conf), without the
// configuration snippets: those are aliases and substitutions, which a
// lookup of one exact family does not use.
const char *kStandardConfig =
    "<fontconfig>"
    "<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
    "<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
    "<cachedir>/var/cache/fontconfig</cachedir>"
    "<cachedir prefix=\"xdg\">fontconfig</cachedir><cachedir>~/.fontconfig</cachedir>"
    "</fontconfig>";

struct Candidate {
  FaceRef ref;
  int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL;
};

} // namespace

std::array<FaceRef, 4> find_family(const std::string &family, bool whole_config, bool nearest) {
  std::array<FaceRef, 4> out{};
  FcConfig *config = nullptr;
  if (whole_config) {
    config = FcInitLoadConfigAndFonts();
  } else {
    config = FcConfigCreate();
    if (config && (!FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8 *>(kStandardConfig),
                                                   FcFalse) ||
                   !FcConfigBuildFonts(config))) {
      FcConfigDestroy(config);
      config = nullptr;
    }
  }
  if (!config)
    return out;
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8 *>(family.c_str()));
  FcObjectSet *os =
      FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH, FC_FONTFORMAT, nullptr);
  FcFontSet *fs = FcFontList(config, pat, os);
  std::vector<Candidate> all;
  for (int i = 0; fs && i < fs->nfont; ++i) {
    FcPattern *p = fs->fonts[i];
    FcChar8 *file = nullptr, *format = nullptr;
    Candidate c;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
      continue;
    // Variable fonts and bitmap strikes list as extra faces: keep outlines.
    if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
        std::string(reinterpret_cast<char *>(format)) != "TrueType" &&
        std::string(reinterpret_cast<char *>(format)) != "CFF")
      continue;
    c.ref.path = reinterpret_cast<char *>(file);
    FcPatternGetInteger(p, FC_INDEX, 0, &c.ref.index);
    if (c.ref.index >> 16) // a named instance of a variable font
      continue;
    FcPatternGetInteger(p, FC_WEIGHT, 0, &c.weight);
    FcPatternGetInteger(p, FC_SLANT, 0, &c.slant);
    FcPatternGetInteger(p, FC_WIDTH, 0, &c.width);
    all.push_back(c);
  }
  // The face of each style: right slant, normal width, weight closest to
  // regular (80) or bold (200); ties go to the first path in sorted order, so the choice
  // does not depend on the order fontconfig lists files in.
  for (int s = 0; s < 4; ++s) {
    bool want_bold = s & 1, want_italic = s & 2;
    int target = want_bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    const Candidate *best = nullptr;
    long best_score = 0;
    for (const Candidate &c : all) {
      bool italic = c.slant != FC_SLANT_ROMAN;
      bool bold = c.weight >= FC_WEIGHT_DEMIBOLD;
      if (!nearest && (italic != want_italic || bold != want_bold))
        continue;
      // Normal width first: "DejaVu Serif" also names DejaVu Serif Condensed.
      long score = std::labs(long(c.weight - target)) + (italic != want_italic ? 1000 : 0) +
                   (c.width != FC_WIDTH_NORMAL ? 500 : 0);
      if (!best || score < best_score ||
          (score == best_score && (c.ref.path < best->ref.path ||
                                   (c.ref.path == best->ref.path && c.ref.index < best->ref.index)))) {
        best = &c;
        best_score = score;
      }
    }
    if (best)
      out[size_t(s)] = best->ref;
  }
  if (fs)
    FcFontSetDestroy(fs);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  FcConfigDestroy(config);
  return out;
}

} // namespace vb::text::detail
