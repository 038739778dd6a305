#include "app/pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
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
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

bool load_calendar(const std::string &templates_dir, const std::string &data_path, tmpl::Calendar &cal,
                   Diagnostics &diags) {
  return tmpl::load_calendar(templates_dir + "/calendar.toml", cal, diags) &&
         tmpl::load_folder_calendar(data_dir_of(data_path), cal, diags);
}

// Every <anniv> names a calendar event, and is counted for a year after it
// (a document dated before the event would print "-10 năm").
static bool check_anniversaries(const model::Document &doc, const tmpl::Calendar &cal, Diagnostics &diags) {
  bool ok = true;
  for (const auto &a : doc.anniv_refs) {
    if (a.event.empty())
      continue;
    auto it = cal.events.find(a.event);
    if (it == cal.events.end()) {
      std::string known;
      for (const auto &[k, e] : cal.events)
        known += (known.empty() ? "" : ", ") + k;
      diags.error(doc.file, a.loc, "unknown event '" + a.event + "'",
                  "use one of the calendar's ids (" + known +
                      "), or add it to a calendar.toml next to the data file");
      ok = false;
      continue;
    }
    const tmpl::Event &e = it->second;
    int year = model::anniversary_year(doc.year, a.year, a.offset);
    bool counted = a.form != "name" && a.form != "date";
    if (counted && year <= e.year) {
      diags.error(doc.file, a.loc,
                  "the anniversary of '" + a.event + "' is counted for " + std::to_string(year) +
                      ", but the event was in " + std::to_string(e.year),
                  "count it for a later year: check the document's year, or give year=\"…\" or offset=\"…\" "
                  "on <anniv>");
      ok = false;
    }
  }
  return ok;
}

std::optional<Loaded> load(const std::string &path, const Config &cfg, Diagnostics &diags,
                           const text::Fonts *fonts, const std::string *text) {
  std::string dir = cfg.templates_dir.empty() ? default_templates_dir() : cfg.templates_dir;
  // The kind's template is read as soon as the walker has the document, so
  // that a part the kind does not have is reported before the schema's
  // mismatch (which knows the kind's parts too, but says so less clearly).
  std::optional<tmpl::Template> t;
  load::Inspect inspect = [&](const model::Document &d, Diagnostics &dg) {
    t = tmpl::load_template(dir, d.kind, dg, path, d.kind_loc);
    if (t)
      check::kind_parts(d, *t, dg);
  };
  auto doc =
      text ? load::load_string(*text, path, diags, {}, inspect) : load::load_file(path, diags, {}, inspect);
  if (!doc || !t) // the walker, the kind or the schema refused it
    return std::nullopt;
  tmpl::Calendar cal;
  if (!load_calendar(dir, path, cal, diags))
    return std::nullopt;
  if (!check_anniversaries(*doc, cal, diags))
    return std::nullopt;
  model::finalize(*doc, *t, &cal);
  check::decree_rules(*doc, *t, fonts, check::today(), diags);
  if (diags.has_errors()) // a character that no font can print
    return std::nullopt;
  // What no page can hold: a table column too narrow for text, a page-1
  // header taller than a page.
  if (fonts && !geo::check(*doc, *t, *fonts, diags))
    return std::nullopt;
  return Loaded{std::move(*doc), std::move(*t), std::move(cal)};
}

namespace {

// A time in ISO 8601, for --real-time.
std::string iso8601(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

} // namespace

std::optional<Rendered> render(const Loaded &l, const text::Fonts &fonts, const Config &cfg,
                               Diagnostics &diags) {
  Rendered r;
  docx::Options dopt;
  // One time for both outputs of the pair.
  const std::time_t now = cfg.real_time ? std::time(nullptr) : 0;
  if (cfg.real_time)
    dopt.created = iso8601(now);
  // The two backends share only read-only inputs: with both asked for and
  // cores to spare, the DOCX is written while the PDF is laid out.
  std::future<std::string> docx_job;
  if (cfg.docx && cfg.pdf && cfg.threads)
    docx_job = std::async(std::launch::async, [&] { return docx::render(l.doc, l.tmpl, fonts, dopt); });
  else if (cfg.docx)
    r.docx = docx::render(l.doc, l.tmpl, fonts, dopt);
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
    po.real_time = now;
    po.threads = cfg.threads ? 0 : 1;
    Diagnostics pd;
    r.pdf = pdf::write(pages, fonts, po, pd);
    if (docx_job.valid())
      r.docx = docx_job.get();
    // The PDF stage's messages name the data file; when it fails the pair
    // is not written (the DOCX alone stays available with --format docx).
    for (const auto &d : pd.items()) {
      std::string msg = d.message;
      std::string hint = d.hint;
      if (d.severity == Severity::Error) {
        msg = "the PDF could not be made: " + msg;
        hint = (hint.empty() ? "" : hint + "; ") +
               "nothing was written; vanban render --format docx writes the DOCX alone";
      }
      Diagnostics one;
      if (d.severity == Severity::Warning)
        one.warning(d.file.empty() ? l.doc.file : d.file, d.loc, msg, hint);
      else if (d.io)
        one.io_error(d.file.empty() ? l.doc.file : d.file, d.loc, msg, hint);
      else
        one.error(d.file.empty() ? l.doc.file : d.file, d.loc, msg, hint);
      diags.append(one);
    }
    if (r.pdf.empty()) {
      if (!pd.has_errors())
        diags.error(l.doc.file, {}, "the PDF could not be made",
                    "nothing was written; vanban render --format docx writes the DOCX alone");
      return std::nullopt;
    }
  }
  return r;
}

