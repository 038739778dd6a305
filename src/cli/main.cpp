// The vanban command: check, render, templates (and --help, --version).
// Exit status: 0 success, 1 invalid input, 2 wrong usage, 3 I/O failure.
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "app/build.hpp"
#include "app/pipeline.hpp"
#include "check/rules.hpp"
#include "serve/launch.hpp"
#include "template/template.hpp"
#include "util/fsio.hpp"

using namespace vb;

namespace {

const char *kUsage = "usage: vanban <command> [options]\n"
                     "\n"
                     "Renders Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from XML data\n"
                     "to DOCX and PDF.\n"
                     "\n"
                     "commands:\n"
                     "  check FILE.xml...     validate data files; print only diagnostics\n"
                     "  render FILE.xml...    write DIR/<name>.docx and DIR/<name>.pdf\n"
                     "  build [DIR]           render every DIR/*.xml (default data/) that changed\n"
                     "  new KIND              print a commented data file to fill in\n"
                     "  templates             list the document kinds\n"
                     "  serve [DIR]           the editor: a local web page with a live preview\n"
                     "\n"
                     "  vanban <command> --help   options of a command\n"
                     "  vanban --version\n"
                     "\n"
                     "exit status: 0 success, 1 invalid input, 2 wrong usage, 3 I/O failure\n";

const char *kCheckHelp = "usage: vanban check FILE.xml... [--strict] [--templates DIR]\n"
                         "\n"
                         "Loads and validates each file (schema, dates, numbers, template) and checks\n"
                         "what Decree 30/2020 asks that cannot be fixed mechanically (ký hiệu of the\n"
                         "kind, titles before a signer's name, the Lưu line, dates far ahead, header\n"
                         "lines too wide for their column). Prints FILE:LINE:COL: error|warning: …\n"
                         "for every problem and nothing when all is well. Warnings do not fail.\n"
                         "\n"
                         "  --strict          treat warnings as errors (exit 1)\n"
                         "  --templates DIR   folder of the templates (default: the installed templates/)\n";

const char *kNewHelp = "usage: vanban new KIND\n"
                       "\n"
                       "Prints a complete, commented data file for KIND (see `vanban templates`),\n"
                       "dated this year, ready to fill in:  vanban new ke-hoach > data/my-plan.xml\n";

const char *kRenderHelp = "usage: vanban render FILE.xml... [-o DIR] [--format docx,pdf] [options]\n"
                          "\n"
                          "Writes DIR/<name>.docx and DIR/<name>.pdf for each FILE.xml. Files are written\n"
                          "to a temporary name and renamed: a failed run leaves earlier outputs intact.\n"
                          "\n"
                          "  -o, --output DIR        output folder (default: output/)\n"
                          "  --format LIST           docx, pdf or docx,pdf (default)\n"
                          "  --no-signature-fields   no empty digital-signature fields in the PDF\n"
                          "  --real-time             stamp the real time and a random ID (not reproducible)\n"
                          "  --templates DIR         folder of the templates\n"
                          "  --fonts DIR             folder of the Liberation Serif 2 fonts\n";

const char *kBuildHelp =
    "usage: vanban build [DIR] [-o OUTDIR] [-j N] [--watch] [--format docx,pdf] [options]\n"
    "\n"
    "Renders every DIR/*.xml (default: data/) into OUTDIR (default: output/), but only\n"
    "documents whose inputs changed since the last build: the data file, its template,\n"
    "the calendars, its images, the fonts or vanban itself (OUTDIR/.vanban-manifest).\n"
    "Prints one line per document and a summary. A failed document does not stop the\n"
    "others, leaves its previous outputs untouched, and makes the exit status non-zero.\n"
    "\n"
    "  -o, --output DIR        output folder (default: output/)\n"
    "  -j, --jobs N            documents rendered in parallel (default: the number of cores)\n"
    "  --watch                 keep running and rebuild when a file is saved\n"
    "  --format LIST           docx, pdf or docx,pdf (default)\n"
    "  --no-signature-fields   no empty digital-signature fields in the PDF\n"
    "  --templates DIR         folder of the templates\n"
    "  --fonts DIR             folder of the Liberation Serif 2 fonts\n";

const char *kTemplatesHelp = "usage: vanban templates [--templates DIR]\n"
                             "\n"
                             "Lists the document kinds (templates/<kind>.toml) with their descriptions.\n";

int usage_error(const std::string &msg, const char *help) {
  std::fprintf(stderr, "vanban: %s\n\n%s", msg.c_str(), help);
  return kExitUsage;
}

struct Args {
  std::vector<std::string> files;
  app::Config cfg;
  std::string out = "output";
  bool help = false;
  int jobs = 0;
  bool watch = false;
  bool strict = false;
};

// Parses options common to the subcommands; returns a usage error message.
std::string parse(int argc, char **argv, int start, Args &a, bool render) {
  for (int i = start; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](std::string &dst) -> bool {
      if (i + 1 >= argc)
        return false;
      dst = argv[++i];
      return true;
    };
    if (s == "--help" || s == "-h") {
      a.help = true;
    } else if (!render && s == "--strict") {
      a.strict = true;
    } else if (s == "--templates") {
      if (!value(a.cfg.templates_dir))
        return "--templates needs a folder";
    } else if (render && (s == "-o" || s == "--output")) {
      if (!value(a.out))
        return s + " needs a folder";
    } else if (render && s == "--fonts") {
      if (!value(a.cfg.fonts_dir))
        return "--fonts needs a folder";
    } else if (render && s == "--format") {
      std::string f;
      if (!value(f))
        return "--format needs docx, pdf or docx,pdf";
      a.cfg.docx = a.cfg.pdf = false;
      size_t p = 0;
      while (p <= f.size()) {
        size_t c = f.find(',', p);
        std::string one = f.substr(p, c == std::string::npos ? std::string::npos : c - p);
        if (one == "docx")
          a.cfg.docx = true;
        else if (one == "pdf")
          a.cfg.pdf = true;
        else
          return "unknown format '" + one + "' (use docx, pdf or docx,pdf)";
        if (c == std::string::npos)
          break;
        p = c + 1;
      }
    } else if (render && (s == "-j" || s == "--jobs")) {
      std::string n;
      if (!value(n) || n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(n) < 1)
        return s + " needs a number of jobs, e.g. -j 2";
      a.jobs = std::stoi(n);
    } else if (render && s == "--watch") {
      a.watch = true;
    } else if (render && s == "--no-signature-fields") {
      a.cfg.signature_fields = false;
    } else if (render && s == "--real-time") {
      a.cfg.real_time = true;
    } else if (!s.empty() && s[0] == '-' && s != "-") {
      return "unknown option " + s;
    } else {
      a.files.push_back(s);
    }
  }
  return {};
}

