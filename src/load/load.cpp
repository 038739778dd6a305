// XML → model::Document. The walker checks structure itself first so that
// users get errors in their own terms ("<header> has no <agency>"), then the
// RELAX NG schema is enforced as a backstop for anything the walker allows.
#include "load/load.hpp"

#include <algorithm>
#include <cstring>
#include <libxml/tree.h>
#include <map>
#include <set>

#include "load/loader.hpp"
#include "load/xmlsrc.hpp"
#include "util/fsio.hpp"
#include "util/utf8.hpp"

namespace vb::load {

namespace detail {

void Loader::error(const xmlNode *n, const std::string &msg, const std::string &hint) {
  diags.error(file, loc(n), msg, hint);
}

void Loader::attr_error(const xmlNode *n, const char *a, const std::string &msg, const std::string &hint) {
  diags.error(file, src.attr_loc(n, a), msg, hint);
}

std::optional<std::string> Loader::attr(const xmlNode *n, const char *a) {
  xmlChar *v = xmlGetProp(n, reinterpret_cast<const xmlChar *>(a));
  if (!v)
    return std::nullopt;
  std::string s = nfc(reinterpret_cast<const char *>(v));
  xmlFree(v);
  return s;
}

// Only these attributes are allowed on `n`.
void Loader::check_attrs(const xmlNode *n, std::initializer_list<const char *> allowed) {
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    std::string an = reinterpret_cast<const char *>(a->name);
    bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char *x) { return an == x; });
    if (!ok) {
      std::string list;
      for (const char *x : allowed)
        list += (list.empty() ? "" : ", ") + std::string(x);
      attr_error(n, an.c_str(), "unknown attribute '" + an + "' on <" + name_of(n) + ">",
                 list.empty() ? "<" + name_of(n) + "> takes no attributes" : "allowed: " + list);
    }
  }
}

// Integer attribute or text in [lo, hi]; empty means absent.
std::optional<int> Loader::int_value(const xmlNode *n, const char *a, const std::string &raw, int lo, int hi,
                                     const std::string &what, const std::string &hint) {
  std::string s = trim(raw);
  if (s.empty())
    return std::nullopt;
  bool digits = s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto report = [&](const std::string &m) {
    if (a)
      attr_error(n, a, m, hint);
    else
      error(n, m, hint);
  };
  if (!digits) {
    report(what + " '" + s + "' is not a number");
    return std::nullopt;
  }
  int v = std::stoi(s);
  if (v < lo || v > hi) {
    report(what + " " + s + " is out of range " + std::to_string(lo) + "–" + std::to_string(hi));
    return std::nullopt;
  }
  return v;
}

std::string Loader::text_of(const xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char *>(c) : "";
  if (c)
    xmlFree(c);
  return nfc(s);
}

// Plain text of an element with only text and <br/> inside.
std::string Loader::plain(const xmlNode *n) {
  Inlines in;
  inlines(n, in, false, false, 0);
  tidy(in);
  return plain_text(in);
}

bool Loader::depth_ok(const xmlNode *n, int depth) {
  if (depth > limits.max_depth) {
    error(n, "elements nest deeper than " + std::to_string(limits.max_depth) + " levels",
          "flatten the structure: vanban documents need far fewer levels");
    return false;
  }
  return true;
}

// Element-only content: whitespace between elements is fine, other text
// is reported. Returns true when `c` is a text node (the caller skips it).
bool Loader::stray_text(const xmlNode *c, const xmlNode *parent, const std::string &hint) {
  if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
    return false;
  if (!is_space(reinterpret_cast<const char *>(c->content)))
    error(c->prev ? c->prev : parent, "text directly inside <" + name_of(parent) + ">", hint);
  return true;
}

void Loader::unknown(const xmlNode *c, const xmlNode *parent, const std::string &allowed) {
  error(c, "unknown element <" + name_of(c) + "> in <" + name_of(parent) + ">",
        allowed.empty() ? "<" + name_of(parent) + "> holds text only" : "allowed here: " + allowed);
}

