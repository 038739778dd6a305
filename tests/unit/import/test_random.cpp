// Documents never seen: random plans and covenants (every block the format
// has, nested at random, with bold, italic, notes and fields in the text)
// rendered to DOCX by vanban and imported back must give the same tree.
#include <cstdlib>
#include <doctest/doctest.h>
#include <random>

#include "app/pipeline.hpp"
#include "import/import.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"
#include "test_support.hpp"
#include "tree.hpp"

using namespace vb;

namespace {

const char *kWords[] = {"thi",  "đua",   "phong", "trào",  "cán",  "bộ",   "công",  "chức", "nhiệm",  "vụ",
                        "kế",   "hoạch", "tổ",    "thực",  "hiện", "đơn",  "vị",    "khen", "thưởng", "tập",
                        "thể",  "cá",    "nhân",  "chỉ",   "tiêu", "văn",  "hóa",   "xã",   "hội",    "kinh",
                        "tế",   "phát",  "triển", "nâng",  "cao",  "chất", "lượng", "hiệu", "quả",    "đẩy",
                        "mạnh", "tăng",  "cường", "Sở",    "Nội",  "Bắc",  "Giang", "15%",  "10/10",  "ngày",
                        "2024", "(01)",  "tỉnh",  "huyện", "thôn", "Nhân", "dân",   "đoàn", "kết",    "sáng"};
const char *kStart[] = {"Phát", "Tổ",  "Nâng", "Đẩy",  "Tiếp", "Thực",
                        "Tăng", "Xây", "Chủ",  "Phối", "Hoàn", "Giao"};

struct Gen {
  std::mt19937 rng;
  int r(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool chance(int pct) { return r(100) < pct; }

  std::string words(int lo, int hi) {
    std::string s = kStart[r(12)];
    int n = lo + r(hi - lo + 1);
    for (int i = 1; i < n; ++i)
      s += std::string(" ") + kWords[r(60)];
    return s;
  }
  // Inline text: words with bold, italic, a note, the year.
  std::string text(int lo, int hi, bool notes = true, const char *end = ".") {
    std::string s = kStart[r(12)];
    int n = lo + r(hi - lo + 1);
    for (int i = 1; i < n; ++i) {
      s += " ";
      int k = r(100);
      if (k < 4)
        s += "<b>" + std::string(kWords[r(60)]) + " " + kWords[r(60)] + "</b>";
      else if (k < 8)
        s += "<i>" + std::string(kWords[r(60)]) + " " + kWords[r(60)] + "</i>";
      else if (k < 10)
        s += "năm <year/>";
      else
        s += kWords[r(60)];
      if (notes && r(100) < 3)
        s += "<fn>" + words(3, 8) + "</fn>";
    }
    return s + end;
  }

  std::string list(bool targets, int depth) {
    std::string s = targets ? "<targets>" : "<bullets>";
    int n = 1 + r(4);
    for (int i = 0; i < n; ++i) {
      bool kids = depth < 2 && chance(25);
      // Dashes under a target follow a colon, as in the documents.
      std::string t = text(4, 18, true, kids && targets ? ":" : (chance(50) ? ";" : "."));
      s += targets ? "<target>" + t : "<item>" + t;
      if (kids)
        s += targets ? "<bullets mark=\"-\">" + items(depth + 1) + "</bullets>"
                     : "<bullets>" + items(depth + 1) + "</bullets>";
      s += targets ? "</target>" : "</item>";
    }
    return s + (targets ? "</targets>" : "</bullets>");
  }
  std::string items(int) {
    std::string s;
    for (int i = 0, n = 1 + r(3); i < n; ++i)
      s += "<item>" + text(3, 12) + "</item>";
    return s;
  }

  std::string table(bool in_appendix) {
    bool numbered = chance(60), header = numbered || chance(70), groups = numbered && chance(50);
    int cols = 2 + r(in_appendix ? 4 : 2);
    std::string s = std::string("<table") + (chance(20) && !numbered ? " borders=\"none\"" : "") +
                    (numbered ? " numbered=\"true\"" : "") + (header ? "" : " header=\"false\"") + ">";
    if (numbered)
      s += "<col width=\"1\" align=\"center\">STT</col>";
    for (int c = 0; c < cols; ++c)
      s += "<col width=\"" + std::to_string(1 + r(4)) + "\"" + (chance(20) ? " align=\"center\"" : "") + ">" +
           (header ? words(1, 3) : "") + "</col>";
    int rows = 1 + r(5);
    for (int k = 0; k < rows; ++k) {
      if (groups && (k == 0 || chance(25)))
        s += "<group>" + words(2, 4) + "</group>";
      s += "<row>";
      for (int c = 0; c < cols; ++c) {
        int kind = r(10);
        if (kind < 6)
          s += "<cell>" + text(1, 8, true, "") + "</cell>";
        else if (kind < 8)
          s += "<cell><p>" + text(2, 6) + "</p><p>" + text(2, 6) + "</p></cell>";
        else
          s += "<cell><bullets><item>" + text(2, 5) + "</item><item>" + text(2, 5) +
               "</item></bullets></cell>";
      }
      s += "</row>";
    }
    return s + "</table>";
  }

  // Once a section opens, only sections follow in its container: a
  // paragraph after a section's body reads the same inside it or after it,
  // and documents put it inside.
  std::string blocks(int depth, int count) {
    std::string s;
    bool after_targets = false, sections = false;
    for (int i = 0; i < count; ++i) {
      int k = sections ? 30 + r(25) : r(100);
      if (k < 30) {
        s += "<p>" + text(6, 30) + "</p>";
        after_targets = false;
      } else if (k < 55 && depth <= 4) {
        s += section(depth);
        after_targets = false;
        sections = true;
      } else if (k < 65) {
        s += list(true, 0);
        after_targets = true;
        continue;
      } else if (k < 77 && !after_targets) {
        s += list(false, 0);
      } else if (k < 85) {
        s += "<phase>" + text(3, 10, false, "") + "</phase>";
      } else if (k < 92) {
        s += table(false);
      } else {
        s += "<p>" + text(4, 12) + "</p>";
      }
      after_targets = false;
    }
    return s;
  }

  std::string section(int depth) {
    std::string s = "<section>";
    if (chance(60)) {
      s += "<title>" + text(2, 7, true, chance(20) ? ":" : "") + "</title>";
      if (chance(15))
        s += "<lead><i>“" + words(3, 8) + "”.</i></lead>";
    } else {
      s += "<p>" + text(8, 40) + "</p>";
    }
    if (depth < 4 && chance(70))
      s += blocks(depth + 1, 1 + r(3));
    return s + "</section>";
  }

  std::string document(bool covenant) {
    static const char *parents[] = {"ỦY BAN NHÂN DÂN<br/>TỈNH BẮC GIANG",
                                    "HỘI ĐỒNG<br/>THI ĐUA - KHEN THƯỞNG"};
    static const char *agencies[] = {"SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN<br/>XÃ TRÍ YÊN",
                                     "KHỐI THI ĐUA<br/>CÁC CƠ QUAN 2"};
    std::string s = std::string("<document kind=\"") + (covenant ? "giao-uoc" : "ke-hoach") + "\" year=\"" +
                    std::to_string(2020 + r(8)) + "\"><header>";
    if (chance(70))
      s += std::string("<parent>") + parents[r(2)] + "</parent>";
    s += std::string("<agency") + (chance(30) ? " short=\"Sở Nội vụ tỉnh Bắc Giang\"" : "") + ">" +
         agencies[r(3)] + "</agency>";
    if (!covenant)
      s += (chance(50) ? "<number>" + std::to_string(1 + r(300)) + "</number>" : "<number/>") +
           std::string("<code>KH-SNV</code>");
    s += "<place>Bắc Giang</place><date" +
         (chance(60) ? " day=\"" + std::to_string(1 + r(28)) + "\"" : std::string()) +
         (chance(70) ? " month=\"" + std::to_string(1 + r(12)) + "\"" : std::string()) + "/></header>";
    s += "<subject>" + text(3, 9, false, "") + (chance(40) ? "<br/>" + text(2, 6, false, "") : "") +
         "</subject>";
    s += "<opening>";
    if (!covenant)
      for (int i = 0, n = r(3); i < n; ++i)
        s += "<basis>Căn cứ " + text(5, 20, false, "") + "</basis>";
    s += "<p>" + text(10, 40) + "</p></opening>";
    if (covenant) {
      s += "<body><numbered>";
      for (int i = 0, n = 2 + r(5); i < n; ++i)
        s += "<item>" + text(10, 40) + "</item>";
      s += "</numbered></body>";
    } else {
      s += "<body>";
      for (int i = 0, n = 1 + r(4); i < n; ++i)
        s += section(1);
      s += "</body>";
    }
    s += "<closing><p>Trên đây là " + text(8, 25) + "/.</p></closing>";
    if (covenant) {
      static const char *units[] = {"Sở Ngoại vụ",
                                    "Bảo hiểm xã hội tỉnh",
                                    "Sở Văn hóa,<br/>Thể thao và Du lịch",
                                    "Sở Y tế",
                                    "Sở Lao động -<br/>Thương binh và Xã hội",
                                    "Sở Nội vụ"};
      s += "<parties>";
      for (int i = 0, n = 2 + r(5); i < n; ++i) {
        s += std::string("<party><unit>") + units[i % 6] + "</unit>";
        if (chance(30))
          s += "<title>GIÁM ĐỐC</title>";
        if (chance(40))
          s += "<name>Nguyễn Văn An</name>";
        s += "</party>";
      }
      s += "</parties>";
    } else {
      s += "<recipients>";
      for (int i = 0, n = 1 + r(4); i < n; ++i)
        s += "<to>" + words(2, 6) + (chance(30) ? " (b/c)" : "") + "</to>";
      s += "<archive>VT, VP</archive></recipients>";
      static const char *prefixes[] = {
          "", " prefix=\"TM.\"", " prefix=\"KT.\"", " prefix=\"TL.\"", " prefix=\"TUQ.\"", " prefix=\"Q.\""};
      s += std::string("<signature") + prefixes[r(6)] + "><authority>GIÁM ĐỐC</authority>";
      if (chance(60))
        s += "<title>PHÓ GIÁM ĐỐC</title>";
      if (chance(80))
        s += "<name>Trần Thị Bình</name>";
      s += "</signature>";
      for (int i = 0, n = r(100) < 40 ? 1 + r(2) : 0; i < n; ++i) {
        s += std::string("<appendix") + (chance(50) ? " orientation=\"landscape\"" : "") + "><title>" +
             text(3, 8, false, "") + "</title>";
        if (chance(50))
          s += "<p>" + text(6, 20) + "</p>";
        s += table(true) + "</appendix>";
      }
    }
    return s + "</document>";
  }
};

std::optional<model::Document> finalized(const std::string &xml, Diagnostics &d) {
  auto doc = load::load_string(xml, "random.xml", d);
  if (!doc)
    return std::nullopt;
  auto t = tmpl::load_template(testing::templates_dir(), doc->kind, d);
  if (!t)
    return std::nullopt;
  model::finalize(*doc, *t, nullptr);
  return doc;
}

} // namespace

TEST_CASE("random documents survive render → import of their DOCX") {
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd);
  REQUIRE_MESSAGE(fonts, fd.str());
  // VANBAN_IMPORT_RANDOM=N tries N documents (default 40).
  unsigned n = 40;
  if (const char *e = std::getenv("VANBAN_IMPORT_RANDOM"))
    n = unsigned(std::max(1, std::atoi(e)));
  for (unsigned seed = 1; seed <= n; ++seed) {
    Gen g{std::mt19937(seed)};
    std::string xml = g.document(seed % 4 == 0);
    CAPTURE(seed);
    Diagnostics d;
    auto doc = finalized(xml, d);
    REQUIRE_MESSAGE(doc, (d.str() + xml));
    auto t = tmpl::load_template(testing::templates_dir(), doc->kind, d);
    REQUIRE(t);
    app::Loaded loaded{*doc, *t, {}};
    app::Config cfg;
    cfg.pdf = false;
    auto r = app::render(loaded, *fonts, cfg, d);
    REQUIRE(r);
    imp::Options opt;
    opt.templates_dir = testing::templates_dir();
    Diagnostics id;
    auto back = imp::import_document(r->docx, "random.docx", opt, id);
    REQUIRE_MESSAGE(back, id.str());
    Diagnostics d2;
    auto again = finalized(*back, d2);
    REQUIRE_MESSAGE(again, (d2.str() + *back));
    std::string a = testing::tree_dump(*doc), b = testing::tree_dump(*again);
    CHECK_MESSAGE(a == b, (testing::first_difference(a, b) + "\n" + xml));
  }
}
