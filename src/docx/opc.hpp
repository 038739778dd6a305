// OPC packaging, kept apart from WordprocessingML: a deterministic zip
// archive written with libzip. Entries are written in the given order with a
// fixed DOS time (1980-01-01 00:00) so the same parts always give the same
// bytes, in every time zone; ZIP64 past 4 GiB or 65,535 entries.
#pragma once
#include <string>
#include <vector>

namespace vb::docx::opc {

struct Part {
  std::string name; // zip entry name, e.g. "word/document.xml"
  std::string data;
  bool compress = true; // PNGs are stored: deflating them gains nothing
};

// Builds the zip archive in memory. Throws std::runtime_error if libzip
// fails (out of memory).
std::string write_zip(const std::vector<Part> &parts);

// Reads every entry of a zip archive (in archive order); for tests and tools.
std::vector<Part> read_zip(const std::string &bytes);

} // namespace vb::docx::opc
