// XML → model::Document. The walker checks structure itself first so that
// users get errors in their own terms ("<header> has no <agency>"), then the
// RELAX NG schema is enforced as a backstop for anything the walker allows.
#include "load/load.hpp"

#include <algorithm>
#include <cstring>
#include <libxml/tree.h>
#include <map>
#include <set>

#include "image/png.hpp"
#include "load/xmlsrc.hpp"
#include "util/fsio.hpp"
#include "util/utf8.hpp"

namespace vb::load {

using namespace vb::model;

namespace {

std::string name_of(const xmlNode *n) {
  return reinterpret_cast<const char *>(n->name);
}

bool is_elem(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE;
}

bool is_space(const std::string &s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string collapse(const std::string &s) {
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

std::string trim(const std::string &s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos)
    return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Inline runs after whitespace collapsing: a space that meets a space, a
// line break or the paragraph's edge goes away, as in HTML.
void tidy(Inlines &in) {
  Inlines out;
  for (auto &r : in) {
    if (r.kind == Inline::Kind::Text) {
      if (r.text.empty())
        continue;
      bool prev_space = out.empty() || out.back().kind == Inline::Kind::Break ||
                        (out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
                         out.back().text.back() == ' ');
      if (prev_space && r.text.front() == ' ')
        r.text.erase(0, 1);
      if (r.text.empty())
        continue;
      if (!out.empty() && out.back().kind == Inline::Kind::Text && out.back().bold == r.bold &&
          out.back().italic == r.italic) {
        out.back().text += r.text;
        continue;
      }
    } else if (r.kind == Inline::Kind::Break) {
      if (!out.empty() && out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
          out.back().text.back() == ' ')
        out.back().text.pop_back();
    }
    out.push_back(std::move(r));
  }
  while (!out.empty() && out.back().kind == Inline::Kind::Text && !out.back().text.empty() &&
         out.back().text.back() == ' ') {
    out.back().text.pop_back();
    if (out.back().text.empty())
      out.pop_back();
  }
  in = std::move(out);
}

struct Loader {
  const XmlSource &src;
  std::string file;
  Diagnostics &diags;
  Limits limits;
  Document doc;
  std::string dir; // folder of the data file, for image paths ("" or ending in '/')
  std::map<std::string, SourceLoc> field_names; // signature fields named in the data

  SourceLoc loc(const xmlNode *n) const { return src.loc(n); }
  void error(const xmlNode *n, const std::string &msg, const std::string &hint = {}) {
    diags.error(file, loc(n), msg, hint);
  }
  void attr_error(const xmlNode *n, const char *a, const std::string &msg, const std::string &hint = {}) {
    diags.error(file, src.attr_loc(n, a), msg, hint);
  }

  std::optional<std::string> attr(const xmlNode *n, const char *a) {
    xmlChar *v = xmlGetProp(n, reinterpret_cast<const xmlChar *>(a));
    if (!v)
      return std::nullopt;
    std::string s = nfc(reinterpret_cast<const char *>(v));
    xmlFree(v);
    return s;
  }

  // Only these attributes are allowed on `n`.
  void check_attrs(const xmlNode *n, std::initializer_list<const char *> allowed) {
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
  std::optional<int> int_value(const xmlNode *n, const char *a, const std::string &raw, int lo, int hi,
                               const std::string &what, const std::string &hint) {
    std::string s = trim(raw);
    if (s.empty())
      return std::nullopt;
    bool digits =
        s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
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

  std::string text_of(const xmlNode *n) {
    xmlChar *c = xmlNodeGetContent(n);
    std::string s = c ? reinterpret_cast<const char *>(c) : "";
    if (c)
      xmlFree(c);
    return nfc(s);
  }

  // Plain text of an element with only text and <br/> inside.
  std::string plain(const xmlNode *n) {
    Inlines in;
    inlines(n, in, false, false, 0);
    tidy(in);
    return plain_text(in);
  }

  bool depth_ok(const xmlNode *n, int depth) {
    if (depth > limits.max_depth) {
      error(n, "elements nest deeper than " + std::to_string(limits.max_depth) + " levels",
            "flatten the structure: vanban documents need far fewer levels");
      return false;
    }
    return true;
  }

  // Element-only content: whitespace between elements is fine, other text
  // is reported. Returns true when `c` is a text node (the caller skips it).
  bool stray_text(const xmlNode *c, const xmlNode *parent, const std::string &hint) {
    if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
      return false;
    if (!is_space(reinterpret_cast<const char *>(c->content)))
      error(c->prev ? c->prev : parent, "text directly inside <" + name_of(parent) + ">", hint);
    return true;
  }

  void unknown(const xmlNode *c, const xmlNode *parent, const std::string &allowed) {
    error(c, "unknown element <" + name_of(c) + "> in <" + name_of(parent) + ">",
          allowed.empty() ? "<" + name_of(parent) + "> holds text only" : "allowed here: " + allowed);
  }

  // ------------------------------------------------------------ inlines
  void inlines(const xmlNode *n, Inlines &out, bool bold, bool italic, int depth, bool in_footnote = false) {
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
        if (auto f = attr(c, "form")) {
          if (*f != "number" && *f != "can-chi")
            attr_error(c, "form", "form=\"" + *f + "\" is unknown",
                       "use number (2024) or can-chi (Giáp Thìn)");
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
  void anniv_year(const xmlNode *c, Inline &r) {
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
  int signed_offset(const xmlNode *c, const std::string &raw, const std::string &hint) {
    std::string s = trim(raw);
    bool neg = !s.empty() && s[0] == '-';
    if (!s.empty() && (s[0] == '-' || s[0] == '+'))
      s = s.substr(1);
    auto v = int_value(c, "offset", s, 0, 100, "year offset", hint);
    return v ? (neg ? -*v : *v) : 0;
  }

  static Inline field(const char *name, bool bold, bool italic) {
    Inline r;
    r.kind = Inline::Kind::Field;
    r.text = name;
    r.bold = bold;
    r.italic = italic;
    return r;
  }

  Inlines inline_content(const xmlNode *n, int depth, bool bold = false, bool italic = false) {
    Inlines in;
    inlines(n, in, bold, italic, depth);
    tidy(in);
    return in;
  }

  // ------------------------------------------------------------ blocks
  static constexpr const char *kBodyBlocks = "p, section, part, targets, bullets, numbered, phase, table";

  void blocks(const xmlNode *n, Blocks &out, int depth, const std::set<std::string> &allowed,
              const std::string &allowed_text, size_t skip_first_n = 0) {
    if (!depth_ok(n, depth))
      return;
    size_t idx = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (stray_text(c, n, "wrap it in <p>…</p>"))
        continue;
      if (!is_elem(c))
        continue;
      if (idx++ < skip_first_n)
        continue;
      std::string nm = name_of(c);
      if (!allowed.count(nm)) {
        unknown(c, n, allowed_text);
        continue;
      }
      block(c, out, depth + 1);
    }
  }

  void block(const xmlNode *c, Blocks &out, int depth) {
    std::string nm = name_of(c);
    if (nm == "p") {
      check_attrs(c, {});
      out.push_back(Para{inline_content(c, depth), loc(c)});
    } else if (nm == "basis") {
      check_attrs(c, {});
      out.push_back(Basis{inline_content(c, depth), loc(c)});
    } else if (nm == "phase") {
      check_attrs(c, {});
      Phase ph;
      ph.content = inline_content(c, depth);
      ph.loc = loc(c);
      out.push_back(ph);
    } else if (nm == "section") {
      section(c, out, depth);
    } else if (nm == "part") {
      check_attrs(c, {});
      Part p;
      p.loc = loc(c);
      const xmlNode *first = first_elem(c);
      if (!first || name_of(first) != "title") {
        error(c, "<part> has no <title>", "add <title>…</title> as its first child");
      } else {
        p.title = inline_content(first, depth);
      }
      blocks(c, p.body, depth, body_set(), kBodyBlocks, first && name_of(first) == "title" ? 1 : 0);
      out.push_back(std::move(p));
    } else if (nm == "targets" || nm == "bullets" || nm == "numbered") {
      list(c, out, depth,
           nm == "targets"    ? ListItem::Kind::Target
           : nm == "numbered" ? ListItem::Kind::Numbered
                              : ListItem::Kind::Dash,
           0);
    } else if (nm == "table") {
      table(c, out, depth);
    }
  }

  static const std::set<std::string> &body_set() {
    static const std::set<std::string> s = {"p",       "section",  "part",  "targets",
                                            "bullets", "numbered", "phase", "table"};
    return s;
  }

  const xmlNode *first_elem(const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next)
      if (is_elem(c))
        return c;
    return nullptr;
  }

  void section(const xmlNode *c, Blocks &out, int depth) {
    check_attrs(c, {});
    Section s;
    s.loc = loc(c);
    size_t skip = 0;
    const xmlNode *e = first_elem(c);
    if (e && name_of(e) == "title") {
      s.title = inline_content(e, depth);
      if (s.title.empty())
        error(e, "empty <title>", "write the section's title, or drop <title> to number a paragraph");
      ++skip;
      e = e->next;
      while (e && !is_elem(e))
        e = e->next;
      if (e && name_of(e) == "lead") {
        s.runin = inline_content(e, depth);
        ++skip;
      }
    } else if (e && name_of(e) == "lead") {
      error(e, "<lead> without a <title>", "put <title>…</title> before <lead>, or use <p>");
      ++skip;
    } else if (e && name_of(e) == "p") {
      // Untitled: the label runs into this first paragraph.
      s.runin = inline_content(e, depth);
      ++skip;
    } else {
      error(c, "<section> has neither a <title> nor a first <p>",
            "give it <title>…</title>, or start it with the <p> that carries its number");
    }
    blocks(c, s.body, depth, body_set(), kBodyBlocks, skip);
    for (const xmlNode *x = c->children; x; x = x->next)
      if (is_elem(x) && skip && (name_of(x) == "title" || name_of(x) == "lead") && x != first_elem(c) &&
          !(name_of(x) == "lead" && s.runin.size()))
        error(x, "<" + name_of(x) + "> must come first in <section>", "move it up");
    out.push_back(std::move(s));
  }

  // Lists: items hold inline text, optionally followed by a nested list.
  void list(const xmlNode *n, Blocks &out, int depth, ListItem::Kind kind, int nest) {
    if (!depth_ok(n, depth))
      return;
    check_attrs(n, kind == ListItem::Kind::Dash ? std::initializer_list<const char *>{"mark"}
                                                : std::initializer_list<const char *>{});
    if (kind == ListItem::Kind::Dash) {
      if (auto m = attr(n, "mark")) {
        if (*m == "+")
          kind = ListItem::Kind::Plus;
        else if (*m != "-")
          attr_error(n, "mark", "bullet mark '" + *m + "' is not - or +", "write mark=\"-\" or mark=\"+\"");
      } else if (nest > 0) {
        kind = ListItem::Kind::Plus;
      }
    }
    const char *item_name = kind == ListItem::Kind::Target ? "target" : "item";
    bool any = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (stray_text(c, n, std::string("wrap it in <") + item_name + ">…</" + item_name + ">"))
        continue;
      if (!is_elem(c))
        continue;
      if (name_of(c) != item_name) {
        unknown(c, n, item_name);
        continue;
      }
      check_attrs(c, {});
      any = true;
      ListItem li;
      li.kind = kind;
      li.loc = loc(c);
      // Split the item's children: inline content first, then nested lists.
      xmlNode *tmp = xmlNewNode(nullptr, c->name);
      bool nested_seen = false;
      for (xmlNode *k = c->children; k; k = k->next) {
        bool is_list = is_elem(k) && (name_of(k) == "bullets");
        if (is_list) {
          nested_seen = true;
          list(k, li.children, depth + 1, ListItem::Kind::Dash, nest + 1);
        } else if (nested_seen &&
                   !(k->type == XML_TEXT_NODE && is_space(reinterpret_cast<const char *>(k->content)))) {
          error(k, "text after a nested list", "put the item's text before its <bullets>");
        } else if (!nested_seen) {
          xmlAddChild(tmp, xmlCopyNode(k, 1));
        }
      }
      // Copies carry no positions: map them to the original for messages.
      remap(tmp, c);
      li.content = inline_content(tmp, depth + 1);
      xmlFreeNode(tmp);
      out.push_back(std::move(li));
    }
    if (!any)
      error(n, "<" + name_of(n) + "> is empty", std::string("add at least one <") + item_name + ">");
  }

  // Gives copied nodes the locations of their originals.
  void remap(xmlNode *copy, const xmlNode *orig) {
    auto &els = const_cast<XmlSource &>(src).elements;
    std::vector<const xmlNode *> o;
    for (const xmlNode *k = orig->children; k; k = k->next)
      if (!(is_elem(k) && name_of(k) == "bullets"))
        o.push_back(k);
    size_t i = 0;
    for (xmlNode *k = copy->children; k && i < o.size(); k = k->next, ++i) {
      if (is_elem(k)) {
        els[k] = src.loc(o[i]);
        remap_deep(k, o[i]);
      }
    }
    els[copy] = src.loc(orig);
  }
  void remap_deep(xmlNode *copy, const xmlNode *orig) {
    auto &els = const_cast<XmlSource &>(src).elements;
    const xmlNode *ok = orig->children;
    for (xmlNode *k = copy->children; k && ok; k = k->next, ok = ok->next) {
      if (is_elem(k)) {
        els[k] = src.loc(ok);
        remap_deep(k, ok);
      }
    }
  }

  void table(const xmlNode *n, Blocks &out, int depth) {
    check_attrs(n, {"borders", "numbered", "header"});
    Table t;
    t.loc = loc(n);
    auto boolean = [&](const char *a, bool def) {
      auto v = attr(n, a);
      if (!v)
        return def;
      if (*v == "true")
        return true;
      if (*v == "false")
        return false;
      attr_error(n, a, std::string(a) + "=\"" + *v + "\" is not true or false", "write true or false");
      return def;
    };
    if (auto b = attr(n, "borders")) {
      if (*b == "none")
        t.borders = false;
      else if (*b != "all")
        attr_error(n, "borders", "borders=\"" + *b + "\" is not all or none",
                   "write borders=\"all\" or borders=\"none\"");
    }
    t.numbered = boolean("numbered", false);
    t.header_row = boolean("header", true);
    bool rows_started = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (stray_text(c, n, "put text in <cell> inside <row>"))
        continue;
      if (!is_elem(c))
        continue;
      std::string nm = name_of(c);
      if (nm == "col") {
        check_attrs(c, {"width", "align"});
        if (rows_started)
          error(c, "<col> after the rows", "list every <col> before the first <row> or <group>");
        Column col;
        col.header = inline_content(c, depth + 1, true);
        if (auto w = attr(c, "width")) {
          char *end = nullptr;
          double v = std::strtod(w->c_str(), &end);
          if (end == w->c_str() || *end || !(v > 0) || v > 1000)
            attr_error(c, "width", "column width '" + *w + "' is not a positive number",
                       "widths are relative, e.g. width=\"2\" is twice width=\"1\"");
          else
            col.weight = v;
        }
        if (auto a = attr(c, "align")) {
          static const std::map<std::string, Column::Align> al = {{"left", Column::Align::Left},
                                                                  {"center", Column::Align::Center},
                                                                  {"right", Column::Align::Right},
                                                                  {"justify", Column::Align::Justify}};
          auto it = al.find(*a);
          if (it == al.end())
            attr_error(c, "align", "align=\"" + *a + "\" is unknown", "use left, center, right or justify");
          else
            col.align = it->second;
        }
        t.columns.push_back(std::move(col));
      } else if (nm == "group") {
        check_attrs(c, {});
        rows_started = true;
        Row r;
        r.kind = Row::Kind::Group;
        r.loc = loc(c);
        r.group_title = inline_content(c, depth + 1, true);
        t.rows.push_back(std::move(r));
      } else if (nm == "row") {
        check_attrs(c, {});
        rows_started = true;
        Row r;
        r.loc = loc(c);
        for (const xmlNode *k = c->children; k; k = k->next) {
          if (stray_text(k, c, "put it in a <cell>"))
            continue;
          if (!is_elem(k))
            continue;
          if (name_of(k) != "cell") {
            unknown(k, c, "cell");
            continue;
          }
          check_attrs(k, {});
          Cell cell;
          bool has_blocks = false;
          for (const xmlNode *q = k->children; q; q = q->next)
            if (is_elem(q) && (name_of(q) == "p" || name_of(q) == "bullets"))
              has_blocks = true;
          if (has_blocks) {
            static const std::set<std::string> cs = {"p", "bullets"};
            blocks(k, cell.content, depth + 2, cs, "p, bullets");
          } else {
            cell.content.push_back(Para{inline_content(k, depth + 2), loc(k)});
          }
          r.cells.push_back(std::move(cell));
        }
        t.rows.push_back(std::move(r));
      } else {
        unknown(c, n, "col, group, row");
      }
    }
    if (t.columns.empty()) {
      error(n, "<table> has no <col>", "declare the columns first: <col width=\"1\">STT</col> …");
    } else {
      size_t want = t.columns.size() - (t.numbered ? 1 : 0);
      for (const auto &r : t.rows)
        if (r.kind == Row::Kind::Normal && r.cells.size() != want)
          diags.error(file, r.loc,
                      "row has " + std::to_string(r.cells.size()) + " cells, the table has " +
                          std::to_string(want) + (t.numbered ? " (plus the automatic STT column)" : ""),
                      "give every <row> exactly " + std::to_string(want) + " <cell>");
      if (t.numbered && t.columns.size() < 2)
        error(n, "a numbered table needs an STT column and at least one more", "add a <col>");
    }
    out.push_back(std::move(t));
  }

  // ------------------------------------------------------------ ending
  std::string image_path(const xmlNode *n) {
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

  void signature_children(const xmlNode *n, Signature &s, bool party, Party *p) {
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
  std::string field_name(const xmlNode *n) {
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

  void signature(const xmlNode *n) {
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
    doc.signature = std::move(s);
  }

  void parties(const xmlNode *n) {
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

  void recipients(const xmlNode *n) {
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

  // ------------------------------------------------------------ header
  void header(const xmlNode *n) {
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

  void date_attrs(const xmlNode *c) {
    Header &h = doc.header;
    auto y = attr(c, "year");
    if (!y || trim(*y).empty()) {
      // One edit moves a plan to next year: the date takes the document's year.
      if (doc.year == 0) {
        error(c, "<date> has no year and <document> none either", "write <document … year=\"2024\">");
        return;
      }
      h.year = doc.year;
    } else {
      auto yv = int_value(c, "year", *y, 1900, 2200, "year", "write a four-digit year, e.g. year=\"2024\"");
      if (!yv)
        return;
      h.year = *yv;
    }
    if (auto m = attr(c, "month"))
      h.month =
          int_value(c, "month", *m, 1, 12, "month", "write 1 to 12, or leave month out to keep it blank");
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

  // ------------------------------------------------------------ document
  void document(const xmlNode *root) {
    check_attrs(root, {"kind", "year"});
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
    // Children in this order; header and body are required.
    static const std::vector<std::string> order = {"header",  "subject",    "opening", "body",
                                                   "closing", "recipients", "drafter", "signature",
                                                   "parties", "appendix"};
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
        unknown(c, root,
                "header, subject, opening, body, closing, recipients, drafter, signature, parties, appendix");
        continue;
      }
      int idx = int(it - order.begin());
      if (nm != "appendix" && seen.count(nm)) {
        error(c, "a second <" + nm + ">", "a document has one <" + nm + ">");
        continue;
      }
      if (idx < last)
        error(c, "<" + nm + "> is out of order",
              "the order is: header, subject, opening, body, closing, recipients, drafter, signature, "
              "parties, appendix");
      last = std::max(last, idx);
      seen.insert(nm);
      if (nm == "header") {
        header(c);
      } else if (nm == "subject") {
        check_attrs(c, {});
        doc.subject_loc = loc(c);
        Inlines in = inline_content(c, 1);
        Inlines line;
        for (auto &r : in) {
          if (r.kind == Inline::Kind::Break) {
            doc.subject.push_back(std::move(line));
            line.clear();
          } else {
            line.push_back(r);
          }
        }
        doc.subject.push_back(std::move(line));
      } else if (nm == "opening") {
        check_attrs(c, {});
        static const std::set<std::string> s = {"basis", "p"};
        blocks(c, doc.opening, 1, s, "basis, p");
      } else if (nm == "body") {
        check_attrs(c, {});
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
        signature(c);
      } else if (nm == "parties") {
        parties(c);
      } else if (nm == "appendix") {
        appendix(c);
      }
    }
    if (!seen.count("header"))
      error(root, "<document> has no <header>",
            "add <header> with the agency, place and date (see docs/format.md)");
    if (!seen.count("subject"))
      error(root, "<document> has no <subject>", "add <subject>…</subject>: the trích yếu under the title");
    if (!seen.count("body"))
      error(root, "<document> has no <body>", "add <body> with the sections of the document");
    if (doc.year == 0)
      doc.year = doc.header.year;
  }

  void appendix(const xmlNode *n) {
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
};

} // namespace

std::optional<Document> load_string(const std::string &xml, const std::string &path, Diagnostics &diags,
                                    const Limits &limits) {
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
  Loader l{*src, path, diags, limits, {}, {}, {}};
  size_t slash = path.rfind('/');
  l.dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  l.document(root);
  if (diags.error_count() > before)
    return std::nullopt;
  if (!validate_schema(*src, path, diags))
    return std::nullopt;
  return std::move(l.doc);
}

void prepare() {
  prepare_schema();
  (void)nfc("\xE1\xBB\x87"); // loads ICU's NFC data
}

std::optional<Document> load_file(const std::string &path, Diagnostics &diags, const Limits &limits) {
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
  return load_string(*bytes, path, diags, limits);
}

} // namespace vb::load
