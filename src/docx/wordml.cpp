#include "docx/wordml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "docx/parts.hpp"
#include "docx/xml.hpp"
#include "geometry/blocks.hpp"
#include "geometry/images.hpp"
#include "geometry/measure.hpp"
#include "template/styles.hpp"
#include "util/fsio.hpp"

namespace vb::docx {

namespace {

using model::Inline;
using model::Inlines;
using tmpl::Align;
using tmpl::ParaStyle;

Align align_of(model::Column::Align a) {
  switch (a) {
  case model::Column::Align::Left:
    return Align::Left;
  case model::Column::Align::Center:
    return Align::Center;
  case model::Column::Align::Right:
    return Align::Right;
  case model::Column::Align::Justify:
    return Align::Justify;
  }
  return Align::Left;
}

// Direct paragraph formatting on top of a named style.
struct PPr {
  std::string style;
  bool keep_next = false;
  bool rule_top = false; // the VbRule border
  std::optional<long> before, after, line_exact;
  std::optional<long> left, right, first_line, hanging;
  std::optional<Align> align;
  std::string sect; // serialized w:sectPr closing a section, if any
};

struct RunFmt {
  bool bold = false, italic = false;
  bool unbold = false, uncaps = false; // switch off what the style turns on
  bool as_is = false;                  // fixed wording: no glue (geo::glue)
  std::string rstyle;
};

struct Media {
  std::string path, data;
};

class Body {
public:
  Body(const model::Document &d, const tmpl::Template &t, const text::Fonts &f)
      : doc(d), tpl(t), fonts(f), st(tmpl::make_styles(t)) {}

  const model::Document &doc;
  const tmpl::Template &tpl;
  const text::Fonts &fonts;
  tmpl::Styles st;
  XmlWriter x;
  geo::Frame frame; // of the current section

  // ------------------------------------------------------------ primitives
  void ppr(const PPr &p) {
    x.open("w:pPr");
    x.leaf("w:pStyle", {{"w:val", p.style}});
    if (p.keep_next)
      x.leaf("w:keepNext");
    if (p.rule_top) {
      x.open("w:pBdr");
      x.leaf("w:top", {{"w:val", "single"},
                       {"w:sz", num(std::lround(st.rule_width * 8))},
                       {"w:space", "0"},
                       {"w:color", "000000"}});
      x.close();
    }
    if (p.before || p.after || p.line_exact) {
      XmlWriter::Attrs a;
      if (p.before)
        a.emplace_back("w:before", num(*p.before));
      if (p.after)
        a.emplace_back("w:after", num(*p.after));
      if (p.line_exact) {
        a.emplace_back("w:line", num(*p.line_exact));
        a.emplace_back("w:lineRule", "exact");
      }
      x.leaf("w:spacing", a);
    }
    if (p.left || p.right || p.first_line || p.hanging) {
      XmlWriter::Attrs a;
      if (p.left)
        a.emplace_back("w:left", num(*p.left));
      if (p.right)
        a.emplace_back("w:right", num(*p.right));
      if (p.first_line)
        a.emplace_back("w:firstLine", num(*p.first_line));
      if (p.hanging)
        a.emplace_back("w:hanging", num(*p.hanging));
      x.leaf("w:ind", a);
    }
    if (p.align)
      x.leaf("w:jc", {{"w:val", jc(*p.align)}});
    if (!p.sect.empty())
      x.raw(p.sect);
    x.close();
  }

  void run(std::string_view raw, const RunFmt &f = {}) {
    const std::string text = f.as_is ? std::string(raw) : geo::glue(raw);
    // Characters the faces lack get their own run in the fallback family,
    // so that a word processor measures them in the face the PDF draws.
    // (The glue's characters are drawn as '-' and ' ': never fallback.)
    text::Face face = text::face_of(f.bold, f.italic);
    size_t start = 0;
    bool fallback = false;
    auto emit = [&](size_t end) {
      x.open("w:r");
      rpr(f, fallback ? fonts.fallback_family() : std::string());
      text_content(std::string_view(text).substr(start, end - start));
      x.close();
      start = end;
    };
    for (size_t i = 0; i < text.size();) {
      size_t at = i;
      char32_t cp = text::next_cp(text, i);
      bool fb = cp >= 0x80 && cp != geo::kNoBreakHyphen && cp != geo::kNoBreakSpace &&
                fonts.uses_fallback(face, cp);
      if (fb != fallback && at > start)
        emit(at);
      fallback = fb;
    }
    if (start < text.size() || text.empty())
      emit(text.size());
  }

