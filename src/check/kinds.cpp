// What each kind of document is made of (its template's layout family and
// parts): a part the kind does not have is an error, and so is a part it
// cannot do without (a decision's articles, a letter's Kính gửi, a
// covenant's parties, a trích yếu). Run on the loaded document before the
// schema, so that the message names the kind and the part.
#include <functional>

#include "check/rules.hpp"

namespace vb::check {

namespace {

using namespace model;
using tmpl::Family;
using tmpl::Need;

// "a Quyết định (cá biệt)": the kind as the template names it.
std::string a_kind(const tmpl::Template &t) {
  return "a " + (t.description.empty() ? t.kind : t.description);
}

struct Where {
  SourceLoc loc;
  bool found = false;
};

// The first block in `bs` (at any depth) for which `is` holds.
Where find(const Blocks &bs, const std::function<bool(const Block &)> &is) {
  for (const Block &b : bs) {
    if (is(b))
      return {std::visit([](const auto &x) { return x.loc; }, static_cast<const Block::variant &>(b)), true};
    const Blocks *inner = nullptr;
    if (auto *s = std::get_if<Section>(&b))
      inner = &s->body;
    else if (auto *p = std::get_if<Part>(&b))
      inner = &p->body;
    else if (auto *a = std::get_if<Article>(&b))
      inner = &a->body;
    if (inner)
      if (Where w = find(*inner, is); w.found)
        return w;
  }
  return {};
}

bool legal_unit(const Block &b) {
  auto *p = std::get_if<Part>(&b);
  return std::holds_alternative<Article>(b) || (p && p->kind != Part::Kind::Part);
}

bool article(const Block &b) {
  auto *a = std::get_if<Article>(&b);
  return a && a->level == Article::Level::Article;
}

} // namespace

void kind_parts(const Document &doc, const tmpl::Template &t, Diagnostics &diags) {
  const std::string &f = doc.file;
  const Family fam = t.family;
  const std::string kind = a_kind(t);
  auto refuse = [&](SourceLoc at, const std::string &part, const std::string &hint) {
    diags.error(f, at, kind + " has no " + part, hint);
  };

  // An attached text is signed by the decision that issues it: its own
  // signature is not printed, so it is refused rather than lost.
  for (const Attachment &a : doc.attachments)
    if (a.signature)
      diags.error(f, a.signature->loc, "an attached text's <signature> is not printed",
                  "remove it: the decision's signature covers the texts it issues");

  // ô 13 at the foot of page 1 is not laid out yet: refused rather than lost.
  if (!doc.contact.empty())
    diags.error(f, doc.contact_loc, "<contact> (ô 13, at the foot of page 1) is not printed yet",
                "remove it, or give the address in the body");

  // Parts the kind does not have.
  if (doc.title_text && fam == Family::Letter)
    refuse(doc.title_loc, "tên loại (Mẫu 1.5 prints none)", "remove <title>");
  if (doc.has_subject && t.subject == Need::None)
    refuse(doc.subject_loc, "trích yếu", "remove <subject>");
  if (!doc.issuer_text.empty() && t.issuer == Need::None)
    refuse(doc.issuer_loc, "issuer's line", "remove <issuer>; the agency is in <header>");
  if (doc.addressees && t.addressees == Need::None)
    refuse(doc.addressees->loc, "Kính gửi", "remove <addressees>; those who receive it go in <recipients>");
  if (!doc.minutes.empty() && fam != Family::Minutes)
    refuse(doc.minutes_loc, "minutes' particulars",
           "write them as the body's paragraphs, or use kind=\"bien-ban\"");
  if (!doc.signers.empty() && fam != Family::Minutes)
    refuse(doc.signers_loc, "signers side by side",
           fam == Family::Covenant || fam == Family::Agreement ? "give each party in <parties>"
                                                               : "give the one signer in <signature>");
  if (doc.signature && (fam == Family::Minutes || fam == Family::Covenant || fam == Family::Agreement))
    refuse(doc.signature->loc, "single <signature>",
           fam == Family::Minutes ? "give the secretary and the chair in <signers>, left to right"
                                  : "each party signs: give them in <parties>");
  if (!doc.parties.empty() && fam != Family::Covenant && fam != Family::Agreement)
    refuse(doc.parties.front().loc, "signing parties", "give the signer in <signature>");
  if (doc.has_recipients && !t.recipients)
    refuse(doc.recipients_loc, "Nơi nhận", "remove <recipients>");
  if (!doc.attachments.empty() && fam != Family::Decision)
    refuse(doc.attachments.front().loc, "attached text (Mẫu 1.3 is a decision's)",
           "make it an <appendix>, or issue it with a Quyết định");
  bool legal = fam == Family::Decision || fam == Family::Regulation || fam == Family::Agreement;
  if (!legal)
    for (const Blocks *bs : {&doc.body, &doc.closing})
      if (Where w = find(*bs, legal_unit); w.found)
        refuse(w.loc, "articles or chapters (Điều, Chương, Mục)",
               "number its parts with <section> (I., 1., a)); articles belong to decisions, regulations "
               "and contracts");

  // Parts it cannot do without.
  SourceLoc after_header = doc.header.loc;
  if (t.subject == Need::Required) {
    bool empty = true;
    for (const Inlines &l : doc.subject)
      empty = empty && plain_text(l).find_first_not_of(" ") == std::string::npos;
    if (!doc.has_subject)
      refuse(after_header, "trích yếu",
             fam == Family::Letter
                 ? "add <subject>…</subject> after <header>: it prints as \"V/v …\""
                 : "add <subject>…</subject> after <header>: the trích yếu under the tên loại");
    else if (empty)
      diags.error(f, doc.subject_loc, "the trích yếu of " + kind + " is empty",
                  "write what the document is about in <subject>");
  }
  if (t.issuer == Need::Required && doc.issuer_text.empty())
    refuse(doc.has_subject ? doc.subject_loc : after_header, "issuer's line",
           t.addressee_label == "{issuer} điện:"
               ? "add <issuer>Chủ tịch Ủy ban nhân dân tỉnh</issuer> after <subject>: it prints \"… điện:\""
               : "add <issuer>Giám đốc Sở Nội vụ</issuer> after <subject>: the authority that issues it");
  if (t.addressees == Need::Required && !doc.addressees)
    refuse(doc.has_subject ? doc.subject_loc : after_header, "Kính gửi (ô 9a)",
           "add <addressees><to>…</to></addressees> after <subject>");
  if (fam == Family::Decision && !find(doc.body, article).found)
    refuse(doc.body_loc, "articles", "write its provisions as <article>…</article>: Điều 1., Điều 2. …");
  if (fam == Family::Minutes) {
    if (doc.minutes.empty())
      refuse(after_header, "minutes' particulars (time, place, participants, chair, secretary)",
             "add <minutes> with <start>, <place>, <attendees>, <chair> and <secretary> before <body>");
    if (doc.signers.empty())
      refuse(doc.body_loc, "signatures of the secretary and the chair",
             "add <signers> with two <signature>: THƯ KÝ, then CHỦ TỌA");
  }
  if ((fam == Family::Covenant || fam == Family::Agreement) && doc.parties.empty())
    refuse(doc.body_loc, "signing parties", "add <parties> with one <party> per signing unit");
  for (const Attachment &a : doc.attachments)
    if (a.subject.empty() || plain_text(a.subject.front()).empty())
      diags.error(f, a.subject_loc.line ? a.subject_loc : a.loc, "the attached text has no trích yếu",
                  "add <subject>…</subject> after its <title>");
}

} // namespace vb::check
