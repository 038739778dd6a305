#include "docx/parts.hpp"

#include <cmath>
#include <cstdio>

#include "docx/wordml.hpp"
#include "docx/xml.hpp"
#include "geometry/page.hpp"

namespace vb::docx {

using model::Inline;
using tmpl::ParaStyle;

const char *jc(tmpl::Align a) {
  switch (a) {
  case tmpl::Align::Left:
    return "left";
  case tmpl::Align::Center:
    return "center";
  case tmpl::Align::Right:
    return "right";
  case tmpl::Align::Justify:
    return "both";
  }
  return "left";
}

static std::string join(const std::vector<std::string> &v, const std::string &sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? sep : "") + v[i];
  return s;
}

// ---------------------------------------------------------------- styles.xml
static void style_ppr(XmlWriter &x, const ParaStyle &s) {
  x.open("w:pPr");
  if (s.keep_next)
    x.leaf("w:keepNext");
  if (s.keep_lines)
    x.leaf("w:keepLines");
  if (s.widow_control)
    x.leaf("w:widowControl");
  else
    x.leaf("w:widowControl", {{"w:val", "0"}});
  x.leaf("w:spacing", {{"w:before", num(s.before.twips())},
                       {"w:after", num(s.after.twips())},
                       {"w:line", num(std::lround(240 * s.line))},
                       {"w:lineRule", "auto"}});
  XmlWriter::Attrs ind = {{"w:left", num(s.left.twips())}, {"w:right", num(s.right.twips())}};
  if (s.first_line.pt < 0)
    ind.emplace_back("w:hanging", num((Length{} - s.first_line).twips()));
  else
    ind.emplace_back("w:firstLine", num(s.first_line.twips()));
  x.leaf("w:ind", ind);
  x.leaf("w:jc", {{"w:val", jc(s.align)}});
  x.close();
}

static void size_rpr(XmlWriter &x, double size) {
  std::string hp = num(Length::points(size).half_points());
  x.leaf("w:sz", {{"w:val", hp}});
  x.leaf("w:szCs", {{"w:val", hp}});
}

