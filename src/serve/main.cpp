// vanban-serve: the editor's server, a program of its own so that the HTTP
// library (and the TLS libraries it is built with) load only when a clerk
// starts the editor, never for `vanban render`. `vanban serve` runs it.
#include "serve/http.hpp"

int main(int argc, char **argv) {
  return vb::serve::serve_main(argc, argv);
}