  // A run's text: w:t pieces, non-breaking hyphens (which a w:t cannot
  // carry for Word) as w:noBreakHyphen.
  void text_content(std::string_view text) {
    static const std::string nbh = "\u2011";
    size_t at = 0;
    while (true) {
      size_t k = text.find(nbh, at);
      std::string_view piece = text.substr(at, k == std::string_view::npos ? std::string_view::npos : k - at);
      if (!piece.empty())
        x.elem("w:t", piece, {{"xml:space", "preserve"}});
      if (k == std::string_view::npos)
        break;
      x.leaf("w:noBreakHyphen");
      at = k + nbh.size();
    }
  }

  void rpr(const RunFmt &f, const std::string &font = {}) {
    if (!f.bold && !f.italic && !f.unbold && !f.uncaps && f.rstyle.empty() && font.empty())
      return;
    x.open("w:rPr");
    if (!f.rstyle.empty())
      x.leaf("w:rStyle", {{"w:val", f.rstyle}});
    if (!font.empty())
      x.leaf("w:rFonts", {{"w:ascii", font}, {"w:eastAsia", font}, {"w:hAnsi", font}, {"w:cs", font}});
    if (f.bold)
      x.leaf("w:b");
    else if (f.unbold)
      x.leaf("w:b", {{"w:val", "0"}});
    if (f.italic)
      x.leaf("w:i");
    if (f.uncaps)
      x.leaf("w:caps", {{"w:val", "0"}});
    x.close();
  }

  void inlines(const Inlines &in, const RunFmt &base = {}) {
    for (const Inline &i : in) {
      switch (i.kind) {
      case Inline::Kind::Text: {
        RunFmt f = base;
        f.bold = base.bold || i.bold;
        f.italic = base.italic || i.italic;
        run(i.text, f);
        break;
      }
      case Inline::Kind::Break:
        x.open("w:r").leaf("w:br").close();
        break;
      case Inline::Kind::FootnoteRef:
        x.open("w:r");
        rpr({.rstyle = "FootnoteReference"});
        x.leaf("w:footnoteReference", {{"w:id", num(i.footnote)}});
        x.close();
        break;
      case Inline::Kind::Field: // finalize() has turned fields into text
        break;
      }
    }
  }

  // One paragraph; `content` writes its runs.
  template <class F> void para(const PPr &p, F &&content) {
    after_table_ = false;
    x.open("w:p");
    ppr(p);
    content();
    x.close();
  }
  void para_text(const PPr &p, std::string_view text, const RunFmt &f = {}) {
    para(p, [&] {
      if (!text.empty())
        run(text, f);
    });
  }

  double width(const ParaStyle &s, std::string_view text) const {
    return fonts.width(text::face_of(s.bold, s.italic), text, s.size);
  }

  // A rule paragraph (VbRule) with its indents; none when there is nothing to underline.
  void rule(const std::optional<geo::RuleIndents> &r, std::optional<long> after = {}) {
    if (!r)
      return;
    PPr p{.style = "VbRule", .keep_next = true, .rule_top = true};
    p.left = r->left;
    p.right = r->right;
    p.after = after;
    para(p, [] {});
  }

  void tiny(const std::string &sect = {}) {
    para(PPr{.style = "VbTiny", .sect = sect}, [] {});
  }

