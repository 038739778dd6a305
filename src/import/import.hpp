// Import: a document somebody already has — a DOCX from any word processor,
// or plain text as pdftotext or a copy from a PDF gives it — back into
// vanban data. The stage is a library function (bytes + a name in, XML text
// and diagnostics out) so the command line and, later, an editor share it:
//
//   read (docx.cpp | text.cpp)  → Source: paragraphs and tables as written
//   recognise (recognise.cpp …) → model::Document, labels dropped (vanban
//                                 numbers again), fields offered for years
//   write (xmlout.cpp)          → the data file, indented and commented
//
// What it could not place is kept as a paragraph and reported as a warning
// with its position; nothing of the source text is dropped.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "util/diag.hpp"

namespace vb::imp {

struct Options {
  std::string kind;                       // template name; empty = recognise from tên loại and ký hiệu
  std::string templates_dir;              // the templates/ folder (kinds, titles, abbreviations, calendar)
  bool year_fields = true;                // offer the document's year as <year/> and anniversaries as <anniv>
  std::vector<std::string> calendar_dirs; // folders whose calendar.toml adds days (the data folder)
};

// Caps that keep hostile input bounded in time and memory.
struct Limits {
  size_t max_input = 50u << 20;   // the file itself (as the loader's data files)
  size_t max_entries = 4096;      // zip entries
  size_t max_part = 32u << 20;    // one inflated part (word/document.xml …)
  size_t max_total = 96u << 20;   // every part read, inflated
  size_t max_paragraphs = 200000; // paragraphs and table cells
};

// Imports `bytes` (the content of the file `name`; DOCX or UTF-8/UTF-16
// text, recognised by content). Errors and warnings go to `diags` with
// `name` as their file. Returns the data file's text, or nullopt when an
// error was reported (the caller exits 1).
std::optional<std::string> import_document(const std::string &bytes, const std::string &name,
                                           const Options &opt, Diagnostics &diags, const Limits &lim = {});

// `vanban import FILE [-o OUT.xml]` with its options parsed: reads FILE,
// imports it, writes OUT.xml atomically (standard output when `out` is
// empty); returns the exit status.
int command(const std::string &file, const std::string &out, Options opt);

} // namespace vb::imp
