#include "check/rules.hpp"
#include "cli/command.hpp"

namespace vb::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool strict = false;
  app::Config cfg;
};

int run_check(const CheckOptions &o) {
  // Fonts only sharpen the checks (header widths); check works without them.
  Diagnostics quiet;
  auto fonts = text::Fonts::load(quiet, o.cfg.fonts);
  int rc = kExitOk;
  for (const auto &f : o.files) {
    Diagnostics d;
    int status = kExitOk;
    try {
      auto l = app::load(f, o.cfg, d, fonts.get());
      if (o.strict)
        d.promote_warnings();
      status = !l && exit_code(d) == kExitOk ? int(kExitInvalid) : exit_code(d);
    } catch (const std::bad_alloc &) {
      d.io_error(f, {}, "out of memory", "the document is too large for this machine: split it");
      status = kExitIo;
    } catch (const std::exception &e) {
      d.error(f, {}, std::string("internal error: ") + e.what(),
              "please report it to vanban's maintainers with this data file");
      status = kExitInternal;
    }
    print(d);
    rc = std::max(rc, status);
  }
  return rc;
}

} // namespace

Command check_command() {
  return {
      "check", "validate data files; print only diagnostics",
      "Loads and validates each file (schema, dates, numbers, template) and checks what Decree "
      "30/2020 asks that cannot be fixed mechanically (ký hiệu of the kind, titles before a signer's "
      "name, the Lưu line, dates far ahead, header lines too wide for their column). Prints FILE:LINE:COL: "
      "error|warning: … for every problem and nothing when all is well. Warnings do not fail.",
      [](CLI::App &sub) {
        auto o = std::make_shared<CheckOptions>();
        sub.add_option("FILE.xml", o->files, "data files to check")->required()->type_name("");
        sub.add_flag("--strict", o->strict, "treat warnings as errors (exit 1)");
        add_templates_option(sub, o->cfg);
        add_fonts_option(sub, o->cfg);
        return [o] { return run_check(*o); };
      }};
}

} // namespace vb::cli
