#include <cstdio>

#include "cli/command.hpp"

namespace vb::cli {

namespace {

int run_templates(const app::Config &cfg) {
  std::string dir = templates_dir(cfg);
  auto list = tmpl::list_templates(dir);
  if (list.empty()) {
    std::fprintf(stderr, "%s: error: no templates found (point --templates at the templates/ folder)\n",
                 dir.c_str());
    return kExitIo;
  }
  for (const auto &[kind, desc] : list)
    std::printf("%-12s %s\n", kind.c_str(), desc.c_str());
  return kExitOk;
}

} // namespace

Command templates_command() {
  return {"templates", "list the document kinds",
          "Lists the document kinds (templates/<kind>.toml) with their descriptions.", [](CLI::App &sub) {
            auto cfg = std::make_shared<app::Config>();
            add_templates_option(sub, *cfg);
            return [cfg] { return run_templates(*cfg); };
          }};
}

} // namespace vb::cli