std::string styles_xml(const tmpl::Styles &st, const tmpl::Template &t, const std::string &family) {
  XmlWriter x;
  x.open("w:styles", {{"xmlns:w", kW}});
  x.open("w:docDefaults");
  x.open("w:rPrDefault").open("w:rPr");
  x.leaf("w:rFonts", {{"w:ascii", family}, {"w:eastAsia", family}, {"w:hAnsi", family}, {"w:cs", family}});
  size_rpr(x, t.size_body);
  x.leaf("w:lang", {{"w:val", "vi-VN"}, {"w:eastAsia", "en-US"}, {"w:bidi", "ar-SA"}});
  x.close().close();
  x.open("w:pPrDefault").open("w:pPr");
  x.leaf("w:spacing", {{"w:after", "0"}, {"w:line", "240"}, {"w:lineRule", "auto"}});
  x.close().close();
  x.close(); // docDefaults

  x.open("w:style", {{"w:type", "paragraph"}, {"w:default", "1"}, {"w:styleId", "Normal"}});
  x.leaf("w:name", {{"w:val", "Normal"}});
  x.leaf("w:qFormat");
  x.close();
  x.open("w:style", {{"w:type", "character"}, {"w:default", "1"}, {"w:styleId", "DefaultParagraphFont"}});
  x.leaf("w:name", {{"w:val", "Default Paragraph Font"}});
  x.leaf("w:uiPriority", {{"w:val", "1"}});
  x.leaf("w:semiHidden");
  x.leaf("w:unhideWhenUsed");
  x.close();
  x.open("w:style", {{"w:type", "table"}, {"w:default", "1"}, {"w:styleId", "TableNormal"}});
  x.leaf("w:name", {{"w:val", "Normal Table"}});
  x.leaf("w:uiPriority", {{"w:val", "99"}});
  x.leaf("w:semiHidden");
  x.leaf("w:unhideWhenUsed");
  x.open("w:tblPr");
  x.leaf("w:tblInd", {{"w:w", "0"}, {"w:type", "dxa"}});
  x.open("w:tblCellMar");
  x.leaf("w:top", {{"w:w", num(st.cell_pad_top.twips())}, {"w:type", "dxa"}});
  x.leaf("w:left", {{"w:w", num(st.cell_pad_left.twips())}, {"w:type", "dxa"}});
  x.leaf("w:bottom", {{"w:w", num(st.cell_pad_bottom.twips())}, {"w:type", "dxa"}});
  x.leaf("w:right", {{"w:w", num(st.cell_pad_right.twips())}, {"w:type", "dxa"}});
  x.close().close();
  x.close();
  x.open("w:style", {{"w:type", "numbering"}, {"w:default", "1"}, {"w:styleId", "NoList"}});
  x.leaf("w:name", {{"w:val", "No List"}});
  x.close();

  for (const ParaStyle *s : st.all()) {
    x.open("w:style", {{"w:type", "paragraph"}, {"w:customStyle", "1"}, {"w:styleId", s->id}});
    x.leaf("w:name", {{"w:val", s->name}});
    x.leaf("w:basedOn", {{"w:val", "Normal"}});
    x.leaf("w:qFormat");
    style_ppr(x, *s);
    x.open("w:rPr");
    if (s->bold)
      x.leaf("w:b").leaf("w:bCs");
    if (s->italic)
      x.leaf("w:i").leaf("w:iCs");
    if (s->caps)
      x.leaf("w:caps");
    size_rpr(x, s->size);
    x.close();
    x.close();
  }

  // Rules and the tiny spacer paragraph (docs/geometry.md).
  x.open("w:style", {{"w:type", "paragraph"}, {"w:customStyle", "1"}, {"w:styleId", "VbRule"}});
  x.leaf("w:name", {{"w:val", "VB Rule"}});
  x.leaf("w:basedOn", {{"w:val", "Normal"}});
  x.open("w:pPr");
  x.leaf("w:keepNext");
  x.leaf("w:spacing", {{"w:before", num(geo::kRuleBefore)},
                       {"w:after", "0"},
                       {"w:line", num(geo::kRuleLine)},
                       {"w:lineRule", "exact"}});
  x.leaf("w:jc", {{"w:val", "center"}});
  x.close();
  x.open("w:rPr");
  size_rpr(x, 1);
  x.close();
  x.close();
  x.open("w:style", {{"w:type", "paragraph"}, {"w:customStyle", "1"}, {"w:styleId", "VbTiny"}});
  x.leaf("w:name", {{"w:val", "VB Spacer"}});
  x.leaf("w:basedOn", {{"w:val", "Normal"}});
  x.open("w:pPr");
  x.leaf("w:spacing",
         {{"w:before", "0"}, {"w:after", "0"}, {"w:line", num(geo::kTiny)}, {"w:lineRule", "exact"}});
  x.close();
  x.open("w:rPr");
  size_rpr(x, 1);
  x.close();
  x.close();

  x.open("w:style", {{"w:type", "character"}, {"w:styleId", "FootnoteReference"}});
  x.leaf("w:name", {{"w:val", "footnote reference"}});
  x.leaf("w:basedOn", {{"w:val", "DefaultParagraphFont"}});
  x.open("w:rPr");
  x.leaf("w:vertAlign", {{"w:val", "superscript"}});
  x.close();
  x.close();
  return x.take();
}

// ---------------------------------------------------------------- other parts
std::string settings_xml() {
  XmlWriter x;
  x.open("w:settings", {{"xmlns:w", kW}});
  x.leaf("w:zoom", {{"w:percent", "100"}});
  x.leaf("w:defaultTabStop", {{"w:val", "720"}});
  x.leaf("w:characterSpacingControl", {{"w:val", "doNotCompress"}});
  x.open("w:footnotePr");
  x.leaf("w:footnote", {{"w:id", "-1"}});
  x.leaf("w:footnote", {{"w:id", "0"}});
  x.close();
  x.open("w:compat");
  // A line ended by <br/> is not stretched in a justified paragraph.
  x.leaf("w:doNotExpandShiftReturn");
  x.leaf("w:compatSetting", {{"w:name", "compatibilityMode"},
                             {"w:uri", "http://schemas.microsoft.com/office/word"},
                             {"w:val", "15"}});
  x.close();
  x.leaf("w:themeFontLang", {{"w:val", "vi-VN"}});
  return x.take();
}

std::string header_xml(const tmpl::Styles &st, bool page_number) {
  XmlWriter x;
  x.open("w:hdr", {{"xmlns:w", kW}, {"xmlns:r", kR}});
  x.open("w:p");
  x.open("w:pPr").leaf("w:pStyle", {{"w:val", st.page_number.id}}).close();
  if (page_number) {
    x.open("w:r").leaf("w:fldChar", {{"w:fldCharType", "begin"}}).close();
    x.open("w:r").elem("w:instrText", " PAGE ", {{"xml:space", "preserve"}}).close();
    x.open("w:r").leaf("w:fldChar", {{"w:fldCharType", "separate"}}).close();
    x.open("w:r").elem("w:t", "2").close();
    x.open("w:r").leaf("w:fldChar", {{"w:fldCharType", "end"}}).close();
  }
  return x.take();
}