// Parses a subcommand's options and answers --help or a usage error.
// Returns the exit status to return at once, or nothing to go on.
std::optional<int> start(int argc, char **argv, Args &a, bool render, const char *help) {
  if (auto e = parse(argc, argv, 2, a, render); !e.empty())
    return usage_error(e, help);
  if (a.help) {
    std::fputs(help, stdout);
    return kExitOk;
  }
  return std::nullopt;
}

int cmd_check(int argc, char **argv) {
  Args a;
  if (auto rc = start(argc, argv, a, false, kCheckHelp))
    return *rc;
  if (a.files.empty())
    return usage_error("check needs at least one FILE.xml", kCheckHelp);
  // Fonts only sharpen the checks (header widths); check works without them.
  Diagnostics quiet;
  auto fonts = text::Fonts::load(quiet, a.cfg.fonts_dir);
  int rc = kExitOk;
  for (const auto &f : a.files) {
    Diagnostics d;
    auto l = app::load(f, a.cfg, d, fonts.get());
    if (a.strict)
      d.promote_warnings();
    std::fputs(d.str().c_str(), stderr);
    if (!l || d.has_errors())
      rc = kExitInvalid;
  }
  return rc;
}

int cmd_render(int argc, char **argv) {
  Args a;
  if (auto rc = start(argc, argv, a, true, kRenderHelp))
    return *rc;
  if (a.files.empty())
    return usage_error("render needs at least one FILE.xml", kRenderHelp);
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, a.cfg.fonts_dir);
  if (!fonts) {
    std::fputs(fd.str().c_str(), stderr);
    return kExitIo;
  }
  int rc = kExitOk;
  for (const auto &f : a.files) {
    Diagnostics d;
    auto l = app::load(f, a.cfg, d, fonts.get());
    if (l) {
      auto r = app::render(*l, *fonts, a.cfg, d);
      if (!r)
        rc = std::max(rc, int(kExitInvalid));
      else if (!app::write_outputs(a.out, app::stem_of(f), *r, d))
        rc = kExitIo;
    } else {
      rc = std::max(rc, int(kExitInvalid));
    }
    std::fputs(d.str().c_str(), stderr);
  }
  return rc;
}

