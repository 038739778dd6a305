// vanban-serve: the editor's server, a program of its own so that the HTTP
// library (and the TLS libraries it is built with) load only when a clerk
// starts the editor, never for `vanban render`. `vanban serve` runs it.
#include "app/pipeline.hpp"
#include "import/import.hpp"
#include "serve/http.hpp"

int main(int argc, char **argv) {
  // "Open a Word file": the import stage turns the upload into data.
  return vb::serve::serve_main(argc, argv,
                               [](const std::string &bytes, const std::string &name, vb::Diagnostics &d) {
                                 vb::imp::Options opt;
                                 opt.templates_dir = vb::app::default_templates_dir();
                                 return vb::imp::import_document(bytes, name, opt, d);
                               });
}
