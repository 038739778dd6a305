#include "import/xmlpart.hpp"

#include <cstring>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <mutex>

namespace vb::imp {

namespace {

struct State {
  bool doctype = false;
  int doctype_line = 0;
  bool have_error = false;
  int line = 0, col = 0;
  std::string msg;
};

void on_internal_subset(void *ctx, const xmlChar *, const xmlChar *, const xmlChar *) {
  auto *ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto *st = static_cast<State *>(ctxt->_private);
  st->doctype = true;
  st->doctype_line = xmlSAX2GetLineNumber(ctx);
  xmlStopParser(ctxt);
}

void capture_first(void *ctx, xmlErrorPtr e) {
  auto *ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto *st = ctxt ? static_cast<State *>(ctxt->_private) : nullptr;
  if (!st || !e || st->have_error || e->level < XML_ERR_ERROR)
    return;
  st->have_error = true;
  st->line = e->line;
  st->col = e->int2;
  st->msg = e->message ? e->message : "unknown error";
  while (!st->msg.empty() && (st->msg.back() == '\n' || st->msg.back() == ' '))
    st->msg.pop_back();
  for (auto &c : st->msg)
    if (c == '\n')
      c = ' ';
}

void silent(void *, const char *, ...) {}

xmlParserInputPtr deny_loader(const char *, const char *, xmlParserCtxtPtr) {
  return nullptr;
}

std::once_flag g_init;

} // namespace

XmlPart::~XmlPart() {
  if (doc)
    xmlFreeDoc(doc);
}

std::unique_ptr<XmlPart> parse_part(const std::string &bytes, const std::string &where, Diagnostics &diags) {
  std::call_once(g_init, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_loader);
  });
  if (bytes.size() > size_t(INT32_MAX)) {
    diags.error(where, {}, "the part is too large");
    return nullptr;
  }
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), int(bytes.size()));
  if (!ctxt) {
    diags.error(where, {}, bytes.empty() ? "the part is empty" : "out of memory while reading the part");
    return nullptr;
  }
  State st;
  ctxt->_private = &st;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->warning = silent;
  ctxt->sax->error = silent;
  ctxt->vctxt.error = silent;
  ctxt->vctxt.warning = silent;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  ctxt->sax->serror = capture_first;
  ctxt->loadsubset = 0;
  ctxt->replaceEntities = 0;
  int rc = xmlParseDocument(ctxt);
  bool ok = rc == 0 && ctxt->wellFormed && !st.doctype;
  auto part = std::make_unique<XmlPart>();
  part->doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  if (st.doctype) {
    diags.error(where, {st.doctype_line, 1}, "the part declares a DOCTYPE",
                "Word never writes one; DTDs and entities are refused (they can expand without bound)");
  } else if (!ok) {
    int line = st.have_error ? st.line : ctxt->lastError.line;
    int col = st.have_error ? st.col : ctxt->lastError.int2;
    std::string msg = st.have_error ? st.msg : "not well-formed";
    diags.error(where, {line > 0 ? line : 1, col > 0 ? col : 1}, "malformed XML: " + msg,
                "the document is damaged; save it again from the word processor");
  }
  xmlFreeParserCtxt(ctxt);
  if (!ok || !part->doc || !part->root()) {
    if (ok)
      diags.error(where, {1, 1}, "the part has no root element", "save the document again");
    return nullptr;
  }
  return part;
}

bool is(const xmlNode *n, const char *local) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char *>(n->name), local) == 0;
}

const xmlNode *child(const xmlNode *n, const char *local) {
  if (!n)
    return nullptr;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is(c, local))
      return c;
  return nullptr;
}

std::optional<std::string> attr(const xmlNode *n, const char *local) {
  if (!n)
    return std::nullopt;
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char *>(a->name), local) != 0)
      continue;
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    std::string s = v ? reinterpret_cast<const char *>(v) : "";
    if (v)
      xmlFree(v);
    return s;
  }
  return std::nullopt;
}

std::optional<bool> flag(const xmlNode *props, const char *local) {
  const xmlNode *e = child(props, local);
  if (!e)
    return std::nullopt;
  auto v = attr(e, "val");
  if (!v)
    return true;
  return !(*v == "0" || *v == "false" || *v == "off" || *v == "none");
}

} // namespace vb::imp
