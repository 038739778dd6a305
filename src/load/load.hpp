// Loader: XML file → model::Document, with source locations on everything.
// The only code that links libxml2's parser. Loads no DTD, resolves no
// external entity, opens no network connection; text is normalised to NFC.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "model/document.hpp"
#include "util/unicode.hpp"

namespace vb::load {

struct Limits {
  size_t max_file_bytes = 50u << 20; // 50 MiB
  int max_depth = 64;                // element nesting
  size_t max_elements = 500000;      // bounds the memory of one load (~1 KB each)
};

// Checks of the caller's, run on a document the walker accepted and before
// the schema: the pipeline checks there what the document's kind allows, so
// that a part the kind does not have is reported in the user's terms rather
// than as the schema's mismatch.
using Inspect = std::function<void(const model::Document &, Diagnostics &)>;

// Loads and validates (schema + the loader's own checks). Errors go to
// `diags` as FILE:LINE:COL; returns nullopt when any error was reported.
// The result is not finalized: call model::finalize with its template.
std::optional<model::Document> load_file(const std::string &path, Diagnostics &diags,
                                         const Limits &limits = {}, const Inspect &inspect = {});
std::optional<model::Document> load_string(const std::string &xml, const std::string &path,
                                           Diagnostics &diags, const Limits &limits = {},
                                           const Inspect &inspect = {});

// Compiles the schema and warms ICU once, so worker processes forked after
// it (vanban build -j) do not each pay for it.
void prepare();

using vb::nfc; // Unicode NFC normalisation (util/unicode.hpp)

} // namespace vb::load