  // ------------------------------------------------------------ tables
  struct TableSpec {
    std::vector<long> cols; // twips
    bool borders = false;
    std::optional<long> cell_pad; // left/right padding; default from the table style
    long cell_pad_v = 0;          // top/bottom padding with cell_pad
  };
  void table_start(const TableSpec &s) {
    // Two adjacent tables would merge into one: keep them apart.
    if (after_table_)
      tiny();
    long total = 0;
    for (long c : s.cols)
      total += c;
    x.open("w:tbl");
    x.open("w:tblPr");
    x.leaf("w:tblW", {{"w:w", num(total)}, {"w:type", "dxa"}});
    x.leaf("w:tblInd", {{"w:w", "0"}, {"w:type", "dxa"}});
    x.open("w:tblBorders");
    for (const char *side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      if (s.borders)
        x.leaf(side, {{"w:val", "single"},
                      {"w:sz", num(std::lround(st.table_border * 8))},
                      {"w:space", "0"},
                      {"w:color", "000000"}});
      else
        x.leaf(side, {{"w:val", "nil"}});
    }
    x.close();
    x.leaf("w:tblLayout", {{"w:type", "fixed"}});
    if (s.cell_pad) {
      x.open("w:tblCellMar");
      x.leaf("w:top", {{"w:w", num(s.cell_pad_v)}, {"w:type", "dxa"}});
      x.leaf("w:left", {{"w:w", num(*s.cell_pad)}, {"w:type", "dxa"}});
      x.leaf("w:bottom", {{"w:w", num(s.cell_pad_v)}, {"w:type", "dxa"}});
      x.leaf("w:right", {{"w:w", num(*s.cell_pad)}, {"w:type", "dxa"}});
      x.close();
    }
    x.leaf("w:tblLook", {{"w:val", "0000"}});
    x.close();
    x.open("w:tblGrid");
    for (long c : s.cols)
      x.leaf("w:gridCol", {{"w:w", num(c)}});
    x.close();
  }
  void table_end() {
    x.close();
    after_table_ = true;
  }
  // A row: kept whole (w:cantSplit) unless it is taller than a page (the
  // geometry decides; Word would clip a kept row taller than the page), a
  // repeated header row on each page.
  void row_start(bool keep, bool header = false) {
    x.open("w:tr");
    if (keep || header) {
      x.open("w:trPr");
      if (keep)
        x.leaf("w:cantSplit");
      if (header)
        x.leaf("w:tblHeader");
      x.close();
    }
  }
  void cell_start(long w, int span = 1, bool vcenter = false) {
    x.open("w:tc");
    x.open("w:tcPr");
    x.leaf("w:tcW", {{"w:w", num(w)}, {"w:type", "dxa"}});
    if (span > 1)
      x.leaf("w:gridSpan", {{"w:val", num(span)}});
    if (vcenter)
      x.leaf("w:vAlign", {{"w:val", "center"}});
    x.close();
  }

  // ------------------------------------------------------------ page 1
  void header_table() {
    const auto &h = doc.header;
    geo::PageHeader ph = geo::page_header(doc, tpl, st, fonts, frame);
    table_start({.cols = ph.cols, .borders = false, .cell_pad = 0});

    row_start(true);
    cell_start(ph.cols[0]);
    for (const auto &l : ph.parent)
      para_text({.style = st.header_parent.id}, l);
    for (const auto &l : ph.agency)
      para_text({.style = st.header_agency.id}, l);
    if (ph.parent.empty() && ph.agency.empty()) // a cell needs a paragraph
      para({.style = st.header_agency.id}, [] {});
    rule(ph.agency_rule);
    x.close(); // tc
    cell_start(ph.cols[1]);
    para_text({.style = st.header_national.id}, geo::kNationalTitle, {.as_is = true});
    para_text({.style = st.header_motto.id}, geo::kMotto, {.as_is = true});
    rule(ph.motto_rule);
    x.close();
    x.close(); // tr

    row_start(true);
    cell_start(ph.cols[0]);
    para_text({.style = st.header_number.id}, h.number_line);
    for (size_t i = 0; i < ph.letter_subject.size(); ++i) {
      PPr p{.style = st.letter_subject.id};
      if (i > 0)
        p.before = 0; // only the first line keeps its 6 pt under the number
      para_text(p, ph.letter_subject[i]);
    }
    x.close();
    cell_start(ph.cols[1]);
    para_text({.style = st.header_date.id}, h.date_line);
    x.close();
    x.close(); // tr
    table_end();
  }

