// PDF writer: pages of positioned boxes (from layout) → PDF bytes, built
// with PoDoFo: subset CID fonts with ToUnicode, signature fields, PNG
// images with their transparency.
#pragma once
#include <ctime>
#include <string>

#include "layout/layout.hpp"
#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::pdf {

struct Options {
  bool signature_fields = true; // one unsigned /FT /Sig field per signer
  std::time_t real_time = 0;    // stamp this creation time (and so another /ID); 0: the document's date
  int threads = 0;              // for deflating and subsetting: 0 = two when the machine has them
};

// Returns the PDF bytes; on failure returns "" and reports into diags.
std::string write(const layout::Document &pages, const text::Fonts &fonts, const Options &opt,
                  Diagnostics &diags);

} // namespace vb::pdf
