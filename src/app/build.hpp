// `vanban build`: render every document of a folder, re-rendering only what
// changed since the last build (data, template, calendar, images, fonts or
// vanban itself), recorded in a manifest in the output folder. Documents are
// rendered in parallel worker processes; the output is identical to -j 1.
#pragma once
#include <string>

#include "app/pipeline.hpp"

namespace vb::app {

struct BuildOptions {
  std::string dir = "data";
  std::string out = "output";
  int jobs = 0; // 0 = number of cores
  bool watch = false;
  bool quiet = false; // no per-document lines (benchmarks)
  Config cfg;
};

// Returns the exit status: 0 all good, 1 a document failed, 3 I/O failure.
int build(const BuildOptions &opt);

inline const char *kManifestName = ".vanban-manifest";

} // namespace vb::app
