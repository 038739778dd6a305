// DOCX → Source. WordprocessingML is walked by local names, so transitional
// and strict documents read alike; inline containers (hyperlinks, content
// controls, smart tags, insertions, fields' results) are entered, what a
// reader of the page does not see (field codes, deletions, hidden text) is
// left out with a warning.
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "import/docx_styles.hpp"
#include "import/package.hpp"
#include "import/readers.hpp"
#include "load/load.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

namespace {

const char *kOfficeDocument = "officeDocument";

// Targets of a part's relationships by type suffix ("styles", "footnotes" …).
std::map<std::string, std::string> relationships(Package &pkg, const std::string &rels_name,
                                                 const std::string &base_dir, const std::string &file,
                                                 Diagnostics &diags) {
  std::map<std::string, std::string> out;
  auto bytes = pkg.read(rels_name, diags);
  if (!bytes)
    return out;
  auto part = parse_part(*bytes, file + "[" + rels_name + "]", diags);
  if (!part)
    return out;
  for (const xmlNode *r = part->root()->children; r; r = r->next) {
    if (!is(r, "Relationship") || attr(r, "TargetMode").value_or("") == "External")
      continue;
    std::string type = attr(r, "Type").value_or("");
    std::string target = attr(r, "Target").value_or("");
    size_t slash = type.rfind('/');
    type = slash == std::string::npos ? type : type.substr(slash + 1);
    if (target.empty())
      continue;
    // Targets are relative to the part's folder, or absolute from the root.
    target = target[0] == '/' ? target.substr(1) : base_dir + target;
    if (!out.count(type))
      out[type] = target;
  }
  return out;
}

struct Reader {
  Source &src;
  Diagnostics &diags;
  const Limits &lim;
  StyleSheet styles;
  Numbering numbering;
  int para_no = 0;
  int count = 0; // paragraphs and cells, against the cap
  bool over = false;
  // Section ends: the number of top-level blocks read when a section
  // closed, and whether its pages are landscape.
  std::vector<std::pair<size_t, bool>> sections;
  std::vector<Para> floating; // text-box paragraphs, placed after their anchor
  int hidden = 0, deleted = 0, pictures = 0, math = 0;
  int first_hidden = 0, first_deleted = 0, first_picture = 0;

  void add_text(Spans &out, std::string_view t, const RunProps &rp) {
    std::string s;
    for (size_t i = 0; i < t.size();) {
      char32_t c = next_cp(t, i);
      if (c == '\t') {
        s += ' ';
      } else if (c >= 0x20 && c != 0x7F) {
        append_utf8(s, c);
      }
    }
    if (s.empty())
      return;
    Span sp;
    sp.text = load::nfc(s);
    sp.bold = rp.bold.value_or(false);
    sp.italic = rp.italic.value_or(false);
    sp.caps = rp.caps.value_or(false);
    if (!out.empty() && out.back().kind == Span::Kind::Text && out.back().bold == sp.bold &&
        out.back().italic == sp.italic && out.back().caps == sp.caps) {
      out.back().text += sp.text;
      return;
    }
    out.push_back(std::move(sp));
  }
  void add(Spans &out, Span::Kind k, int note = 0) {
    Span sp;
    sp.kind = k;
    sp.note = note;
    out.push_back(sp);
  }

