#include "app/build.hpp"
#include "cli/command.hpp"

namespace vb::cli {

namespace {

struct BuildCliOptions {
  std::string dir = "data", out = "output", format;
  int jobs = 0;
  bool watch = false;
  app::Config cfg;
};

} // namespace

Command build_command() {
  return {"build", "render every DIR/*.xml (default data/) that changed",
          "Renders every DIR/*.xml (default: data/) into the output folder (default: output/), but only "
          "documents whose "
          "inputs changed since the last build: the data file, its template, the calendars, its images, the "
          "fonts or vanban itself (recorded in the output folder's .vanban-manifest). Prints one line per "
          "document and a "
          "summary. A failed document does not stop the others, leaves its previous outputs untouched, and "
          "makes the exit status non-zero.",
          [](CLI::App &sub) {
            auto o = std::make_shared<BuildCliOptions>();
            sub.add_option("DIR", o->dir, "folder of the data files (default: data/)")->type_name("");
            add_output_option(sub, o->out);
            sub.add_option("-j,--jobs", o->jobs,
                           "documents rendered in parallel (default: the number of cores)")
                ->type_name("N")
                ->check(CLI::Range(1, 999).description(""));
            sub.add_flag("--watch", o->watch, "keep running and rebuild when a file is saved");
            add_render_options(sub, o->cfg, o->format);
            add_templates_option(sub, o->cfg);
            add_fonts_option(sub, o->cfg);
            return [o, &sub] {
              check_render_options(sub, o->cfg, o->format);
              if (o->dir.empty())
                throw CLI::ValidationError("DIR", "give a folder name (. for the current folder)");
              app::BuildOptions b;
              b.dir = o->dir;
              while (b.dir.size() > 1 && b.dir.back() == '/')
                b.dir.pop_back();
              b.out = o->out;
              b.jobs = o->jobs;
              b.watch = o->watch;
              b.cfg = o->cfg;
              return app::build(b);
            };
          }};
}

} // namespace vb::cli