void Loader::inlines(const xmlNode *n, Inlines &out, bool bold, bool italic, int depth, bool in_footnote) {
  if (!depth_ok(n, depth))
    return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      Inline r;
      r.text = collapse(nfc(reinterpret_cast<const char *>(c->content)));
      r.bold = bold;
      r.italic = italic;
      out.push_back(r);
      continue;
    }
    if (!is_elem(c))
      continue;
    std::string nm = name_of(c);
    if (nm == "b" || nm == "i") {
      check_attrs(c, {});
      inlines(c, out, bold || nm == "b", italic || nm == "i", depth + 1, in_footnote);
    } else if (nm == "br") {
      check_attrs(c, {});
      Inline r;
      r.kind = Inline::Kind::Break;
      out.push_back(r);
    } else if (nm == "fn") {
      check_attrs(c, {});
      if (in_footnote) {
        error(c, "a footnote inside a footnote", "move the inner <fn> out");
        continue;
      }
      Inlines body;
      inlines(c, body, false, false, depth + 1, true);
      tidy(body);
      doc.footnotes.push_back(std::move(body));
      Inline r;
      r.kind = Inline::Kind::FootnoteRef;
      r.footnote = int(doc.footnotes.size());
      out.push_back(r);
    } else if (nm == "year") {
      check_attrs(c, {"offset", "form"});
      Inline r = field("year", bold, italic);
      if (first_year_field.line == 0)
        first_year_field = loc(c);
      if (auto f = attr(c, "form")) {
        if (*f != "number" && *f != "can-chi")
          attr_error(c, "form", "form=\"" + *f + "\" is unknown", "use number (2024) or can-chi (Giáp Thìn)");
        else
          r.form = *f;
      }
      if (auto o = attr(c, "offset"))
        r.offset = signed_offset(c, *o, "write offset=\"-1\" for the year before");
      out.push_back(r);
    } else if (nm == "anniv") {
      check_attrs(c, {"event", "form", "year", "offset"});
      Inline r = field("anniv", bold, italic);
      anniv_year(c, r);
      if (r.year == 0 && first_year_field.line == 0)
        first_year_field = loc(c);
      auto ev = attr(c, "event");
      if (!ev || trim(*ev).empty())
        error(c, "<anniv> has no event",
              "write <anniv event=\"thanh-lap-dang\"/> (ids are in templates/calendar.toml)");
      else
        r.ref = trim(*ev);
      r.form = attr(c, "form").value_or("full");
      static const std::set<std::string> forms = {"full", "years", "range", "name", "date"};
      if (!forms.count(r.form))
        attr_error(c, "form", "form=\"" + r.form + "\" is unknown", "use full, years, range, name or date");
      doc.anniv_refs.push_back({r.ref, src.attr_loc(c, "event"), r.year, r.offset, r.form});
      out.push_back(r);
    } else if (nm == "party-count" || nm == "party-list") {
      check_attrs(c, {});
      out.push_back(field(nm.c_str(), bold, italic));
    } else {
      unknown(c, n, "b, i, fn, br, year, anniv, party-count, party-list");
    }
  }
}

// Which year an anniversary is counted for: the document's (default),
// year="2025", or offset="1" (a December plan for next year's days).
void Loader::anniv_year(const xmlNode *c, Inline &r) {
  auto y = attr(c, "year");
  auto o = attr(c, "offset");
  if (y && o) {
    attr_error(c, "offset", "<anniv> has both year and offset", "keep one: year=\"2025\" or offset=\"1\"");
    return;
  }
  if (y) {
    if (auto v = int_value(c, "year", *y, 1900, 2200, "anniversary year", "write a four-digit year"))
      r.year = *v;
  } else if (o) {
    r.offset = signed_offset(c, *o, "write offset=\"1\" for the year after the document's");
  }
}

// "-1", "+2", "3" within ±100.
int Loader::signed_offset(const xmlNode *c, const std::string &raw, const std::string &hint) {
  std::string s = trim(raw);
  bool neg = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+'))
    s = s.substr(1);
  auto v = int_value(c, "offset", s, 0, 100, "year offset", hint);
  return v ? (neg ? -*v : *v) : 0;
}

Inline Loader::field(const char *name, bool bold, bool italic) {
  Inline r;
  r.kind = Inline::Kind::Field;
  r.text = name;
  r.bold = bold;
  r.italic = italic;
  return r;
}

Inlines Loader::inline_content(const xmlNode *n, int depth, bool bold, bool italic) {
  Inlines in;
  inlines(n, in, bold, italic, depth);
  tidy(in);
  return in;
}