  // ------------------------------------------------------------ runs
  void run(const xmlNode *r, Spans &out, const RunProps &para_rp, int pos) {
    const xmlNode *rPr = child(r, "rPr");
    RunProps rp = run_props(rPr);
    if (auto rs = attr(child(rPr, "rStyle"), "val"))
      rp.inherit(styles.char_runs(*rs));
    rp.inherit(para_rp);
    bool superscript = attr(child(rPr, "vertAlign"), "val").value_or("") == "superscript";
    if (rp.hidden.value_or(false)) {
      if (!hidden++)
        first_hidden = pos;
      return;
    }
    for (const xmlNode *c = r->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is(c, "t")) {
        xmlChar *v = xmlNodeGetContent(c);
        if (v) {
          std::string t = reinterpret_cast<const char *>(v);
          xmlFree(v);
          // Raised digits typed as a note mark ("trị¹" made with superscript
          // formatting) read as the superscript digits they show.
          if (superscript && !t.empty() && t.find_first_not_of("0123456789") == std::string::npos) {
            static const char *sup[] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
                                        "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
            std::string u;
            for (char d : t)
              u += sup[d - '0'];
            t = u;
          }
          add_text(out, t, rp);
        }
      } else if (is(c, "tab") || is(c, "ptab")) {
        add(out, Span::Kind::Tab);
      } else if (is(c, "br") || is(c, "cr")) {
        if (attr(c, "type").value_or("textWrapping") == "textWrapping")
          add(out, Span::Kind::Break);
      } else if (is(c, "noBreakHyphen")) {
        add_text(out, "-", rp);
      } else if (is(c, "sym")) {
        long cp = std::strtol(attr(c, "char").value_or("").c_str(), nullptr, 16);
        // Symbol-font bullets live in the private-use area: show a bullet.
        std::string s;
        append_utf8(s, cp >= 0x20 && cp < 0xE000 ? char32_t(cp) : U'\u2022');
        add_text(out, s, rp);
      } else if (is(c, "footnoteReference")) {
        add(out, Span::Kind::NoteRef, std::atoi(attr(c, "id").value_or("0").c_str()));
      } else if (is(c, "endnoteReference")) {
        add(out, Span::Kind::NoteRef, kEndnote + std::atoi(attr(c, "id").value_or("0").c_str()));
      } else if (is(c, "delText")) {
        if (!deleted++)
          first_deleted = pos;
      } else if (is(c, "drawing") || is(c, "pict") || is(c, "object") || is(c, "AlternateContent")) {
        graphic(c, pos);
      }
      // instrText (field codes), footnoteRef (the mark inside a note),
      // separators, lastRenderedPageBreak, softHyphen: nothing a reader sees.
    }
  }

