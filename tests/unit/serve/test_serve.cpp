#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "serve/anchors.hpp"
#include "serve/editor.hpp"
#include "serve/http.hpp"
#include "serve/workspace.hpp"
#include "test_support.hpp"
#include "util/fsio.hpp"

using namespace vb;
using namespace vb::serve;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string &path) {
  std::string err;
  auto t = read_file(path, err);
  REQUIRE_MESSAGE(t, (path + ": " + err));
  return *t;
}

// A fresh folder with the samples and a PNG, removed at the end.
struct Folder {
  fs::path dir;
  Folder() {
    dir = fs::path(testing::binary_dir()) / ("serve-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto &e : fs::directory_iterator(testing::data_dir()))
      if (e.path().extension() == ".xml" || e.path().filename() == "calendar.toml")
        fs::copy_file(e.path(), dir / e.path().filename());
    fs::copy_file(fs::path(testing::source_dir()) / "tests/unit/docx/signature.png", dir / "chu-ky.png");
  }
  ~Folder() { fs::remove_all(dir); }
  std::string path(const std::string &n) const { return (dir / n).string(); }
};

// The samples in data/ (the folder copies them all).
size_t sample_count() {
  size_t n = 0;
  for (const auto &e : fs::directory_iterator(testing::data_dir()))
    n += e.path().extension() == ".xml";
  return n;
}

std::shared_ptr<Editor> editor(const Folder &f) {
  std::string err;
  auto ws = Workspace::open(f.dir.string(), err);
  REQUIRE_MESSAGE(ws, err);
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  REQUIRE(fonts);
  app::Config cfg;
  cfg.templates_dir = testing::templates_dir();
  return std::make_shared<Editor>(std::move(*ws), cfg, fonts);
}

} // namespace

TEST_CASE("element index: LINE:COL of a start tag or an attribute → the element's document order") {
  const std::string xml = "<?xml version=\"1.0\"?>\n"
                          "<!-- a <fake> tag in a comment -->\n"
                          "<document kind=\"ke-hoach\">\n"
                          "  <p>Ngày <b>một</b><![CDATA[ <not> ]]></p><?pi <x>?>\n"
                          "  <section\n"
                          "     id=\"x>y\">\n"
                          "    <title>Tiêu đề</title></section>\n"
                          "</document>\n";
  ElementIndex idx(xml);
  CHECK(idx.size() == 5);
  CHECK(idx.element_at({3, 1}) == 0);
  CHECK(idx.element_at({3, 11}) == 0); // the kind attribute
  CHECK(idx.element_at({4, 3}) == 1);  // <p>
  CHECK(idx.element_at({4, 11}) == 2); // <b> after "Ngày " (columns count characters)
  CHECK(idx.element_at({5, 1}) == 3);  // a tag over two lines is reported at column 1
  CHECK(idx.element_at({6, 6}) == 3);  // … and its attribute on the next line
  CHECK(idx.element_at({7, 5}) == 4);
  CHECK(idx.element_at({2, 10}) == -1); // inside the comment
  CHECK(idx.element_at({0, 0}) == -1);
  CHECK(idx.element_at({99, 1}) == -1);
}

TEST_CASE("file names cannot leave the folder") {
  CHECK(plain_name("ke-hoach-2025.xml", ".xml"));
  CHECK(plain_name("Kế hoạch năm 2025.xml", ".xml"));
  for (const char *bad : {"", ".xml", "../x.xml", "a/b.xml", "a\\b.xml", ".hidden.xml", "x.xml~", "x.txt",
                          "/etc/passwd", "x\n.xml", "\xff\xfe.xml"})
    CHECK_MESSAGE(!plain_name(bad, ".xml"), bad);
  Folder f;
  std::string err;
  auto ws = Workspace::open(f.dir.string(), err);
  REQUIRE(ws);
  CHECK(ws->path_of("ke-hoach-khoi-vhxh2-2024.xml", ".xml"));
  CHECK(!ws->path_of("../ke-hoach-khoi-vhxh2-2024.xml", ".xml"));
  // A link that points outside does not count as inside.
  fs::create_symlink("/etc/hostname", f.dir / "link.xml");
  CHECK(!ws->path_of("link.xml", ".xml"));
  auto files = ws->data_files();
  CHECK(std::find(files.begin(), files.end(), "link.xml") == files.end());
  CHECK(files.size() == sample_count());
  CHECK(ws->relative(f.path("a/b.png")) == std::optional<std::string>("a/b.png"));
  CHECK(!ws->relative("/etc/passwd"));
}

