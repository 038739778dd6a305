#include "app/build.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "load/load.hpp"
#include "util/fsio.hpp"

namespace vb::app {

namespace {

// FNV-1a, 64 bits: enough to tell "changed" from "unchanged".
struct Hash {
  uint64_t h = 1469598103934665603ull;
  void add(const void *p, size_t n) {
    auto *b = static_cast<const unsigned char *>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ull;
    }
  }
  void add(const std::string &s) {
    add(s.data(), s.size());
    add("\0", 1);
  }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

std::string file_stamp(const std::string &path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return path + ":missing";
  return path + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// Hashes of input files' contents, each file read once per build.
class ContentCache {
public:
  const std::string &hash(const std::string &path) {
    auto it = cache_.find(path);
    if (it != cache_.end())
      return it->second;
    std::string err;
    auto s = read_file(path, err, 64u << 20);
    Hash h;
    h.add(s ? *s : "missing:" + err);
    return cache_[path] = h.hex();
  }

private:
  std::map<std::string, std::string> cache_;
};

// What every document depends on besides its own files: vanban itself and
// the fonts (by size and time: hashing 15 MB per build would cost more than
// the renders).
std::string environment_key(const Config &cfg, const text::Fonts &fonts) {
  Hash h;
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    h.add(file_stamp(exe));
  }
  for (int f = 0; f < 4; ++f)
    h.add(file_stamp(fonts.path(text::Face(f))));
  h.add(std::string(cfg.docx ? "docx" : "") + (cfg.pdf ? "pdf" : "") +
        (cfg.signature_fields ? "fields" : ""));
  return h.hex();
}

// A document's inputs: its bytes, and the files its last render read (the
// template, the calendars, its images), as the loaded model named them.
// When the data file is unchanged its references are too, so the recorded
// list is exact; when it changed, the key changes anyway.
std::string input_key(const std::string &path, const std::vector<std::string> &inputs, const std::string &env,
                      ContentCache &cache) {
  Hash h;
  h.add(env);
  h.add(cache.hash(path));
  // Saving a file re-renders it even when its bytes did not change, as
  // users expect from make-like tools.
  h.add(file_stamp(path));
  for (const auto &f : inputs) {
    h.add(f);
    h.add(cache.hash(f));
  }
  return h.hex();
}

// Manifest fields are tab-separated; paths may hold any byte but NUL.
std::string escape(const std::string &s) {
  std::string o;
  for (char c : s) {
    if (c == '%' || c == '\t' || c == '\n' || c == '\r') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", unsigned(static_cast<unsigned char>(c)));
      o += buf;
    } else {
      o += c;
    }
  }
  return o;
}

std::string unescape(const std::string &s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      o += char(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      o += s[i];
    }
  }
  return o;
}

std::vector<std::string> split(const std::string &line, char sep) {
  std::vector<std::string> v;
  size_t start = 0;
  for (;;) {
    size_t p = line.find(sep, start);
    v.push_back(line.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos)
      return v;
    start = p + 1;
  }
}

struct Entry {
  std::string key;
  long docx_size = -1, pdf_size = -1;
  std::vector<std::string> inputs;
};

std::map<std::string, Entry> read_manifest(const std::string &path) {
  std::map<std::string, Entry> m;
  std::string err;
  auto text = read_file(path, err, 64u << 20);
  if (!text)
    return m;
  for (const auto &line : split(*text, '\n')) {
    if (line.empty() || line[0] == '#')
      continue;
    auto f = split(line, '\t');
    if (f.size() < 4)
      continue;
    Entry e;
    e.key = f[1];
    e.docx_size = std::strtol(f[2].c_str(), nullptr, 10);
    e.pdf_size = std::strtol(f[3].c_str(), nullptr, 10);
    for (size_t i = 4; i < f.size(); ++i)
      e.inputs.push_back(unescape(f[i]));
    m[unescape(f[0])] = std::move(e);
  }
  return m;
}

std::string manifest_text(const std::map<std::string, Entry> &manifest) {
  std::string m = "# vanban build manifest: document\tinputs key\tdocx size\tpdf size\tinput files…\n";
  for (const auto &[stem, e] : manifest) {
    m += escape(stem) + "\t" + e.key + "\t" + std::to_string(e.docx_size) + "\t" + std::to_string(e.pdf_size);
    for (const auto &f : e.inputs)
      m += "\t" + escape(f);
    m += "\n";
  }
  return m;
}

long size_of(const std::string &path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? long(st.st_size) : -1;
}

struct Result {
  int status = kExitInvalid; // process()'s exit status
  double ms = 0;
  Produced produced;
  std::string diags;
};

