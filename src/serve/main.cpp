// vanban-serve: the editor's server, a program of its own so that the HTTP
// library (and the TLS libraries it is built with) load only when a clerk
// starts the editor, never for `vanban render`. `vanban serve` runs it.
// Its options are declared with the same CLI11 definitions as vanban's
// commands (--templates and the font options), so they mean the same.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/help.hpp"
#include "import/import.hpp"
#include "serve/http.hpp"

using namespace vb;

int main(int argc, char **argv) {
  serve::ServeOptions o;
  CLI::App app("Starts the editor for the data files of DIR (default: the current folder): a local web page "
               "with a form for every part of a document, its pages as they will print beside it, the checks "
               "of `vanban check` as you type, and export to DOCX and PDF. Listens on 127.0.0.1 only and "
               "prints the address to open, with a token that every request must carry. Ctrl-C stops it.",
               "vanban serve");
  app.formatter(cli::help_formatter(false));
  app.option_defaults()->group("options");
  app.set_help_flag("-h,--help", "print this help and exit");
  app.add_option("DIR", o.dir, "folder of the data files (default: the current folder)")->type_name("");
  app.add_option("-p,--port", o.port,
                 "port to listen on (default: 8930, or the next free one; 0 = any free port)")
      ->type_name("N")
      ->check(CLI::Range(0, 65535).description(""));
  cli::add_templates_option(app, o.cfg);
  cli::add_fonts_option(app, o.cfg);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "vanban serve: %s\nrun `vanban serve --help` for the options\n", e.what());
    return kExitUsage;
  }
  // "Open a Word file": the import stage turns the upload into data, with
  // the same templates as the editor.
  std::string templates = cli::templates_dir(o.cfg);
  o.importer = [templates](const std::string &bytes, const std::string &name, Diagnostics &d) {
    imp::Options opt;
    opt.templates_dir = templates;
    return imp::import_document(bytes, name, opt, d);
  };
  return serve::serve_run(std::move(o));
}
