#include "cli/help.hpp"

#include <sstream>

namespace vb::cli {

namespace {

const char *kExitStatus =
    "exit status: 0 success, 1 invalid input, 2 wrong usage, 3 I/O failure (or out of memory), "
    "4 internal error";

std::string wrap(const std::string &text, size_t width = 78) {
  std::istringstream in(text);
  std::string word, line, out;
  while (in >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line + "\n";
}

// Help laid out as before CLI11: usage first, then what the command does,
// its arguments and options, and the exit statuses.
class Help : public CLI::Formatter {
public:
  explicit Help(bool dispatcher) : dispatcher_(dispatcher) {
    label("Usage", "usage");
    label("Positionals", "arguments");
    label("REQUIRED", "(required)");
    column_width(28);
  }

  std::string make_usage(const CLI::App *app, std::string name) const override {
    if (!app->get_parent() && dispatcher_)
      return "usage: vanban <command> [options]\n";
    return CLI::Formatter::make_usage(app, name);
  }

  std::string make_subcommand(const CLI::App *sub) const override {
    std::string name = sub->get_name();
    for (const CLI::Option *o : sub->get_options([](const CLI::Option *o) { return o->get_positional(); }))
      name += " " + make_option_usage(o);
    std::stringstream out;
    CLI::detail::format_help(out, name, sub->get_description(), column_width_);
    return out.str();
  }

  // Only the value's name: which options exclude each other is said in the
  // descriptions and, when broken, in the refusal.
  std::string make_option_opts(const CLI::Option *o) const override {
    return o->get_type_name().empty() ? "" : " " + o->get_type_name();
  }

  std::string make_help(const CLI::App *app, std::string name, CLI::AppFormatMode mode) const override {
    std::string out = make_usage(app, name) + "\n";
    out += wrap(app->get_parent() ? app->get_footer() : app->get_description());
    out += make_positionals(app);
    out += make_groups(app, mode);
    out += make_subcommands(app, mode);
    if (!app->get_parent() && dispatcher_)
      out += "\n  vanban <command> --help   the options of a command\n";
    return out + "\n" + kExitStatus + "\n";
  }

private:
  bool dispatcher_;
};

} // namespace

std::shared_ptr<CLI::Formatter> help_formatter(bool dispatcher) {
  return std::make_shared<Help>(dispatcher);
}

} // namespace vb::cli
