#include "util/fsio.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace vb {

// ------------------------------------------------------------ temporary files
// The paths of temporary files being written, in fixed storage the signal
// handler can read without allocating.
namespace {

constexpr int kSlots = 64;
struct Slot {
  std::atomic<int> state{0}; // 0 free, 1 being filled, 2 holds a path
  char path[PATH_MAX];
};
Slot g_slots[kSlots];
static_assert(std::atomic<int>::is_always_lock_free, "signal-safe flags");

std::atomic<int> g_critical{0};       // > 0: renames in progress, signals wait
volatile sig_atomic_t g_pending = 0;  // the signal that arrived meanwhile
volatile sig_atomic_t g_deferred = 0; // --watch: signals only set g_stop
volatile sig_atomic_t g_stop = 0;

int track(const std::string &p) {
  if (p.size() >= PATH_MAX)
    return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(g_slots[i].path, p.c_str(), p.size() + 1);
      g_slots[i].state.store(2);
      return i;
    }
  }
  return -1; // more writes at once than slots: still written, just not cleaned on a signal
}

void untrack(int slot) {
  if (slot >= 0)
    g_slots[slot].state.store(0);
}

void remove_tracked() {
  for (auto &s : g_slots)
    if (s.state.load() == 2)
      ::unlink(s.path);
}

void die_by(int sig) {
  remove_tracked();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void on_signal(int sig) {
  if (g_deferred) {
    g_stop = 1;
    return;
  }
  if (g_critical.load() > 0) {
    g_pending = sig;
    return;
  }
  die_by(sig);
}

// While one lives, a stop signal waits: the renames of a pair of outputs
// are not interrupted half-way.
struct Critical {
  Critical() { ++g_critical; }
  ~Critical() {
    if (--g_critical == 0 && g_pending && !g_deferred)
      die_by(g_pending);
  }
  Critical(const Critical &) = delete;
  Critical &operator=(const Critical &) = delete;
};

} // namespace

void install_signal_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int sig : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(sig, &sa, nullptr);
}

void defer_stop_signals() {
  g_deferred = 1;
}

bool stop_requested() {
  return g_stop != 0;
}

void end_on_stop_signals() {
  g_deferred = 0;
}

// ------------------------------------------------------------ reading
namespace {

std::optional<std::string> read_fd(int fd, std::string &err, size_t max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    err = std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    err = S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file (a FIFO, socket or device)";
    ::close(fd);
    return std::nullopt;
  }
  if (size_t(st.st_size) > max_bytes) {
    ::close(fd);
    err = "file is larger than " + std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  std::string out;
  out.reserve(size_t(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      err = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0)
      break;
    // The file may grow while it is read.
    if (out.size() + size_t(n) > max_bytes) {
      ::close(fd);
      err = "file is larger than " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
    }
    out.append(buf, size_t(n));
  }
  ::close(fd);
  return out;
}

// O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused
// as not a regular file); it changes nothing for regular files.
constexpr int kReadFlags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;

// Opens `rel` beneath `dirfd`; EXDEV when a symbolic link leads outside.
int open_beneath(int dirfd, const std::string &dir, const std::string &rel) {
  open_how how{};
  how.flags = kReadFlags;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd = ::syscall(SYS_openat2, dirfd, rel.c_str(), &how, sizeof how);
  if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
    return int(fd);
  // Kernels before 5.6 (or a sandbox that hides openat2): resolve the links
  // ourselves and compare folders.
  char real_dir[PATH_MAX], real_file[PATH_MAX];
  std::string full = (dir.empty() ? std::string(".") : dir) + "/" + rel;
  if (!::realpath(dir.empty() ? "." : dir.c_str(), real_dir) || !::realpath(full.c_str(), real_file))
    return -1;
  std::string d = real_dir, f = real_file;
  if (d != "/" && (f.size() <= d.size() || f.compare(0, d.size(), d) != 0 || f[d.size()] != '/')) {
    errno = EXDEV;
    return -1;
  }
  return ::open(real_file, kReadFlags | O_NOFOLLOW);
}

} // namespace

