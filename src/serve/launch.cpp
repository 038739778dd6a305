#include "serve/launch.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#include "util/diag.hpp"

namespace vb::serve {

int launch(int argc, char **argv) {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    std::fprintf(stderr, "vanban serve: error: cannot find where vanban is installed: %s\n",
                 std::strerror(errno));
    return kExitIo;
  }
  std::string dir(self, size_t(n));
  dir.resize(dir.find_last_of('/') + 1);
  std::string prog = dir + "vanban-serve";
  std::vector<char *> args;
  args.push_back(prog.data());
  for (int i = 2; i < argc; ++i)
    args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(prog.c_str(), args.data());
  std::fprintf(
      stderr,
      "%s: error: cannot start the editor's server: %s (build or install vanban-serve beside vanban)\n",
      prog.c_str(), std::strerror(errno));
  return kExitIo;
}

} // namespace vb::serve
