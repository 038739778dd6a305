// The loader's walker, shared by its files: load.cpp (inline text, the
// header, the document's order), blocks.cpp (the body's blocks), parts.cpp
// (the parts around the body: Kính gửi, minutes, signatures, attachments).
// Internal to src/load.
#pragma once
#include <algorithm>
#include <libxml/tree.h>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "load/load.hpp"
#include "load/xmlsrc.hpp"

namespace vb::load::detail {

using namespace vb::model;

inline std::string name_of(const xmlNode *n) {
  return reinterpret_cast<const char *>(n->name);
}

inline bool is_elem(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE;
}

inline bool is_space(const std::string &s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

inline std::string collapse(const std::string &s) {
  std::string out;
  out.reserve(s.size());
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      sp = true;
      continue;
    }
    if (sp)
      out += ' ';
    sp = false;
    out += c;
  }
  if (sp)
    out += ' ';
  return out;
}

inline std::string trim(const std::string &s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos)
    return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

struct Loader {
  const XmlSource &src;
  std::string file;
  Diagnostics &diags;
  Limits limits;
  Document doc;
  std::string dir; // folder of the data file, for image paths ("" or ending in '/')
  std::map<std::string, SourceLoc> field_names; // signature fields named in the data
  SourceLoc first_year_field;                   // the first <year/> or <anniv>, which need a year

  SourceLoc loc(const xmlNode *n) const { return src.loc(n); }

  void error(const xmlNode *n, const std::string &msg, const std::string &hint = {});

  void attr_error(const xmlNode *n, const char *a, const std::string &msg, const std::string &hint = {});

  std::optional<std::string> attr(const xmlNode *n, const char *a);

  // Only these attributes are allowed on `n`.
  void check_attrs(const xmlNode *n, std::initializer_list<const char *> allowed);

  // Integer attribute or text in [lo, hi]; empty means absent.
  std::optional<int> int_value(const xmlNode *n, const char *a, const std::string &raw, int lo, int hi,
                               const std::string &what, const std::string &hint);

  std::string text_of(const xmlNode *n);

  // Plain text of an element with only text and <br/> inside.
  std::string plain(const xmlNode *n);

  bool depth_ok(const xmlNode *n, int depth);

  // Element-only content: whitespace between elements is fine, other text
  // is reported. Returns true when `c` is a text node (the caller skips it).
  bool stray_text(const xmlNode *c, const xmlNode *parent, const std::string &hint);

  void unknown(const xmlNode *c, const xmlNode *parent, const std::string &allowed);

  void inlines(const xmlNode *n, Inlines &out, bool bold, bool italic, int depth, bool in_footnote = false);

  // Which year an anniversary is counted for: the document's (default),
  // year="2025", or offset="1" (a December plan for next year's days).
  void anniv_year(const xmlNode *c, Inline &r);

  // "-1", "+2", "3" within ±100.
  int signed_offset(const xmlNode *c, const std::string &raw, const std::string &hint);

  static Inline field(const char *name, bool bold, bool italic);

  Inlines inline_content(const xmlNode *n, int depth, bool bold = false, bool italic = false);

  static constexpr const char *kBodyBlocks =
      "p, section, part, chapter, division, article, field, targets, bullets, numbered, phase, table";

  void blocks(const xmlNode *n, Blocks &out, int depth, const std::set<std::string> &allowed,
              const std::string &allowed_text, size_t skip_first_n = 0);

  void block(const xmlNode *c, Blocks &out, int depth);

  static const std::set<std::string> &body_set();

  const xmlNode *first_elem(const xmlNode *n);

  void section(const xmlNode *c, Blocks &out, int depth);

  // Lists: items hold inline text, optionally followed by a nested list.
  void list(const xmlNode *n, Blocks &out, int depth, ListItem::Kind kind, int nest);

  // Gives copied nodes the locations of their originals.
  void item_content(const xmlNode *c, Inlines &content, Blocks &children, int depth, int nest);
  void article(const xmlNode *c, Blocks &out, int depth);
  void field(const xmlNode *c, Blocks &out, int depth);

  void remap(xmlNode *copy, const xmlNode *orig);

  void remap_deep(xmlNode *copy, const xmlNode *orig);

  void table(const xmlNode *n, Blocks &out, int depth);

  std::string image_path(const xmlNode *n);

  void signature_children(const xmlNode *n, Signature &s, bool party, Party *p);

  // A PDF signature field's name: unique in the document, and without '.',
  // which AcroForm reads as a hierarchy (a.b = field b inside field a).
  std::string field_name(const xmlNode *n);

  Signature signature(const xmlNode *n);
  void signers(const xmlNode *n);
  void addressees(const xmlNode *n);
  void minutes(const xmlNode *n);
  void attachment(const xmlNode *n);
  std::vector<Inlines> subject_lines(const xmlNode *n);

  void parties(const xmlNode *n);

  void recipients(const xmlNode *n);

  void header(const xmlNode *n);

  void date_attrs(const xmlNode *c);

  void document(const xmlNode *root);

  void appendix(const xmlNode *n);
};

} // namespace vb::load::detail
