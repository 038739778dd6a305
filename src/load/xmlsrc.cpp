#include "load/xmlsrc.hpp"

#include <cstring>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <mutex>

namespace vb::load {

extern const char *const kSchemaRng; // generated from schema/vanban.rng

namespace {

struct ParseState {
  XmlSource *src = nullptr;
  bool have_error = false;
  xmlError first{}; // libxml2's lastError is the last; users need the first
  std::string first_msg;
  std::string encoding_msg; // a conversion error, reported outside the parser context
  bool doctype = false;
  SourceLoc doctype_loc;
  size_t elements = 0, max_elements = SIZE_MAX;
  bool too_many = false;
  SourceLoc too_many_loc;
  startElementNsSAX2Func orig_start = nullptr;
};

// Runs after libxml2 has read a start tag (its input points at the '>' or
// "/>"): walk back to the '<' to learn where the tag began, and scan the tag
// for the position of each attribute.
void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
              int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
              const xmlChar **attributes) {
  auto *ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto *st = static_cast<ParseState *>(ctxt->_private);
  // Memory grows with the elements (the tree, positions, the model): stop
  // at the documented limit instead of exhausting the machine.
  if (++st->elements > st->max_elements) {
    st->too_many = true;
    st->too_many_loc = {xmlSAX2GetLineNumber(ctx), 1};
    xmlStopParser(ctxt);
    return;
  }
  st->orig_start(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                 attributes);
  xmlNodePtr node = ctxt->node;
  xmlParserInputPtr in = ctxt->input;
  if (!node || !in || !in->cur || !in->base)
    return;
  const xmlChar *cur = in->cur, *lt = cur;
  while (lt > in->base && *lt != '<')
    --lt;
  if (*lt != '<')
    return;
  // Characters and newlines between '<' and the parser's position.
  int lines = 0, cols_after_nl = 0, chars = 0;
  bool seen_nl = false;
  for (const xmlChar *p = lt; p < cur; ++p) {
    if ((*p & 0xC0) == 0x80)
      continue;
    if (*p == '\n') {
      ++lines;
      seen_nl = true;
      cols_after_nl = 0;
    } else if (seen_nl) {
      ++cols_after_nl;
    }
    ++chars;
  }
  SourceLoc start;
  start.line = in->line - lines;
  start.col = seen_nl ? 0 : in->col - chars; // column unknown if the tag spans lines
  if (start.col < 1)
    start.col = seen_nl ? 1 : 1;
  st->src->elements[node] = start;

  // Attribute positions: scan name="value" pairs inside the tag.
  int line = start.line, col = start.col;
  const xmlChar *p = lt;
  auto adv = [&] {
    if (*p == '\n') {
      ++line;
      col = 1;
    } else if ((*p & 0xC0) != 0x80) {
      ++col;
    }
    ++p;
  };
  adv(); // '<'
  while (p < cur && !std::strchr(" \t\r\n/>", *p))
    adv(); // element name
  while (p < cur) {
    while (p < cur && std::strchr(" \t\r\n", *p))
      adv();
    if (p >= cur || *p == '/' || *p == '>')
      break;
    SourceLoc aloc{line, col};
    std::string name;
    while (p < cur && !std::strchr(" \t\r\n=", *p)) {
      name += char(*p);
      adv();
    }
    while (p < cur && *p != '"' && *p != '\'')
      adv();
    if (p >= cur)
      break;
    xmlChar q = *p;
    adv();
    while (p < cur && *p != q)
      adv();
    if (p < cur)
      adv();
    size_t colon = name.find(':');
    st->src->attributes[{node, colon == std::string::npos ? name : name.substr(colon + 1)}] = aloc;
  }
}

// A DOCTYPE is refused outright, before its entity declarations are even
// read: no external entities, no billion laughs.
void on_internal_subset(void *ctx, const xmlChar *, const xmlChar *, const xmlChar *) {
  auto *ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto *st = static_cast<ParseState *>(ctxt->_private);
  st->doctype = true;
  st->doctype_loc = {xmlSAX2GetLineNumber(ctx), 1};
  xmlStopParser(ctxt);
}

xmlParserInputPtr deny_loader(const char *, const char *, xmlParserCtxtPtr) {
  return nullptr;
}

void silent(void *, const char *, ...) {}
void capture_first(void *ctx, xmlErrorPtr e) {
  auto *ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto *st = ctxt ? static_cast<ParseState *>(ctxt->_private) : nullptr;
  if (!st || !e || st->have_error || e->level < XML_ERR_ERROR)
    return;
  st->have_error = true;
  st->first = *e;
  st->first_msg = e->message ? e->message : "";
  st->first.message = nullptr;
}

// Errors libxml2 raises without a parser context (the encoding converters)
// would otherwise be printed raw on stderr.
void capture_global(void *ctx, xmlErrorPtr e) {
  auto *st = static_cast<ParseState *>(ctx);
  if (st && e && st->encoding_msg.empty() && e->message &&
      (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO))
    st->encoding_msg = e->message;
}

std::once_flag g_init;
void init_libxml() {
  std::call_once(g_init, [] {
    xmlInitParser();
    // Nothing outside the data file is ever read by the XML parser.
    xmlSetExternalEntityLoader(deny_loader);
  });
}

std::string clean_msg(const char *m) {
  std::string s = m ? m : "unknown error";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  // One diagnostic, one line: libxml2 sometimes adds a second line of detail.
  for (auto &c : s)
    if (c == '\n')
      c = ' ';
  return s;
}

} // namespace

XmlSource::~XmlSource() {
  if (doc)
    xmlFreeDoc(doc);
}

