// libFuzzer target: the whole render path (load → finalize → DOCX and
// layout → PDF, and the editor's SVG preview) on small inputs.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/pipeline.hpp"
#include "docx/docx.hpp"
#include "layout/layout.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"
#include "pdf/pdf.hpp"
#include "preview/svg.hpp"
#include "serve/anchors.hpp"

namespace {
struct Env {
  std::shared_ptr<const vb::text::Fonts> fonts;
  vb::tmpl::Template plan, covenant;
  vb::tmpl::Calendar cal;
  Env() {
    vb::Diagnostics d;
    fonts = vb::text::Fonts::load(d);
    plan = *vb::tmpl::load_template(VANBAN_TEMPLATES, "ke-hoach", d);
    covenant = *vb::tmpl::load_template(VANBAN_TEMPLATES, "giao-uoc", d);
    vb::tmpl::load_calendar(std::string(VANBAN_TEMPLATES) + "/calendar.toml", cal, d);
    if (!fonts)
      __builtin_trap();
  }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Env env;
  if (size > 16384) // keep each run small: breadth over depth
    return 0;
  vb::Diagnostics d;
  auto doc = vb::load::load_string(std::string(reinterpret_cast<const char *>(data), size), "fuzz.xml", d);
  if (!doc)
    return 0;
  const vb::tmpl::Template &t = doc->kind == "giao-uoc" ? env.covenant : env.plan;
  vb::model::finalize(*doc, t, &env.cal);
  std::string docx = vb::docx::render(*doc, t, *env.fonts);
  if (docx.size() < 22)
    __builtin_trap();
  auto pages = vb::layout::layout(*doc, t, *env.fonts);
  std::string pdf = vb::pdf::write(pages, *env.fonts, {}, d);
  if (pdf.empty() && !d.has_errors())
    __builtin_trap();
  // The editor's preview of the same pages, its lines tied to the input's elements.
  std::string_view text(reinterpret_cast<const char *>(data), size);
  vb::serve::ElementIndex idx(text);
  vb::preview::SvgOptions opt;
  opt.anchor = [&](vb::SourceLoc s) { return std::to_string(idx.element_at(s)); };
  for (const auto &p : pages.pages)
    if (vb::preview::page_svg(p, opt).rfind("<svg", 0) != 0)
      __builtin_trap();
  return 0;
}