TEST_CASE("saving: atomic, the previous version kept, refused when the file changed on disk") {
  Folder f;
  std::string err;
  auto ws = Workspace::open(f.dir.string(), err);
  REQUIRE(ws);
  const std::string name = "ke-hoach-khoi-vhxh2-2024.xml";
  auto opened = ws->read(name, err);
  REQUIRE(opened);
  std::string version;
  CHECK(ws->save(name, opened->text + "<!-- 1 -->", opened->version, false, false, version, err) ==
        Workspace::Save::Saved);
  CHECK(slurp(f.path(name + "~")) == opened->text);
  CHECK(slurp(f.path(name)) == opened->text + "<!-- 1 -->");
  // A second editor still holding the first version is refused …
  std::string now;
  CHECK(ws->save(name, "other", opened->version, false, false, now, err) == Workspace::Save::Conflict);
  CHECK(now == version);
  CHECK(slurp(f.path(name)) == opened->text + "<!-- 1 -->");
  // … unless it chooses to overwrite.
  CHECK(ws->save(name, "other", opened->version, true, false, now, err) == Workspace::Save::Saved);
  CHECK(slurp(f.path(name)) == "other");
  // A change by another program counts the same.
  { std::ofstream(f.path(name)) << "changed by hand"; }
  CHECK(ws->save(name, "mine", now, false, false, version, err) == Workspace::Save::Conflict);
  // Creating never replaces.
  CHECK(ws->save(name, "x", "", false, true, version, err) == Workspace::Save::Exists);
  CHECK(ws->save("moi.xml", "x", "", false, true, version, err) == Workspace::Save::Saved);
  CHECK(!fs::exists(f.path("moi.xml~")));
  // No temporary file is left behind.
  for (const auto &e : fs::directory_iterator(f.dir))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp-") == std::string::npos, e.path());
}

TEST_CASE("uploaded images: PNG only, size-limited, stored under a plain name") {
  Folder f;
  std::string err;
  auto ws = Workspace::open(f.dir.string(), err);
  REQUIRE(ws);
  std::string png = slurp(f.path("chu-ky.png"));
  CHECK(png_dimensions(png));
  CHECK(ws->save_image("../../evil.png", png, err) == std::optional<std::string>("evil.png"));
  CHECK(fs::exists(f.path("evil.png")));
  CHECK(ws->save_image("chu-ky.png", png, err) == std::optional<std::string>("chu-ky.png")); // same bytes
  std::string other = png;
  other.back() ^= 1;
  CHECK(ws->save_image("chu-ky.PNG", other, err) == std::optional<std::string>("chu-ky-2.png"));
  CHECK(!ws->save_image("x.png", "GIF89a not a png at all, padded to be long enough", err));
  CHECK(!ws->save_image("x.png", std::string(kMaxImageBytes + 1, 'x'), err));
  std::string lying = png;
  lying.replace(16, 4, std::string("\0\0\0\0", 4)); // zero width
  CHECK(!png_dimensions(lying));
}

TEST_CASE("preview: pages as SVG, numbering labels and checks tied to the elements of the text sent") {
  Folder f;
  auto ed = editor(f);
  const std::string name = "ke-hoach-khoi-vhxh2-2024.xml";
  std::string text = slurp(f.path(name));
  Reply r = ed->preview(name, text, {});
  REQUIRE(r.status == 200);
  REQUIRE_MESSAGE(r.body["ok"].get<bool>(), r.body.dump());
  CHECK(r.body["page_count"].get<int>() == int(r.body["pages"].size()));
  std::string first = r.body["pages"][0]["open"];
  for (const auto &e : r.body["pages"][0]["parts"])
    first += e.get<std::string>();
  CHECK(first.rfind("<svg", 0) == 0);
  CHECK(first.find("KẾ HOẠCH") != std::string::npos);
  bool roman = false;
  for (const auto &l : r.body["labels"])
    roman = roman || l[1] == "I.";
  CHECK(roman);
  // Pages the browser already has are not sent again.
  std::vector<std::string> have;
  for (const auto &p : r.body["pages"])
    have.push_back(p["h"]);
  Reply again = ed->preview(name, text, have);
  for (const auto &p : again.body["pages"])
    CHECK(!p.contains("parts"));

  // A bad day: an error at the <date> element (its number in document order).
  std::string bad = text;
  size_t at = bad.find("<date month=\"5\"/>");
  REQUIRE(at != std::string::npos);
  bad.replace(at, 17, "<date day=\"31\" month=\"2\"/>");
  Reply b = ed->preview(name, bad, {});
  CHECK(!b.body["ok"].get<bool>());
  REQUIRE(b.body["diags"].size() >= 1);
  auto d0 = b.body["diags"][0];
  CHECK(d0["severity"] == "error");
  int e = d0["e"].get<int>();
  REQUIRE(e >= 0);
  // The element numbered e starts with "<date".
  size_t pos = 0;
  for (int k = 0; k <= e; ++k) {
    pos = bad.find('<', pos + (k ? 1 : 0));
    while (bad.compare(pos, 2, "</") == 0 || bad.compare(pos, 4, "<!--") == 0 ||
           bad.compare(pos, 2, "<?") == 0) {
      if (bad.compare(pos, 4, "<!--") == 0)
        pos = bad.find("-->", pos);
      pos = bad.find('<', pos + 1);
    }
  }
  CHECK(bad.compare(pos, 5, "<date") == 0);

  // Not even XML: a located error, no pages.
  Reply x = ed->preview(name, "<document", {});
  CHECK(x.status == 200);
  CHECK(!x.body["ok"].get<bool>());
  CHECK(x.body["diags"][0]["line"].get<int>() >= 1);
}

