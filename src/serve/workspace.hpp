// The folder `vanban serve` works in. Everything the editor reads or writes
// goes through here: names are plain file names (no folders, no dot files),
// resolved paths must stay inside the folder, saves are atomic, keep the
// previous version as NAME~, and are refused when the file changed on disk
// since the editor read it.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vb::serve {

inline constexpr size_t kMaxDataBytes = 8u << 20;  // a data file the editor accepts
inline constexpr size_t kMaxImageBytes = 8u << 20; // as the loader's limit for images

// A short fingerprint of a file's bytes: what the editor read.
std::string version_of(std::string_view bytes);

// A PNG's width and height from its header; nullopt if `bytes` is not a PNG.
std::optional<std::pair<unsigned, unsigned>> png_dimensions(std::string_view bytes);

class Workspace {
public:
  // `dir` must exist; it is made absolute and canonical.
  static std::optional<Workspace> open(const std::string &dir, std::string &err);

  const std::string &dir() const { return dir_; }

  // NAME → DIR/NAME when NAME is a plain file name with `ext` (".xml",
  // ".png"…), and the resolved file (following links) stays inside DIR.
  std::optional<std::string> path_of(std::string_view name, std::string_view ext) const;
  // DIR-relative name of an absolute path inside DIR (images the loader
  // resolved); nullopt when it lies outside.
  std::optional<std::string> relative(const std::string &abs) const;

  std::vector<std::string> data_files() const; // *.xml, sorted

  struct File {
    std::string text, version;
  };
  std::optional<File> read(std::string_view name, std::string &err) const;

  enum class Save { Saved, Conflict, Exists, Error };
  // Writes NAME atomically. `expected` is the version the editor read; a
  // different file on disk gives Conflict (unless `force`). `create`: the
  // file must not exist yet (Exists otherwise). The previous content is
  // kept as NAME~. `version` receives the new version (or, on Conflict, the
  // one on disk).
  Save save(std::string_view name, const std::string &text, const std::string &expected, bool force,
            bool create, std::string &version, std::string &err);

  // Stores an uploaded PNG as a new file (NAME, or NAME-2 … when taken by
  // other bytes); returns the name given.
  std::optional<std::string> save_image(std::string_view name, const std::string &bytes, std::string &err);

private:
  explicit Workspace(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
  // Saves are check-then-write: one at a time. Held in a shared pointer so
  // the workspace stays copyable into handlers.
  std::shared_ptr<std::mutex> mu_ = std::make_shared<std::mutex>();
};

// A plain file name: not empty, at most 200 bytes, valid printable UTF-8 without
// '/', '\\', control characters, or a leading '.', ending in `ext` (longer
// than it; "" for a folder's name).
bool plain_name(std::string_view name, std::string_view ext);

} // namespace vb::serve
