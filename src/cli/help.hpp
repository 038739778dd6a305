// The --help layout of vanban's programs: usage first, then what the command
// does, its arguments and options (value names only), and the exit statuses.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>

namespace vb::cli {

// `dispatcher`: the top level of `vanban` (commands, not options, follow).
std::shared_ptr<CLI::Formatter> help_formatter(bool dispatcher);

} // namespace vb::cli
