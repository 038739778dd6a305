// The vanban command line, through CLI11. Each subcommand is one Command
// (its own cmd_<name>.cpp) listed once in commands.cpp: its options are
// declared once, and parsing, refusals and --help all come from them.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "app/pipeline.hpp"

namespace vb::cli {

struct Command {
  const char *name;
  const char *summary; // one line, in `vanban --help`
  const char *about;   // the paragraph at the top of `vanban NAME --help`
  // Declares the options on `sub`; returns what runs the subcommand once
  // parsed (its exit status). Checks CLI11 cannot express (values that
  // depend on each other) throw CLI::ValidationError from there: exit 2.
  std::function<std::function<int()>(CLI::App &sub)> define;
};

// Every subcommand, in the order `vanban --help` lists them.
const std::vector<Command> &commands();

Command check_command();
Command render_command();
Command build_command();
Command new_command();
Command templates_command();
Command fonts_command();
Command import_command();
Command sign_command();
Command verify_command();
Command serve_command();

// Options several subcommands share, declared the same way everywhere.
void add_templates_option(CLI::App &sub, app::Config &cfg);
void add_fonts_option(CLI::App &sub, app::Config &cfg);
void add_output_option(CLI::App &sub, std::string &out);
// --format, --no-signature-fields; checked by check_render_options().
void add_render_options(CLI::App &sub, app::Config &cfg, std::string &format);
void check_render_options(const CLI::App &sub, app::Config &cfg, const std::string &format);

// The templates folder in use: --templates or the installed one.
std::string templates_dir(const app::Config &cfg);

// Prints one diagnostics list to stderr.
void print(const Diagnostics &d);

} // namespace vb::cli