  void title_block() {
    if (!doc.title.empty()) // a công văn has no tên loại
      para_text({.style = st.title.id}, doc.title);
    if (!doc.subject_in_header)
      for (const auto &line : doc.subject)
        para({.style = st.subject.id}, [&] { inlines(line); });
    rule(geo::subject_rule(doc, st, fonts, frame), st.after_subject.twips());
    if (!doc.issuer.empty())
      para_text({.style = st.issuer.id}, doc.issuer);
    for (const geo::AddresseePara &a : geo::addressee_paras(doc, tpl, st, fonts, frame)) {
      PPr p{.style = st.addressees.id};
      if (a.before > 0)
        p.before = st.addressees.before.twips() + a.before;
      if (a.left > 0)
        p.left = a.left;
      if (a.first > 0)
        p.first_line = a.first;
      else if (a.first < 0)
        p.hanging = -a.first;
      if (a.centre)
        p.align = Align::Center;
      para(p, [&] { inlines(a.runs); });
    }
    for (const auto &f : doc.minutes)
      block(f);
  }

  void enacting() {
    if (!doc.enacting.empty())
      para_text({.style = st.enacting.id}, doc.enacting);
  }

  // ------------------------------------------------------------ blocks
  void blocks(const model::Blocks &bs) {
    for (const auto &b : bs)
      std::visit([&](const auto &v) { block(v); }, static_cast<const model::Block::variant &>(b));
  }

  void block(const model::Para &p) {
    para({.style = st.body.id}, [&] { inlines(p.content); });
  }
  void block(const model::Basis &p) {
    para({.style = st.basis.id}, [&] { inlines(p.content); });
  }
  void block(const model::Section &s) {
    if (!s.title.empty()) {
      const ParaStyle &h = st.heading[std::clamp(s.level, 1, 4) - 1];
      Length hang = tmpl::label_hang(width(h, s.label), width(h, " "));
      PPr p{.style = h.id};
      p.left = (h.left + h.first_line + hang).twips();
      p.hanging = hang.twips();
      para(p, [&] {
        run(s.label);
        x.open("w:r").leaf("w:tab").close();
        inlines(s.title);
        if (!s.runin.empty()) {
          run(" ", {.unbold = true, .uncaps = true});
          inlines(s.runin, {.unbold = true, .uncaps = true});
        }
      });
    } else {
      para({.style = st.body.id}, [&] {
        run(s.label + " ");
        inlines(s.runin);
      });
    }
    blocks(s.body);
  }
  void block(const model::Part &p) {
    para_text({.style = st.part_label.id}, p.label);
    para({.style = st.part_title.id}, [&] { inlines(p.title); });
    blocks(p.body);
  }
  void list_item(const model::ListItem &li, const std::string &style, std::optional<Align> align = {}) {
    para({.style = style, .align = align}, [&] {
      run(li.label, {.bold = li.label_bold});
      run(" ");
      inlines(li.content);
    });
  }
  void block(const model::ListItem &li) {
    list_item(li, st.body.id);
    blocks(li.children);
  }
  // Điều (label and title bold), khoản and điểm (upright), at the
  // paragraph indent; a titled unit keeps with what follows it.
  void block(const model::Article &a) {
    bool article = a.level == model::Article::Level::Article;
    para({.style = st.body.id, .keep_next = !a.title.empty()}, [&] {
      run(a.label + " ", {.bold = article});
      if (!a.title.empty())
        inlines(a.title, {.bold = article});
      else
        inlines(a.runin);
    });
    blocks(a.body);
  }
  // "Thời gian: …" and the dash list under it.
  void block(const model::Field &f) {
    para({.style = st.body.id}, [&] {
      run(f.content.empty() ? f.label : f.label + " ");
      inlines(f.content);
    });
    blocks(f.children);
  }
  void block(const model::Phase &ph) {
    para({.style = st.phase.id}, [&] {
      run(ph.label + " ");
      inlines(ph.content);
    });
  }

  void cell_blocks(const model::Blocks &bs, Align align) {
    for (const auto &b : bs) {
      if (auto *p = std::get_if<model::Para>(&b)) {
        para({.style = st.table_cell.id, .align = align}, [&] { inlines(p->content); });
      } else if (auto *li = std::get_if<model::ListItem>(&b)) {
        list_item(*li, st.table_cell.id, align == Align::Center ? Align::Left : align);
        cell_blocks(li->children, align);
      } else {
        std::visit([&](const auto &v) { block(v); }, static_cast<const model::Block::variant &>(b));
      }
    }
  }
  void cell(const model::Blocks &bs, Align align) {
    cell_blocks(bs, align);
    // A cell must end with a paragraph.
    if (bs.empty() || std::get_if<model::Table>(&bs.back()))
      para({.style = st.table_cell.id}, [] {});
  }

