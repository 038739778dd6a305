// File I/O that never loses data: outputs go to a temporary file in the same
// folder, are flushed, then renamed over the target. A failed run leaves the
// previous output byte-identical.
#pragma once
#include <optional>
#include <string>

namespace vb {

// Reads a whole file; on failure returns nullopt and sets `err` (strerror text).
std::optional<std::string> read_file(const std::string &path, std::string &err, size_t max_bytes = SIZE_MAX);

// Writes `data` to `path` atomically. Returns false and sets `err` on failure.
bool write_file_atomic(const std::string &path, const std::string &data, std::string &err);

} // namespace vb
