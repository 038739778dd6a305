#include "cli/command.hpp"
#include "import/import.hpp"

namespace vb::cli {

namespace {

struct ImportOptions {
  std::string file, out;
  imp::Options opt;
};

} // namespace

Command import_command() {
  return {
      "import", "a .docx or text file → vanban data",
      "Reads a document you already have (a .docx from Word, LibreOffice or any tool, or plain text as "
      "pdftotext or a copy from a PDF gives it) and writes vanban data that renders it again: header, tên "
      "loại and trích yếu, căn cứ, the numbered sections (numbered again by vanban), targets, bullets, "
      "tables, footnotes, Nơi nhận, the signature or the covenant's parties, appendices. What it is unsure "
      "of is kept as a paragraph and reported on stderr with its position. The kind comes from the tên "
      "loại and the ký hiệu, or --kind. Exit 0 imported (warnings may be printed), 1 the file cannot be "
      "imported, 3 the file cannot be read or the output written.",
      [](CLI::App &sub) {
        auto o = std::make_shared<ImportOptions>();
        sub.add_option("FILE", o->file, "the .docx or text file to import")->required()->type_name("");
        sub.add_option("-o,--output", o->out, "write here (atomically) instead of standard output")
            ->type_name("OUT.xml");
        sub.add_option("--kind", o->opt.kind, "the document kind (see vanban templates)")->type_name("KIND");
        sub.add_flag_callback(
            "--no-year-fields", [o] { o->opt.year_fields = false; },
            "keep the years as written instead of offering <year/>");
        sub.add_option("--templates", o->opt.templates_dir, "folder of the templates")->type_name("DIR");
        return [o] { return imp::command(o->file, o->out, o->opt); };
      }};
}

} // namespace vb::cli
