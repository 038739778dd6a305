// Errors are values with locations: every stage reports into a Diagnostics
// list instead of throwing, so the CLI can print them all as FILE:LINE:COL.
#pragma once
#include <string>
#include <vector>

namespace vb {

struct SourceLoc {
  int line = 0; // 1-based; 0 = unknown (whole file)
  int col = 0;  // 1-based, in characters
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  SourceLoc loc;
  std::string message; // what is wrong
  std::string hint;    // how to fix it (may be empty)
  bool io = false;     // a file could not be read or written (exit 3, not 1)

  // "FILE:LINE:COL: error: message (hint)"
  std::string str() const;
};

class Diagnostics {
public:
  void error(std::string file, SourceLoc loc, std::string message, std::string hint = {});
  void warning(std::string file, SourceLoc loc, std::string message, std::string hint = {});
  // An error of the machine rather than of the data (missing file, full disk).
  void io_error(std::string file, SourceLoc loc, std::string message, std::string hint = {});
  bool has_errors() const;
  size_t error_count() const;
  bool has_io_errors() const;
  const std::vector<Diagnostic> &items() const { return items_; }
  void append(const Diagnostics &other);
  void promote_warnings(); // --strict
  std::string str() const; // one line per diagnostic

private:
  std::vector<Diagnostic> items_;
};

// Exit statuses of the vanban command.
enum ExitCode { kExitOk = 0, kExitInvalid = 1, kExitUsage = 2, kExitIo = 3, kExitInternal = 4 };

// 3 when any error is an I/O error, 1 for other errors, else 0.
int exit_code(const Diagnostics &d);

} // namespace vb
