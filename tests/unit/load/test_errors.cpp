// Each kind of bad input gives one exact message at the right place.
#include <doctest/doctest.h>

#include "load/load.hpp"

using namespace vb;

namespace {
std::string first_error(const std::string &xml) {
  Diagnostics d;
  auto doc = load::load_string(xml, "bad.xml", d);
  CHECK(!doc);
  return d.items().empty() ? std::string("(no error)") : d.items()[0].str();
}
const std::string kHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
std::string doc_with(const std::string &header, const std::string &rest = "<subject>S</subject><body/>") {
  return kHead + "<document kind=\"ke-hoach\">\n" + header + "\n" + rest + "\n</document>\n";
}
const std::string kGoodHeader =
    "<header><agency>SỞ</agency><place>Bắc Giang</place><date year=\"2024\"/></header>";
} // namespace

TEST_CASE("malformed XML points at the break") {
  CHECK(first_error(kHead + "<document kind=\"ke-hoach\">\n  <header>\n</document>\n") ==
        "bad.xml:4:12: error: malformed XML: Opening and ending tag mismatch: header line 3 and document "
        "(fix the XML syntax here)");
}

TEST_CASE("an empty file") {
  CHECK(first_error("") ==
        "bad.xml:1:1: error: the file is empty (a data file starts with <document kind=\"…\">)");
}

TEST_CASE("the wrong root element") {
  CHECK(first_error(kHead + "<html/>") ==
        "bad.xml:2:1: error: the root element is <html>, not <document> (a vanban data file starts with "
        "<document kind=\"ke-hoach\">)");
}

TEST_CASE("an unknown element names what is allowed") {
  CHECK(first_error(doc_with(kGoodHeader, "<subject>S</subject><body>\n  <para>x</para></body>")) ==
        "bad.xml:5:3: error: unknown element <para> in <body> (allowed here: p, section, part, chapter, "
        "division, article, field, targets, bullets, numbered, phase, table)");
}

TEST_CASE("a missing required field") {
  CHECK(first_error(doc_with("<header><place>Bắc Giang</place><date year=\"2024\"/></header>")) ==
        "bad.xml:3:1: error: <header> has no <agency> (add <agency>TÊN CƠ QUAN BAN HÀNH</agency>: the "
        "issuing agency)");
}

TEST_CASE("a date that does not exist") {
  CHECK(
      first_error(doc_with("<header><agency>SỞ</agency><place>P</place>\n"
                           "  <date year=\"2024\" month=\"2\" day=\"30\"/></header>")) ==
      "bad.xml:4:31: error: 2024-02-30 is not a date: February 2024 has 29 days (fix the day or the month)");
}

TEST_CASE("a number that is not a number") {
  CHECK(first_error(doc_with("<header><agency>SỞ</agency><number>12a</number><place>P</place>"
                             "<date year=\"2024\"/></header>")) ==
        "bad.xml:3:28: error: document number '12a' is not a number (write digits only, or leave <number/> "
        "empty for a number assigned at registration)");
}

TEST_CASE("a month out of range") {
  CHECK(first_error(doc_with(
            "<header><agency>SỞ</agency><place>P</place><date year=\"2024\" month=\"13\"/></header>")) ==
        "bad.xml:3:62: error: month 13 is out of range 1–12 (write 1 to 12, or leave month out to keep it "
        "blank)");
}

TEST_CASE("a DOCTYPE (external entity, entity bomb) is refused before it is read") {
  std::string xxe = kHead + "<!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                            "<document kind=\"ke-hoach\">&x;</document>";
  std::string e = first_error(xxe);
  CHECK(e == "bad.xml:2:1: error: DOCTYPE declarations are not allowed (vanban data files have no DTD and no "
             "entities: remove the <!DOCTYPE …> block)");
  std::string bomb = kHead + "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i < 10; ++i)
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"" + std::string(10, '&') + "\">";
  bomb += "]><document>&lol9;</document>";
  CHECK(first_error(bomb).find("DOCTYPE declarations are not allowed") != std::string::npos);
}

TEST_CASE("an undeclared entity") {
  CHECK(
      first_error(doc_with(kGoodHeader, "<subject>S &nbsp;</subject><body/>")) ==
      "bad.xml:4:18: error: malformed XML: Entity 'nbsp' not defined (only &amp; &lt; &gt; &quot; &apos; and "
      "&#NNNN; are allowed)");
}

TEST_CASE("an unknown attribute and a bad signature prefix") {
  CHECK(first_error(doc_with(kGoodHeader, "<subject>S</subject><body><p align=\"x\">t</p></body>")) ==
        "bad.xml:4:30: error: unknown attribute 'align' on <p> (<p> takes no attributes)");
  CHECK(first_error(doc_with(
            kGoodHeader,
            "<subject>S</subject><body/>\n<signature prefix=\"K.T\"><authority>A</authority></signature>")) ==
        "bad.xml:5:12: error: signature prefix 'K.T' is not one of Decree 30's (use TM., KT., TL., TUQ. or "
        "Q. (or none))");
}

TEST_CASE("a table row with the wrong number of cells") {
  CHECK(first_error(doc_with(kGoodHeader, "<subject>S</subject><body><table><col>A</col><col>B</col>\n"
                                          "<row><cell>x</cell></row></table></body>")) ==
        "bad.xml:5:1: error: row has 1 cells, the table has 2 (give every <row> exactly 2 <cell>)");
}