Result render_one(const std::string &path, const std::string &out, const text::Fonts &fonts,
                  const Config &cfg) {
  auto t0 = std::chrono::steady_clock::now();
  Result r;
  Diagnostics d;
  r.status = process(path, out, fonts, cfg, d, &r.produced);
  r.diags = d.str();
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

std::string join0(const std::vector<std::string> &v) {
  std::string s;
  for (const auto &x : v)
    s += x + '\0';
  return s;
}

// Worker processes: each renders every jobs-th document and reports one
// record per document through a pipe. Processes, not threads: the
// libraries underneath (libxml2's schema and parser state) were not written
// for concurrent use of shared state.
std::vector<Result> render_parallel(const std::vector<std::string> &todo, const std::string &out,
                                    const text::Fonts &fonts, const Config &cfg, int jobs) {
  std::vector<Result> results(todo.size());
  if (jobs <= 1 || todo.size() <= 1) {
    for (size_t i = 0; i < todo.size(); ++i)
      results[i] = render_one(todo[i], out, fonts, cfg);
    return results;
  }
  jobs = std::min<int>(jobs, int(todo.size()));
  std::vector<std::pair<pid_t, int>> workers;
  std::fflush(stdout);
  std::fflush(stderr);
  for (int w = 0; w < jobs; ++w) {
    int fds[2];
    if (::pipe(fds) != 0)
      break;
    pid_t pid = ::fork();
    if (pid == 0) {
      end_on_stop_signals(); // a stopped build ends its workers, cleaning their files
      ::close(fds[0]);
      FILE *f = ::fdopen(fds[1], "w");
      for (size_t i = size_t(w); i < todo.size(); i += size_t(jobs)) {
        Result r = render_one(todo[i], out, fonts, cfg);
        std::string inputs = join0(r.produced.inputs);
        std::fprintf(f, "%zu %d %.3f %ld %ld %zu %zu\n", i, r.status, r.ms, r.produced.docx_size,
                     r.produced.pdf_size, r.diags.size(), inputs.size());
        std::fwrite(r.diags.data(), 1, r.diags.size(), f);
        std::fwrite(inputs.data(), 1, inputs.size(), f);
        std::fflush(f);
      }
      std::fclose(f);
      ::_exit(0);
    }
    ::close(fds[1]);
    if (pid < 0) {
      ::close(fds[0]);
      break;
    }
    workers.emplace_back(pid, fds[0]);
  }
  std::vector<bool> done(todo.size(), false);
  int stopped_by = 0; // a worker ended by Ctrl-C, SIGTERM or SIGHUP
  for (auto [pid, fd] : workers) {
    FILE *f = ::fdopen(fd, "r");
    size_t i, n, m;
    int st;
    double ms;
    long ds, ps;
    while (std::fscanf(f, "%zu %d %lf %ld %ld %zu %zu", &i, &st, &ms, &ds, &ps, &n, &m) == 7 &&
           i < todo.size() && std::fgetc(f) == '\n') {
      Result r;
      r.status = st;
      r.ms = ms;
      r.produced.docx_size = ds;
      r.produced.pdf_size = ps;
      r.diags.resize(n);
      std::string inputs(m, '\0');
      if ((n && std::fread(r.diags.data(), 1, n, f) != n) || (m && std::fread(inputs.data(), 1, m, f) != m))
        break;
      r.produced.inputs = split(inputs, '\0');
      r.produced.inputs.pop_back(); // after the last NUL
      results[i] = std::move(r);
      done[i] = true;
    }
    std::fclose(f);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) &&
        (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM || WTERMSIG(status) == SIGHUP))
      stopped_by = WTERMSIG(status);
  }
  // A worker that died leaves its documents undone: stopped on purpose, or
  // a crash (a bug, or the system out of memory).
  for (size_t i = 0; i < todo.size(); ++i)
    if (!done[i]) {
      results[i].status = stopped_by ? 128 + stopped_by : int(kExitInternal);
      results[i].diags =
          todo[i] + (stopped_by
                         ? ": error: stopped before it was rendered (its previous outputs are unchanged)\n"
                         : ": error: the render process died (please report this with the file)\n");
    }
  return results;
}

std::vector<std::string> list_xml(const std::string &dir, std::string &err) {
  std::vector<std::string> v;
  DIR *d = ::opendir(dir.c_str());
  if (!d) {
    err = std::strerror(errno);
    return v;
  }
  while (dirent *e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 4 && n.compare(n.size() - 4, 4, ".xml") == 0 && n[0] != '.')
      v.push_back(dir + "/" + n);
  }
  ::closedir(d);
  std::sort(v.begin(), v.end());
  return v;
}

