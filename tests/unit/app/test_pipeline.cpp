// The pipeline for one file: the checks that need the template and the
// calendar, the names of signature fields, the inputs a build watches, and
// the pair of outputs written together.
#include <algorithm>
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "app/pipeline.hpp"
#include "test_support.hpp"
#include "util/fsio.hpp"

using namespace vb;

namespace {

struct TmpDir {
  std::string path;
  TmpDir() {
    char t[] = "/tmp/vb-app-XXXXXX";
    path = ::mkdtemp(t);
  }
  ~TmpDir() { (void)!std::system(("rm -rf '" + path + "'").c_str()); }
  std::string write(const std::string &name, const std::string &text) const {
    std::ofstream(path + "/" + name) << text;
    return path + "/" + name;
  }
};

app::Config config() {
  app::Config c;
  c.templates_dir = testing::templates_dir();
  return c;
}

std::string plan(const std::string &date, const std::string &text, const std::string &signature = {}) {
  return "<document kind=\"ke-hoach\">\n<header><agency>SỞ NỘI VỤ</agency><code>KH-SNV</code><place>Bắc "
         "Giang</place>"
         "<date " +
         date + "/></header>\n<subject>Thi đua</subject>\n<body><p>" + text + "</p></body>\n" +
         "<recipients><to>Sở Nội vụ</to><archive>VT</archive></recipients>\n" +
         (signature.empty()
              ? "<signature><authority>GIÁM ĐỐC</authority><name>Nguyễn Văn A</name></signature>"
              : signature) +
         "\n</document>\n";
}

std::string body_text(const model::Document &d) {
  for (const auto &b : d.body)
    if (auto *p = std::get_if<model::Para>(&b))
      return model::plain_text(p->content);
  return {};
}

} // namespace

TEST_CASE("anniversaries: the document's year, year=, offset=, and never before the event") {
  TmpDir t;
  Diagnostics d;
  auto l = app::load(t.write("a.xml", plan("year=\"2024\" month=\"12\" day=\"20\"",
                                           "<anniv event=\"thanh-lap-dang\" form=\"years\"/> "
                                           "<anniv event=\"thanh-lap-dang\" offset=\"1\" form=\"years\"/> "
                                           "<anniv event=\"thanh-lap-dang\" year=\"2030\" form=\"years\"/>")),
                     config(), d);
  REQUIRE_MESSAGE(l, d.str());
  CHECK(body_text(l->doc) == "94 95 100");

  Diagnostics e;
  CHECK(
      !app::load(t.write("b.xml", plan("year=\"1925\"", "<anniv event=\"thanh-lap-dang\"/>")), config(), e));
  CHECK(e.str().find("b.xml:4:") != std::string::npos);
  CHECK(e.str().find(
            "error: the anniversary of 'thanh-lap-dang' is counted for 1925, but the event was in 1930") !=
        std::string::npos);
  Diagnostics f; // the same year is no anniversary either; the day's name is fine
  CHECK(
      !app::load(t.write("c.xml", plan("year=\"1930\"", "<anniv event=\"thanh-lap-dang\"/>")), config(), f));
  Diagnostics g;
  CHECK(app::load(t.write("d.xml", plan("year=\"1925\"", "<anniv event=\"thanh-lap-dang\" form=\"name\"/>")),
                  config(), g));
}

TEST_CASE("a calendar beside the data file: TOML dates, leap years, located errors") {
  TmpDir t;
  t.write("calendar.toml", "[tinh]\nname = \"Ngày thành lập tỉnh\"\ndate = 1997-01-01\n");
  Diagnostics d;
  auto l = app::load(t.write("a.xml", plan("year=\"2024\"", "<anniv event=\"tinh\"/>")), config(), d);
  REQUIRE_MESSAGE(l, d.str());
  CHECK(body_text(l->doc) == "27 năm Ngày thành lập tỉnh (01/01/1997 - 01/01/2024)");
  t.write("calendar.toml", "[tinh]\nname = \"Ngày\"\ndate = \"2023-02-29\"\n");
  Diagnostics e;
  CHECK(!app::load(t.path + "/a.xml", config(), e));
  CHECK(e.str() ==
        t.path +
            "/calendar.toml:3:8: error: date 2023-02-29 of event 'tinh' is not a date: that month has 28 "
            "days (fix the day or the month)\n");
}