  void block(const model::Table &t) {
    if (t.columns.empty())
      return;
    // The layout's geometry of this table: widths, which rows may split,
    // whether the header row repeats.
    geo::TableGeom g = geo::table(t, st, fonts, frame);
    const std::vector<long> &cols = g.cols;
    // Padding on the table itself: LibreOffice ignores the default table
    // style's top and bottom cell margins.
    table_start({.cols = cols,
                 .borders = t.borders,
                 .cell_pad = st.cell_pad_left.twips(),
                 .cell_pad_v = st.cell_pad_top.twips()});
    size_t first = t.numbered ? 1 : 0;
    if (t.header_row) {
      row_start(g.header->keep, g.repeat_header);
      for (size_t i = 0; i < t.columns.size(); ++i) {
        cell_start(cols[i], 1, true);
        para({.style = st.table_header.id}, [&] { inlines(t.columns[i].header); });
        x.close();
      }
      x.close();
    }
    for (size_t ri = 0; ri < t.rows.size(); ++ri) {
      const model::Row &r = t.rows[ri];
      row_start(g.rows[ri].keep);
      if (t.numbered) {
        cell_start(cols[0]);
        para_text({.style = st.table_cell.id, .align = Align::Center}, r.number,
                  {.bold = r.kind == model::Row::Kind::Group});
        x.close();
      }
      if (r.kind == model::Row::Kind::Group) {
        long wsum = 0;
        for (size_t i = first; i < cols.size(); ++i)
          wsum += cols[i];
        cell_start(wsum, static_cast<int>(cols.size() - first));
        para({.style = st.table_cell.id}, [&] { inlines(r.group_title, {.bold = true}); });
        x.close();
      } else {
        for (size_t i = first; i < cols.size(); ++i) {
          cell_start(cols[i]);
          size_t ci = i - first;
          if (ci < r.cells.size())
            cell(r.cells[ci].content, align_of(t.columns[i].align));
          else
            para({.style = st.table_cell.id}, [] {});
          x.close();
        }
      }
      x.close(); // tr
    }
    table_end();
  }

  // ------------------------------------------------------------ ending
  void closing() {
    for (const auto &b : doc.closing) {
      if (auto *p = std::get_if<model::Para>(&b))
        para({.style = st.body.id, .keep_next = true}, [&] { inlines(p->content); });
      else
        std::visit([&](const auto &v) { block(v); }, static_cast<const model::Block::variant &>(b));
    }
  }

  std::vector<Media> media; // word/media/imageN.png, N = index + 1
  int drawing_ids = 0;

  // Index into `media` of the PNG at `path` (read once); nullopt when it
  // cannot be read (the loader has already reported bad images).
  std::optional<size_t> media_index(const std::string &path) {
    if (path.empty())
      return std::nullopt;
    for (size_t i = 0; i < media.size(); ++i)
      if (media[i].path == path)
        return i;
    std::string err;
    auto data = read_file(path, err, 20u << 20);
    if (!data)
      return std::nullopt;
    if (!geo::png_size(*data))
      return std::nullopt;
    media.push_back({path, std::move(*data)});
    return media.size() - 1;
  }