int build_once(const BuildOptions &opt, const text::Fonts &fonts, std::set<std::string> &watched) {
  auto t0 = std::chrono::steady_clock::now();
  std::string err;
  auto files = list_xml(opt.dir, err);
  if (!err.empty()) {
    std::fprintf(stderr, "%s: error: cannot read the folder: %s (give the folder of the data files)\n",
                 opt.dir.c_str(), err.c_str());
    return kExitIo;
  }
  if (!make_dirs(opt.out, err)) {
    std::fprintf(stderr, "%s: error: cannot create the output folder: %s (choose another folder with -o)\n",
                 opt.out.c_str(), err.c_str());
    return kExitIo;
  }
  std::string manifest_path = opt.out + "/" + kManifestName;
  auto manifest = read_manifest(manifest_path);
  std::string env = environment_key(opt.cfg, fonts);
  ContentCache cache;

  std::vector<std::string> todo;
  std::vector<int> todo_index(files.size(), -1);
  for (size_t i = 0; i < files.size(); ++i) {
    std::string stem = stem_of(files[i]);
    auto it = manifest.find(stem);
    bool fresh = it != manifest.end() &&
                 it->second.key == input_key(files[i], it->second.inputs, env, cache) &&
                 (!opt.cfg.docx || size_of(output_path(opt.out, stem, ".docx")) == it->second.docx_size) &&
                 (!opt.cfg.pdf || size_of(output_path(opt.out, stem, ".pdf")) == it->second.pdf_size);
    if (!fresh) {
      todo_index[i] = int(todo.size());
      todo.push_back(files[i]);
    }
  }
  int jobs = opt.jobs > 0 ? opt.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
  if (!todo.empty())
    load::prepare(); // once, before the workers fork

  // Workers already fill the cores: one thread per render inside them.
  Config wcfg = opt.cfg;
  if (jobs > 1)
    wcfg.threads = false;
  auto results = render_parallel(todo, opt.out, fonts, wcfg, jobs);

  int rendered = 0, skipped = 0, failed = 0, rc = kExitOk;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string stem = stem_of(files[i]);
    if (todo_index[i] < 0) {
      ++skipped;
      if (!opt.quiet)
        std::printf("skipped   %s (unchanged)\n", files[i].c_str());
      continue;
    }
    const Result &r = results[size_t(todo_index[i])];
    if (r.status == kExitOk) {
      ++rendered;
      const Produced &p = r.produced;
      manifest[stem] = {input_key(files[i], p.inputs, env, cache), p.docx_size, p.pdf_size, p.inputs};
      if (!opt.quiet)
        std::printf("rendered  %s (%.1f ms)\n", files[i].c_str(), r.ms);
    } else {
      ++failed;
      rc = std::max(rc, r.status);
      std::printf("FAILED    %s\n", files[i].c_str());
      // Its old outputs were not touched; drop the record so the next build retries.
      manifest.erase(stem);
    }
    std::fflush(stdout);
    std::fputs(r.diags.c_str(), stderr);
  }
  // Forget documents whose data file is gone.
  std::set<std::string> stems;
  for (const auto &f : files)
    stems.insert(stem_of(f));
  for (auto it = manifest.begin(); it != manifest.end();)
    it = stems.count(it->first) ? std::next(it) : manifest.erase(it);
  watched.clear();
  for (const auto &[stem, e] : manifest)
    watched.insert(e.inputs.begin(), e.inputs.end());
  if (!write_file_atomic(manifest_path, manifest_text(manifest), err)) {
    std::fprintf(stderr,
                 "%s: error: cannot write: %s (check free space and permissions of the output folder)\n",
                 manifest_path.c_str(), err.c_str());
    rc = std::max(rc, int(kExitIo));
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("build: %d rendered, %d skipped, %d failed in %.0f ms (%d job%s)\n", rendered, skipped, failed,
              ms, jobs, jobs == 1 ? "" : "s");
  std::fflush(stdout);
  return rc;
}

// Cheap fingerprint of everything a build reads, for --watch: the data files,
// the folder itself (a file added, removed or renamed, such as an image a
// failed document was missing) and every input the documents were made from.
std::string watch_stamp(const BuildOptions &opt, const std::set<std::string> &inputs) {
  std::string err, s = file_stamp(opt.dir);
  for (const auto &f : list_xml(opt.dir, err))
    s += file_stamp(f);
  s += file_stamp(opt.dir + "/calendar.toml");
  for (const auto &f : inputs)
    s += file_stamp(f);
  return s;
}

} // namespace

int build(const BuildOptions &opt) {
  if (opt.out.empty() || opt.dir.empty()) {
    std::fprintf(stderr, "vanban: error: empty folder name (give -o a folder, e.g. -o output)\n");
    return kExitUsage;
  }
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, opt.cfg.fonts);
  if (!fonts) {
    std::fputs(fd.str().c_str(), stderr);
    return kExitIo;
  }
  std::set<std::string> watched;
  if (opt.watch)
    defer_stop_signals();
  int rc = build_once(opt, *fonts, watched);
  if (!opt.watch)
    return rc;
  std::printf("watching %s for changes (Ctrl-C to stop)\n", opt.dir.c_str());
  std::fflush(stdout);
  std::string last = watch_stamp(opt, watched);
  while (!stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::string now = watch_stamp(opt, watched);
    if (now != last && !stop_requested()) {
      // Let an editor finish writing before reading the file.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      // Stamped before the build: a save during it triggers the next one.
      std::string before = watch_stamp(opt, watched);
      std::set<std::string> old = watched;
      rc = build_once(opt, *fonts, watched);
      last = watched == old ? before : watch_stamp(opt, watched);
    }
  }
  return rc;
}

} // namespace vb::app