std::optional<std::string> read_file(const std::string &path, std::string &err, size_t max_bytes) {
  int fd = ::open(path.c_str(), kReadFlags);
  if (fd < 0) {
    err = std::strerror(errno);
    return std::nullopt;
  }
  return read_fd(fd, err, max_bytes);
}

std::string path_leaves_folder(const std::string &rel) {
  if (rel.empty())
    return "the path is empty";
  if (rel[0] == '/')
    return "the path is absolute";
  for (size_t start = 0;;) {
    size_t slash = rel.find('/', start);
    if (rel.compare(start, slash == std::string::npos ? std::string::npos : slash - start, "..") == 0)
      return "the path goes up with '..'";
    if (slash == std::string::npos)
      return {};
    start = slash + 1;
  }
}

std::optional<std::string> read_beneath(const std::string &dir, const std::string &rel, std::string &err,
                                        size_t max_bytes) {
  if (std::string why = path_leaves_folder(rel); !why.empty()) {
    err = why;
    return std::nullopt;
  }
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    err = std::strerror(errno);
    return std::nullopt;
  }
  int fd = open_beneath(dfd, dir, rel);
  int saved = errno;
  ::close(dfd);
  if (fd < 0) {
    err = saved == EXDEV ? "a symbolic link leads outside the folder" : std::strerror(saved);
    return std::nullopt;
  }
  return read_fd(fd, err, max_bytes);
}

bool make_dirs(const std::string &dir, std::string &err) {
  if (dir.empty())
    return true;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return true;
    err = "exists and is not a folder";
    return false;
  }
  size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(dir.substr(0, slash), err))
    return false;
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    err = std::strerror(errno);
    return false;
  }
  return true;
}

bool path_exists(const std::string &path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// ------------------------------------------------------------ writing
namespace {

// Temporary files are named TARGET.tmp-PID-XXXXXX. A run stopped by SIGKILL
// (or a power cut) cannot remove its own, so the next run that writes into
// the folder removes those of processes that no longer exist, once they are
// a minute old: a live writer's file, even another machine's on a shared
// folder, is younger than that.
bool stale_temp(const std::string &dir, const char *name) {
  const char *t = std::strstr(name, ".tmp-");
  if (!t)
    return false;
  char *end = nullptr;
  long pid = std::strtol(t + 5, &end, 10);
  if (pid <= 0 || end == t + 5 || *end != '-' || std::strlen(end + 1) != 6)
    return false;
  if (pid == long(::getpid()) || ::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
    return false;
  struct stat st {};
  std::string p = dir + "/" + name;
  return ::lstat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && std::time(nullptr) - st.st_mtime > 60;
}

void sweep_once(const std::string &target) {
  static std::mutex mu;
  static std::set<std::pair<std::string, pid_t>> swept; // a forked worker sweeps again: cheap
  size_t slash = target.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
  {
    std::lock_guard<std::mutex> g(mu);
    if (!swept.insert({dir, ::getpid()}).second)
      return;
  }
  sweep_stale_temps(dir);
}

} // namespace

size_t sweep_stale_temps(const std::string &dir) {
  size_t n = 0;
  if (DIR *d = ::opendir(dir.c_str())) {
    while (dirent *e = ::readdir(d))
      if (stale_temp(dir, e->d_name) && ::unlink((dir + "/" + e->d_name).c_str()) == 0)
        ++n;
    ::closedir(d);
  }
  return n;
}

TempFile::TempFile(const std::string &target) {
  sweep_once(target);
  std::string tmp = target + ".tmp-" + std::to_string(::getpid()) + "-XXXXXX";
  Critical c; // no signal between creating the file and recording it
  fd_ = ::mkstemp(tmp.data());
  if (fd_ < 0) {
    error_ = std::string("cannot create a file next to it: ") + std::strerror(errno);
    return;
  }
  path_ = tmp;
  slot_ = track(tmp);
  // mkstemp makes 0600 files; outputs are ordinary documents.
  ::fchmod(fd_, 0644);
}

TempFile::TempFile(TempFile &&o) noexcept
    : path_(std::move(o.path_)), error_(std::move(o.error_)), fd_(o.fd_), slot_(o.slot_), kept_(o.kept_) {
  o.fd_ = -1;
  o.slot_ = -1;
  o.path_.clear();
}

TempFile::~TempFile() {
  if (fd_ >= 0)
    ::close(fd_);
  if (!kept_ && !path_.empty())
    ::unlink(path_.c_str());
  untrack(slot_);
}

bool TempFile::write(const std::string &data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd_, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      error_ = std::strerror(errno);
      return false;
    }
    off += size_t(n);
  }
  if (::fsync(fd_) != 0 && errno != EINVAL) {
    error_ = std::strerror(errno);
    return false;
  }
  int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) {
    error_ = std::strerror(errno);
    return false;
  }
  return true;
}

