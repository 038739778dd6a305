// Reading never blocks and never leaves its folder; writing replaces a set
// of files together or not at all, and leaves no temporary file behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/fsio.hpp"

using namespace vb;

namespace {

struct TmpDir {
  std::string path;
  TmpDir() {
    char t[] = "/tmp/vb-fsio-XXXXXX";
    path = ::mkdtemp(t);
  }
  ~TmpDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string operator/(const std::string &n) const { return path + "/" + n; }
};

void put(const std::string &p, const std::string &s) {
  std::string err;
  REQUIRE(write_file_atomic(p, s, err));
}

std::string get(const std::string &p) {
  std::string err;
  auto s = read_file(p, err);
  return s ? *s : "<" + err + ">";
}

std::vector<std::string> names(const std::string &dir) {
  std::vector<std::string> v;
  DIR *d = ::opendir(dir.c_str());
  while (dirent *e = ::readdir(d))
    if (e->d_name[0] != '.')
      v.push_back(e->d_name);
  ::closedir(d);
  std::sort(v.begin(), v.end());
  return v;
}

} // namespace

TEST_CASE("regular files only: a FIFO or a folder is refused at once") {
  TmpDir d;
  REQUIRE(::mkfifo((d / "fifo").c_str(), 0644) == 0);
  std::string err;
  CHECK(!read_file(d / "fifo", err)); // would block forever without O_NONBLOCK
  CHECK(err.find("not a regular file") != std::string::npos);
  CHECK(!read_file(d.path, err));
  CHECK(err == "is a directory");
  put(d / "big", std::string(100, 'x'));
  CHECK(!read_file(d / "big", err, 99));
  CHECK(err.find("larger than 99 bytes") != std::string::npos);
  CHECK(get(d / "big").size() == 100);
}

TEST_CASE("a '..' segment leaves the folder, a name with dots does not") {
  CHECK(path_leaves_folder("a..b.png") == "");
  CHECK(path_leaves_folder("sub/x..png") == "");
  CHECK(path_leaves_folder("../x.png") != "");
  CHECK(path_leaves_folder("sub/../../x.png") != "");
  CHECK(path_leaves_folder("sub/..") != "");
  CHECK(path_leaves_folder("/etc/passwd") != "");
  CHECK(path_leaves_folder("") != "");
}

TEST_CASE("files beneath a folder: links inside are followed, links out are not") {
  TmpDir d, outside;
  ::mkdir((d / "sub").c_str(), 0755);
  put(d / "sub/a..b.png", "inside");
  put(outside / "secret", "root:x:0:0");
  REQUIRE(::symlink((outside / "secret").c_str(), (d / "out.png").c_str()) == 0);
  REQUIRE(::symlink("../secret", (d / "sub/rel.png").c_str()) == 0);
  REQUIRE(::symlink("sub/a..b.png", (d / "in.png").c_str()) == 0);
  REQUIRE(::mkfifo((d / "fifo.png").c_str(), 0644) == 0);
  std::string err;
  auto s = read_beneath(d.path, "sub/a..b.png", err);
  CHECK((s && *s == "inside"));
  s = read_beneath(d.path, "in.png", err);
  CHECK((s && *s == "inside"));
  CHECK(!read_beneath(d.path, "out.png", err));
  CHECK(err == "a symbolic link leads outside the folder");
  CHECK(!read_beneath(d.path, "sub/rel.png", err));
  CHECK(!read_beneath(d.path, "../" + outside.path.substr(5) + "/secret", err));
  CHECK(!read_beneath(d.path, "fifo.png", err));
  CHECK(err.find("not a regular file") != std::string::npos);
  CHECK(!read_beneath(d.path, "missing.png", err));
  CHECK(err == "No such file or directory");
}

TEST_CASE("a pair of files is replaced together") {
  TmpDir d;
  std::string a = "new docx", b = "new pdf", failed, err;
  CHECK(write_files_atomic({{d / "x.docx", &a}, {d / "x.pdf", &b}}, failed, err));
  CHECK(get(d / "x.docx") == "new docx");
  CHECK(get(d / "x.pdf") == "new pdf");
  CHECK(names(d.path) == std::vector<std::string>{"x.docx", "x.pdf"});
}

TEST_CASE("when the second file cannot be written, the first keeps its old contents") {
  TmpDir d;
  put(d / "x.docx", "old docx");
  ::mkdir((d / "x.pdf").c_str(), 0755); // the PDF path is a folder
  std::string a = "new docx", b = "new pdf", failed, err;
  CHECK(!write_files_atomic({{d / "x.docx", &a}, {d / "x.pdf", &b}}, failed, err));
  CHECK(failed == d / "x.pdf");
  CHECK(err == "a folder has this name");
  CHECK(get(d / "x.docx") == "old docx");
  CHECK(names(d.path) == std::vector<std::string>{"x.docx", "x.pdf"}); // no temporary file left
}

TEST_CASE("an unwritable folder: nothing changes, the failing file is named") {
  TmpDir d;
  std::string a = "a", failed, err;
  CHECK(!write_files_atomic({{d / "no/such/folder/x.docx", &a}}, failed, err));
  CHECK(failed == d / "no/such/folder/x.docx");
  CHECK(err.find("cannot create a file next to it") == 0);
}

TEST_CASE("SIGTERM removes the temporary files of a write in progress") {
  TmpDir d;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    install_signal_cleanup();
    TempFile t(d / "x.pdf");
    char c = t.ok() ? 'y' : 'n';
    (void)!::write(fds[1], &c, 1);
    ::pause(); // killed here, the file still being "written"
    ::_exit(0);
  }
  char c = 0;
  REQUIRE(::read(fds[0], &c, 1) == 1);
  CHECK(c == 'y');
  CHECK(names(d.path).size() == 1); // x.pdf.tmp-XXXXXX exists
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(names(d.path).empty());
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_CASE("SIGKILL leaves a temporary file; the next write into the folder removes it once stale") {
  TmpDir d;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    TempFile t(d / "x.pdf");
    char c = t.ok() ? 'y' : 'n';
    (void)!::write(fds[1], &c, 1);
    ::pause(); // killed here: no handler runs
    ::_exit(0);
  }
  char c = 0;
  REQUIRE(::read(fds[0], &c, 1) == 1);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  auto left = names(d.path);
  REQUIRE(left.size() == 1);
  const std::string dead = d / left[0];
  CHECK(left[0].rfind("x.pdf.tmp-" + std::to_string(pid) + "-", 0) == 0);
  // Younger than a minute: it could be a slow writer elsewhere; kept.
  CHECK(sweep_stale_temps(d.path) == 0);
  // A minute old, its process gone: removed. A live process's file stays.
  struct timespec old[2] = {{std::time(nullptr) - 120, 0}, {std::time(nullptr) - 120, 0}};
  REQUIRE(::utimensat(AT_FDCWD, dead.c_str(), old, 0) == 0);
  const std::string live = d / ("y.pdf.tmp-" + std::to_string(::getppid()) + "-abcdef");
  std::ofstream(live) << "x";
  REQUIRE(::utimensat(AT_FDCWD, live.c_str(), old, 0) == 0);
  std::ofstream(d / "notes.tmp-1-x") << "not ours";
  std::string failed, err;
  REQUIRE(write_files_atomic({{d / "x.pdf", &left[0]}}, failed, err));
  CHECK(names(d.path) == std::vector<std::string>{"notes.tmp-1-x", "x.pdf",
                                                  "y.pdf.tmp-" + std::to_string(::getppid()) + "-abcdef"});
}