  // A floating picture (no text wrap) anchored in the current paragraph,
  // placed relative to the cell's text column and the paragraph's top.
  void picture(size_t m, double x_pt, double y_pt, double w_pt, double h_pt, int z) {
    int id = ++drawing_ids;
    auto emu = [](double pt) { return num(Length::points(pt).emu()); };
    const char *pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
    x.open("w:r").open("w:drawing");
    x.open("wp:anchor", {{"distT", "0"},
                         {"distB", "0"},
                         {"distL", "0"},
                         {"distR", "0"},
                         {"simplePos", "0"},
                         {"relativeHeight", num(251659264L + z)},
                         {"behindDoc", "0"},
                         {"locked", "0"},
                         {"layoutInCell", "1"},
                         {"allowOverlap", "1"}});
    x.leaf("wp:simplePos", {{"x", "0"}, {"y", "0"}});
    x.open("wp:positionH", {{"relativeFrom", "column"}}).elem("wp:posOffset", emu(x_pt)).close();
    x.open("wp:positionV", {{"relativeFrom", "paragraph"}}).elem("wp:posOffset", emu(y_pt)).close();
    x.leaf("wp:extent", {{"cx", emu(w_pt)}, {"cy", emu(h_pt)}});
    x.leaf("wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
    x.leaf("wp:wrapNone");
    x.leaf("wp:docPr", {{"id", num(id)}, {"name", "Picture " + num(id)}});
    x.open("wp:cNvGraphicFramePr").leaf("a:graphicFrameLocks", {{"noChangeAspect", "1"}}).close();
    x.open("a:graphic");
    x.open("a:graphicData", {{"uri", pic}});
    x.open("pic:pic");
    x.open("pic:nvPicPr");
    x.leaf("pic:cNvPr", {{"id", num(id)}, {"name", "image" + num(long(m + 1)) + ".png"}});
    x.leaf("pic:cNvPicPr");
    x.close();
    x.open("pic:blipFill");
    x.leaf("a:blip", {{"r:embed", "rIdImg" + num(long(m + 1))}});
    x.open("a:stretch").leaf("a:fillRect").close();
    x.close();
    x.open("pic:spPr");
    x.open("a:xfrm");
    x.leaf("a:off", {{"x", "0"}, {"y", "0"}});
    x.leaf("a:ext", {{"cx", emu(w_pt)}, {"cy", emu(h_pt)}});
    x.close();
    x.open("a:prstGeom", {{"prst", "rect"}}).leaf("a:avLst").close();
    x.close(); // spPr
    x.close(); // pic
    x.close(); // graphicData
    x.close(); // graphic
    x.close(); // anchor
    x.close(); // drawing
    x.close(); // r
  }

  // Signature and seal pictures where the geometry places them in the
  // signing room: the last signature_room of the name paragraph's space
  // before, whose top is the paragraph's top + `room_at`.
  void signing_images(const model::Signature &s, double col_w, double room_at) {
    int z = 0;
    for (const geo::Placed &p : geo::signing_images(s, col_w, st.sign_name.before.pt))
      if (auto m = media_index(p.path))
        picture(*m, p.x, room_at + p.y, p.w, p.h, ++z);
  }

  void signature_block(const model::Signature &s, const geo::SignBlock &b, double col_w,
                       std::optional<long> gap_before = {}) {
    bool first = true;
    for (const auto &l : b.lines) {
      PPr p{.style = st.sign_line.id, .keep_next = true};
      if (first)
        p.before = gap_before;
      para_text(p, l);
      first = false;
    }
    long extra = std::lround(b.extra * 20);
    PPr name{.style = st.sign_name.id, .keep_next = true};
    if (extra > 0)
      name.before = st.sign_name.before.twips() + extra;
    para(name, [&] {
      signing_images(s, col_w, b.extra);
      if (!s.name.empty())
        run(s.name);
    });
  }

  void ending() {
    geo::Ending e = geo::ending(doc, tpl, st, fonts, frame);
    if (!e.table.rows.empty()) {
      const std::vector<long> &cols = e.table.cols;
      table_start({.cols = cols, .borders = false, .cell_pad = 0});
      row_start(e.table.rows[0].keep);
      cell_start(cols[0]);
      bool any = false;
      if (tpl.recipients && !doc.recipients.empty()) {
        para_text({.style = st.recipients_label.id, .keep_next = true}, "Nơi nhận:");
        // Hanging under the text, not under the "- ".
        long hang = std::lround(geo::recipient_hang(st, fonts) * 20);
        for (const auto &r : doc.recipients)
          para_text({.style = st.recipients_item.id, .keep_next = true, .left = hang, .hanging = hang}, r);
        any = true;
      }
      if (!doc.drafter.empty()) {
        para_text({.style = st.drafter.id, .keep_next = true}, doc.drafter);
        any = true;
      }
      if (!any)
        para({.style = st.recipients_item.id}, [] {});
      x.close();
      cell_start(cols[1]);
      if (doc.signature)
        signature_block(*doc.signature, e.sign, geo::pt(cols[1]));
      else
        para({.style = st.sign_line.id}, [] {});
      x.close();
      x.close(); // tr
      table_end();
    }
    if (!doc.parties.empty())
      parties();
  }

  // Signers side by side (a Biên bản's THƯ KÝ | CHỦ TỌA).
  void signers() {
    geo::PartyGrid g = geo::signers(doc, st, fonts, frame);
    if (g.table.rows.empty())
      return;
    table_start({.cols = g.table.cols, .borders = false, .cell_pad = 0});
    row_start(g.table.rows[0].keep);
    for (size_t k = 0; k < doc.signers.size(); ++k) {
      cell_start(g.table.cols[k]);
      signature_block(doc.signers[k], g.blocks[k], geo::pt(g.table.cols[k]));
      x.close();
    }
    x.close(); // tr
    table_end();
  }

  // Covenant signatures: a grid of `columns` blocks per row. The grid has
  // 2×columns half-columns and each block spans two, so a short last row is
  // centred with blocks of the same width as the rows above.
  void parties() {
    geo::PartyGrid g = geo::parties(doc, tpl, st, fonts, frame);
    const size_t cols = size_t(geo::party_columns(tpl));
    const long half = g.table.cols[0];
    table_start({.cols = g.table.cols, .borders = false, .cell_pad = geo::kPartyPad});
    size_t n = doc.parties.size();
    for (size_t i = 0, row = 0; i < n; i += cols, ++row) {
      size_t in_row = std::min<size_t>(cols, n - i);
      int pad = static_cast<int>(cols - in_row); // half-columns on each side
      row_start(g.table.rows[row].keep);
      auto empty_cell = [&](int span) {
        cell_start(half * span, span);
        para({.style = st.sign_line.id}, [] {});
        x.close();
      };
      if (pad > 0)
        empty_cell(pad);
      for (size_t k = 0; k < in_row; ++k) {
        cell_start(2 * half, 2);
        signature_block(doc.parties[i + k].signature, g.blocks[i + k], geo::pt(2 * half - 2 * geo::kPartyPad),
                        geo::kPartyGap);
        x.close();
      }
      if (pad > 0)
        empty_cell(pad);
      x.close(); // tr
    }
    table_end();
  }

  // ------------------------------------------------------------ sections
  std::string sect_pr(bool landscape, bool restart) const {
    XmlWriter s;
    s.open("w:sectPr");
    s.leaf("w:headerReference", {{"w:type", "default"}, {"r:id", "rIdHdrDefault"}});
    s.leaf("w:headerReference", {{"w:type", "first"}, {"r:id", "rIdHdrFirst"}});
    geo::Frame f = geo::frame(tpl, landscape);
    if (landscape)
      s.leaf("w:pgSz", {{"w:w", num(f.width)}, {"w:h", num(f.height)}, {"w:orient", "landscape"}});
    else
      s.leaf("w:pgSz", {{"w:w", num(f.width)}, {"w:h", num(f.height)}});
    s.leaf("w:pgMar", {{"w:top", num(f.top)},
                       {"w:right", num(f.right)},
                       {"w:bottom", num(f.bottom)},
                       {"w:left", num(f.left)},
                       {"w:header", num(geo::header_twips(tpl, st, fonts))},
                       {"w:footer", num(f.bottom / 2)},
                       {"w:gutter", "0"}});
    if (restart)
      s.leaf("w:pgNumType", {{"w:start", "1"}});
    s.leaf("w:titlePg");
    s.close();
    std::string xml = s.str();
    return xml.substr(xml.find("<w:sectPr"));
  }

  void appendix(const model::Appendix &a) {
    frame = geo::frame(tpl, a.landscape);
    para_text({.style = st.appendix_label.id}, a.label);
    para({.style = st.appendix_title.id}, [&] { inlines(a.title); });
    para_text({.style = st.appendix_attached.id}, a.attached_line);
    rule(geo::attached_rule(a, st, fonts, frame), st.after_subject.twips());
    blocks(a.body);
  }

  // A text a decision issues (Mẫu 1.3), as the layout draws it.
  void attachment(const model::Attachment &a) {
    frame = geo::frame(tpl, false);
    para_text({.style = st.title.id}, a.title);
    for (const auto &line : a.subject)
      para({.style = st.subject.id}, [&] { inlines(line); });
    para_text({.style = st.appendix_attached.id}, a.attached_line);
    rule(geo::attachment_rule(a, st, fonts, frame), st.after_subject.twips());
    blocks(a.body);
  }

  bool after_table_ = false;

  std::string document() {
    x.open("w:document",
           {{"xmlns:w", kW},
            {"xmlns:r", kR},
            {"xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
            {"xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
            {"xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"}});
    x.open("w:body");
    frame = geo::frame(tpl, false);
    tiny(); // LibreOffice would insert a 14 pt paragraph before a leading table
    header_table();
    title_block();
    blocks(doc.opening);
    enacting();
    blocks(doc.body);
    closing();
    signers();
    ending();
    bool landscape = false, restart = false;
    for (const auto &a : doc.attachments) {
      tiny(sect_pr(landscape, restart));
      attachment(a);
      landscape = false;
      restart = true;
    }
    for (const auto &a : doc.appendices) {
      tiny(sect_pr(landscape, restart));
      appendix(a);
      landscape = a.landscape;
      restart = true;
    }
    // The last section's properties sit at the end of the body; a paragraph
    // must follow a final table anyway.
    tiny();
    x.raw(sect_pr(landscape, restart));
    return x.take();
  }
};

std::string footnotes_xml(Body &b) {
  XmlWriter &x = b.x;
  x = XmlWriter();
  x.open("w:footnotes", {{"xmlns:w", kW}, {"xmlns:r", kR}});
  x.open("w:footnote", {{"w:type", "separator"}, {"w:id", "-1"}});
  x.open("w:p")
      .open("w:pPr")
      .leaf("w:spacing", {{"w:after", "0"}, {"w:line", "240"}, {"w:lineRule", "auto"}})
      .close();
  x.open("w:r").leaf("w:separator").close().close();
  x.close();
  x.open("w:footnote", {{"w:type", "continuationSeparator"}, {"w:id", "0"}});
  x.open("w:p")
      .open("w:pPr")
      .leaf("w:spacing", {{"w:after", "0"}, {"w:line", "240"}, {"w:lineRule", "auto"}})
      .close();
  x.open("w:r").leaf("w:continuationSeparator").close().close();
  x.close();
  for (size_t i = 0; i < b.doc.footnotes.size(); ++i) {
    x.open("w:footnote", {{"w:id", num(static_cast<long>(i + 1))}});
    b.para({.style = b.st.footnote.id}, [&] {
      x.open("w:r");
      b.rpr({.rstyle = "FootnoteReference"});
      x.leaf("w:footnoteRef");
      x.close();
      b.run(" ");
      b.inlines(b.doc.footnotes[i]);
    });
    x.close();
  }
  return x.take();
}

} // namespace

std::vector<opc::Part> wordml_parts(const model::Document &doc, const tmpl::Template &t,
                                    const text::Fonts &fonts, const Options &opt) {
  Body body(doc, t, fonts);
  std::string document = body.document();
  std::string footnotes = footnotes_xml(body);
  std::vector<opc::Part> parts;
  parts.push_back({"[Content_Types].xml", content_types_xml()});
  parts.push_back({"_rels/.rels", root_rels_xml()});
  parts.push_back({"word/document.xml", std::move(document)});
  parts.push_back({"word/_rels/document.xml.rels", document_rels_xml(body.media.size())});
  parts.push_back({"word/styles.xml", styles_xml(body.st, t, fonts.docx_family())});
  parts.push_back({"word/settings.xml", settings_xml()});
  parts.push_back({"word/footnotes.xml", std::move(footnotes)});
  parts.push_back({"word/header1.xml", header_xml(body.st, true)});
  parts.push_back({"word/header2.xml", header_xml(body.st, false)});
  parts.push_back({"docProps/core.xml", core_xml(doc, opt)});
  parts.push_back({"docProps/app.xml", app_xml()});
  for (size_t i = 0; i < body.media.size(); ++i) // PNG is already compressed
    parts.push_back({"word/media/image" + num(long(i + 1)) + ".png", body.media[i].data, false});
  return parts;
}

} // namespace vb::docx
