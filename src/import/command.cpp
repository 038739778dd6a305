// `vanban import`: its options, then import_document(). Kept to itself so
// the command line dispatcher only has to call command().
#include <cstdio>
#include <string>

#include "app/pipeline.hpp"
#include "import/import.hpp"
#include "template/template.hpp"
#include "util/fsio.hpp"

namespace vb::imp {

namespace {

const char *kHelp = "usage: vanban import FILE [-o OUT.xml] [--kind KIND] [options]\n"
                    "\n"
                    "Reads a document you already have (a .docx from Word, LibreOffice or any tool,\n"
                    "or plain text as pdftotext or a copy from a PDF gives it) and writes vanban\n"
                    "data that renders it again: header, tên loại and trích yếu, căn cứ, the\n"
                    "numbered sections (numbered again by vanban), targets, bullets, tables,\n"
                    "footnotes, Nơi nhận, the signature or the covenant's parties, appendices.\n"
                    "What it is unsure of is kept as a paragraph and reported on stderr with\n"
                    "its position. The kind comes from the tên loại and the ký hiệu, or --kind.\n"
                    "\n"
                    "  -o, --output OUT.xml   write here (atomically) instead of standard output\n"
                    "  --kind KIND            the document kind (see vanban templates)\n"
                    "  --no-year-fields       keep the years as written instead of offering <year/>\n"
                    "  --templates DIR        folder of the templates\n"
                    "\n"
                    "exit status: 0 imported (warnings may be printed), 1 the file cannot be\n"
                    "imported, 2 wrong usage, 3 the file cannot be read or the output written\n";

int usage(const std::string &msg) {
  std::fprintf(stderr, "vanban: %s\n\n%s", msg.c_str(), kHelp);
  return kExitUsage;
}

} // namespace

int command(int argc, char **argv) {
  std::string file, out;
  Options opt;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](std::string &dst) {
      if (i + 1 >= argc)
        return false;
      dst = argv[++i];
      return true;
    };
    if (s == "-h" || s == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (s == "-o" || s == "--output") {
      if (!value(out))
        return usage(s + " needs a file name");
    } else if (s == "--kind") {
      if (!value(opt.kind))
        return usage("--kind needs a kind, e.g. --kind ke-hoach");
    } else if (s == "--templates") {
      if (!value(opt.templates_dir))
        return usage("--templates needs a folder");
    } else if (s == "--no-year-fields") {
      opt.year_fields = false;
    } else if (!s.empty() && s[0] == '-') {
      return usage("unknown option " + s);
    } else if (file.empty()) {
      file = s;
    } else {
      return usage("import takes one FILE");
    }
  }
  if (file.empty())
    return usage("import needs a FILE (.docx or text)");
  if (opt.templates_dir.empty())
    opt.templates_dir = app::default_templates_dir();
  if (!opt.kind.empty()) {
    std::string known;
    bool found = false;
    for (const auto &[k, desc] : tmpl::list_templates(opt.templates_dir)) {
      found = found || k == opt.kind;
      known += (known.empty() ? "" : ", ") + k;
    }
    if (!found)
      return usage("unknown document kind '" + opt.kind + "' (kinds: " + known + ")");
  }
  // The data folder's own days (calendar.toml beside the output) count too.
  if (!out.empty())
    opt.calendars.push_back(app::data_dir_of(out) + "/calendar.toml");
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
