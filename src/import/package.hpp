// A DOCX package read through libzip, defensively: the archive is checked for
// consistency, every entry name must stay inside the package, and a part is
// inflated only up to a cap, whatever sizes the archive declares (zip
// bombs), so a hostile file ends in a located error in bounded memory.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "import/import.hpp"

struct zip;

namespace vb::imp {

class Package {
public:
  // `bytes` must outlive the package. Null (with an error) when the archive
  // is corrupt, too large, or names an entry outside the package.
  static std::unique_ptr<Package> open(std::string_view bytes, const std::string &file, Diagnostics &diags,
                                       const Limits &lim);
  ~Package();
  Package(const Package &) = delete;
  Package &operator=(const Package &) = delete;

  bool has(const std::string &name) const;
  // Inflates one part; nullopt when absent (no message) or when it breaks a
  // cap or is corrupt (an error is reported).
  std::optional<std::string> read(const std::string &name, Diagnostics &diags);

private:
  Package() = default;
  struct zip *za_ = nullptr;
  std::string file_;
  Limits lim_;
  size_t total_ = 0; // bytes inflated so far
};

} // namespace vb::imp
