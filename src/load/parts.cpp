// The parts around the body: Kính gửi, the minutes' particulars, the
// ending (Nơi nhận, signatures, signers side by side, parties), images of
// signatures and seals, attached texts.
#include "image/png.hpp"
#include "load/loader.hpp"
#include "util/fsio.hpp"

namespace vb::load::detail {

std::string Loader::image_path(const xmlNode *n) {
  check_attrs(n, {"src"});
  auto s = attr(n, "src");
  if (!s || s->empty()) {
    error(n, "<" + name_of(n) + "> has no src", "write src=\"chu-ky.png\" (a PNG next to the data file)");
    return {};
  }
  // Data may only point at PNGs beside it (or below): no absolute path, no
  // ".." segment, no symbolic link out of the folder.
  if (std::string why = path_leaves_folder(*s); !why.empty()) {
    attr_error(n, "src", "image path '" + *s + "' leaves the data file's folder: " + why,
               "put the PNG next to the data file (or below it) and give a relative path");
    return {};
  }
  std::string path = dir + *s;
  std::string err;
  auto bytes = read_beneath(dir, *s, err, image::kMaxFileBytes);
  if (!bytes) {
    attr_error(n, "src", "cannot read image '" + *s + "': " + err,
               "give a regular PNG file in the data file's folder");
    return {};
  }
  if (!image::probe(*bytes, err)) { // the whole file: a broken PNG is refused here, not embedded
    attr_error(n, "src", "cannot use image '" + *s + "': " + err,
               "signatures and seals must be complete PNG files of at most 4096 × 4096 pixels");
    return {};
  }
  return path;
}

void Loader::signature_children(const xmlNode *n, Signature &s, bool party, Party *p) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, party ? "use <unit>, <name>" : "use <authority>, <title>, <name>"))
      continue;
    if (!is_elem(c))
      continue;
    std::string nm = name_of(c);
    if (nm == "name") {
      check_attrs(c, {});
      s.name = plain(c);
    } else if (nm == "title") {
      check_attrs(c, {});
      s.title = plain(c);
    } else if (nm == "authority" && !party) {
      check_attrs(c, {});
      s.authority = plain(c);
    } else if (nm == "unit" && party) {
      check_attrs(c, {});
      p->unit = plain(c);
    } else if (nm == "image") {
      s.signature_image = image_path(c);
    } else if (nm == "seal") {
      s.seal_image = image_path(c);
    } else {
      unknown(c, n, party ? "unit, name, title, image, seal" : "authority, title, name, image, seal");
    }
  }
}

// A PDF signature field's name: unique in the document, and without '.',
// which AcroForm reads as a hierarchy (a.b = field b inside field a).
std::string Loader::field_name(const xmlNode *n) {
  auto f = attr(n, "field");
  if (!f)
    return {};
  std::string name = trim(*f);
  SourceLoc at = src.attr_loc(n, "field");
  if (name.empty()) {
    attr_error(n, "field", "empty signature field name", "give a name, or leave field out for the default");
    return {};
  }
  if (name.find('.') != std::string::npos) {
    attr_error(n, "field", "signature field name '" + name + "' contains '.'",
               "a dot makes a field hierarchy in PDF forms: use '-' or '_' instead");
    return {};
  }
  auto [it, fresh] = field_names.emplace(name, at);
  if (!fresh) {
    attr_error(n, "field",
               "signature field name '" + name + "' is used twice (first at line " +
                   std::to_string(it->second.line) + ", column " + std::to_string(it->second.col) + ")",
               "give every signer's field its own name");
    return {};
  }
  return name;
}

Signature Loader::signature(const xmlNode *n) {
  check_attrs(n, {"prefix", "field"});
  Signature s;
  s.loc = loc(n);
  if (auto p = attr(n, "prefix")) {
    static const std::set<std::string> ok = {"TM.", "KT.", "TL.", "TUQ.", "Q."};
    if (!ok.count(*p))
      attr_error(n, "prefix", "signature prefix '" + *p + "' is not one of Decree 30's",
                 "use TM., KT., TL., TUQ. or Q. (or none)");
    else
      s.prefix = *p;
  }
  s.field_name = field_name(n);
  signature_children(n, s, false, nullptr);
  if (trim(s.authority).empty())
    error(n, "<signature> has no <authority>",
          "add <authority>GIÁM ĐỐC</authority>: the collective or head the signer signs for");
  return s;
}

// Signers side by side, left to right (a Biên bản: THƯ KÝ, then CHỦ TỌA).
void Loader::signers(const xmlNode *n) {
  check_attrs(n, {});
  doc.signers_loc = loc(n);
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, "use <signature>") || !is_elem(c))
      continue;
    if (name_of(c) != "signature") {
      unknown(c, n, "signature");
      continue;
    }
    doc.signers.push_back(signature(c));
  }
  if (doc.signers.empty() || doc.signers.size() > 3)
    error(n, "<signers> holds " + std::to_string(doc.signers.size()) + " signatures",
          "give two (or three) <signature>, left to right: a Biên bản's THƯ KÝ, then CHỦ TỌA");
}

