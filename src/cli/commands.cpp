#include "cli/command.hpp"

namespace vb::cli {

// A new subcommand: a cmd_<name>.cpp defining <name>_command(), one line here.
const std::vector<Command> &commands() {
  static const std::vector<Command> all = {
      check_command(), render_command(), build_command(), new_command(),    templates_command(),
      fonts_command(), import_command(), sign_command(),  verify_command(), serve_command(),
  };
  return all;
}

} // namespace vb::cli
