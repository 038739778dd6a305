#include "app/pipeline.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <future>
#include <sys/stat.h>

#include "check/rules.hpp"
#include "docx/docx.hpp"
#include "geometry/blocks.hpp"
#include "layout/layout.hpp"
#include "load/load.hpp"
#include "model/finalize.hpp"
#include "pdf/pdf.hpp"
#include "util/fsio.hpp"

namespace vb::app {

std::string default_templates_dir() {
  if (const char *e = std::getenv("VANBAN_TEMPLATES"); e && *e)
    return e;
  return VANBAN_TEMPLATES_DEFAULT;
}

std::string data_dir_of(const std::string &path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool load_calendar(const std::string &templates_dir, const std::string &data_path, tmpl::Calendar &cal,
                   Diagnostics &diags) {
  return tmpl::load_calendar(templates_dir + "/calendar.toml", cal, diags) &&
         tmpl::load_calendar(data_dir_of(data_path) + "/calendar.toml", cal, diags, true);
}

std::optional<Loaded> load(const std::string &path, const Config &cfg, Diagnostics &diags,
                           const text::Fonts *fonts) {
  auto doc = load::load_file(path, diags);
  if (!doc)
    return std::nullopt;
  std::string dir = cfg.templates_dir.empty() ? default_templates_dir() : cfg.templates_dir;
  auto t = tmpl::load_template(dir, doc->kind, diags, path, doc->kind_loc);
  if (!t)
    return std::nullopt;
  tmpl::Calendar cal;
  if (!load_calendar(dir, path, cal, diags))
    return std::nullopt;
  bool ok = true;
  for (const auto &[id, loc] : doc->anniv_refs)
    if (!id.empty() && !cal.events.count(id)) {
      std::string known;
      for (const auto &[k, e] : cal.events)
        known += (known.empty() ? "" : ", ") + k;
      diags.error(path, loc, "unknown event '" + id + "'",
                  "use one of the calendar's ids (" + known +
                      "), or add it to a calendar.toml next to the data file");
      ok = false;
    }
  if (!ok)
    return std::nullopt;
  model::finalize(*doc, *t, &cal);
  check::decree_rules(*doc, *t, fonts, check::today(), diags);
  // What no page can hold: a table column too narrow for text, a page-1
  // header taller than a page.
  if (fonts && !geo::check(*doc, *t, *fonts, diags))
    return std::nullopt;
  return Loaded{std::move(*doc), std::move(*t), std::move(cal)};
}

std::optional<Rendered> render(const Loaded &l, const text::Fonts &fonts, const Config &cfg,
                               Diagnostics &diags) {
  Rendered r;
  // The two backends share only read-only inputs: with both asked for and
  // cores to spare, the DOCX is written while the PDF is laid out.
  std::future<std::string> docx_job;
  if (cfg.docx && cfg.pdf && cfg.threads)
    docx_job = std::async(std::launch::async, [&] { return docx::render(l.doc, l.tmpl, fonts); });
  else if (cfg.docx)
    r.docx = docx::render(l.doc, l.tmpl, fonts);
  if (cfg.pdf) {
    layout::Document pages = layout::layout(l.doc, l.tmpl, fonts);
    // A documented limit, so that a runaway input ends in a clear error
    // rather than a PDF no office can print.
    if (pages.pages.size() > kMaxPages) {
      diags.error(l.doc.file, {},
                  "the document lays out to " + std::to_string(pages.pages.size()) +
                      " pages; vanban renders at most " + std::to_string(kMaxPages),
                  "split it into several documents");
      return std::nullopt;
    }
    pdf::Options po;
    po.signature_fields = cfg.signature_fields;
    po.real_time = cfg.real_time;
    po.threads = cfg.threads ? 0 : 1;
    r.pdf = pdf::write(pages, fonts, po, diags);
    if (docx_job.valid())
      r.docx = docx_job.get();
    if (r.pdf.empty())
      return std::nullopt;
  }
  return r;
}

static bool ensure_dir(const std::string &dir, std::string &err) {
  if (dir.empty())
    return true;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return true;
    err = "exists and is not a folder";
    return false;
  }
  size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !ensure_dir(dir.substr(0, slash), err))
    return false;
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    err = std::strerror(errno);
    return false;
  }
  return true;
}

bool write_outputs(const std::string &dir, const std::string &stem, const Rendered &r, Diagnostics &diags) {
  std::string err;
  if (!ensure_dir(dir, err)) {
    diags.error(dir, {}, "cannot create the output folder: " + err, "choose another folder with -o");
    return false;
  }
  std::string base = (dir.empty() ? "" : dir + "/") + stem;
  // Both files are produced in memory first: a failure here never leaves a
  // half-written document, and the previous outputs stay as they were.
  for (auto [ext, bytes] :
       {std::pair<const char *, const std::string *>{".docx", &r.docx}, {".pdf", &r.pdf}}) {
    if (bytes->empty())
      continue;
    if (!write_file_atomic(base + ext, *bytes, err)) {
      diags.error(base + ext, {}, "cannot write: " + err,
                  "check free space and permissions of the output folder");
      return false;
    }
  }
  return true;
}

std::string stem_of(const std::string &path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0)
    name.resize(name.size() - 4);
  return name;
}

} // namespace vb::app