void TempFile::kept() {
  kept_ = true;
  untrack(slot_);
  slot_ = -1;
}

namespace {

struct Pending {
  std::string target, backup;
  TempFile tmp;
  bool renamed = false;
};

// A hard link to the current target keeps its contents for a rollback
// without the target ever disappearing; where links are not supported the
// target itself is moved aside for the instant of the rename.
bool keep_previous(Pending &p, std::string &err) {
  struct stat st {};
  if (::lstat(p.target.c_str(), &st) != 0)
    return true; // nothing to keep
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = p.target + ".old-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    if (::link(p.target.c_str(), name.c_str()) == 0) {
      p.backup = name;
      return true;
    }
    if (errno == EEXIST)
      continue;
    if (::rename(p.target.c_str(), name.c_str()) == 0) {
      p.backup = name;
      return true;
    }
    err = std::strerror(errno);
    return false;
  }
  err = "cannot find a free name next to it";
  return false;
}

// Puts back what the renames replaced; every backup is removed after.
void roll_back(std::vector<Pending> &ps) {
  for (auto &p : ps) {
    struct stat st {};
    if (p.renamed) {
      if (!p.backup.empty() && ::rename(p.backup.c_str(), p.target.c_str()) == 0)
        p.backup.clear();
      else if (p.backup.empty())
        ::unlink(p.target.c_str()); // it did not exist before
    } else if (!p.backup.empty() && ::lstat(p.target.c_str(), &st) != 0 &&
               ::rename(p.backup.c_str(), p.target.c_str()) == 0) {
      p.backup.clear(); // moved aside (no hard links), not yet replaced
    }
  }
}

void drop_backups(std::vector<Pending> &ps) {
  for (auto &p : ps)
    if (!p.backup.empty())
      ::unlink(p.backup.c_str());
}

} // namespace

bool write_files_atomic(const std::vector<OutputFile> &files, std::string &failed, std::string &err) {
  err.clear();
  std::vector<Pending> ps;
  ps.reserve(files.size());
  for (const auto &f : files) {
    struct stat st {};
    if (::stat(f.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      failed = f.path;
      err = "a folder has this name";
      return false;
    }
    ps.push_back({f.path, {}, TempFile(f.path), false});
    TempFile &t = ps.back().tmp;
    if (!t.ok() || !t.write(*f.data)) {
      failed = f.path;
      err = t.error();
      return false; // the temporary files go with `ps`
    }
  }
  Critical c;
  for (auto &p : ps) {
    if (!keep_previous(p, err) || ::rename(p.tmp.path().c_str(), p.target.c_str()) != 0) {
      if (err.empty())
        err = std::strerror(errno);
      failed = p.target;
      roll_back(ps);
      drop_backups(ps);
      return false;
    }
    p.renamed = true;
    p.tmp.kept();
  }
  drop_backups(ps);
  return true;
}

bool write_file_atomic(const std::string &path, const std::string &data, std::string &err) {
  std::string failed;
  return write_files_atomic({{path, &data}}, failed, err);
}

} // namespace vb
