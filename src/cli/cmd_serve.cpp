#include "cli/command.hpp"
#include "serve/launch.hpp"

namespace vb::cli {

// The editor is a program of its own (vanban-serve, beside vanban): it
// parses its options and prints its own --help, so everything after
// `serve` is handed to it unread.
Command serve_command() {
  return {
      "serve", "the editor: a local web page with a live preview",
      "Starts the editor on 127.0.0.1 for the data files of DIR (default: data/); see vanban serve --help.",
      [](CLI::App &sub) {
        sub.prefix_command();
        sub.set_help_flag();
        return [&sub] {
          std::vector<std::string> rest = sub.remaining();
          std::vector<char *> argv = {const_cast<char *>("vanban"), const_cast<char *>("serve")};
          for (auto &a : rest)
            argv.push_back(a.data());
          argv.push_back(nullptr);
          return serve::launch(int(argv.size()) - 1, argv.data());
        };
      }};
}

} // namespace vb::cli