void Loader::header(const xmlNode *n) {
  check_attrs(n, {});
  Header &h = doc.header;
  h.loc = loc(n);
  bool agency = false, place = false, date = false;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, "use <parent>, <agency>, <number>, <code>, <place>, <date>") || !is_elem(c))
      continue;
    std::string nm = name_of(c);
    auto lines = [&](std::vector<std::string> &dst) {
      std::string s = plain(c);
      size_t start = 0;
      for (;;) {
        size_t nl = s.find('\n', start);
        std::string l = trim(s.substr(start, nl == std::string::npos ? nl : nl - start));
        if (!l.empty())
          dst.push_back(l);
        if (nl == std::string::npos)
          break;
        start = nl + 1;
      }
    };
    if (nm == "parent") {
      check_attrs(c, {});
      h.parent_loc = loc(c);
      lines(h.parent);
    } else if (nm == "agency") {
      check_attrs(c, {"short"});
      agency = true;
      h.agency_loc = loc(c);
      lines(h.agency);
      if (h.agency.empty())
        error(c, "empty <agency>", "write the issuing agency's name");
      if (auto s = attr(c, "short"))
        h.agency_in_text = *s;
    } else if (nm == "number") {
      check_attrs(c, {});
      h.number =
          int_value(c, nullptr, text_of(c), 1, 999999, "document number",
                    "write digits only, or leave <number/> empty for a number assigned at registration");
    } else if (nm == "code") {
      check_attrs(c, {});
      h.code_loc = loc(c);
      h.code = trim(text_of(c));
      if (h.code.find(' ') != std::string::npos || h.code.find('/') != std::string::npos)
        error(c, "ký hiệu '" + h.code + "' contains a space or '/'",
              "write it as KH-UBND: groups joined by '-', no spaces; the '/' is added");
    } else if (nm == "place") {
      check_attrs(c, {});
      place = true;
      h.place = trim(plain(c));
      if (h.place.empty())
        error(c, "empty <place>", "write the địa danh, e.g. <place>Bắc Giang</place>");
    } else if (nm == "date") {
      check_attrs(c, {"year", "month", "day"});
      date = true;
      h.date_loc = loc(c);
      date_attrs(c);
    } else {
      unknown(c, n, "parent, agency, number, code, place, date");
    }
  }
  if (!agency)
    error(n, "<header> has no <agency>", "add <agency>TÊN CƠ QUAN BAN HÀNH</agency>: the issuing agency");
  if (!place)
    error(n, "<header> has no <place>", "add <place>Bắc Giang</place>: the địa danh of the date line");
  if (!date)
    error(n, "<header> has no <date>",
          "add <date year=\"2024\" month=\"5\" day=\"12\"/> (day and month may be left out)");
}

void Loader::date_attrs(const xmlNode *c) {
  Header &h = doc.header;
  auto y = attr(c, "year");
  if (y && trim(*y) == "blank") {
    // A form printed for many uses: "năm 20…", written in by hand.
    h.year_blank = true;
    h.year = doc.year;
  } else if (!y || trim(*y).empty()) {
    // One edit moves a plan to next year: the date takes the document's year.
    if (doc.year == 0) {
      error(c, "<date> has no year and <document> none either", "write <document … year=\"2024\">");
      return;
    }
    h.year = doc.year;
  } else {
    auto yv = int_value(c, "year", *y, 1900, 2200, "year",
                        "write a four-digit year, e.g. year=\"2024\", or year=\"blank\" for a form");
    if (!yv)
      return;
    h.year = *yv;
  }
  if (auto m = attr(c, "month"))
    h.month = int_value(c, "month", *m, 1, 12, "month", "write 1 to 12, or leave month out to keep it blank");
  if (auto d = attr(c, "day"))
    h.day = int_value(c, "day", *d, 1, 31, "day", "write 1 to 31, or leave day out to keep it blank");
  if (h.day && h.month) {
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y4 = h.year;
    bool leap = (y4 % 4 == 0 && y4 % 100 != 0) || y4 % 400 == 0;
    int max = dim[*h.month - 1] + (*h.month == 2 && leap ? 1 : 0);
    if (*h.day > max) {
      static const char *months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
      char buf[64];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y4, *h.month, *h.day);
      attr_error(c, "day",
                 std::string(buf) + " is not a date: " + months[*h.month - 1] + " " + std::to_string(y4) +
                     " has " + std::to_string(max) + " days",
                 "fix the day or the month");
      h.day.reset();
    }
  }
}