// Kính gửi: one <to> per addressee.
void Loader::addressees(const xmlNode *n) {
  check_attrs(n, {});
  Addressees a;
  a.loc = loc(n);
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, "put each addressee in <to>…</to>") || !is_elem(c))
      continue;
    if (name_of(c) != "to") {
      unknown(c, n, "to");
      continue;
    }
    check_attrs(c, {});
    std::string t = trim(plain(c));
    if (t.empty())
      error(c, "empty <to>", "write the addressee, e.g. <to>Ủy ban nhân dân tỉnh</to>");
    a.written.push_back(t);
  }
  if (a.written.empty())
    error(n, "<addressees> is empty", "add one <to> per addressee");
  doc.addressees = std::move(a);
}

// A Biên bản's particulars, in the decree's order, each with its wording
// (Mẫu 1.9) unless the data gives its own label.
void Loader::minutes(const xmlNode *n) {
  check_attrs(n, {});
  doc.minutes_loc = loc(n);
  static const std::vector<std::pair<std::string, std::string>> fields = {{"start", "Thời gian bắt đầu"},
                                                                          {"place", "Địa điểm"},
                                                                          {"attendees", "Thành phần tham dự"},
                                                                          {"chair", "Chủ trì"},
                                                                          {"secretary", "Thư ký"}};
  size_t last = 0;
  std::set<std::string> seen;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, "use <start>, <place>, <attendees>, <chair>, <secretary>") || !is_elem(c))
      continue;
    std::string nm = name_of(c);
    auto it = std::find_if(fields.begin(), fields.end(), [&](const auto &f) { return f.first == nm; });
    if (it == fields.end()) {
      unknown(c, n, "start, place, attendees, chair, secretary");
      continue;
    }
    size_t idx = size_t(it - fields.begin());
    if (!seen.insert(nm).second)
      error(c, "a second <" + nm + ">", "the minutes have one <" + nm + ">");
    else if (idx < last)
      error(c, "<" + nm + "> is out of order", "the order is: start, place, attendees, chair, secretary");
    last = std::max(last, idx);
    check_attrs(c, {"label"});
    Field f;
    f.loc = loc(c);
    f.label = it->second;
    if (auto l = attr(c, "label"); l && !trim(*l).empty())
      f.label = trim(*l);
    item_content(c, f.content, f.children, 1, 0);
    if (f.content.empty() && f.children.empty())
      error(c, "empty <" + nm + ">", "write the " + it->second + " of the meeting");
    doc.minutes.push_back(std::move(f));
  }
}

// A text the decision issues (Mẫu 1.3): its tên loại, trích yếu, body and
// optionally its signature.
void Loader::attachment(const xmlNode *n) {
  check_attrs(n, {});
  Attachment a;
  a.loc = loc(n);
  bool body = false;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (stray_text(c, n, "text belongs in the attachment's <body>") || !is_elem(c))
      continue;
    std::string nm = name_of(c);
    if (nm == "title") {
      check_attrs(c, {});
      a.title_text = inline_content(c, 2);
      if (a.title_text.empty())
        error(c, "empty <title>", "write the attached text's tên loại, e.g. <title>Quy chế</title>");
    } else if (nm == "subject") {
      check_attrs(c, {});
      a.subject_loc = loc(c);
      a.subject = subject_lines(c);
    } else if (nm == "body") {
      check_attrs(c, {});
      body = true;
      blocks(c, a.body, 2, body_set(), kBodyBlocks);
    } else if (nm == "signature") {
      a.signature = signature(c);
    } else {
      unknown(c, n, "title, subject, body, signature");
    }
  }
  if (a.title_text.empty())
    error(n, "<attachment> has no <title>", "start it with its tên loại: <title>Quy chế</title>");
  if (!body)
    error(n, "<attachment> has no <body>", "add <body> with its chapters and articles");
  doc.attachments.push_back(std::move(a));
}

void Loader::parties(const xmlNode *n) {
  check_attrs(n, {});
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_elem(c))
      continue;
    if (name_of(c) != "party") {
      unknown(c, n, "party");
      continue;
    }
    check_attrs(c, {"field"});
    Party p;
    p.loc = loc(c);
    p.signature.loc = p.loc;
    p.signature.field_name = field_name(c);
    signature_children(c, p.signature, true, &p);
    if (trim(p.unit).empty())
      error(c, "<party> has no <unit>", "add <unit>Sở Y tế</unit>");
    doc.parties.push_back(std::move(p));
  }
  if (doc.parties.empty())
    error(n, "<parties> is empty", "add one <party> per signing unit");
}

void Loader::recipients(const xmlNode *n) {
  check_attrs(n, {});
  doc.has_recipients = true;
  doc.recipients_loc = loc(n);
  bool archive = false;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_elem(c))
      continue;
    std::string nm = name_of(c);
    check_attrs(c, {});
    if (nm == "to") {
      if (archive)
        error(c, "<to> after <archive>", "the Lưu line is the last recipient: move <archive> to the end");
      doc.recipients.push_back(plain(c));
    } else if (nm == "archive") {
      if (archive)
        error(c, "a second <archive>", "keep one Lưu line: <archive>VT, VP</archive>");
      archive = true;
      doc.has_archive = true;
      std::string a = plain(c);
      if (a.rfind("Lưu", 0) != 0)
        a = "Lưu: " + a;
      doc.recipients.push_back(a);
    } else {
      unknown(c, n, "to, archive");
    }
  }
}

} // namespace vb::load::detail