std::string content_types_xml() {
  XmlWriter x;
  x.open("Types", {{"xmlns", "http://schemas.openxmlformats.org/package/2006/content-types"}});
  x.leaf("Default", {{"Extension", "rels"},
                     {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  x.leaf("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  x.leaf("Default", {{"Extension", "png"}, {"ContentType", "image/png"}});
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  auto over = [&](const char *part, const std::string &type) {
    x.leaf("Override", {{"PartName", part}, {"ContentType", type}});
  };
  over("/word/document.xml", wml + "document.main+xml");
  over("/word/styles.xml", wml + "styles+xml");
  over("/word/settings.xml", wml + "settings+xml");
  over("/word/footnotes.xml", wml + "footnotes+xml");
  over("/word/header1.xml", wml + "header+xml");
  over("/word/header2.xml", wml + "header+xml");
  over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  return x.take();
}

std::string root_rels_xml() {
  XmlWriter x;
  x.open("Relationships", {{"xmlns", kRelsNs}});
  x.leaf(
      "Relationship",
      {{"Id", "rId1"}, {"Type", std::string(kRelBase) + "officeDocument"}, {"Target", "word/document.xml"}});
  x.leaf("Relationship",
         {{"Id", "rId2"},
          {"Type", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"},
          {"Target", "docProps/core.xml"}});
  x.leaf("Relationship", {{"Id", "rId3"},
                          {"Type", std::string(kRelBase) + "extended-properties"},
                          {"Target", "docProps/app.xml"}});
  return x.take();
}

std::string document_rels_xml(size_t images) {
  XmlWriter x;
  x.open("Relationships", {{"xmlns", kRelsNs}});
  auto rel = [&](const char *id, const char *type, const char *target) {
    x.leaf("Relationship", {{"Id", id}, {"Type", std::string(kRelBase) + type}, {"Target", target}});
  };
  rel("rId1", "styles", "styles.xml");
  rel("rId2", "settings", "settings.xml");
  rel("rId3", "footnotes", "footnotes.xml");
  rel("rIdHdrDefault", "header", "header1.xml");
  rel("rIdHdrFirst", "header", "header2.xml");
  for (size_t i = 0; i < images; ++i) {
    std::string n = num(long(i + 1));
    x.leaf("Relationship", {{"Id", "rIdImg" + n},
                            {"Type", std::string(kRelBase) + "image"},
                            {"Target", "media/image" + n + ".png"}});
  }
  return x.take();
}

// W3CDTF timestamp: the caller's, the model's, or the header date at 00:00 UTC
// (a blank day or month counts as 01) so output never depends on the clock.
static std::string doc_date(const model::Document &doc, const Options &opt) {
  std::string d = !opt.created.empty() ? opt.created : doc.meta_date;
  if (d.size() == 10) // a bare date
    d += "T00:00:00Z";
  if (!d.empty())
    return d;
  const auto &h = doc.header;
  int y = h.year > 0 ? h.year : (doc.year > 0 ? doc.year : 1980);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", y, h.month.value_or(1), h.day.value_or(1));
  return buf;
}

std::string core_xml(const model::Document &doc, const Options &opt) {
  std::string date = doc_date(doc, opt);
  XmlWriter x;
  x.open("cp:coreProperties",
         {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
          {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
          {"xmlns:dcterms", "http://purl.org/dc/terms/"},
          {"xmlns:dcmitype", "http://purl.org/dc/dcmitype/"},
          {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  x.elem("dc:title", model::subject_text(doc));
  if (!doc.meta_subject.empty())
    x.elem("dc:subject", doc.meta_subject);
  x.elem("dc:creator", join(doc.header.agency, " "));
  if (!doc.meta_keywords.empty())
    x.elem("cp:keywords", doc.meta_keywords);
  x.elem("dcterms:created", date, {{"xsi:type", "dcterms:W3CDTF"}});
  x.elem("dcterms:modified", date, {{"xsi:type", "dcterms:W3CDTF"}});
  return x.take();
}

std::string app_xml() {
  XmlWriter x;
  x.open("Properties",
         {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}});
  x.elem("Application", "vanban");
  return x.take();
}

} // namespace vb::docx
