#include "import/package.hpp"

#include <set>
#include <zip.h>

namespace vb::imp {

namespace {

std::string mib(size_t n) {
  return std::to_string(n >> 20) + " MiB";
}

// An entry name a package may hold: relative, '/'-separated, no "." or
// ".." segment, no drive letter, no control character.
bool safe_name(const std::string &n) {
  if (n.empty() || n[0] == '/' || n.find('\\') != std::string::npos || n.find(':') != std::string::npos)
    return false;
  for (unsigned char c : n)
    if (c < 0x20 || c == 0x7F)
      return false;
  size_t start = 0;
  while (start <= n.size()) {
    size_t slash = n.find('/', start);
    std::string seg = n.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == ".." || seg == ".")
      return false;
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return true;
}

std::string printable(const std::string &n) {
  std::string out;
  for (unsigned char c : n.substr(0, 80))
    out += c < 0x20 || c == 0x7F ? '?' : char(c);
  return out;
}

} // namespace

std::unique_ptr<Package> Package::open(std::string_view bytes, const std::string &file, Diagnostics &diags,
                                       const Limits &lim) {
  const std::string fix = "save the document again from the word processor";
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    diags.error(file, {}, std::string("cannot read the archive: ") + zip_error_strerror(&err));
    zip_error_fini(&err);
    return nullptr;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!za) {
    diags.error(file, {}, std::string("the DOCX archive is damaged: ") + zip_error_strerror(&err), fix);
    zip_source_free(src);
    zip_error_fini(&err);
    return nullptr;
  }
  zip_error_fini(&err);
  std::unique_ptr<Package> p(new Package);
  p->za_ = za;
  p->file_ = file;
  p->lim_ = lim;
  zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || size_t(n) > lim.max_entries) {
    diags.error(file, {},
                "the archive holds " + std::to_string(n) + " entries; a DOCX has a few dozen (at most " +
                    std::to_string(lim.max_entries) + " are read)",
                fix);
    return nullptr;
  }
  std::set<std::string> seen;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char *nm = zip_get_name(za, zip_uint64_t(i), ZIP_FL_ENC_RAW);
    std::string name = nm ? nm : "";
    if (!safe_name(name)) {
      diags.error(file, {}, "the archive holds an entry named '" + printable(name) + "' outside the package",
                  "a DOCX never has one: the file may be made to attack unzip tools");
      return nullptr;
    }
    if (!seen.insert(name).second) {
      diags.error(file, {}, "the archive holds two entries named '" + printable(name) + "'", fix);
      return nullptr;
    }
  }
  return p;
}

Package::~Package() {
  if (za_)
    zip_discard(za_);
}

bool Package::has(const std::string &name) const {
  return zip_name_locate(za_, name.c_str(), ZIP_FL_ENC_RAW) >= 0;
}

std::optional<std::string> Package::read(const std::string &name, Diagnostics &diags) {
  zip_int64_t idx = zip_name_locate(za_, name.c_str(), ZIP_FL_ENC_RAW);
  if (idx < 0)
    return std::nullopt;
  std::string where = file_ + "[" + name + "]";
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za_, zip_uint64_t(idx), 0, &st) < 0) {
    diags.error(where, {}, std::string("cannot read the entry: ") + zip_strerror(za_));
    return std::nullopt;
  }
  size_t cap = std::min(lim_.max_part, lim_.max_total - std::min(total_, lim_.max_total));
  auto too_big = [&] {
    diags.error(where, {},
                "the part inflates to more than " + mib(cap) + " (vanban reads parts of at most " +
                    mib(lim_.max_part) + ", " + mib(lim_.max_total) + " in all)",
                "a real document is far smaller: the archive is a zip bomb or the document must be split");
  };
  // The declared size is checked first, and the bytes actually inflated
  // are counted too: a lying header cannot get past the cap either.
  if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
    too_big();
    return std::nullopt;
  }
  zip_file_t *f = zip_fopen_index(za_, zip_uint64_t(idx), 0);
  if (!f) {
    diags.error(where, {}, std::string("cannot open the entry: ") + zip_strerror(za_),
                "the archive is damaged or encrypted; save the document again");
    return std::nullopt;
  }
  std::string out;
  char buf[65536];
  for (;;) {
    zip_int64_t r = zip_fread(f, buf, sizeof buf);
    if (r < 0) {
      diags.error(where, {}, std::string("the entry is damaged: ") + zip_file_strerror(f),
                  "save the document again from the word processor");
      zip_fclose(f);
      return std::nullopt;
    }
    if (r == 0)
      break;
    if (out.size() + size_t(r) > cap) {
      zip_fclose(f);
      too_big();
      return std::nullopt;
    }
    out.append(buf, size_t(r));
  }
  zip_fclose(f);
  total_ += out.size();
  return out;
}

} // namespace vb::imp