TEST_CASE("signature field names made from names are unique and have no dot") {
  TmpDir t;
  std::string cov =
      "<document kind=\"giao-uoc\" year=\"2024\">\n<header><agency>KHỐI</agency><place>Bắc Giang</place>"
      "<date/></header>\n<subject>Khối</subject>\n<body><p>Nội dung.</p></body>\n<parties>"
      "<party><unit>Sở Y tế</unit></party><party><unit>Sở Y tế</unit></party>"
      "<party field=\"Đại diện Sở Y tế (3)\"><unit>Sở Tư pháp</unit></party>"
      "<party><unit>Sở Y tế</unit><name>Nguyễn V. A</name></party>"
      "</parties>\n</document>\n";
  Diagnostics d;
  auto l = app::load(t.write("c.xml", cov), config(), d);
  REQUIRE_MESSAGE(l, d.str());
  REQUIRE(l->doc.parties.size() == 4);
  CHECK(l->doc.parties[0].signature.field_name == "Đại diện Sở Y tế");
  CHECK(l->doc.parties[1].signature.field_name == "Đại diện Sở Y tế (2)");
  CHECK(l->doc.parties[2].signature.field_name == "Đại diện Sở Y tế (3)");
  CHECK(l->doc.parties[3].signature.field_name == "Đại diện Sở Y tế (4)");
}

TEST_CASE("the inputs of a document, as its model names them") {
  TmpDir t;
  std::string png = testing::source_dir() + "/tests/unit/docx/signature.png";
  ::mkdir((t.path + "/img").c_str(), 0755);
  std::ofstream(t.path + "/img/k'y.png", std::ios::binary) << std::ifstream(png, std::ios::binary).rdbuf();
  Diagnostics d;
  auto l = app::load(t.write("a.xml", plan("year=\"2024\"", "x",
                                           "<signature><authority>GIÁM ĐỐC</authority><name>A</name>"
                                           "<image src='img/k&apos;y.png'/></signature>")),
                     config(), d);
  REQUIRE_MESSAGE(l, d.str());
  auto in = app::input_files(*l, config());
  // Sorted by path: where the clone lives decides the order, not this test.
  std::vector<std::string> want{t.path + "/calendar.toml", t.path + "/img/k'y.png",
                                testing::templates_dir() + "/calendar.toml",
                                testing::templates_dir() + "/ke-hoach.toml"};
  std::sort(want.begin(), want.end());
  CHECK(std::is_sorted(in.begin(), in.end()));
  CHECK(in == want);
}

TEST_CASE("process: the pair of outputs, I/O errors with exit 3 and the file named") {
  TmpDir t;
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd);
  REQUIRE_MESSAGE(fonts, fd.str());
  std::string in = t.write("a.xml", plan("year=\"2024\"", "Một đoạn."));
  Diagnostics d;
  app::Produced p;
  CHECK(app::process(in, t.path + "/out", *fonts, config(), d, &p) == kExitOk);
  CHECK(p.docx_size > 0);
  CHECK(p.pdf_size > 0);
  Diagnostics e;
  CHECK(app::process(t.path + "/missing.xml", t.path + "/out", *fonts, config(), e) == kExitIo);
  ::mkdir((t.path + "/out2").c_str(), 0755);
  ::mkdir((t.path + "/out2/a.docx").c_str(), 0755);
  Diagnostics f;
  CHECK(app::process(in, t.path + "/out2", *fonts, config(), f) == kExitIo);
  CHECK(f.str().find(t.path + "/out2/a.docx: error: cannot write: a folder has this name") == 0);
  std::string err;
  CHECK(!read_file(t.path + "/out2/a.pdf", err)); // not written alone
}
