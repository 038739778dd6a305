#include <cstdio>

#include "cli/command.hpp"

namespace vb::cli {

namespace {

// An empty folder name would mean "/" or the current folder by accident.
const CLI::Validator kNonEmpty(
    [](std::string &s) {
      return s.empty() ? std::string("give a folder name (. for the current folder)") : "";
    },
    "");

} // namespace

void add_templates_option(CLI::App &sub, app::Config &cfg) {
  sub.add_option("--templates", cfg.templates_dir,
                 "folder of the templates (default: the installed templates/)")
      ->type_name("DIR")
      ->check(kNonEmpty);
}

void add_fonts_option(CLI::App &sub, app::Config &cfg) {
  text::FontSpec &f = cfg.fonts;
  auto *dir = sub.add_option("--fonts", f.dir, "folder of the Liberation Serif 2 fonts")
                  ->type_name("DIR")
                  ->check(kNonEmpty);
  auto *family = sub.add_option("--font-family", f.family,
                                "the four faces of a fontconfig family (default: Times New Roman when "
                                "installed, else Liberation Serif 2)")
                     ->type_name("NAME")
                     ->check(kNonEmpty);
  // Font files instead: .ttf, .otf, FILE.ttc#INDEX or FILE.ttc#NAME; all four together.
  const char *names[4] = {"--font-regular", "--font-bold", "--font-italic", "--font-bold-italic"};
  const char *what[4] = {("font file of the regular face (.ttf, .otf, FILE.ttc#INDEX or #NAME); the four "
                          "--font-FACE options go together, instead of --fonts or --font-family"),
                         "font file of the bold face", "font file of the italic face",
                         "font file of the bold italic face"};
  for (int i = 0; i < 4; ++i) {
    auto *o = sub.add_option(names[i], f.files[size_t(i)], what[i])->type_name("FILE")->check(kNonEmpty);
    o->excludes(family)->excludes(dir);
  }
  family->excludes(dir);
}

void add_output_option(CLI::App &sub, std::string &out) {
  sub.add_option("-o,--output", out, "output folder (default: output/)")->type_name("DIR")->check(kNonEmpty);
}

void add_render_options(CLI::App &sub, app::Config &cfg, std::string &format) {
  sub.add_option("--format", format, "docx, pdf or docx,pdf (default)")
      ->type_name("LIST")
      ->check(CLI::Validator(
          [](std::string &s) -> std::string {
            size_t p = 0;
            for (;;) {
              size_t c = s.find(',', p);
              std::string one = s.substr(p, c == std::string::npos ? std::string::npos : c - p);
              if (one != "docx" && one != "pdf")
                return "unknown format '" + one + "' (use docx, pdf or docx,pdf)";
              if (c == std::string::npos)
                return {};
              p = c + 1;
            }
          },
          ""));
  sub.add_flag_callback(
      "--no-signature-fields", [&cfg] { cfg.signature_fields = false; },
      "no empty digital-signature fields in the PDF");
}

void check_render_options(const CLI::App &sub, app::Config &cfg, const std::string &format) {
  if (!format.empty()) {
    cfg.docx = format.find("docx") != std::string::npos;
    cfg.pdf = format.find("pdf") != std::string::npos;
  }
  if (!cfg.pdf && sub.count("--no-signature-fields"))
    throw CLI::ValidationError("--no-signature-fields",
                               "applies to the PDF only, and --format asks for no PDF");
}

std::string templates_dir(const app::Config &cfg) {
  return cfg.templates_dir.empty() ? app::default_templates_dir() : cfg.templates_dir;
}

void print(const Diagnostics &d) {
  std::string s = d.str();
  std::fwrite(s.data(), 1, s.size(), stderr);
}

} // namespace vb::cli
