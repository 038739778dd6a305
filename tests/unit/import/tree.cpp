#include "tree.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "model/finalize.hpp"

namespace vb::testing {

using model::Inline;
using model::Inlines;

namespace {

// Runs merged; `implied_bold` clears bold a style gives anyway.
std::string runs(const Inlines &in, const model::Document &doc, bool implied_bold = false,
                 bool implied_italic = false) {
  std::string s;
  bool b = false, i = false;
  auto set = [&](bool nb, bool ni) {
    if (nb != b)
      s += nb ? "<b>" : "</b>";
    if (ni != i)
      s += ni ? "<i>" : "</i>";
    b = nb;
    i = ni;
  };
  for (const auto &r : in) {
    switch (r.kind) {
    case Inline::Kind::Text:
      set(r.bold && !implied_bold, r.italic && !implied_italic);
      s += r.text;
      break;
    case Inline::Kind::Break:
      s += "<br/>";
      break;
    case Inline::Kind::FootnoteRef:
      set(false, false);
      if (r.footnote >= 1 && size_t(r.footnote) <= doc.footnotes.size())
        s += "<fn>" + runs(doc.footnotes[size_t(r.footnote) - 1], doc) + "</fn>";
      break;
    case Inline::Kind::Field:
      s += "<field " + r.text + ">";
      break;
    }
  }
  set(false, false);
  // "<b>a</b><b>b</b>" and "<b>ab</b>" are the same text.
  for (size_t p; (p = s.find("</b><b>")) != std::string::npos;)
    s.erase(p, 7);
  for (size_t p; (p = s.find("</i><i>")) != std::string::npos;)
    s.erase(p, 7);
  return s;
}

struct Dumper {
  const model::Document &doc;
  std::ostringstream out;

  void line(int depth, const std::string &s) { out << std::string(size_t(depth) * 2, ' ') << s << '\n'; }

  void item(int depth, const model::ListItem &li) {
    line(depth, "item " + li.label + (li.label_bold ? " (bold)" : "") + ": " + runs(li.content, doc));
    blocks(depth + 1, li.children);
  }

  void cell(int depth, const model::Cell &c) {
    // One dash item alone in a cell reads as the text "- …".
    if (c.content.size() == 1)
      if (auto *li = std::get_if<model::ListItem>(&c.content[0]))
        if (li->children.empty() && li->kind == model::ListItem::Kind::Dash) {
          line(depth, "p: - " + runs(li->content, doc));
          return;
        }
    blocks(depth, c.content);
  }

  void blocks(int depth, const model::Blocks &bs) {
    for (const auto &b : bs) {
      if (auto *p = std::get_if<model::Para>(&b)) {
        line(depth, "p: " + runs(p->content, doc));
      } else if (auto *p = std::get_if<model::Basis>(&b)) {
        line(depth, "basis: " + runs(p->content, doc, false, true)); // căn cứ lines are italic anyway
      } else if (auto *s = std::get_if<model::Section>(&b)) {
        line(depth, "section " + s->label + " level " + std::to_string(s->level) +
                        " title: " + runs(s->title, doc, true) + " | runin: " + runs(s->runin, doc));
        blocks(depth + 1, s->body);
      } else if (auto *p = std::get_if<model::Part>(&b)) {
        line(depth, p->label + ": " + runs(p->title, doc, true));
        blocks(depth + 1, p->body);
      } else if (auto *li = std::get_if<model::ListItem>(&b)) {
        item(depth, *li);
      } else if (auto *ph = std::get_if<model::Phase>(&b)) {
        line(depth, "phase: " + runs(ph->content, doc, true));
      } else if (auto *t = std::get_if<model::Table>(&b)) {
        table(depth, *t);
      }
    }
  }

  void table(int depth, const model::Table &t) {
    line(depth, std::string("table borders=") + (t.borders ? "all" : "none") +
                    " header=" + (t.header_row ? "yes" : "no") + " numbered=" + (t.numbered ? "yes" : "no"));
    double sum = 0;
    for (const auto &c : t.columns)
      sum += c.weight;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const auto &c = t.columns[i];
      char share[32];
      std::snprintf(share, sizeof share, "%.2f", sum > 0 ? c.weight / sum : 0);
      // The STT column's numbers are centred whatever the column says, and
      // a column of lists only is printed flush left: neither shows it.
      bool text = false;
      for (const auto &r : t.rows)
        if (r.kind == model::Row::Kind::Normal && i >= (t.numbered ? 1u : 0u) &&
            i - (t.numbered ? 1 : 0) < r.cells.size())
          for (const auto &b : r.cells[i - (t.numbered ? 1 : 0)].content)
            text = text || std::get_if<model::Para>(&b);
      int align = (t.numbered && i == 0) || !text ? -1 : int(c.align);
      line(depth + 1, std::string("col ") + share + " align " + std::to_string(align) + ": " +
                          runs(c.header, doc, true));
    }
    for (const auto &r : t.rows) {
      if (r.kind == model::Row::Kind::Group) {
        line(depth + 1, "group " + r.number + ": " + runs(r.group_title, doc, true));
        continue;
      }
      line(depth + 1, "row " + r.number);
      for (const auto &c : r.cells) {
        line(depth + 2, "cell");
        cell(depth + 3, c);
      }
    }
  }

  void run() {
    const auto &h = doc.header;
    line(0, "kind " + doc.kind + " year " + std::to_string(doc.year) + " title " + doc.title);
    for (const auto &l : h.parent)
      line(0, "parent: " + l);
    for (const auto &l : h.agency)
      line(0, "agency: " + l);
    line(0, "number line: " + h.number_line);
    line(0, "date line: " + h.date_line);
    for (const auto &l : doc.subject)
      line(0, "subject: " + runs(l, doc, true));
    line(0, "opening");
    blocks(1, doc.opening);
    line(0, "body");
    blocks(1, doc.body);
    line(0, "closing");
    blocks(1, doc.closing);
    for (const auto &r : doc.recipients)
      line(0, "recipient: " + r);
    line(0, "drafter: " + doc.drafter);
    if (doc.signature)
      for (const auto &l : doc.signature->lines)
        line(0, "sign: " + l);
    if (doc.signature)
      line(0, "name: " + doc.signature->name);
    for (const auto &p : doc.parties) {
      std::string lines;
      for (const auto &l : p.signature.lines)
        lines += l + " / ";
      line(0, "party: " + lines + p.signature.name);
    }
    for (const auto &a : doc.appendices) {
      line(0, a.label + (a.landscape ? " landscape" : " portrait") + ": " + runs(a.title, doc, true));
      line(1, a.attached_line);
      blocks(1, a.body);
    }
  }
};

} // namespace

std::string tree_dump(const model::Document &doc) {
  Dumper d{doc, {}};
  d.run();
  return d.out.str();
}

std::string first_difference(const std::string &a, const std::string &b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  int n = 0;
  while (true) {
    bool ga = bool(std::getline(sa, la)), gb = bool(std::getline(sb, lb));
    ++n;
    if (!ga && !gb)
      return {};
    if (!ga || !gb || la != lb)
      return "line " + std::to_string(n) + ":\n  expected: " + (ga ? la : "(end)") +
             "\n  imported: " + (gb ? lb : "(end)");
  }
}

} // namespace vb::testing
