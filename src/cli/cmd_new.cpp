#include <cstdio>

#include "check/rules.hpp"
#include "cli/command.hpp"
#include "util/fsio.hpp"

namespace vb::cli {

namespace {

struct NewOptions {
  std::string kind;
  app::Config cfg;
};

int run_new(const NewOptions &o) {
  std::string dir = templates_dir(o.cfg);
  Diagnostics d;
  if (!tmpl::load_template(dir, o.kind, d)) {
    print(d);
    return kExitUsage;
  }
  std::string err, path = dir + "/" + o.kind + ".new.xml";
  auto text = read_file(path, err, 1 << 20);
  if (!text) {
    std::fprintf(stderr, "%s: error: cannot read the skeleton: %s (reinstall vanban's templates/ folder)\n",
                 path.c_str(), err.c_str());
    return kExitIo;
  }
  std::string year = std::to_string(check::today().year);
  for (size_t p = 0; (p = text->find("{year}", p)) != std::string::npos;)
    text->replace(p, 6, year);
  std::fwrite(text->data(), 1, text->size(), stdout);
  return kExitOk;
}

} // namespace

Command new_command() {
  return {"new", "print a commented data file to fill in",
          "Prints a complete, commented data file for KIND (see `vanban templates`), dated this year, ready "
          "to fill in:  vanban new ke-hoach > data/my-plan.xml",
          [](CLI::App &sub) {
            auto o = std::make_shared<NewOptions>();
            sub.add_option("KIND", o->kind, "document kind, e.g. ke-hoach")->required()->type_name("");
            add_templates_option(sub, o->cfg);
            return [o] { return run_new(*o); };
          }};
}

} // namespace vb::cli
