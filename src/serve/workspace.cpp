#include "serve/workspace.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

#include "util/fsio.hpp"
#include "util/utf8.hpp"

namespace vb::serve {

std::string version_of(std::string_view bytes) {
  // FNV-1a over the bytes, and the size: a changed file is told apart with
  // certainty for an editor's purposes, at memory speed.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%zx-%016llx", bytes.size(), static_cast<unsigned long long>(h));
  return buf;
}

std::optional<std::pair<unsigned, unsigned>> png_dimensions(std::string_view b) {
  static const char kMagic[] = "\x89PNG\r\n\x1a\n";
  if (b.size() < 33 || b.substr(0, 8) != std::string_view(kMagic, 8) || b.substr(12, 4) != "IHDR")
    return std::nullopt;
  auto be = [&](size_t o) {
    return (unsigned(uint8_t(b[o])) << 24) | (unsigned(uint8_t(b[o + 1])) << 16) |
           (unsigned(uint8_t(b[o + 2])) << 8) | unsigned(uint8_t(b[o + 3]));
  };
  unsigned w = be(16), h = be(20);
  if (be(8) != 13 || w == 0 || h == 0 || w > 20000 || h > 20000)
    return std::nullopt;
  return std::make_pair(w, h);
}

bool plain_name(std::string_view name, std::string_view ext) {
  if (name.empty() || name.size() > 200 || name[0] == '.' || name.size() <= ext.size() ||
      !name.ends_with(ext) || !valid_utf8(name))
    return false;
  for (size_t i = 0; i < name.size();) {
    char32_t cp = next_cp(name, i);
    if (cp < 0x20 || cp == 0x7F || cp == '/' || cp == '\\' || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD)
      return false;
  }
  return true;
}

namespace {
bool exists(const std::string &path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}
} // namespace

std::optional<Workspace> Workspace::open(const std::string &dir, std::string &err) {
  char buf[PATH_MAX];
  if (!::realpath(dir.c_str(), buf)) {
    err = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
    err = "is not a folder";
    return std::nullopt;
  }
  return Workspace(buf);
}

std::optional<std::string> Workspace::relative(const std::string &abs) const {
  std::string prefix = dir_ == "/" ? dir_ : dir_ + "/";
  if (abs.size() <= prefix.size() || abs.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  return abs.substr(prefix.size());
}

std::optional<std::string> Workspace::path_of(std::string_view name, std::string_view ext) const {
  if (!plain_name(name, ext))
    return std::nullopt;
  std::string path = (dir_ == "/" ? "" : dir_) + "/" + std::string(name);
  // A link may point anywhere: what it resolves to must be inside too.
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) && !relative(buf))
    return std::nullopt;
  return path;
}

std::vector<std::string> Workspace::data_files() const {
  std::vector<std::string> out;
  if (DIR *d = ::opendir(dir_.c_str())) {
    while (dirent *e = ::readdir(d)) {
      std::string n = e->d_name;
      if (plain_name(n, ".xml") && path_of(n, ".xml")) {
        struct stat st {};
        std::string p = dir_ + "/" + n;
        if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode))
          out.push_back(n);
      }
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Workspace::File> Workspace::read(std::string_view name, std::string &err) const {
  auto p = path_of(name, ".xml");
  if (!p) {
    err = "not a data file name of this folder";
    return std::nullopt;
  }
  auto text = read_file(*p, err, kMaxDataBytes);
  if (!text)
    return std::nullopt;
  return File{*text, version_of(*text)};
}

Workspace::Save Workspace::save(std::string_view name, const std::string &text, const std::string &expected,
                                bool force, bool create, std::string &version, std::string &err) {
  auto p = path_of(name, ".xml");
  if (!p) {
    err = "not a data file name of this folder";
    return Save::Error;
  }
  if (text.size() > kMaxDataBytes) {
    err = "the document is larger than " + std::to_string(kMaxDataBytes >> 20) + " MiB";
    return Save::Error;
  }
  std::lock_guard<std::mutex> lock(*mu_);
  std::string rerr;
  if (create && exists(*p)) {
    err = "a file of that name exists";
    return Save::Exists;
  }
  std::optional<std::string> current;
  if (!create)
    current = read_file(*p, rerr, kMaxDataBytes * 2);
  if (!create && !force) {
    std::string now = current ? version_of(*current) : std::string();
    if (now != expected) {
      version = now;
      return Save::Conflict;
    }
  }
  // The previous version stays beside it, written before the new one.
  if (current && !write_file_atomic(*p + "~", *current, err))
    return Save::Error;
  if (!write_file_atomic(*p, text, err))
    return Save::Error;
  version = version_of(text);
  return Save::Saved;
}

std::optional<std::string> Workspace::save_image(std::string_view name, const std::string &bytes,
                                                 std::string &err) {
  if (bytes.size() > kMaxImageBytes) {
    err = "the image is larger than " + std::to_string(kMaxImageBytes >> 20) + " MiB";
    return std::nullopt;
  }
  if (!png_dimensions(bytes)) {
    err = "not a PNG image (signatures and seals are transparent PNGs)";
    return std::nullopt;
  }
  // Keep only the last path component, then what a file name may hold.
  std::string n(
      name.substr(name.find_last_of("/\\") == std::string_view::npos ? 0 : name.find_last_of("/\\") + 1));
  while (!n.empty() && n[0] == '.')
    n.erase(0, 1);
  std::string lower = n;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower.ends_with(".png"))
    n.resize(n.size() - 4);
  if (n.empty())
    n = "anh";
  std::lock_guard<std::mutex> lock(*mu_);
  for (int k = 1; k < 1000; ++k) {
    std::string cand = n + (k == 1 ? "" : "-" + std::to_string(k)) + ".png";
    auto p = path_of(cand, ".png");
    if (!p) {
      err = "'" + cand + "' is not a usable file name";
      return std::nullopt;
    }
    std::string rerr;
    auto existing = read_file(*p, rerr, kMaxImageBytes * 2);
    if (existing && *existing == bytes)
      return cand; // the same picture again
    if (existing || exists(*p))
      continue;
    if (!write_file_atomic(*p, bytes, err))
      return std::nullopt;
    return cand;
  }
  err = "too many images of that name";
  return std::nullopt;
}

} // namespace vb::serve
