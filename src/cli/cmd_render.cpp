#include <map>
#include <thread>

#include "cli/command.hpp"
#include "load/load.hpp"

namespace vb::cli {

namespace {

struct RenderOptions {
  std::vector<std::string> files;
  std::string out = "output", format;
  app::Config cfg;
};

int run_render(const RenderOptions &o) {
  // The schema compiles (and ICU loads) on the second core while the fonts
  // load and the first file is parsed: validation waits for it if need be.
  std::thread prepare(load::prepare);
  struct Join {
    std::thread &t;
    ~Join() { t.join(); }
  } join{prepare};
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, o.cfg.fonts);
  if (!fonts) {
    print(fd);
    return kExitIo;
  }
  int rc = kExitOk;
  for (const auto &f : o.files) {
    Diagnostics d;
    rc = std::max(rc, app::process(f, o.out, *fonts, o.cfg, d));
    print(d);
  }
  return rc;
}

} // namespace

Command render_command() {
  return {"render", "write DIR/<name>.docx and DIR/<name>.pdf for each data file",
          "Writes DIR/<name>.docx and DIR/<name>.pdf for each FILE.xml. Both are written to temporary files "
          "and renamed together: a failed run leaves the earlier pair byte-identical.",
          [](CLI::App &sub) {
            auto o = std::make_shared<RenderOptions>();
            sub.add_option("FILE.xml", o->files, "data files to render")->required()->type_name("");
            add_output_option(sub, o->out);
            add_render_options(sub, o->cfg, o->format);
            sub.add_flag("--real-time", o->cfg.real_time,
                         "stamp the real time (DOCX and PDF) and a random PDF ID: not reproducible");
            add_templates_option(sub, o->cfg);
            add_fonts_option(sub, o->cfg);
            return [o, &sub] {
              check_render_options(sub, o->cfg, o->format);
              // Two inputs with one base name would write the same outputs.
              std::map<std::string, std::string> seen;
              for (const auto &f : o->files) {
                auto [it, fresh] = seen.emplace(app::stem_of(f), f);
                if (!fresh)
                  throw CLI::ValidationError("FILE.xml",
                                             it->second + " and " + f + " would both write " +
                                                 app::output_path(o->out, it->first, ".docx/.pdf") +
                                                 " (render them into different folders with -o)");
              }
              return run_render(*o);
            };
          }};
}

} // namespace vb::cli