SourceLoc XmlSource::loc(const xmlNode *n) const {
  for (; n; n = n->parent) {
    auto it = elements.find(n);
    if (it != elements.end())
      return it->second;
    if (n->type == XML_ELEMENT_NODE)
      return {int(xmlGetLineNo(n)), 0};
  }
  return {};
}

SourceLoc XmlSource::attr_loc(const xmlNode *n, const char *attr) const {
  auto it = attributes.find({n, attr});
  return it != attributes.end() ? it->second : loc(n);
}

std::unique_ptr<XmlSource> parse_xml(const std::string &bytes, const std::string &file, Diagnostics &diags,
                                     size_t max_elements) {
  init_libxml();
  auto src = std::make_unique<XmlSource>();
  if (bytes.empty()) {
    diags.error(file, {1, 1}, "the file is empty", "a data file starts with <document kind=\"…\">");
    return nullptr;
  }
  if (bytes.size() > size_t(INT32_MAX)) {
    diags.error(file, {}, "the file is too large");
    return nullptr;
  }
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), int(bytes.size()));
  if (!ctxt) {
    diags.error(file, {}, "out of memory while reading the file");
    return nullptr;
  }
  ParseState st;
  st.src = src.get();
  st.max_elements = max_elements;
  ctxt->_private = &st;
  st.orig_start = ctxt->sax->startElementNs;
  ctxt->sax->startElementNs = on_start;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->warning = silent;
  ctxt->sax->error = silent;
  ctxt->sax->serror = capture_first;
  ctxt->vctxt.error = silent;
  ctxt->vctxt.warning = silent;
  // No network, no DTD loading, no entity substitution, no XInclude; keep
  // libxml2's own size and depth limits (no XML_PARSE_HUGE).
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  ctxt->sax->serror = capture_first;
  ctxt->loadsubset = 0;
  ctxt->replaceEntities = 0;
  // Per thread in libxml2: set for this parse.
  xmlSetGenericErrorFunc(nullptr, silent);
  xmlSetStructuredErrorFunc(&st, capture_global);
  int rc = xmlParseDocument(ctxt);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  bool ok = rc == 0 && ctxt->wellFormed && !st.doctype && !st.too_many;
  if (st.too_many) {
    diags.error(file, st.too_many_loc,
                "the document has more than " + std::to_string(max_elements) + " elements",
                "split it into several documents");
  } else if (st.doctype) {
    diags.error(file, st.doctype_loc, "DOCTYPE declarations are not allowed",
                "vanban data files have no DTD and no entities: remove the <!DOCTYPE …> block");
  } else if (!ok) {
    const xmlError *e = st.have_error ? &st.first : &ctxt->lastError;
    std::string msg = clean_msg(st.have_error ? st.first_msg.c_str() : e->message);
    int line = e->line > 0 ? e->line : 1;
    int col = e->int2 > 0 ? e->int2 : 1;
    std::string hint = "fix the XML syntax here";
    if (!st.encoding_msg.empty()) {
      msg = "the text does not match its declared encoding: " + clean_msg(st.encoding_msg.c_str());
      hint = "save the file as UTF-8 and declare encoding=\"UTF-8\"";
    } else if (e->code == XML_ERR_DOCUMENT_EMPTY)
      hint = "a data file starts with <document kind=\"…\">";
    else if (e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING)
      hint = "save the file as UTF-8";
    else if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
      hint = "only &amp; &lt; &gt; &quot; &apos; and &#NNNN; are allowed";
    else if (msg.find("Excessive depth") != std::string::npos)
      hint = "vanban documents nest at most 64 elements deep";
    diags.error(file, {line, col}, "malformed XML: " + msg, hint);
  }
  src->doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  xmlFreeParserCtxt(ctxt);
  if (!ok) {
    return nullptr;
  }
  return src;
}

namespace {
struct RngErrors {
  const XmlSource *src;
  std::string file;
  Diagnostics *diags;
  int count = 0;
};
void rng_error(void *ctx, xmlErrorPtr e) {
  auto *r = static_cast<RngErrors *>(ctx);
  if (r->count++ > 0)
    return; // the first error says it; later ones are consequences
  SourceLoc loc{e->line, 0};
  if (e->node)
    loc = r->src->loc(static_cast<const xmlNode *>(e->node));
  r->diags->error(r->file, loc, "does not match the vanban schema: " + clean_msg(e->message),
                  "see docs/format.md for what this element may contain");
}

} // namespace

static std::mutex g_schema_mu;
static xmlRelaxNGPtr g_schema = nullptr;

static xmlRelaxNGPtr compiled_schema() {
  std::lock_guard<std::mutex> g(g_schema_mu);
  if (!g_schema) {
    init_libxml();
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(kSchemaRng, int(std::strlen(kSchemaRng)));
    g_schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
  }
  return g_schema;
}

void prepare_schema() {
  compiled_schema();
}

bool validate_schema(const XmlSource &src, const std::string &file, Diagnostics &diags) {
  xmlRelaxNGPtr schema = compiled_schema();
  if (!schema) {
    diags.error(file, {}, "internal error: the built-in schema does not compile");
    return false;
  }
  RngErrors errs{&src, file, &diags};
  xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
  xmlRelaxNGSetValidStructuredErrors(vc, rng_error, &errs);
  int rc = xmlRelaxNGValidateDoc(vc, src.doc);
  xmlRelaxNGFreeValidCtxt(vc);
  if (rc != 0 && errs.count == 0)
    diags.error(file, {}, "does not match the vanban schema", "see docs/format.md");
  return rc == 0;
}

} // namespace vb::load