// The trích yếu's lines: <br/> splits it.
std::vector<Inlines> Loader::subject_lines(const xmlNode *c) {
  std::vector<Inlines> out;
  Inlines line;
  for (auto &r : inline_content(c, 1)) {
    if (r.kind == Inline::Kind::Break) {
      out.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(r);
    }
  }
  out.push_back(std::move(line));
  return out;
}

void Loader::document(const xmlNode *root) {
  check_attrs(root, {"kind", "year", "numbering"});
  doc.file = file;
  auto kind = attr(root, "kind");
  if (!kind || trim(*kind).empty())
    error(root, "<document> has no kind", "write kind=\"ke-hoach\" (see `vanban templates`)");
  else
    doc.kind = trim(*kind);
  doc.kind_loc = src.attr_loc(root, "kind");
  if (auto y = attr(root, "year")) {
    if (auto v = int_value(root, "year", *y, 1900, 2200, "year", "write a four-digit year"))
      doc.year = *v;
  }
  if (auto nb = attr(root, "numbering")) {
    if (*nb != "roman" && *nb != "arabic")
      attr_error(root, "numbering", "numbering=\"" + *nb + "\" is not one of the decree's schemes",
                 "write roman (I., 1., 1.1., a)) or arabic (1., 1.1., a))");
    else
      doc.numbering = *nb;
  }
  // Children in this order; header and body are required.
  static const std::vector<std::string> order = {
      "header",  "title",   "subject", "issuer",     "addressees", "opening",
      "minutes", "body",    "closing", "recipients", "drafter",    "signature",
      "signers", "parties", "contact", "attachment", "appendix"};
  static const std::string order_text = "header, title, subject, issuer, addressees, opening, minutes, body, "
                                        "closing, recipients, drafter, signature, signers, parties, contact, "
                                        "attachment, appendix";
  int last = -1;
  std::set<std::string> seen;
  for (const xmlNode *c = root->children; c; c = c->next) {
    if (stray_text(c, root, "text belongs in <body> paragraphs"))
      continue;
    if (!is_elem(c))
      continue;
    std::string nm = name_of(c);
    auto it = std::find(order.begin(), order.end(), nm);
    if (it == order.end()) {
      unknown(c, root, order_text);
      continue;
    }
    int idx = int(it - order.begin());
    if (nm != "appendix" && nm != "attachment" && seen.count(nm)) {
      error(c, "a second <" + nm + ">", "a document has one <" + nm + ">");
      continue;
    }
    if (idx < last)
      error(c, "<" + nm + "> is out of order", "the order is: " + order_text);
    last = std::max(last, idx);
    seen.insert(nm);
    if (nm == "header") {
      header(c);
    } else if (nm == "title") {
      check_attrs(c, {});
      doc.title_loc = loc(c);
      doc.title_text = inline_content(c, 1);
      if (doc.title_text->empty())
        error(c, "empty <title>", "write the document's tên loại, or leave <title> out for the kind's");
    } else if (nm == "subject") {
      check_attrs(c, {});
      doc.subject_loc = loc(c);
      doc.has_subject = true;
      doc.subject = subject_lines(c);
    } else if (nm == "issuer") {
      check_attrs(c, {});
      doc.issuer_loc = loc(c);
      doc.issuer_text = inline_content(c, 1);
      if (doc.issuer_text.empty())
        error(c, "empty <issuer>", "write the issuing authority, e.g. Giám đốc Sở Nội vụ");
    } else if (nm == "addressees") {
      addressees(c);
    } else if (nm == "opening") {
      check_attrs(c, {});
      static const std::set<std::string> s = {"basis", "p"};
      blocks(c, doc.opening, 1, s, "basis, p");
    } else if (nm == "minutes") {
      minutes(c);
    } else if (nm == "body") {
      check_attrs(c, {});
      doc.body_loc = loc(c);
      blocks(c, doc.body, 1, body_set(), kBodyBlocks);
    } else if (nm == "closing") {
      check_attrs(c, {});
      static const std::set<std::string> s = {"p"};
      blocks(c, doc.closing, 1, s, "p");
    } else if (nm == "recipients") {
      recipients(c);
    } else if (nm == "drafter") {
      check_attrs(c, {});
      doc.drafter = plain(c);
    } else if (nm == "signature") {
      doc.signature = signature(c);
    } else if (nm == "signers") {
      signers(c);
    } else if (nm == "parties") {
      parties(c);
    } else if (nm == "contact") {
      check_attrs(c, {});
      doc.contact_loc = loc(c);
      doc.contact = inline_content(c, 1);
    } else if (nm == "attachment") {
      attachment(c);
    } else if (nm == "appendix") {
      appendix(c);
    }
  }
  if (!seen.count("header"))
    error(root, "<document> has no <header>",
          "add <header> with the agency, place and date (see docs/format.md)");
  if (!seen.count("body"))
    error(root, "<document> has no <body>", "add <body> with the sections of the document");
  if (seen.count("signature") && seen.count("signers"))
    error(root, "<document> has both <signature> and <signers>",
          "keep one: a single signer, or signers side by side");
  if (doc.year == 0)
    doc.year = doc.header.year;
  // A form whose year is left blank has no year for <year/> to print.
  if (doc.year == 0 && first_year_field.line > 0)
    diags.error(file, first_year_field,
                "<year/> and <anniv> need the document's year, and its date leaves it blank",
                "write year=\"2024\" on <document>, or the year itself in the text");
}