std::optional<std::string> skeleton(const std::string &templates_dir, const std::string &kind, int year,
                                    Diagnostics &diags) {
  if (!tmpl::load_template(templates_dir, kind, diags))
    return std::nullopt;
  std::string err, path = templates_dir + "/" + kind + ".new.xml";
  auto text = read_file(path, err, 1 << 20);
  if (!text) {
    diags.error(path, {}, "cannot read the skeleton: " + err, "reinstall vanban's templates/ folder");
    return std::nullopt;
  }
  const std::string y = std::to_string(year);
  for (size_t p = 0; (p = text->find("{year}", p)) != std::string::npos;)
    text->replace(p, 6, y);
  return text;
}

std::string output_path(const std::string &dir, const std::string &stem, const char *ext) {
  return (dir.empty() ? "" : dir + "/") + stem + ext;
}

bool write_outputs(const std::string &dir, const std::string &stem, const Rendered &r, Diagnostics &diags) {
  std::string err;
  if (!make_dirs(dir, err)) {
    diags.io_error(dir, {}, "cannot create the output folder: " + err, "choose another folder with -o");
    return false;
  }
  // Both files are in memory: they replace the previous pair together or,
  // on any failure, not at all.
  std::vector<OutputFile> files;
  std::string docx_path = output_path(dir, stem, ".docx"), pdf_path = output_path(dir, stem, ".pdf");
  if (!r.docx.empty())
    files.push_back({docx_path, &r.docx});
  if (!r.pdf.empty())
    files.push_back({pdf_path, &r.pdf});
  std::string failed;
  if (!write_files_atomic(files, failed, err)) {
    std::string pair = files.size() > 1 ? "; neither file of the pair was replaced" : "";
    diags.io_error(failed, {}, "cannot write: " + err + pair,
                   "check free space and permissions of the output folder");
    return false;
  }
  return true;
}

std::vector<std::string> input_files(const Loaded &l, const Config &cfg) {
  std::string tdir = cfg.templates_dir.empty() ? default_templates_dir() : cfg.templates_dir;
  std::string ddir = data_dir_of(l.doc.file);
  std::vector<std::string> v = {l.tmpl.source, tdir + "/calendar.toml", ddir + "/calendar.toml"};
  auto images = [&](const model::Signature &s) {
    for (const auto *p : {&s.signature_image, &s.seal_image})
      if (!p->empty())
        v.push_back(*p);
  };
  if (l.doc.signature)
    images(*l.doc.signature);
  for (const auto &p : l.doc.parties)
    images(p.signature);
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

int process(const std::string &path, const std::string &out_dir, const text::Fonts &fonts, const Config &cfg,
            Diagnostics &diags, Produced *produced) {
  try {
    auto l = load(path, cfg, diags, &fonts);
    if (!l)
      return exit_code(diags) == kExitOk ? int(kExitInvalid) : exit_code(diags);
    if (produced)
      produced->inputs = input_files(*l, cfg);
    auto r = render(*l, fonts, cfg, diags);
    if (!r)
      return exit_code(diags) == kExitOk ? int(kExitInvalid) : exit_code(diags);
    if (!write_outputs(out_dir, stem_of(path), *r, diags))
      return kExitIo;
    if (produced) {
      produced->docx_size = cfg.docx ? long(r->docx.size()) : -1;
      produced->pdf_size = cfg.pdf ? long(r->pdf.size()) : -1;
    }
    return kExitOk;
  } catch (const std::bad_alloc &) {
    diags.io_error(path, {}, "out of memory", "the document is too large for this machine: split it");
    return kExitIo;
  } catch (const std::exception &e) {
    diags.error(path, {}, std::string("internal error: ") + e.what(),
                "please report it to vanban's maintainers with this data file");
    return kExitInternal;
  }
}

std::string stem_of(const std::string &path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0)
    name.resize(name.size() - 4);
  return name;
}

} // namespace vb::app