TEST_CASE("export: the bytes `render` makes; refused while the document has errors") {
  Folder f;
  auto ed = editor(f);
  const std::string name = "giao-uoc-khoi-vhxh2-2024.xml";
  Reply pdf = ed->export_file(name, "", "pdf");
  REQUIRE(pdf.status == 200);
  CHECK(pdf.bytes.rfind("%PDF-", 0) == 0);
  CHECK(pdf.file_name == "giao-uoc-khoi-vhxh2-2024.pdf");
  Reply docx = ed->export_file(name, slurp(f.path(name)), "docx");
  CHECK(docx.bytes.rfind("PK", 0) == 0);
  Reply bad = ed->export_file(name, "<document kind=\"ke-hoach\"/>", "pdf");
  CHECK(bad.status == 422);
  CHECK(bad.bytes.empty());
  CHECK(bad.body["diags"].size() >= 1);
  CHECK(ed->export_file(name, "", "odt").status == 400);
  CHECK(ed->export_file("../x.xml", "", "pdf").status == 400);
}

TEST_CASE("list and create: the folder's documents with their check status; new ones from the skeletons") {
  Folder f;
  auto ed = editor(f);
  Reply c = ed->create("ke-hoach", "ke-hoach-moi");
  REQUIRE_MESSAGE(c.status == 200, c.body.dump());
  CHECK(c.body["name"] == "ke-hoach-moi.xml");
  CHECK(ed->create("ke-hoach", "ke-hoach-moi").status == 409);
  CHECK(ed->create("../ke-hoach", "x").status == 400);
  CHECK(ed->create("khong-co", "x").status == 400);
  Reply l = ed->list();
  REQUIRE(l.body["files"].size() == sample_count() + 1);
  for (const auto &row : l.body["files"]) {
    CHECK_MESSAGE(row["status"] != "error", row.dump());
    CHECK(!row["subject"].get<std::string>().empty());
  }
  CHECK(ed->open("ke-hoach-moi.xml").body["text"].get<std::string>().find("<document kind=\"ke-hoach\"") !=
        std::string::npos);
  CHECK(ed->image("chu-ky.png").content_type == "image/png");
  CHECK(ed->image("../chu-ky.png").status == 404);
  CHECK(ed->image("ke-hoach-moi.xml").status == 404);
}

TEST_CASE("import goes through the import stage when one is given, with type checks first") {
  Folder f;
  std::string err;
  auto ws = Workspace::open(f.dir.string(), err);
  Diagnostics d;
  auto fonts = text::Fonts::load(d);
  Editor none(*ws, {}, fonts);
  CHECK(none.import_file("x.docx", "PK\x03\x04", "").status == 404);
  std::string seen;
  Editor with(*ws, {}, fonts, [&](const std::string &bytes, const std::string &, Diagnostics &) {
    seen = bytes;
    return std::optional<std::string>(slurp(f.path("ke-hoach-khoi-vhxh2-2024.xml")));
  });
  CHECK(with.import_file("x.docx", "not a zip", "").status == 415);
  CHECK(with.import_file("x.pdf", "%PDF", "").status == 415);
  Reply r = with.import_file("Kế hoạch 2024.docx", std::string("PK\x03\x04rest", 8), "");
  REQUIRE_MESSAGE(r.status == 200, r.body.dump());
  CHECK(r.body["name"] == "Kế hoạch 2024.xml");
  CHECK(seen.size() == 8);
  CHECK(with.import_file("Kế hoạch 2024.docx", std::string("PK\x03\x04", 4), "").body["name"] ==
        "Kế hoạch 2024-2.xml");
}

