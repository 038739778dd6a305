// Characters no font can draw: neither the chosen faces nor the fallback
// face has them, so the PDF would show an empty box where the text has a
// letter. Reported once per character, where it first occurs.
#include <set>

#include "check/rules.hpp"

namespace vb::check {

namespace {

using namespace model;

struct Walker {
  const text::Fonts &fonts;
  const std::string &file;
  Diagnostics &diags;
  std::set<char32_t> seen;

  void text(const std::string &s, bool bold, bool italic, SourceLoc loc) {
    for (char32_t cp : fonts.uncovered(text::face_of(bold, italic), s)) {
      if (!seen.insert(cp).second)
        continue;
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", unsigned(cp));
      std::string ch;
      append_utf8(ch, cp);
      diags.error(file, loc,
                  std::string("no font has the character ") + hex + " '" + ch + "' (" +
                      fonts.path(text::Face::Regular) + ", fallback " + fonts.fallback_family() +
                      "): it would print as an empty box",
                  "replace the character, or choose a font that has it (vanban fonts, --font-family)");
    }
  }
  void inlines(const Inlines &in, SourceLoc loc) {
    for (const Inline &i : in)
      if (i.kind == Inline::Kind::Text)
        text(i.text, i.bold, i.italic, loc);
  }
  void blocks(const Blocks &bs, SourceLoc loc) {
    for (const Block &b : bs)
      std::visit([&](const auto &x) { block(x, loc); }, b);
  }
  void block(const Para &p, SourceLoc) { inlines(p.content, p.loc); }
  void block(const Basis &p, SourceLoc) { inlines(p.content, p.loc); }
  void block(const Phase &p, SourceLoc) { inlines(p.content, p.loc); }
  void block(const Section &s, SourceLoc) {
    inlines(s.title, s.loc);
    inlines(s.runin, s.loc);
    blocks(s.body, s.loc);
  }
  void block(const Part &p, SourceLoc) {
    inlines(p.title, p.loc);
    blocks(p.body, p.loc);
  }
  void block(const ListItem &i, SourceLoc) {
    inlines(i.content, i.loc);
    blocks(i.children, i.loc);
  }
  void block(const Article &a, SourceLoc) {
    text(a.label, a.level == Article::Level::Article, false, a.loc);
    inlines(a.title, a.loc);
    inlines(a.runin, a.loc);
    blocks(a.body, a.loc);
  }
  void block(const Field &f, SourceLoc) {
    text(f.label, false, false, f.loc);
    inlines(f.content, f.loc);
    blocks(f.children, f.loc);
  }
  void block(const Table &t, SourceLoc) {
    for (const Column &c : t.columns)
      inlines(c.header, t.loc);
    for (const Row &r : t.rows) {
      inlines(r.group_title, r.loc);
      for (const Cell &c : r.cells)
        blocks(c.content, r.loc);
    }
  }
  void signature(const Signature &s) {
    for (const std::string &l : s.lines)
      text(l, true, false, s.loc);
    text(s.name, true, false, s.loc);
  }
};

} // namespace

void font_coverage(const model::Document &doc, const text::Fonts &fonts, Diagnostics &diags) {
  Walker w{fonts, doc.file, diags, {}};
  const Header &h = doc.header;
  for (const std::string &l : h.parent)
    w.text(l, false, false, h.parent_loc);
  for (const std::string &l : h.agency)
    w.text(l, true, false, h.agency_loc);
  w.text(h.number_line, false, false, h.code_loc);
  w.text(h.date_line, false, true, h.date_loc);
  w.text(doc.title, true, false, doc.title_loc);
  for (const Inlines &s : doc.subject)
    w.inlines(s, h.loc);
  w.text(doc.issuer, true, false, doc.issuer_loc);
  w.text(doc.enacting, true, false, doc.body_loc);
  if (doc.addressees) {
    w.inlines(doc.addressees->label, doc.addressees->loc);
    for (const std::string &a : doc.addressees->items)
      w.text(a, false, false, doc.addressees->loc);
  }
  for (const Field &f : doc.minutes)
    w.block(f, f.loc);
  w.blocks(doc.opening, h.loc);
  w.blocks(doc.body, h.loc);
  w.blocks(doc.closing, h.loc);
  for (const std::string &r : doc.recipients)
    w.text(r, false, false, doc.recipients_loc);
  if (doc.signature)
    w.signature(*doc.signature);
  for (const Signature &s : doc.signers)
    w.signature(s);
  w.inlines(doc.contact, doc.contact_loc);
  for (const Party &p : doc.parties) {
    w.text(p.unit, false, false, p.loc);
    w.signature(p.signature);
  }
  for (const Inlines &f : doc.footnotes)
    w.inlines(f, h.loc);
  for (const Attachment &a : doc.attachments) {
    w.text(a.title, true, false, a.loc);
    for (const Inlines &s : a.subject)
      w.inlines(s, a.subject_loc);
    w.blocks(a.body, a.loc);
    if (a.signature)
      w.signature(*a.signature);
  }
  for (const Appendix &a : doc.appendices) {
    w.inlines(a.title, a.loc);
    w.blocks(a.body, a.loc);
  }
}

} // namespace vb::check
