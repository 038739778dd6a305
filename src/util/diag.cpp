#include "util/diag.hpp"

namespace vb {

std::string Diagnostic::str() const {
  std::string s = file;
  if (loc.line > 0) {
    s += ':' + std::to_string(loc.line);
    if (loc.col > 0)
      s += ':' + std::to_string(loc.col);
  }
  s += severity == Severity::Error ? ": error: " : ": warning: ";
  s += message;
  if (!hint.empty())
    s += " (" + hint + ")";
  return s;
}

void Diagnostics::error(std::string file, SourceLoc loc, std::string message, std::string hint) {
  items_.push_back({Severity::Error, std::move(file), loc, std::move(message), std::move(hint)});
}

void Diagnostics::warning(std::string file, SourceLoc loc, std::string message, std::string hint) {
  items_.push_back({Severity::Warning, std::move(file), loc, std::move(message), std::move(hint)});
}

void Diagnostics::io_error(std::string file, SourceLoc loc, std::string message, std::string hint) {
  items_.push_back({Severity::Error, std::move(file), loc, std::move(message), std::move(hint), true});
}

bool Diagnostics::has_io_errors() const {
  for (const auto &d : items_)
    if (d.io && d.severity == Severity::Error)
      return true;
  return false;
}

int exit_code(const Diagnostics &d) {
  return d.has_io_errors() ? kExitIo : d.has_errors() ? kExitInvalid : kExitOk;
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (const auto &d : items_)
    n += d.severity == Severity::Error;
  return n;
}

void Diagnostics::append(const Diagnostics &other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::promote_warnings() {
  for (auto &d : items_)
    d.severity = Severity::Error;
}

std::string Diagnostics::str() const {
  std::string s;
  for (const auto &d : items_)
    s += d.str() + '\n';
  return s;
}

} // namespace vb
