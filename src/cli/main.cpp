// The vanban command: a thin dispatcher. The subcommands are listed in
// commands.cpp; CLI11 parses them, refuses what they do not declare and
// writes their --help from the same declarations.
// Exit status: 0 success, 1 invalid input, 2 wrong usage, 3 I/O failure
// (or out of memory), 4 internal error.
#include <cstdio>
#include <cstring>

#include "cli/command.hpp"
#include "cli/help.hpp"
#include "util/fsio.hpp"

using namespace vb;

namespace {

int usage_error(const std::string &msg, const std::string &command) {
  std::fprintf(stderr, "vanban%s%s: %s\nrun `vanban%s%s --help` for the options\n",
               command.empty() ? "" : " ", command.c_str(), msg.c_str(), command.empty() ? "" : " ",
               command.c_str());
  return kExitUsage;
}

int run(int argc, char **argv) {
  CLI::App app(
      "Renders Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from XML data to DOCX and PDF.",
      "vanban");
  app.formatter(cli::help_formatter(true));
  app.option_defaults()->group("options");
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", std::string("vanban ") + VANBAN_VERSION, "print the version and exit");
  app.require_subcommand(0, 1);
  std::vector<std::pair<CLI::App *, std::function<int()>>> actions;
  for (const cli::Command &c : cli::commands()) {
    CLI::App *sub = app.add_subcommand(c.name, c.summary);
    sub->group("commands");
    sub->set_help_flag("-h,--help", "print this help and exit");
    sub->footer(c.about);
    actions.emplace_back(sub, c.define(*sub));
  }

  if (argc < 2) {
    std::fprintf(stderr, "vanban: missing command\n\n%s", app.help().c_str());
    return kExitUsage;
  }
  std::string first = argv[1];
  if (first == "help") {
    if (argc == 2) {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    for (auto &[sub, act] : actions)
      if (sub->get_name() == argv[2]) {
        std::fputs(sub->help("vanban").c_str(), stdout);
        return kExitOk;
      }
    return usage_error(std::string("unknown command '") + argv[2] + "'", "");
  }
  if (first.empty() || first[0] != '-') {
    bool known = false;
    for (auto &[sub, act] : actions)
      known = known || sub->get_name() == first;
    if (!known)
      return usage_error("unknown command '" + first + "'", "");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::CallForVersion &e) {
    std::printf("%s\n", e.what());
    return kExitOk;
  } catch (const CLI::ParseError &e) {
    std::string cmd;
    for (auto &[sub, act] : actions)
      if (sub->parsed())
        cmd = sub->get_name();
    return usage_error(e.what(), cmd);
  }
  for (auto &[sub, act] : actions)
    if (sub->parsed()) {
      try {
        return act();
      } catch (const CLI::ValidationError &e) {
        return usage_error(e.what(), sub->get_name());
      }
    }
  return usage_error("missing command", "");
}

} // namespace

int main(int argc, char **argv) {
  install_signal_cleanup();
  // The last line of defence: every stage reports errors as values, and
  // each document's run catches what escapes it; this is for the rest.
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc &) {
    std::fputs("vanban: error: out of memory (the input is too large for this machine: split it)\n", stderr);
    return kExitIo;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "vanban: internal error: %s (please report it to vanban's maintainers)\n", e.what());
    return kExitInternal;
  } catch (...) {
    std::fputs("vanban: internal error (please report it to vanban's maintainers)\n", stderr);
    return kExitInternal;
  }
}
