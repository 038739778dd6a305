#include <doctest/doctest.h>

#include "util/diag.hpp"

using namespace vb;

TEST_CASE("exit status from the diagnostics: I/O wins over invalid input") {
  Diagnostics d;
  CHECK(exit_code(d) == kExitOk);
  d.warning("a.xml", {1, 2}, "w");
  CHECK(exit_code(d) == kExitOk);
  d.error("a.xml", {3, 4}, "bad", "fix it");
  CHECK(exit_code(d) == kExitInvalid);
  d.io_error("out/a.pdf", {}, "cannot write: No space left on device");
  CHECK(exit_code(d) == kExitIo);
  CHECK(d.items()[1].str() == "a.xml:3:4: error: bad (fix it)");
  CHECK(d.items()[2].str() == "out/a.pdf: error: cannot write: No space left on device");
}