void Loader::appendix(const xmlNode *n) {
  check_attrs(n, {"orientation"});
  Appendix a;
  a.loc = loc(n);
  if (auto o = attr(n, "orientation")) {
    if (*o == "landscape")
      a.landscape = true;
    else if (*o != "portrait")
      attr_error(n, "orientation", "orientation=\"" + *o + "\" is unknown", "write landscape or portrait");
  }
  const xmlNode *first = first_elem(n);
  size_t skip = 0;
  if (!first || name_of(first) != "title") {
    error(n, "<appendix> has no <title>", "start it with <title>…</title>");
  } else {
    a.title = inline_content(first, 1);
    skip = 1;
  }
  blocks(n, a.body, 1, body_set(), kBodyBlocks, skip);
  doc.appendices.push_back(std::move(a));
}

} // namespace detail

using namespace vb::model;
using detail::Loader;
using detail::name_of;

std::optional<Document> load_string(const std::string &xml, const std::string &path, Diagnostics &diags,
                                    const Limits &limits, const Inspect &inspect) {
  size_t before = diags.error_count();
  if (xml.size() > limits.max_file_bytes) {
    diags.error(path, {}, "the file is larger than " + std::to_string(limits.max_file_bytes >> 20) + " MiB",
                "split the document; vanban reads data files of at most " +
                    std::to_string(limits.max_file_bytes >> 20) + " MiB");
    return std::nullopt;
  }
  auto src = parse_xml(xml, path, diags, limits.max_elements);
  if (!src)
    return std::nullopt;
  xmlNode *root = xmlDocGetRootElement(src->doc);
  if (!root) {
    diags.error(path, {1, 1}, "no root element", "a data file starts with <document kind=\"…\">");
    return std::nullopt;
  }
  if (name_of(root) != "document") {
    diags.error(path, src->loc(root), "the root element is <" + name_of(root) + ">, not <document>",
                "a vanban data file starts with <document kind=\"ke-hoach\">");
    return std::nullopt;
  }
  if (root->ns) {
    std::string uri = root->ns->href ? reinterpret_cast<const char *>(root->ns->href) : "";
    diags.error(path, src->loc(root), "<document> is in the XML namespace '" + uri + "'",
                "vanban data files use no namespace: remove the xmlns attribute");
    return std::nullopt;
  }
  Loader l{*src, path, diags, limits, {}, {}, {}, {}};
  size_t slash = path.rfind('/');
  l.dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  l.document(root);
  if (diags.error_count() > before)
    return std::nullopt;
  if (inspect) {
    inspect(l.doc, diags);
    if (diags.error_count() > before)
      return std::nullopt;
  }
  if (!validate_schema(*src, path, diags))
    return std::nullopt;
  return std::move(l.doc);
}

void prepare() {
  prepare_schema();
  (void)nfc("\xE1\xBB\x87"); // loads ICU's NFC data
}

std::optional<Document> load_file(const std::string &path, Diagnostics &diags, const Limits &limits,
                                  const Inspect &inspect) {
  std::string err;
  auto bytes = read_file(path, err, limits.max_file_bytes + 1);
  if (!bytes) {
    if (err.rfind("file is larger", 0) == 0)
      diags.error(path, {}, "the file is larger than " + std::to_string(limits.max_file_bytes >> 20) + " MiB",
                  "split the document");
    else
      diags.io_error(path, {}, "cannot read the file: " + err, "check the path and its permissions");
    return std::nullopt;
  }
  return load_string(*bytes, path, diags, limits, inspect);
}

} // namespace vb::load