  // A drawing: the text of its text boxes becomes paragraphs after the
  // anchoring one; a picture is reported.
  void graphic(const xmlNode *g, int pos) {
    if (is(g, "AlternateContent")) {
      // The Choice and the Fallback hold the same text box twice: read one.
      const xmlNode *c = child(g, "Choice");
      graphic(c ? c : child(g, "Fallback"), pos);
      return;
    }
    bool text = false;
    find_boxes(g, text, 0, pos);
    if (!text) {
      if (!pictures++)
        first_picture = pos;
    }
  }
  void find_boxes(const xmlNode *n, bool &found, int depth, int pos) {
    if (!n || depth > 64)
      return;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (is(c, "txbxContent")) {
        found = true;
        std::vector<Block> inner;
        blocks(c, inner, false);
        for (auto &b : inner) {
          if (auto *p = std::get_if<Para>(&b))
            floating.push_back(std::move(*p));
          else if (auto *t = std::get_if<Table>(&b))
            flatten(*t, floating);
        }
        if (!inner.empty())
          diags.warning(src.name, {},
                        where(src, pos) + ": the text of a text box is placed after the paragraph it is in",
                        "move it where it belongs");
      } else if (is(c, "AlternateContent")) {
        const xmlNode *ch = child(c, "Choice");
        find_boxes(ch ? ch : child(c, "Fallback"), found, depth + 1, pos);
      } else if (c->type == XML_ELEMENT_NODE) {
        find_boxes(c, found, depth + 1, pos);
      }
    }
  }

  // Inline containers are entered; deletions and moved-away text are not.
  void inlines(const xmlNode *n, Spans &out, const RunProps &para_rp, int pos, int depth) {
    if (depth > 64)
      return;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is(c, "r")) {
        run(c, out, para_rp, pos);
      } else if (is(c, "del") || is(c, "moveFrom")) {
        if (!deleted++)
          first_deleted = pos;
      } else if (is(c, "oMath") || is(c, "oMathPara")) {
        if (!math++)
          diags.warning(src.name, {}, where(src, pos) + ": a formula is imported as its plain text",
                        "vanban documents have no formulas; check the text");
        math_text(c, out, para_rp, depth + 1);
      } else if (is(c, "pPr") || is(c, "bookmarkStart") || is(c, "bookmarkEnd") || is(c, "proofErr") ||
                 is(c, "commentRangeStart") || is(c, "commentRangeEnd")) {
        continue;
      } else if (is(c, "sdt")) {
        if (const xmlNode *sc = child(c, "sdtContent"))
          inlines(sc, out, para_rp, pos, depth + 1);
      } else {
        // hyperlink, ins, moveTo, smartTag, customXml, fldSimple, dir, bdo …
        inlines(c, out, para_rp, pos, depth + 1);
      }
    }
  }
  void math_text(const xmlNode *n, Spans &out, const RunProps &rp, int depth) {
    if (depth > 64)
      return;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (is(c, "t")) {
        xmlChar *v = xmlNodeGetContent(c);
        if (v) {
          add_text(out, reinterpret_cast<const char *>(v), rp);
          xmlFree(v);
        }
      } else if (c->type == XML_ELEMENT_NODE) {
        math_text(c, out, rp, depth + 1);
      }
    }
  }

  // ------------------------------------------------------------ blocks
  Para para(const xmlNode *p, bool top) {
    Para out;
    out.pos = ++para_no;
    if (++count > int(lim.max_paragraphs))
      over = true;
    const xmlNode *pPr = child(p, "pPr");
    std::string style = attr(child(pPr, "pStyle"), "val").value_or("");
    out.role = styles.role(style);
    out.align = align_value(pPr).value_or(styles.align(style).value_or(Align::Unknown));
    out.page_break = flag(pPr, "pageBreakBefore").value_or(false);
    RunProps para_rp = styles.para_runs(style);
    // Word's automatic number, written out as the page shows it.
    std::optional<NumRef> nr;
    if (const xmlNode *np = child(pPr, "numPr")) {
      NumRef r = styles.numbering(style).value_or(NumRef{});
      if (auto v = attr(child(np, "numId"), "val"))
        r.num = std::atoi(v->c_str());
      if (auto v = attr(child(np, "ilvl"), "val"))
        r.level = std::clamp(std::atoi(v->c_str()), 0, 8);
      nr = r;
    } else {
      nr = styles.numbering(style);
    }
    if (nr) {
      std::optional<bool> lbold;
      std::string label = numbering.next(*nr, lbold);
      if (!label.empty()) {
        RunProps lp;
        lp.bold = lbold ? lbold : run_props(child(pPr, "rPr")).bold;
        lp.inherit(para_rp);
        add_text(out.spans, label + " ", lp);
      }
    }
    inlines(p, out.spans, para_rp, out.pos, 0);
    if (top)
      if (const xmlNode *sp = child(pPr, "sectPr"))
        section_end(sp);
    return out;
  }

  void section_end(const xmlNode *sectPr) {
    const xmlNode *sz = child(sectPr, "pgSz");
    bool land = attr(sz, "orient").value_or("") == "landscape";
    long w = std::atol(attr(sz, "w").value_or("0").c_str()),
         h = std::atol(attr(sz, "h").value_or("0").c_str());
    if (w > 0 && h > 0 && w > h)
      land = true;
    pending_section = land;
    has_pending_section = true;
  }
  bool pending_section = false, has_pending_section = false;

  Table table(const xmlNode *tbl, int depth) {
    Table t;
    t.pos = para_no + 1;
    const xmlNode *tblPr = child(tbl, "tblPr");
    bool known = false;
    bool style_borders = styles.table_borders(attr(child(tblPr, "tblStyle"), "val").value_or(""), known);
    bool b = style_borders;
    if (const xmlNode *tb = child(tblPr, "tblBorders")) {
      b = false;
      for (const xmlNode *s = tb->children; s; s = s->next) {
        auto v = attr(s, "val");
        if (s->type == XML_ELEMENT_NODE && v && *v != "nil" && *v != "none")
          b = true;
      }
    }
    for (const xmlNode *g = child(child(tbl, "tblGrid"), "gridCol"); g; g = g->next)
      if (is(g, "gridCol"))
        t.widths.push_back(std::max(0.0, std::atof(attr(g, "w").value_or("0").c_str())));
    bool cell_borders = false;
    for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
      if (!is(tr, "tr"))
        continue;
      Row row;
      const xmlNode *trPr = child(tr, "trPr");
      row.header = flag(trPr, "tblHeader").value_or(false);
      int before = std::atoi(attr(child(trPr, "gridBefore"), "val").value_or("0").c_str());
      if (before > 0 && before < 64) {
        Cell c;
        c.span = before;
        row.cells.push_back(c);
      }
      for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
        const xmlNode *cell_node = tc;
        if (is(tc, "sdt"))
          cell_node = child(child(tc, "sdtContent"), "tc");
        if (!is(cell_node, "tc"))
          continue;
        Cell c;
        const xmlNode *tcPr = child(cell_node, "tcPr");
        c.span = std::clamp(std::atoi(attr(child(tcPr, "gridSpan"), "val").value_or("1").c_str()), 1, 64);
        if (const xmlNode *vm = child(tcPr, "vMerge"))
          c.merged = attr(vm, "val").value_or("continue") != "restart";
        if (const xmlNode *cb = child(tcPr, "tcBorders"))
          for (const xmlNode *s = cb->children; s; s = s->next) {
            auto v = attr(s, "val");
            if (s->type == XML_ELEMENT_NODE && v && *v != "nil" && *v != "none")
              cell_borders = true;
          }
        if (++count > int(lim.max_paragraphs))
          over = true;
        std::vector<Block> inner;
        blocks(cell_node, inner, false, depth + 1);
        for (auto &ib : inner) {
          if (auto *p = std::get_if<Para>(&ib)) {
            c.paras.push_back(std::move(*p));
          } else if (auto *nt = std::get_if<Table>(&ib)) {
            diags.warning(src.name, {},
                          where(src, nt->pos) + ": a table inside a table cell is imported as its paragraphs",
                          "vanban tables do not nest");
            flatten(*nt, c.paras);
          }
        }
        row.cells.push_back(std::move(c));
      }
      t.rows.push_back(std::move(row));
    }
    t.borders = b || cell_borders;
    return t;
  }

  static void flatten(Table &t, std::vector<Para> &out) {
    for (auto &r : t.rows)
      for (auto &c : r.cells)
        for (auto &p : c.paras)
          out.push_back(std::move(p));
  }

  void blocks(const xmlNode *n, std::vector<Block> &out, bool top, int depth = 0) {
    if (depth > 32 || over)
      return;
    for (const xmlNode *c = n->children; c && !over; c = c->next) {
      if (is(c, "p")) {
        out.push_back(para(c, top));
        for (auto &f : floating)
          out.push_back(std::move(f));
        floating.clear();
      } else if (is(c, "tbl")) {
        out.push_back(table(c, depth));
      } else if (is(c, "sdt")) {
        if (const xmlNode *sc = child(c, "sdtContent"))
          blocks(sc, out, top, depth + 1);
      } else if (is(c, "customXml") || is(c, "ins") || is(c, "moveTo")) {
        blocks(c, out, top, depth + 1);
      } else if (is(c, "sectPr") && top) {
        section_end(c);
      } else if (is(c, "altChunk")) {
        diags.warning(src.name, {},
                      where(src, para_no + 1) + ": an embedded document (altChunk) is not imported",
                      "open the document in Word and save it again: Word merges it into the text");
      }
      if (top && has_pending_section) {
        sections.emplace_back(out.size(), pending_section);
        has_pending_section = false;
      }
    }
  }

  // ------------------------------------------------------------ notes
  void notes(Package &pkg, const std::string &part, const char *elem, int key_base) {
    auto bytes = pkg.read(part, diags);
    if (!bytes)
      return;
    auto x = parse_part(*bytes, src.name + "[" + part + "]", diags);
    if (!x)
      return;
    for (const xmlNode *f = x->root()->children; f; f = f->next) {
      if (!is(f, elem))
        continue;
      std::string type = attr(f, "type").value_or("normal");
      if (type != "normal")
        continue;
      int id = std::atoi(attr(f, "id").value_or("0").c_str());
      Spans spans;
      std::vector<Block> inner;
      int saved = para_no;
      blocks(f, inner, false);
      para_no = saved; // notes do not count as body paragraphs
      for (auto &b : inner) {
        if (auto *p = std::get_if<Para>(&b)) {
          if (!spans.empty() && !p->spans.empty())
            add(spans, Span::Kind::Break);
          for (auto &s : p->spans)
            spans.push_back(std::move(s));
        }
      }
      // The text after the mark starts with the space Word puts there.
      while (!spans.empty() && spans.front().kind == Span::Kind::Text) {
        auto &t = spans.front().text;
        size_t k = t.find_first_not_of(' ');
        if (k == std::string::npos) {
          spans.erase(spans.begin());
          continue;
        }
        t.erase(0, k);
        break;
      }
      src.notes[key_base + id] = std::move(spans);
    }
  }
};

} // namespace

