#include "import/xmlout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "model/finalize.hpp"

namespace vb::imp {

using model::Inline;
using model::Inlines;

namespace {

constexpr size_t kWidth = 100;

std::string esc(const std::string &s, bool attr = false) {
  std::string o;
  for (char c : s) {
    if (c == '&')
      o += "&amp;";
    else if (c == '<')
      o += "&lt;";
    else if (c == '>')
      o += "&gt;";
    else if (attr && c == '"')
      o += "&quot;";
    else
      o += c;
  }
  return o;
}

// A comment may not hold "--".
std::string comment(const std::string &s) {
  std::string t = s;
  for (size_t p; (p = t.find("--")) != std::string::npos;)
    t.replace(p, 2, "- -");
  if (!t.empty() && t.back() == '-')
    t += ' ';
  return "<!-- " + t + " -->";
}

std::string num(double w) {
  char buf[32];
  if (std::fabs(w - std::round(w)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%d", int(std::lround(w)));
  else
    std::snprintf(buf, sizeof buf, "%.1f", w);
  return buf;
}

std::string collapse_ws(const std::string &s) {
  size_t a = s.find_first_not_of(' ');
  return a == std::string::npos ? std::string() : s.substr(a);
}

// Display width in characters (UTF-8 continuation bytes do not count).
size_t width(const std::string &s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

struct Writer {
  const model::Document &doc;
  XmlNotes notes;
  std::string out;

  void line(int depth, const std::string &s) {
    out.append(size_t(depth) * 2, ' ');
    out += s;
    out += '\n';
  }

  // ------------------------------------------------------------ inlines
  std::string inl(const Inlines &in) const {
    std::string s;
    bool b = false, i = false;
    auto set = [&](bool nb, bool ni) {
      // Close italic inside bold first, reopen as needed: <b><i>…</i></b>.
      if (i && (!ni || nb != b)) {
        s += "</i>";
        i = false;
      }
      if (b && !nb) {
        s += "</b>";
        b = false;
      }
      if (nb && !b) {
        s += "<b>";
        b = true;
      }
      if (ni && !i) {
        s += "<i>";
        i = true;
      }
    };
    for (const auto &r : in) {
      switch (r.kind) {
      case Inline::Kind::Text:
        set(r.bold, r.italic);
        s += esc(r.text);
        break;
      case Inline::Kind::Break:
        s += "<br/>";
        break;
      case Inline::Kind::FootnoteRef:
        set(false, false);
        if (r.footnote >= 1 && size_t(r.footnote) <= doc.footnotes.size())
          s += "<fn>" + inl(doc.footnotes[size_t(r.footnote) - 1]) + "</fn>";
        break;
      case Inline::Kind::Field:
        set(r.bold, r.italic);
        if (r.text == "year") {
          s += "<year";
          if (r.offset)
            s += " offset=\"" + std::to_string(r.offset) + "\"";
          if (!r.form.empty() && r.form != "number")
            s += " form=\"" + esc(r.form, true) + "\"";
          s += "/>";
        } else if (r.text == "anniv") {
          s += "<anniv event=\"" + esc(r.ref, true) + "\"";
          if (!r.form.empty() && r.form != "full")
            s += " form=\"" + esc(r.form, true) + "\"";
          s += "/>";
        } else {
          s += "<" + r.text + "/>";
        }
        break;
      }
    }
    set(false, false);
    return s;
  }

  // `open` + content + `close`, wrapped at spaces outside tags.
  void wrapped(int depth, const std::string &open, const std::string &content, const std::string &close) {
    std::string all = open + content + close;
    size_t indent = size_t(depth) * 2;
    if (indent + width(all) <= kWidth) {
      line(depth, all);
      return;
    }
    std::string cur(indent, ' ');
    size_t cur_w = indent;
    bool first = true;
    size_t start = 0;
    bool in_tag = false;
    auto flush_word = [&](const std::string &w) {
      size_t ww = width(w);
      if (!first && cur_w + 1 + ww > kWidth) {
        out += cur + '\n';
        cur.assign(indent + 2, ' ');
        cur_w = indent + 2;
        cur += w;
        cur_w += ww;
      } else {
        if (!first) {
          cur += ' ';
          ++cur_w;
        }
        cur += w;
        cur_w += ww;
      }
      first = false;
    };
    for (size_t k = 0; k <= all.size(); ++k) {
      if (k < all.size() && all[k] == '<')
        in_tag = true;
      if (k < all.size() && all[k] == '>')
        in_tag = false;
      if (k == all.size() || (all[k] == ' ' && !in_tag)) {
        if (k > start)
          flush_word(all.substr(start, k - start));
        start = k + 1;
      }
    }
    out += cur + '\n';
  }

  void element(int depth, const std::string &name, const Inlines &in, const std::string &attrs = {}) {
    std::string c = inl(in);
    if (c.empty())
      line(depth, "<" + name + attrs + "/>");
    else
      wrapped(depth, "<" + name + attrs + ">", c, "</" + name + ">");
  }

  // ------------------------------------------------------------ comments
  // A comment wrapped at spaces like text, continuation lines indented.
  void note(int depth, const std::string &text) {
    std::string c = comment(text), cur(size_t(depth) * 2, ' ');
    bool first = true;
    size_t start = 0;
    while (start < c.size()) {
      size_t sp = c.find(' ', start);
      std::string w = c.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!first && width(cur) + 1 + width(w) > kWidth) {
        out += cur + '\n';
        cur = std::string(size_t(depth) * 2 + 5, ' ');
      } else if (!first) {
        cur += ' ';
      }
      cur += w;
      first = false;
      start = sp == std::string::npos ? c.size() : sp + 1;
    }
    out += cur + '\n';
  }

  void notes_for(int depth, int pos) {
    auto it = notes.by_pos.find(pos);
    if (it == notes.by_pos.end())
      return;
    for (const auto &n : it->second)
      note(depth, n);
    notes.by_pos.erase(it);
  }

  void year_note(int depth, const std::vector<const Inlines *> &ins) {
    if (!notes.year_comments)
      return;
    std::vector<std::pair<std::string, int>> years; // replacement, count
    std::vector<std::string> annivs;
    std::function<void(const Inlines &)> walk = [&](const Inlines &in) {
      for (const auto &r : in) {
        if (r.kind == Inline::Kind::FootnoteRef && r.footnote >= 1 &&
            size_t(r.footnote) <= doc.footnotes.size())
          walk(doc.footnotes[size_t(r.footnote) - 1]);
        if (r.kind != Inline::Kind::Field)
          continue;
        if (r.text == "anniv") {
          std::string a = r.ref + (r.form == "full" || r.form.empty() ? "" : " (" + r.form + ")");
          if (std::find(annivs.begin(), annivs.end(), a) == annivs.end())
            annivs.push_back(a);
          continue;
        }
        if (r.text != "year")
          continue;
        std::string was =
            r.form == "can-chi" ? model::can_chi(doc.year + r.offset) : std::to_string(doc.year + r.offset);
        std::string f = "<year";
        if (r.offset)
          f += " offset=\"" + std::to_string(r.offset) + "\"";
        if (r.form == "can-chi")
          f += " form=\"can-chi\"";
        f += "/>";
        std::string key = was + " → " + f;
        auto it = std::find_if(years.begin(), years.end(), [&](auto &p) { return p.first == key; });
        if (it == years.end())
          years.emplace_back(key, 1);
        else
          ++it->second;
      }
    };
    for (const auto *in : ins)
      walk(*in);
    std::string s;
    for (size_t k = 0; k < years.size(); ++k)
      s += (k ? ", " : "") + years[k].first +
           (years[k].second > 1 ? " ×" + std::to_string(years[k].second) : "");
    if (!annivs.empty()) {
      s += std::string(s.empty() ? "" : "; ") + "anniversaries counted for the year:";
      for (size_t k = 0; k < annivs.size(); ++k)
        s += (k ? ", " : " ") + annivs[k];
    }
    if (!s.empty())
      note(depth, s);
  }

  // ------------------------------------------------------------ blocks
  static const char *list_name(model::ListItem::Kind k) {
    switch (k) {
    case model::ListItem::Kind::Target:
      return "targets";
    case model::ListItem::Kind::Numbered:
      return "numbered";
    default:
      return "bullets";
    }
  }
  static bool same_list(model::ListItem::Kind a, model::ListItem::Kind b) { return a == b; }

  void items(int depth, const std::vector<const model::ListItem *> &list, bool nested) {
    const auto kind = list[0]->kind;
    std::string attrs;
    if (kind == model::ListItem::Kind::Plus && !nested)
      attrs = " mark=\"+\"";
    if (kind == model::ListItem::Kind::Dash && nested)
      attrs = " mark=\"-\"";
    line(depth, std::string("<") + list_name(kind) + attrs + ">");
    const char *item = kind == model::ListItem::Kind::Target ? "target" : "item";
    for (const auto *li : list) {
      notes_for(depth + 1, li->loc.line);
      year_note(depth + 1, {&li->content});
      std::vector<const model::ListItem *> kids;
      for (const auto &c : li->children)
        if (auto *k = std::get_if<model::ListItem>(&c))
          kids.push_back(k);
      if (kids.empty()) {
        element(depth + 1, item, li->content);
        continue;
      }
      wrapped(depth + 1, std::string("<") + item + ">", inl(li->content), "");
      items(depth + 2, kids, true);
      line(depth + 1, std::string("</") + item + ">");
    }
    line(depth, std::string("</") + list_name(kind) + ">");
  }

  void blocks(int depth, const model::Blocks &bs) {
    for (size_t i = 0; i < bs.size(); ++i) {
      const auto &b = bs[i];
      if (auto *li = std::get_if<model::ListItem>(&b)) {
        std::vector<const model::ListItem *> run{li};
        while (i + 1 < bs.size() && std::get_if<model::ListItem>(&bs[i + 1]) &&
               same_list(std::get<model::ListItem>(bs[i + 1]).kind, li->kind))
          run.push_back(&std::get<model::ListItem>(bs[++i]));
        items(depth, run, false);
        continue;
      }
      std::visit([&](const auto &v) { block(depth, v); }, static_cast<const model::Block::variant &>(b));
    }
  }

  void block(int depth, const model::Para &p) {
    notes_for(depth, p.loc.line);
    year_note(depth, {&p.content});
    element(depth, "p", p.content);
  }
  void block(int depth, const model::Basis &p) {
    notes_for(depth, p.loc.line);
    year_note(depth, {&p.content});
    element(depth, "basis", p.content);
  }
  void block(int depth, const model::Phase &p) {
    notes_for(depth, p.loc.line);
    year_note(depth, {&p.content});
    element(depth, "phase", p.content);
  }
  void block(int, const model::ListItem &) {}
  void block(int depth, const model::Section &s) {
    notes_for(depth, s.loc.line);
    line(depth, "<section>");
    year_note(depth + 1, {&s.title, &s.runin});
    if (!s.title.empty()) {
      element(depth + 1, "title", s.title);
      if (!s.runin.empty())
        element(depth + 1, "lead", s.runin);
    } else {
      element(depth + 1, "p", s.runin);
    }
    blocks(depth + 1, s.body);
    line(depth, "</section>");
  }
  void block(int depth, const model::Part &p) {
    const char *name = p.kind == model::Part::Kind::Chapter    ? "chapter"
                       : p.kind == model::Part::Kind::Division ? "division"
                                                               : "part";
    notes_for(depth, p.loc.line);
    line(depth, std::string("<") + name + ">");
    year_note(depth + 1, {&p.title});
    element(depth + 1, "title", p.title);
    blocks(depth + 1, p.body);
    line(depth, std::string("</") + name + ">");
  }
  void block(int depth, const model::Article &a) {
    const char *name = a.level == model::Article::Level::Article  ? "article"
                       : a.level == model::Article::Level::Clause ? "clause"
                                                                  : "point";
    notes_for(depth, a.loc.line);
    line(depth, std::string("<") + name + ">");
    year_note(depth + 1, {&a.title, &a.runin});
    if (!a.title.empty())
      element(depth + 1, "title", a.title);
    // Text after a title goes on as the article's first paragraph.
    if (a.title.empty() || !a.runin.empty())
      element(depth + 1, "p", a.runin);
    blocks(depth + 1, a.body);
    line(depth, std::string("</") + name + ">");
  }
  void block(int depth, const model::Field &f) {
    notes_for(depth, f.loc.line);
    std::string open = "<field label=\"" + esc(f.label, true) + "\">";
    if (f.children.empty()) {
      wrapped(depth, open, inl(f.content), "</field>");
      return;
    }
    wrapped(depth, open, inl(f.content), "");
    blocks(depth + 1, f.children);
    line(depth, "</field>");
  }
  void block(int depth, const model::Table &t) {
    notes_for(depth, t.loc.line);
    std::string attrs;
    if (!t.borders)
      attrs += " borders=\"none\"";
    if (t.numbered)
      attrs += " numbered=\"true\"";
    if (!t.header_row)
      attrs += " header=\"false\"";
    line(depth, "<table" + attrs + ">");
    bool same = true;
    for (const auto &c : t.columns)
      same = same && std::fabs(c.weight - t.columns[0].weight) < 1e-9;
    for (const auto &c : t.columns) {
      std::string a;
      if (!same)
        a += " width=\"" + num(c.weight) + "\"";
      switch (c.align) {
      case model::Column::Align::Center:
        a += " align=\"center\"";
        break;
      case model::Column::Align::Right:
        a += " align=\"right\"";
        break;
      case model::Column::Align::Justify:
        a += " align=\"justify\"";
        break;
      default:
        break;
      }
      Inlines h = c.header;
      for (auto &r : h)
        r.bold = false; // a header label is bold anyway
      element(depth + 1, "col", h, a);
    }
    for (const auto &r : t.rows) {
      notes_for(depth + 1, r.loc.line);
      if (r.kind == model::Row::Kind::Group) {
        Inlines g = r.group_title;
        for (auto &x : g)
          x.bold = false;
        year_note(depth + 1, {&g});
        element(depth + 1, "group", g);
        continue;
      }
      std::vector<const Inlines *> all;
      for (const auto &c : r.cells)
        for (const auto &b : c.content)
          if (auto *p = std::get_if<model::Para>(&b))
            all.push_back(&p->content);
          else if (auto *li = std::get_if<model::ListItem>(&b))
            all.push_back(&li->content);
      // A short row on one line; otherwise a cell a line.
      bool simple = true;
      for (const auto &c : r.cells)
        if (c.content.size() > 1 || (c.content.size() == 1 && !std::get_if<model::Para>(&c.content[0])))
          simple = false;
      if (simple) // else each block of a cell says its own
        year_note(depth + 1, all);
      std::string one = "<row>";
      for (const auto &c : r.cells) {
        std::string ci = c.content.empty() ? ""
                         : simple          ? inl(std::get<model::Para>(c.content[0]).content)
                                           : "";
        one += ci.empty() ? "<cell/>" : "<cell>" + ci + "</cell>";
      }
      one += "</row>";
      if (simple && size_t(depth + 1) * 2 + width(one) <= kWidth) {
        line(depth + 1, one);
        continue;
      }
      line(depth + 1, "<row>");
      for (const auto &c : r.cells) {
        if (c.content.empty()) {
          line(depth + 2, "<cell/>");
        } else if (c.content.size() == 1 && std::get_if<model::Para>(&c.content[0])) {
          element(depth + 2, "cell", std::get<model::Para>(c.content[0]).content);
        } else {
          line(depth + 2, "<cell>");
          blocks(depth + 3, c.content);
          line(depth + 2, "</cell>");
        }
      }
      line(depth + 1, "</row>");
    }
    line(depth, "</table>");
  }

  // ------------------------------------------------------------ document
  static Inlines lines_of(const std::vector<std::string> &ls) {
    Inlines in;
    for (size_t i = 0; i < ls.size(); ++i) {
      if (i) {
        Inline b;
        b.kind = Inline::Kind::Break;
        in.push_back(b);
      }
      Inline t;
      t.text = ls[i];
      in.push_back(t);
    }
    return in;
  }
  static Inlines text_with_breaks(const std::string &s) {
    std::vector<std::string> ls;
    size_t start = 0;
    for (;;) {
      size_t nl = s.find('\n', start);
      ls.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos)
        break;
      start = nl + 1;
    }
    return lines_of(ls);
  }
  void at(int depth, const std::string &key) {
    auto it = notes.at.find(key);
    if (it == notes.at.end())
      return;
    for (const auto &n : it->second)
      note(depth, n);
  }

  std::string run() {
    out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (!notes.preamble.empty())
      note(0, notes.preamble);
    const auto &h = doc.header;
    std::string root = "<document kind=\"" + esc(doc.kind, true) + "\"";
    if (doc.year)
      root += " year=\"" + std::to_string(doc.year) + "\"";
    line(0, root + ">");
    line(1, "<header>");
    if (!h.parent.empty())
      element(2, "parent", lines_of(h.parent));
    at(2, "agency");
    element(2, "agency", lines_of(h.agency),
            h.agency_in_text.empty() ? "" : " short=\"" + esc(h.agency_in_text, true) + "\"");
    if (h.number)
      line(2, "<number>" + std::to_string(*h.number) + "</number>");
    else if (!h.code.empty())
      line(2, "<number/>");
    if (!h.code.empty())
      line(2, "<code>" + esc(h.code) + "</code>");
    at(2, "place");
    element(2, "place", model::make_text(h.place));
    std::string d = "<date";
    if (h.day)
      d += " day=\"" + std::to_string(*h.day) + "\"";
    if (h.month)
      d += " month=\"" + std::to_string(*h.month) + "\"";
    if (h.year && h.year != doc.year)
      d += " year=\"" + std::to_string(h.year) + "\"";
    line(2, d + "/>");
    line(1, "</header>");
    out += '\n';
    Inlines subject;
    for (size_t i = 0; i < doc.subject.size(); ++i) {
      if (i) {
        Inline b;
        b.kind = Inline::Kind::Break;
        subject.push_back(b);
      }
      subject.insert(subject.end(), doc.subject[i].begin(), doc.subject[i].end());
    }
    year_note(1, {&subject});
    element(1, "subject", subject);
    if (!doc.issuer_text.empty()) {
      line(0, "");
      element(1, "issuer", doc.issuer_text);
    }
    if (!doc.opening.empty()) {
      out += '\n';
      line(1, "<opening>");
      blocks(2, doc.opening);
      line(1, "</opening>");
    }
    out += '\n';
    if (doc.body.empty()) {
      line(1, "<body/>");
    } else {
      line(1, "<body>");
      blocks(2, doc.body);
      line(1, "</body>");
    }
    if (!doc.closing.empty()) {
      out += '\n';
      line(1, "<closing>");
      blocks(2, doc.closing);
      line(1, "</closing>");
    }
    if (doc.has_recipients) {
      out += '\n';
      line(1, "<recipients>");
      for (const auto &r : doc.recipients) {
        if (r.rfind("Lưu:", 0) == 0)
          element(2, "archive", model::make_text(collapse_ws(r.substr(std::string("Lưu:").size()))));
        else
          element(2, "to", model::make_text(r));
      }
      line(1, "</recipients>");
    }
    if (!doc.drafter.empty())
      element(1, "drafter", model::make_text(doc.drafter));
    if (doc.signature) {
      const auto &s = *doc.signature;
      out += '\n';
      line(1, s.prefix.empty() ? "<signature>" : "<signature prefix=\"" + esc(s.prefix, true) + "\">");
      element(2, "authority", model::make_text(s.authority));
      if (!s.title.empty())
        element(2, "title", model::make_text(s.title));
      if (!s.name.empty())
        element(2, "name", model::make_text(s.name));
      line(1, "</signature>");
    }
    if (!doc.parties.empty()) {
      out += '\n';
      line(1, "<parties>");
      for (const auto &p : doc.parties) {
        std::string one = "<party><unit>" + inl(text_with_breaks(p.unit)) + "</unit>";
        if (!p.signature.title.empty())
          one += "<title>" + esc(p.signature.title) + "</title>";
        if (!p.signature.name.empty())
          one += "<name>" + esc(p.signature.name) + "</name>";
        one += "</party>";
        line(2, one);
      }
      line(1, "</parties>");
    }
    for (const auto &a : doc.appendices) {
      out += '\n';
      notes_for(1, a.loc.line);
      line(1, a.landscape ? "<appendix orientation=\"landscape\">" : "<appendix>");
      year_note(2, {&a.title});
      element(2, "title", a.title);
      blocks(2, a.body);
      line(1, "</appendix>");
    }
    line(0, "</document>");
    return out;
  }
};

} // namespace

std::string write_xml(const model::Document &doc, XmlNotes notes) {
  Writer w{doc, std::move(notes), {}};
  return w.run();
}

} // namespace vb::imp