namespace {

struct Running {
  HttpServer server;
  int port;
  std::thread t;
  Running(std::shared_ptr<Editor> ed) : server(std::move(ed), new_token()) {
    port = server.bind(0);
    REQUIRE(port > 0);
    t = std::thread([this] { server.listen(); });
    for (int i = 0; i < 200; ++i) { // until it answers
      httplib::Client c("127.0.0.1", port);
      if (c.Get("/api/info"))
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~Running() {
    server.stop();
    t.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_default_headers({{"X-Vanban-Token", server.token()}});
    return c;
  }
};

// Sends raw bytes and returns what comes back (or "" on a closed socket).
std::string raw(int port, const std::string &bytes) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(s, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
    ::close(s);
    return "connect failed";
  }
  timeval tv{2, 0};
  ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!::write(s, bytes.data(), bytes.size());
  ::shutdown(s, SHUT_WR);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(s, buf, sizeof buf)) > 0)
    out.append(buf, size_t(n));
  ::close(s);
  return out;
}

} // namespace

TEST_CASE("HTTP: the token on every request, the Host checked, limits, and malformed requests survived") {
  Folder f;
  Running srv(editor(f));
  httplib::Client anon("127.0.0.1", srv.port);
  CHECK(anon.Get("/api/files")->status == 403);
  CHECK(anon.Get("/")->status == 403);
  CHECK(anon.Get("/app/js/main.js")->status == 403);
  CHECK(anon.Get("/fonts/regular.ttf")->status == 403);
  // The page with the token in the address sets the cookie the page's assets use.
  auto page = anon.Get(("/?t=" + srv.server.token()).c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find(srv.server.token()) != std::string::npos);
  CHECK(page->get_header_value("Set-Cookie").find("HttpOnly") != std::string::npos);
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
  httplib::Headers cookie = {{"Cookie", "vanban-" + std::to_string(srv.port) + "=" + srv.server.token()}};
  CHECK(anon.Get("/app/js/main.js", cookie)->status == 200);
  CHECK(anon.Get("/fonts/regular.ttf", cookie)->body.size() > 100000);
  // The API wants the header, not the cookie (a cross-site form could send a cookie).
  CHECK(anon.Get("/api/files", cookie)->status == 403);
  httplib::Headers wrong = {{"X-Vanban-Token", std::string(srv.server.token().size(), '0')}};
  CHECK(anon.Get("/api/files", wrong)->status == 403);

  auto c = srv.client();
  CHECK(c.Get("/api/files")->status == 200);
  // Another Host (DNS rebinding) is refused even with the token.
  httplib::Headers rebind = {{"X-Vanban-Token", srv.server.token()},
                             {"Host", "evil.example:" + std::to_string(srv.port)}};
  CHECK(anon.Get("/api/files", rebind)->status == 403);

  CHECK(c.Post("/api/new", "{not json", "application/json")->status == 400);
  CHECK(c.Post("/api/new", "{\"kind\": 3}", "application/json")->status == 400);
  CHECK(c.Post("/api/preview?name=x.xml", "[]", "application/json")->status == 400);
  CHECK(c.Get("/api/file?name=..%2F..%2Fetc%2Fpasswd")->status == 400);
  CHECK(c.Get("/api/file?name=nope.xml")->status == 404);
  CHECK(c.Get("/img/..%2Fchu-ky.png")->status == 404);
  CHECK(c.Get("/app/../../etc/passwd")->status == 404);
  CHECK(c.Get("/nothing")->status == 404);
  auto big =
      c.Post("/api/upload?name=x.png", std::string(kMaxBodyBytes + 10, 'x'), "application/octet-stream");
  CHECK((!big || big->status == 413));
  CHECK(c.Post("/api/upload?name=x.png", "GIF89a........................................",
               "application/octet-stream")
            ->status == 415);

  // Garbage on the socket: answered or closed, and the server goes on.
  raw(srv.port, "\x00\x01\x02 not http at all\r\n\r\n");
  raw(srv.port, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  raw(srv.port,
      "POST /api/preview HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999\r\n\r\nx");
  raw(srv.port, "POST /api/save HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
  raw(srv.port, "GET / HTTP/1.1\r\n" + std::string(10000, 'H') + ": v\r\n\r\n");
  CHECK(c.Get("/api/files")->status == 200);

  // A save through HTTP, then the same version again: refused.
  const std::string name = "ke-hoach-khoi-vhxh2-2024.xml";
  auto o = c.Get(("/api/file?name=" + name).c_str());
  auto j = nlohmann::json::parse(o->body);
  std::string v = j["version"];
  auto s1 = c.Put(("/api/file?name=" + name + "&version=" + v).c_str(), j["text"].get<std::string>() + "\n",
                  "application/xml");
  CHECK(s1->status == 200);
  auto s2 = c.Put(("/api/file?name=" + name + "&version=" + v).c_str(), "x", "application/xml");
  CHECK(s2->status == 409);
  CHECK(slurp(f.path(name)) == j["text"].get<std::string>() + "\n");
}

TEST_CASE("checks as you type are said in Vietnamese, with the command line's words kept beside") {
  Folder f;
  auto ed = editor(f);
  const std::string name = "ke-hoach-khoi-vhxh2-2024.xml";
  const std::string text = slurp(f.path(name));
  auto edit = [&](std::string from, std::string to) {
    std::string t = text;
    size_t at = t.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    t.replace(at, from.size(), to);
    return t;
  };
  auto year_at = text.find("year=\"2024\"");
  REQUIRE(year_at != std::string::npos);
  // Each edit makes the loader or the decree checks say something a clerk must read.
  std::vector<std::pair<std::string, std::string>> cases = {
      {edit("<date month=\"5\"/>", "<date day=\"31\" month=\"2\"/>"), "ngày 31/2/2024 không có"},
      {edit("<date month=\"5\"/>", "<date day=\"x\" month=\"5\"/>"), "không phải là số"},
      {edit("<date month=\"5\"/>", "<date day=\"40\" month=\"5\"/>"), "nằm ngoài khoảng"},
      {edit("<code>KH-KTĐ</code>", "<code>QĐ-KTĐ</code>"), "chữ viết tắt"},
      {edit("<code>KH-KTĐ</code>", "<code>KH KTĐ</code>"), "có dấu cách"},
      {edit("<place>Bắc Giang</place>", "<place> </place>"), "đang để trống"},
      {edit("<place>Bắc Giang</place>", ""), "chưa có Địa danh"},
      {edit("<document kind=\"ke-hoach\" year=\"2024\">", "<document kind=\"ke-hoach\" year=\"2029\">"),
       "quá một năm"},
      {edit("<title>Mục đích, yêu cầu</title>", "<title>Mục đích, yêu cầu</title><foo/>"),
       "không dùng được <foo>"},
      {edit("<parent>HỘI ĐỒNG<br/>", "<parent>HỘI ĐỒNG THI ĐUA KHEN THƯỞNG TỈNH BẮC GIANG RẤT DÀI<br/>"),
       "không vừa cột"},
  };
  for (const auto &[doc, want] : cases) {
    Reply r = ed->preview(name, doc, {});
    REQUIRE(r.status == 200);
    bool found = false;
    std::string all;
    for (const auto &d : r.body["diags"]) {
      std::string m = d["message"].get<std::string>() + " — " + d["hint"].get<std::string>();
      all += m + "\n";
      if (m.find(want) != std::string::npos) {
        found = true;
        CHECK_MESSAGE(d["translated"].get<bool>(), m);
        std::string en = d["text"];
        CHECK((en.find(": error: ") != std::string::npos || en.find(": warning: ") != std::string::npos));
      }
    }
    const std::string why = "wanted '" + want + "' among:\n" + all;
    CHECK_MESSAGE(found, why);
  }
  // A part a kind must have: a công văn without its trích yếu (the V/v line).
  const std::string letter = "cong-van-huong-dan-binh-xet-2024.xml";
  std::string cv = slurp(f.path(letter));
  size_t a = cv.find("<subject>"), b = cv.find("</subject>");
  REQUIRE((a != std::string::npos && b != std::string::npos));
  cv.erase(a, b + 10 - a);
  Reply r = ed->preview(letter, cv, {});
  REQUIRE(r.status == 200);
  bool said = false;
  for (const auto &d : r.body["diags"])
    said = said || (d["message"].get<std::string>().find("không có trích yếu") != std::string::npos &&
                    d["translated"].get<bool>());
  CHECK_MESSAGE(said, r.body["diags"].dump());
}