std::optional<Source> read_docx(std::string_view bytes, const std::string &name, Diagnostics &diags,
                                const Limits &lim) {
  size_t before = diags.error_count();
  auto pkg = Package::open(bytes, name, diags, lim);
  if (!pkg)
    return std::nullopt;
  Source src;
  src.name = name;
  src.docx = true;
  auto root = relationships(*pkg, "_rels/.rels", "", name, diags);
  std::string main = root.count(kOfficeDocument) ? root[kOfficeDocument] : "word/document.xml";
  if (diags.error_count() > before)
    return std::nullopt;
  if (pkg->has("mimetype") && !pkg->has(main)) {
    diags.error(name, {}, "this is an OpenDocument file (.odt), not a DOCX",
                "save it as .docx (LibreOffice: soffice --headless --convert-to docx FILE.odt)");
    return std::nullopt;
  }
  auto doc_bytes = pkg->read(main, diags);
  if (!doc_bytes) {
    if (diags.error_count() == before)
      diags.error(name, {}, "the archive has no " + main + ": it is a zip file but not a Word document",
                  "import a .docx or a text file");
    return std::nullopt;
  }
  size_t slash = main.rfind('/');
  std::string dir = slash == std::string::npos ? "" : main.substr(0, slash + 1);
  std::string rels_name = dir + "_rels/" + main.substr(dir.size()) + ".rels";
  auto rels = relationships(*pkg, rels_name, dir, name, diags);
  Reader r{src, diags, lim, {}, {}};
  if (rels.count("styles"))
    if (auto b = pkg->read(rels["styles"], diags))
      if (auto x = parse_part(*b, name + "[" + rels["styles"] + "]", diags))
        r.styles.read(x->root());
  if (rels.count("numbering"))
    if (auto b = pkg->read(rels["numbering"], diags))
      if (auto x = parse_part(*b, name + "[" + rels["numbering"] + "]", diags))
        r.numbering.read(x->root());
  if (diags.error_count() > before)
    return std::nullopt;
  auto doc = parse_part(*doc_bytes, name + "[" + main + "]", diags);
  if (!doc)
    return std::nullopt;
  const xmlNode *body = child(doc->root(), "body");
  if (!body) {
    diags.error(name + "[" + main + "]", {1, 1}, "the document has no body", "save the document again");
    return std::nullopt;
  }
  r.blocks(body, src.blocks, true);
  if (r.over) {
    diags.error(name, {},
                "the document has more than " + std::to_string(lim.max_paragraphs) + " paragraphs and cells",
                "split it: vanban imports documents of at most that size");
    return std::nullopt;
  }
  // Page orientation: each block takes its section's.
  size_t from = 0;
  for (const auto &section : r.sections) {
    size_t end = section.first;
    bool land = section.second; // a plain variable: lambdas cannot capture bindings in C++20
    for (size_t i = from; i < end && i < src.blocks.size(); ++i)
      std::visit([&](auto &b) { b.landscape = land; }, static_cast<Block::variant &>(src.blocks[i]));
    // A section break starts the next section on a new page.
    if (end < src.blocks.size())
      std::visit([&](auto &b) { b.page_break = true; }, static_cast<Block::variant &>(src.blocks[end]));
    from = end;
  }
  if (rels.count("footnotes"))
    r.notes(*pkg, rels["footnotes"], "footnote", 0);
  if (rels.count("endnotes")) {
    size_t n = src.notes.size();
    r.notes(*pkg, rels["endnotes"], "endnote", kEndnote);
    if (src.notes.size() > n)
      diags.warning(name, {}, "endnotes are imported as footnotes",
                    "vanban puts notes at the foot of the page");
  }
  if (diags.error_count() > before)
    return std::nullopt;
  if (r.pictures)
    diags.warning(name, {},
                  where(src, r.first_picture) + ": " + std::to_string(r.pictures) +
                      " picture(s) are not imported (first here)",
                  "signature and seal images go in <image>/<seal> of the signature, see docs/format.md");
  if (r.hidden)
    diags.warning(name, {},
                  where(src, r.first_hidden) + ": " + std::to_string(r.hidden) +
                      " run(s) of hidden text are left out (first here)",
                  "show hidden text in Word if it belongs to the document");
  if (r.deleted)
    diags.warning(name, {},
                  where(src, r.first_deleted) + ": tracked changes: " + std::to_string(r.deleted) +
                      " deletion(s) are left out and insertions kept (first here)",
                  "accept or reject the changes in Word to be sure");
  return src;
}

} // namespace vb::imp
