// The editor's web files (src/serve/web), compiled into vanban-serve so that
// it needs nothing beside it and nothing from the network.
#pragma once
#include <string_view>

namespace vb::serve {

struct Asset {
  std::string_view path; // "index.html", "js/editor.js" (relative to web/)
  std::string_view data;
  std::string_view mime;
};

const Asset *find_asset(std::string_view path);

} // namespace vb::serve
