// File I/O that never loses data and never hangs.
// Reading: regular files only, opened without blocking (a FIFO or a device
// is refused, not waited on); files named by a data file are opened beneath
// its folder, so neither ".." nor a symbolic link leads elsewhere.
// Writing: outputs go to temporary files in the same folder, are flushed,
// then renamed over their targets together; a failed run leaves the previous
// outputs byte-identical, and its temporary files are removed, also when the
// process is stopped by SIGINT, SIGTERM or SIGHUP.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vb {

// Reads a whole regular file; on failure returns nullopt and sets `err`
// (strerror text, "is a directory", "is not a regular file …", or
// "file is larger than N bytes").
std::optional<std::string> read_file(const std::string &path, std::string &err, size_t max_bytes = SIZE_MAX);

// Why `rel` cannot name a file inside a folder ("" when it can): it is
// empty, absolute, or has a ".." segment. "a..b.png" is a fine name.
std::string path_leaves_folder(const std::string &rel);

// Reads `rel` beneath folder `dir` ("" = the current folder). Refused, with
// `err` saying why: a path that leaves the folder by its text, or through a
// symbolic link that points outside it (links inside the folder are fine).
std::optional<std::string> read_beneath(const std::string &dir, const std::string &rel, std::string &err,
                                        size_t max_bytes = SIZE_MAX);

// Creates folder `dir` and its parents as needed ("" = the current folder).
bool make_dirs(const std::string &dir, std::string &err);

// Whether `path` exists (any kind of file; links are not followed).
bool path_exists(const std::string &path);

// Removes the temporary files in `dir` left by processes that no longer
// exist (SIGKILL, a power cut) and are over a minute old; returns how many.
size_t sweep_stale_temps(const std::string &dir);

// A temporary file next to `target` (target.tmp-PID-XXXXXX, mode 0644). It
// is removed by the destructor unless kept(), and by the signal handler if
// the process is stopped by SIGINT, SIGTERM or SIGHUP meanwhile; the first
// one in a folder also sweeps stale ones there (sweep_stale_temps).
class TempFile {
public:
  explicit TempFile(const std::string &target);
  TempFile(TempFile &&) noexcept;
  TempFile(const TempFile &) = delete;
  TempFile &operator=(const TempFile &) = delete;
  ~TempFile();
  bool ok() const { return !path_.empty(); }
  const std::string &path() const { return path_; }
  const std::string &error() const { return error_; }
  bool write(const std::string &data); // all of it, synced, then closed
  void kept();                         // renamed into place: nothing to remove

private:
  std::string path_, error_;
  int fd_ = -1, slot_ = -1;
  bool kept_ = false;
};

struct OutputFile {
  std::string path;
  const std::string *data;
};

// Replaces every file of `files` or none of them: all temporary files are
// written and synced first, then renamed over their targets; if a rename
// fails, the targets already replaced get their previous contents back.
// On failure returns false, `failed` = the path concerned, `err` = why.
bool write_files_atomic(const std::vector<OutputFile> &files, std::string &failed, std::string &err);

// One file, the same way.
bool write_file_atomic(const std::string &path, const std::string &data, std::string &err);

// Installs the SIGINT/SIGTERM/SIGHUP handler that removes the temporary
// files of writes in progress, then ends the process by the same signal.
void install_signal_cleanup();

// For a long-running loop (`build --watch`): from now on those signals set a
// flag instead of ending the process; the loop polls stop_requested().
void defer_stop_signals();
bool stop_requested();
// In a worker process forked from such a loop: signals end it again.
void end_on_stop_signals();

} // namespace vb
