// `vanban import` once its options are parsed: read the file, import_document(),
// write the data atomically (or to standard output).
#include <cstdio>
#include <string>

#include "app/pipeline.hpp"
#include "import/import.hpp"
#include "template/template.hpp"
#include "util/fsio.hpp"

namespace vb::imp {

int command(const std::string &file, const std::string &out, Options opt) {
  if (opt.templates_dir.empty())
    opt.templates_dir = app::default_templates_dir();
  if (!opt.kind.empty()) {
    std::string known;
    bool found = false;
    for (const auto &[k, desc] : tmpl::list_templates(opt.templates_dir)) {
      found = found || k == opt.kind;
      known += (known.empty() ? "" : ", ") + k;
    }
    if (!found) {
      std::fprintf(stderr, "vanban import: unknown document kind '%s' (kinds: %s)\n", opt.kind.c_str(),
                   known.c_str());
      return kExitUsage;
    }
  }
  // The data folder's own days (calendar.toml beside the output) count too.
  if (!out.empty())
    opt.calendar_dirs.push_back(app::data_dir_of(out));
  Limits lim;
  std::string err;
  auto bytes = read_file(file, err, lim.max_input + 1);
  if (!bytes) {
    if (err.rfind("file is larger", 0) == 0) {
      std::fprintf(stderr, "%s: error: the file is larger than %zu MiB (split the document)\n", file.c_str(),
                   lim.max_input >> 20);
      return kExitInvalid;
    }
    std::fprintf(stderr, "%s: error: cannot read the file: %s (check the path)\n", file.c_str(), err.c_str());
    return kExitIo;
  }
  Diagnostics d;
  auto xml = import_document(*bytes, file, opt, d, lim);
  std::fputs(d.str().c_str(), stderr);
  if (!xml)
    return kExitInvalid;
  if (out.empty()) {
    std::fwrite(xml->data(), 1, xml->size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitIo;
  }
  if (!write_file_atomic(out, *xml, err)) {
    std::fprintf(stderr, "%s: error: cannot write: %s (check the folder and its permissions)\n", out.c_str(),
                 err.c_str());
    return kExitIo;
  }
  return kExitOk;
}

} // namespace vb::imp
