// The body's blocks: paragraphs, numbered sections, lists, tables; the
// divisions and articles of texts with articles; the labelled lines of forms.
#include <algorithm>
#include <cstdlib>

#include "load/loader.hpp"

namespace vb::load::detail {

void Loader::blocks(const xmlNode *n, Blocks &out, int depth, const std::set<std::string> &allowed,
                    const std::string &allowed_text, size_t skip_first_n) {
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

void Loader::block(const xmlNode *c, Blocks &out, int depth) {
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
  } else if (nm == "part" || nm == "chapter" || nm == "division") {
    check_attrs(c, {});
    Part p;
    p.kind = nm == "part" ? Part::Kind::Part : nm == "chapter" ? Part::Kind::Chapter : Part::Kind::Division;
    p.loc = loc(c);
    const xmlNode *first = first_elem(c);
    if (!first || name_of(first) != "title") {
      error(c, "<" + nm + "> has no <title>", "add <title>…</title> as its first child");
    } else {
      p.title = inline_content(first, depth);
    }
    blocks(c, p.body, depth, body_set(), kBodyBlocks, first && name_of(first) == "title" ? 1 : 0);
    out.push_back(std::move(p));
  } else if (nm == "article" || nm == "clause" || nm == "point") {
    article(c, out, depth);
  } else if (nm == "field") {
    field(c, out, depth);
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

const std::set<std::string> &Loader::body_set() {
  static const std::set<std::string> s = {"p",     "section", "part",    "chapter",  "division", "article",
                                          "field", "targets", "bullets", "numbered", "phase",    "table"};
  return s;
}

// Điều, khoản, điểm: a title or a first paragraph, like a section's; each
// holds the next level down (an article its clauses, a clause its points).
void Loader::article(const xmlNode *c, Blocks &out, int depth) {
  check_attrs(c, {});
  std::string nm = name_of(c);
  Article a;
  a.level = nm == "article"  ? Article::Level::Article
            : nm == "clause" ? Article::Level::Clause
                             : Article::Level::Point;
  a.loc = loc(c);
  size_t skip = 0;
  const xmlNode *e = first_elem(c);
  if (e && name_of(e) == "title") {
    a.title = inline_content(e, depth);
    if (a.title.empty())
      error(e, "empty <title>", "write the " + nm + "'s title, or drop <title> and start with its <p>");
    ++skip;
  } else if (e && name_of(e) == "p") {
    a.runin = inline_content(e, depth); // runs on after "Điều 1." / "1." / "a)"
    ++skip;
  } else {
    error(c, "<" + nm + "> has neither a <title> nor a first <p>",
          "give it <title>…</title>, or start it with the <p> that follows its number");
  }
  static const std::set<std::string> in_article = {"p",        "clause", "targets", "bullets",
                                                   "numbered", "table",  "field"};
  static const std::set<std::string> in_clause = {"p", "point", "bullets", "numbered", "table", "field"};
  static const std::set<std::string> in_point = {"p", "bullets", "table"};
  if (a.level == Article::Level::Article)
    blocks(c, a.body, depth, in_article, "p, clause, targets, bullets, numbered, table, field", skip);
  else if (a.level == Article::Level::Clause)
    blocks(c, a.body, depth, in_clause, "p, point, bullets, numbered, table, field", skip);
  else
    blocks(c, a.body, depth, in_point, "p, bullets, table", skip);
  for (const xmlNode *x = c->children; x; x = x->next)
    if (is_elem(x) && name_of(x) == "title" && x != first_elem(c))
      error(x, "<title> must come first in <" + nm + ">", "move it up");
  out.push_back(std::move(a));
}

// A labelled line: <field label="Thời gian">8 giờ 00 …</field>, its text
// optionally followed by a dash list.
void Loader::field(const xmlNode *c, Blocks &out, int depth) {
  check_attrs(c, {"label"});
  Field f;
  f.loc = loc(c);
  auto label = attr(c, "label");
  if (!label || trim(*label).empty())
    error(c, "<field> has no label", "write <field label=\"Thời gian\">…</field>");
  else
    f.label = trim(*label);
  item_content(c, f.content, f.children, depth, 0);
  out.push_back(std::move(f));
}

const xmlNode *Loader::first_elem(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_elem(c))
      return c;
  return nullptr;
}

void Loader::section(const xmlNode *c, Blocks &out, int depth) {
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
  static const std::set<std::string> in_section = {"p",       "section",  "part",  "field", "targets",
                                                   "bullets", "numbered", "phase", "table"};
  blocks(c, s.body, depth, in_section, "p, section, part, field, targets, bullets, numbered, phase, table",
         skip);
  for (const xmlNode *x = c->children; x; x = x->next)
    if (is_elem(x) && skip && (name_of(x) == "title" || name_of(x) == "lead") && x != first_elem(c) &&
        !(name_of(x) == "lead" && s.runin.size()))
      error(x, "<" + name_of(x) + "> must come first in <section>", "move it up");
  out.push_back(std::move(s));
}

// Lists: items hold inline text, optionally followed by a nested list.
void Loader::list(const xmlNode *n, Blocks &out, int depth, ListItem::Kind kind, int nest) {
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
    item_content(c, li.content, li.children, depth, nest + 1);
    out.push_back(std::move(li));
  }
  if (!any)
    error(n, "<" + name_of(n) + "> is empty", std::string("add at least one <") + item_name + ">");
}

// An item's children: inline content first, then a nested list (at `nest`).
void Loader::item_content(const xmlNode *c, Inlines &content, Blocks &children, int depth, int nest) {
  xmlNode *tmp = xmlNewNode(nullptr, c->name);
  bool nested_seen = false;
  for (xmlNode *k = c->children; k; k = k->next) {
    bool is_list = is_elem(k) && (name_of(k) == "bullets");
    if (is_list) {
      nested_seen = true;
      list(k, children, depth + 1, ListItem::Kind::Dash, nest);
    } else if (nested_seen &&
               !(k->type == XML_TEXT_NODE && is_space(reinterpret_cast<const char *>(k->content)))) {
      error(k, "text after a nested list", "put the text before its <bullets>");
    } else if (!nested_seen) {
      xmlAddChild(tmp, xmlCopyNode(k, 1));
    }
  }
  // Copies carry no positions: map them to the original for messages.
  remap(tmp, c);
  content = inline_content(tmp, depth + 1);
  xmlFreeNode(tmp);
}

// Gives copied nodes the locations of their originals.
void Loader::remap(xmlNode *copy, const xmlNode *orig) {
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

void Loader::remap_deep(xmlNode *copy, const xmlNode *orig) {
  auto &els = const_cast<XmlSource &>(src).elements;
  const xmlNode *ok = orig->children;
  for (xmlNode *k = copy->children; k && ok; k = k->next, ok = ok->next) {
    if (is_elem(k)) {
      els[k] = src.loc(ok);
      remap_deep(k, ok);
    }
  }
}

void Loader::table(const xmlNode *n, Blocks &out, int depth) {
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

} // namespace vb::load::detail