TEST_CASE("invalid UTF-8") {
  std::string e = first_error(doc_with(kGoodHeader, "<subject>S \xC3\x28</subject><body/>"));
  CHECK(e.find("bad.xml:4:") == 0);
  CHECK(e.find("(save the file as UTF-8)") != std::string::npos);
}

TEST_CASE("deep nesting is refused") {
  std::string deep;
  for (int i = 0; i < 10000; ++i)
    deep += "<b>";
  std::string e = first_error(doc_with(kGoodHeader, "<subject>" + deep + "</subject><body/>"));
  CHECK(e.find("bad.xml:4:") == 0);
  CHECK(e.find("malformed XML: Excessive depth in document") != std::string::npos);
}

TEST_CASE("a namespace on the root says so, not \"<document>, not <document>\"") {
  CHECK(first_error(kHead + "<document xmlns=\"urn:x\" kind=\"ke-hoach\"/>") ==
        "bad.xml:2:1: error: <document> is in the XML namespace 'urn:x' (vanban data files use no namespace: "
        "remove "
        "the xmlns attribute)");
}

TEST_CASE("bytes that do not match the declared encoding: one located message, nothing printed raw") {
  CHECK(first_error(
            "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<document kind=\"ke-hoach\">\n<header><agency>Sở"
            "</agency></header></document>") == "bad.xml:3:18: error: malformed XML: the text does not match "
                                                "its declared encoding: input conversion failed "
                                                "due to input error, bytes 0xE1 0xBB 0x9F 0x3C (save the "
                                                "file as UTF-8 and declare encoding=\"UTF-8\")");
}

TEST_CASE("signature field names: no dot, no repeat") {
  std::string head = kGoodHeader + "<subject>S</subject><body/>";
  CHECK(first_error(doc_with(head, "<signature field=\"a.b\"><authority>X</authority></signature>")) ==
        "bad.xml:4:12: error: signature field name 'a.b' contains '.' (a dot makes a field hierarchy in PDF "
        "forms: "
        "use '-' or '_' instead)");
  std::string cov = kHead + "<document kind=\"giao-uoc\">\n" + kGoodHeader +
                    "<subject>S</subject><body/>\n<parties>\n<party field=\"x\"><unit>A</unit></party>\n"
                    "<party field=\"x\"><unit>B</unit></party>\n</parties>\n</document>\n";
  CHECK(first_error(cov) ==
        "bad.xml:6:8: error: signature field name 'x' is used twice (first at line 5, column 8) "
        "(give every signer's field its own name)");
}

TEST_CASE("<anniv> year and offset") {
  CHECK(first_error(doc_with(kGoodHeader,
                             "<subject><anniv event=\"e\" year=\"2025\" offset=\"1\"/></subject><body/>")) ==
        "bad.xml:4:39: error: <anniv> has both year and offset (keep one: year=\"2025\" or offset=\"1\")");
  CHECK(first_error(doc_with(kGoodHeader, "<subject><anniv event=\"e\" year=\"25\"/></subject><body/>")) ==
        "bad.xml:4:27: error: anniversary year 25 is out of range 1900–2200 (write a four-digit year)");
  Diagnostics d;
  auto doc = load::load_string(doc_with(kGoodHeader,
                                        "<subject><anniv event=\"e\" offset=\"+1\"/> <anniv event=\"f\" "
                                        "year=\"2030\"/></subject><body/>"),
                               "ok.xml", d);
  REQUIRE_MESSAGE(doc, d.str());
  REQUIRE(doc->anniv_refs.size() == 2);
  CHECK(doc->anniv_refs[0].offset == 1);
  CHECK(doc->anniv_refs[1].year == 2030);
}

TEST_CASE("image paths: a '..' segment leaves the folder, a name with dots does not") {
  std::string sig = "<signature><authority>X</authority><image src=\"%\"/></signature>";
  auto with = [&](const std::string &src) {
    std::string s = sig;
    s.replace(s.find('%'), 1, src);
    return doc_with(kGoodHeader + "<subject>S</subject><body/>", s);
  };
  CHECK(first_error(with("../x.png")) ==
        "bad.xml:4:43: error: image path '../x.png' leaves the data file's folder: "
        "the path goes up with '..' (put the PNG next to the data file (or below "
        "it) and give a relative path)");
  CHECK(first_error(with("/etc/passwd")).find("leaves the data file's folder: the path is absolute") !=
        std::string::npos);
  CHECK(first_error(with("a..b.png")) == "bad.xml:4:43: error: cannot read image 'a..b.png': No such file or "
                                         "directory (give a regular PNG file in the data file's folder)");
}

TEST_CASE("more elements than the limit: refused while parsing") {
  load::Limits lim;
  lim.max_elements = 1000;
  std::string many;
  for (int i = 0; i < 2000; ++i)
    many += "<br/>";
  Diagnostics d;
  CHECK(
      !load::load_string(doc_with(kGoodHeader, "<subject>" + many + "</subject><body/>"), "big.xml", d, lim));
  CHECK(d.str() == "big.xml:4:1: error: the document has more than 1000 elements (split it into several "
                   "documents)\n");
}
