// The OPC zip writer (libzip): deterministic bytes, and ZIP64 instead of a
// truncated archive past the classic format's 65,535 entries.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "docx/opc.hpp"

using namespace vb;

namespace {
bool has(const std::string &z, const char *sig) {
  return z.find(std::string(sig, 4)) != std::string::npos;
}
} // namespace

TEST_CASE("the archive does not depend on the time zone or the clock") {
  std::vector<docx::opc::Part> parts = {{"word/document.xml", std::string(5000, 'w')},
                                        {"word/media/a.png", "\x89PNG\r\n\x1a\nxyz", false}};
  std::string a = docx::opc::write_zip(parts);
  setenv("TZ", "Pacific/Kiritimati", 1);
  tzset();
  std::string b = docx::opc::write_zip(parts);
  unsetenv("TZ");
  tzset();
  CHECK(a == b);
  auto back = docx::opc::read_zip(a);
  REQUIRE(back.size() == 2);
  CHECK(back[0].compress);
  CHECK(!back[1].compress); // PNGs are stored
  CHECK(back[1].data == parts[1].data);
  CHECK(!has(a, "PK\x06\x06")); // small archives stay classic zip
}

TEST_CASE("more than 65,535 entries: ZIP64, every entry readable") {
  std::vector<docx::opc::Part> parts;
  for (int i = 0; i < 70000; ++i)
    parts.push_back({"p/" + std::to_string(i), std::to_string(i), false});
  std::string z = docx::opc::write_zip(parts);
  CHECK(has(z, "PK\x06\x06")); // ZIP64 end of central directory record
  CHECK(has(z, "PK\x06\x07")); // … and its locator
  auto back = docx::opc::read_zip(z);
  REQUIRE(back.size() == parts.size());
  CHECK(back[69999].name == "p/69999");
  CHECK(back[69999].data == "69999");
}