int cmd_build(int argc, char **argv) {
  Args a;
  if (auto rc = start(argc, argv, a, true, kBuildHelp))
    return *rc;
  if (a.files.size() > 1)
    return usage_error("build takes one folder", kBuildHelp);
  app::BuildOptions o;
  if (!a.files.empty())
    o.dir = a.files[0];
  while (o.dir.size() > 1 && o.dir.back() == '/')
    o.dir.pop_back();
  o.out = a.out;
  o.jobs = a.jobs;
  o.watch = a.watch;
  o.cfg = a.cfg;
  return app::build(o);
}

int cmd_new(int argc, char **argv) {
  Args a;
  if (auto rc = start(argc, argv, a, false, kNewHelp))
    return *rc;
  if (a.files.size() != 1)
    return usage_error("new needs one KIND, e.g. vanban new ke-hoach", kNewHelp);
  std::string dir = a.cfg.templates_dir.empty() ? app::default_templates_dir() : a.cfg.templates_dir;
  Diagnostics d;
  if (!tmpl::load_template(dir, a.files[0], d)) {
    std::fputs(d.str().c_str(), stderr);
    return kExitUsage;
  }
  std::string err;
  auto text = read_file(dir + "/" + a.files[0] + ".new.xml", err, 1 << 20);
  if (!text) {
    std::fprintf(stderr, "%s/%s.new.xml: error: cannot read the skeleton: %s\n", dir.c_str(),
                 a.files[0].c_str(), err.c_str());
    return kExitIo;
  }
  std::string year = std::to_string(check::today().year);
  for (size_t p = 0; (p = text->find("{year}", p)) != std::string::npos;)
    text->replace(p, 6, year);
  std::fputs(text->c_str(), stdout);
  return kExitOk;
}

int cmd_templates(int argc, char **argv) {
  Args a;
  if (auto rc = start(argc, argv, a, false, kTemplatesHelp))
    return *rc;
  std::string dir = a.cfg.templates_dir.empty() ? app::default_templates_dir() : a.cfg.templates_dir;
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

int main(int argc, char **argv) {
  if (argc < 2)
    return usage_error("missing command", kUsage);
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (cmd == "--version") {
    std::printf("vanban %s\n", VANBAN_VERSION);
    return kExitOk;
  }
  if (cmd == "check")
    return cmd_check(argc, argv);
  if (cmd == "render")
    return cmd_render(argc, argv);
  if (cmd == "templates")
    return cmd_templates(argc, argv);
  if (cmd == "build")
    return cmd_build(argc, argv);
  if (cmd == "new")
    return cmd_new(argc, argv);
  if (cmd == "serve")
    return serve::launch(argc, argv);
  return usage_error("unknown command '" + cmd + "'", kUsage);
}
