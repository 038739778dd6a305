#include "import/import.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>

#include "import/readers.hpp"
#include "import/recognise.hpp"
#include "import/xmlout.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"

namespace vb::imp {

namespace {

// The year of the plan when no date line says it: the one the text names
// most often after "năm".
int guess_year(const model::Document &doc) {
  std::map<int, int> count;
  std::function<void(const model::Blocks &)> walk = [&](const model::Blocks &bs) {
    for (const auto &b : bs) {
      std::string t;
      if (auto *p = std::get_if<model::Para>(&b))
        t = model::plain_text(p->content, " ");
      else if (auto *s = std::get_if<model::Section>(&b)) {
        t = model::plain_text(s->title, " ") + " " + model::plain_text(s->runin, " ");
        walk(s->body);
      }
      for (size_t at = 0; (at = t.find("năm ", at)) != std::string::npos; at += 4) {
        std::string y = t.substr(at + 4, 4);
        if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos)
          ++count[std::stoi(y)];
      }
    }
  };
  for (const auto &l : doc.subject)
    walk({model::Para{l, {}}});
  walk(doc.opening);
  walk(doc.body);
  int best = 0, n = 0;
  for (auto [y, c] : count)
    if (c > n && y >= 1900 && y <= 2200) {
      best = y;
      n = c;
    }
  return best;
}
// A decision's opening: the authority's line in capitals before the căn cứ
// is its <issuer>; the "QUYẾT ĐỊNH:" line is printed by the template.
static void decision_lines(Ctx &ctx) {
  const Kind *k = ctx.kinds.by_name(ctx.doc.kind);
  if (!k || (!k->issuer && k->enacting.empty()))
    return;
  auto &op = ctx.doc.opening;
  for (size_t i = 0; i < op.size();) {
    auto *p = std::get_if<model::Para>(&op[i]);
    std::string t = p ? model::plain_text(p->content, " ") : "";
    while (!t.empty() && t.back() == ' ')
      t.pop_back();
    bool before_basis = std::none_of(op.begin(), op.begin() + long(i), [](const model::Block &b) {
      return std::holds_alternative<model::Basis>(b);
    });
    if (p && !k->enacting.empty() && t == k->enacting) {
      op.erase(op.begin() + long(i));
      continue;
    }
    if (p && k->issuer && ctx.doc.issuer_text.empty() && before_basis && !t.empty() && upper_vi(t) == t) {
      ctx.doc.issuer_text = p->content;
      ctx.doc.issuer_loc = p->loc;
      op.erase(op.begin() + long(i));
      continue;
    }
    ++i;
  }
}

} // namespace

std::optional<std::string> import_document(const std::string &bytes, const std::string &name,
                                           const Options &opt, Diagnostics &diags, const Limits &lim) {
  size_t before = diags.error_count();
  if (bytes.size() > lim.max_input) {
    diags.error(name, {}, "the file is larger than " + std::to_string(lim.max_input >> 20) + " MiB",
                "split the document; vanban imports files of at most that size");
    return std::nullopt;
  }
  if (bytes.empty()) {
    diags.error(name, {}, "the file is empty", "import a .docx or a text file");
    return std::nullopt;
  }
  Kinds kinds = Kinds::load(opt.templates_dir);
  if (kinds.all().empty()) {
    diags.error(opt.templates_dir, {}, "no templates found", "point --templates at the templates/ folder");
    return std::nullopt;
  }
  if (!opt.kind.empty() && !kinds.by_name(opt.kind)) {
    diags.error(name, {}, "unknown document kind '" + opt.kind + "'", "use one of: " + kinds.names());
    return std::nullopt;
  }
  bool zip =
      bytes.size() >= 4 && (bytes.compare(0, 4, "PK\x03\x04") == 0 || bytes.compare(0, 4, "PK\x05\x06") == 0);
  std::optional<Source> src = zip ? read_docx(bytes, name, diags, lim) : read_text(bytes, name, diags, lim);
  if (!src || diags.error_count() > before)
    return std::nullopt;
  repair(*src, diags);
  Ctx ctx{*src, opt, diags, kinds};
  ctx.items = items_of(*src);
  if (ctx.items.empty()) {
    diags.error(name, {}, "the document has no text", "import a document with its text");
    return std::nullopt;
  }
  if (!front(ctx))
    return std::nullopt;
  size_t app = find_appendices(ctx);
  opening(ctx, app);
  decision_lines(ctx);
  ending(ctx, app);
  appendices(ctx);
  auto &doc = ctx.doc;
  if (doc.year == 0)
    doc.year = doc.header.year;
  if (doc.year == 0) {
    doc.year = guess_year(doc);
    if (doc.year == 0) {
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
      doc.year = tm.tm_year + 1900;
    }
    ctx.warn(0, "the document's year is not on a date line: taking " + std::to_string(doc.year),
             "check year=\"…\" on <document>");
  }
  if (doc.header.year == 0)
    doc.header.year = doc.year;
  bind_notes(ctx);
  anniv_fields(ctx);
  year_fields(ctx);

  XmlNotes notes;
  size_t slash = name.find_last_of('/');
  notes.preamble = "Imported by vanban import from " +
                   (slash == std::string::npos ? name : name.substr(slash + 1)) +
                   ". vanban numbers sections and lists itself: the source's labels are not kept. "
                   "Comments mark what the import decided; see docs/import.md.";
  if (src->page_numbers)
    notes.preamble +=
        " " + std::to_string(src->page_numbers) + " page-number lines of the text were left out.";
  for (auto &[pos, list] : ctx.notes) {
    if (pos == -1)
      notes.at["agency"] = list;
    else if (pos == -2)
      notes.at["place"] = list;
    else
      notes.by_pos[pos] = list;
  }
  notes.year_comments = opt.year_fields;
  std::string xml = write_xml(doc, std::move(notes));
  // What we write must load: a failure here is the importer's bug, said so.
  Diagnostics check;
  if (!load::load_string(xml, name + ".xml", check)) {
    std::string first = check.items().empty() ? "" : check.items()[0].str();
    diags.error(name, {}, "internal error: the imported data does not load (" + first + ")",
                "please report this document");
    return std::nullopt;
  }
  return xml;
}

} // namespace vb::imp
