#include <cstdio>

#include "cli/command.hpp"

namespace vb::cli {

namespace {

int run_fonts(const app::Config &cfg) {
  Diagnostics d;
  auto fonts = text::Fonts::load(d, cfg.fonts);
  if (!fonts) {
    print(d);
    return kExitIo;
  }
  std::fputs(fonts->describe().c_str(), stdout);
  return kExitOk;
}

} // namespace

Command fonts_command() {
  return {"fonts", "show which font files draw the PDF",
          "Prints which font files draw each face of the PDF, the family the DOCX names, and the fallback "
          "face for characters the fonts lack. Takes the font options of render.",
          [](CLI::App &sub) {
            auto cfg = std::make_shared<app::Config>();
            add_fonts_option(sub, *cfg);
            return [cfg] { return run_fonts(*cfg); };
          }};
}

} // namespace vb::cli
