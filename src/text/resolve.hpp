// Finding font files (private to src/text): fontconfig for families, plain
// paths for the rest.
#pragma once
#include <array>
#include <optional>
#include <string>

namespace vb::text::detail {

// A face to open: a file, and in a collection the face's index or a name
// to look for ("FILE#2", "FILE#Noto Serif Bold").
struct FaceRef {
  std::string path;
  int index = 0;
  std::string name; // when not empty, the face of the collection with this name
};

// Splits "FILE#SEL" (SEL a number or a name); a path that exists as written
// is taken whole, so a '#' in a file name still works.
FaceRef parse_face_ref(const std::string &spec);

// The four styles (Regular, Bold, Italic, BoldItalic) of `family`.
// `whole_config`: the system's whole fontconfig configuration (what the user
// named explicitly); otherwise fontconfig's standard font folders and caches
// only, which costs a thirtieth of loading every configuration file (the
// lookup every render makes for Times New Roman). A style the family does
// not have is left empty, unless `nearest` asks for its closest face.
// Only faces whose family really is `family` count: no substitutes.
std::array<FaceRef, 4> find_family(const std::string &family, bool whole_config, bool nearest);

} // namespace vb::text::detail
