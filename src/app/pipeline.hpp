// The whole pipeline for one data file: load → template → finalize →
// backends → atomic writes. Shared by `render`, `build` and the tests.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/document.hpp"
#include "template/template.hpp"
#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::app {

inline constexpr size_t kMaxPages = 10000;

struct Config {
  std::string templates_dir; // default: $VANBAN_TEMPLATES or the built-in path
  text::FontSpec fonts;      // default: Times New Roman if installed, else Liberation Serif 2
  bool docx = true, pdf = true;
  bool signature_fields = true;
  bool real_time = false;
  bool threads = true; // use a second core inside one render (off in build workers)
};

std::string default_templates_dir();

struct Loaded {
  model::Document doc;
  tmpl::Template tmpl;
  tmpl::Calendar calendar;
};

// The built-in calendar plus the data folder's own calendar.toml, if any.
bool load_calendar(const std::string &templates_dir, const std::string &data_path, tmpl::Calendar &cal,
                   Diagnostics &diags);
std::string data_dir_of(const std::string &path);

// Loads, validates and finalizes one file, then checks the decree's rules
// (warnings; with `fonts`, also the header line widths). Errors into diags.
// With `text`, that is the file's content (an editor's unsaved buffer):
// images and calendar.toml are still found beside `path`.
std::optional<Loaded> load(const std::string &path, const Config &cfg, Diagnostics &diags,
                           const text::Fonts *fonts = nullptr, const std::string *text = nullptr);

// The commented skeleton of a new document of `kind` (templates/KIND.new.xml),
// dated `year`; nullopt with a message in diags when the kind is unknown.
std::optional<std::string> skeleton(const std::string &templates_dir, const std::string &kind, int year,
                                    Diagnostics &diags);

struct Rendered {
  std::string docx, pdf; // bytes (empty when not asked for)
};

// Renders a loaded document; nullopt (with diags) on failure.
std::optional<Rendered> render(const Loaded &l, const text::Fonts &fonts, const Config &cfg,
                               Diagnostics &diags);

// Writes DIR/<stem>.docx and .pdf (those rendered) as a pair: both replace
// the previous files or neither does. Returns false on an I/O error
// (reported as FILE: error: … naming the file).
bool write_outputs(const std::string &dir, const std::string &stem, const Rendered &r, Diagnostics &diags);
std::string output_path(const std::string &dir, const std::string &stem, const char *ext);

// Every file a loaded document was made from besides itself: its template,
// the calendars (present or not) and its images.
std::vector<std::string> input_files(const Loaded &l, const Config &cfg);

struct Produced {
  long docx_size = -1, pdf_size = -1;
  std::vector<std::string> inputs; // input_files(), known once loaded
};

// Loads, renders and writes one data file into `out_dir`. Returns its exit
// status (0, 1 invalid input, 3 I/O or out of memory, 4 internal error) with
// the reasons in `diags`; never throws.
int process(const std::string &path, const std::string &out_dir, const text::Fonts &fonts, const Config &cfg,
            Diagnostics &diags, Produced *produced = nullptr);

// "data/x.xml" → "x", the outputs' base name.
std::string stem_of(const std::string &path);

} // namespace vb::app
