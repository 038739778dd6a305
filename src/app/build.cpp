#include "app/build.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <map>
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

std::string file_content(const std::string &path) {
  std::string err;
  auto s = read_file(path, err, 64u << 20);
  return s ? *s : "missing:" + path;
}

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

// The inputs of one document: its bytes, its template, the calendars and
// the images it names.
std::string input_key(const std::string &path, const std::string &env, const Config &cfg) {
  Hash h;
  h.add(env);
  std::string data = file_content(path);
  h.add(data);
  // Saving a file re-renders it even when its bytes did not change, as
  // users expect from make-like tools.
  h.add(file_stamp(path));
  std::string tdir = cfg.templates_dir.empty() ? default_templates_dir() : cfg.templates_dir;
  size_t k = data.find("kind=\"");
  if (k != std::string::npos) {
    size_t e = data.find('"', k + 6);
    std::string kind = data.substr(k + 6, e == std::string::npos ? 0 : e - k - 6);
    if (kind.find('/') == std::string::npos)
      h.add(file_content(tdir + "/" + kind + ".toml"));
  }
  h.add(file_content(tdir + "/calendar.toml"));
  h.add(file_content(data_dir_of(path) + "/calendar.toml"));
  for (size_t p = data.find("src=\""); p != std::string::npos; p = data.find("src=\"", p + 5)) {
    size_t e = data.find('"', p + 5);
    if (e != std::string::npos)
      h.add(file_content(data_dir_of(path) + "/" + data.substr(p + 5, e - p - 5)));
  }
  return h.hex();
}

struct Entry {
  std::string key;
  long docx_size = -1, pdf_size = -1;
};

std::map<std::string, Entry> read_manifest(const std::string &path) {
  std::map<std::string, Entry> m;
  std::string err;
  auto text = read_file(path, err, 16u << 20);
  if (!text)
    return m;
  size_t pos = 0;
  while (pos < text->size()) {
    size_t eol = text->find('\n', pos);
    if (eol == std::string::npos)
      eol = text->size();
    std::string line = text->substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#')
      continue;
    char name[1024], key[64];
    long ds = -1, ps = -1;
    if (std::sscanf(line.c_str(), "%1023[^\t]\t%63[^\t]\t%ld\t%ld", name, key, &ds, &ps) == 4)
      m[name] = {key, ds, ps};
  }
  return m;
}

long size_of(const std::string &path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? long(st.st_size) : -1;
}

struct Result {
  enum Status { Rendered, Skipped, Failed, IoFailed } status = Failed;
  double ms = 0;
  long docx_size = -1, pdf_size = -1;
  std::string diags;
};

Result render_one(const std::string &path, const std::string &out, const text::Fonts &fonts,
                  const Config &cfg) {
  auto t0 = std::chrono::steady_clock::now();
  Result r;
  Diagnostics d;
  auto l = load(path, cfg, d, &fonts);
  if (l) {
    if (auto rendered = render(*l, fonts, cfg, d)) {
      if (write_outputs(out, stem_of(path), *rendered, d)) {
        r.status = Result::Rendered;
        r.docx_size = long(rendered->docx.size());
        r.pdf_size = long(rendered->pdf.size());
        if (!cfg.docx)
          r.docx_size = -1;
        if (!cfg.pdf)
          r.pdf_size = -1;
      } else {
        r.status = Result::IoFailed;
      }
    }
  }
  r.diags = d.str();
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
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
  for (int w = 0; w < jobs; ++w) {
    int fds[2];
    if (::pipe(fds) != 0)
      break;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      FILE *f = ::fdopen(fds[1], "w");
      for (size_t i = size_t(w); i < todo.size(); i += size_t(jobs)) {
        Result r = render_one(todo[i], out, fonts, cfg);
        std::string diags = r.diags;
        std::fprintf(f, "%zu %d %.3f %ld %ld %zu\n", i, int(r.status), r.ms, r.docx_size, r.pdf_size,
                     diags.size());
        std::fwrite(diags.data(), 1, diags.size(), f);
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
  for (auto [pid, fd] : workers) {
    FILE *f = ::fdopen(fd, "r");
    size_t i, n;
    int st;
    double ms;
    long ds, ps;
    while (std::fscanf(f, "%zu %d %lf %ld %ld %zu\n", &i, &st, &ms, &ds, &ps, &n) == 6 && i < todo.size()) {
      Result r;
      r.status = Result::Status(st);
      r.ms = ms;
      r.docx_size = ds;
      r.pdf_size = ps;
      r.diags.resize(n);
      if (n && std::fread(r.diags.data(), 1, n, f) != n)
        break;
      results[i] = std::move(r);
      done[i] = true;
    }
    std::fclose(f);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  // A worker that died (crash, out of memory) leaves its documents undone.
  for (size_t i = 0; i < todo.size(); ++i)
    if (!done[i]) {
      results[i].status = Result::Failed;
      results[i].diags = todo[i] + ": error: the render process died (please report this with the file)\n";
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

int build_once(const BuildOptions &opt, const text::Fonts &fonts) {
  auto t0 = std::chrono::steady_clock::now();
  std::string err;
  auto files = list_xml(opt.dir, err);
  if (!err.empty()) {
    std::fprintf(stderr, "%s: error: cannot read the folder: %s (give the folder of the data files)\n",
                 opt.dir.c_str(), err.c_str());
    return kExitIo;
  }
  Diagnostics dd;
  if (!opt.out.empty() && ::mkdir(opt.out.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "%s: error: cannot create the output folder: %s\n", opt.out.c_str(),
                 std::strerror(errno));
    return kExitIo;
  }
  std::string manifest_path = opt.out + "/" + kManifestName;
  auto manifest = read_manifest(manifest_path);
  std::string env = environment_key(opt.cfg, fonts);

  std::vector<std::string> keys(files.size()), todo;
  std::vector<int> todo_index(files.size(), -1);
  for (size_t i = 0; i < files.size(); ++i) {
    keys[i] = input_key(files[i], env, opt.cfg);
    std::string stem = stem_of(files[i]);
    auto it = manifest.find(stem);
    bool fresh = it != manifest.end() && it->second.key == keys[i] &&
                 (!opt.cfg.docx || size_of(opt.out + "/" + stem + ".docx") == it->second.docx_size) &&
                 (!opt.cfg.pdf || size_of(opt.out + "/" + stem + ".pdf") == it->second.pdf_size);
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
    if (r.status == Result::Rendered) {
      ++rendered;
      manifest[stem] = {keys[i], r.docx_size, r.pdf_size};
      if (!opt.quiet)
        std::printf("rendered  %s (%.1f ms)\n", files[i].c_str(), r.ms);
    } else {
      ++failed;
      rc = std::max(rc, r.status == Result::IoFailed ? int(kExitIo) : int(kExitInvalid));
      std::printf("FAILED    %s\n", files[i].c_str());
      // Its old outputs were not touched; drop the record so the next build retries.
      manifest.erase(stem);
    }
    std::fflush(stdout);
    std::fputs(r.diags.c_str(), stderr);
  }
  // Forget documents whose data file is gone.
  for (auto it = manifest.begin(); it != manifest.end();) {
    bool present = std::any_of(files.begin(), files.end(),
                               [&](const std::string &f) { return stem_of(f) == it->first; });
    it = present ? std::next(it) : manifest.erase(it);
  }
  std::string m = "# vanban build manifest: document\tinputs\tdocx size\tpdf size\n";
  for (const auto &[stem, e] : manifest)
    m += stem + "\t" + e.key + "\t" + std::to_string(e.docx_size) + "\t" + std::to_string(e.pdf_size) + "\n";
  if (!write_file_atomic(manifest_path, m, err)) {
    std::fprintf(stderr, "%s: error: cannot write: %s\n", manifest_path.c_str(), err.c_str());
    rc = kExitIo;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("build: %d rendered, %d skipped, %d failed in %.0f ms (%d job%s)\n", rendered, skipped, failed,
              ms, jobs, jobs == 1 ? "" : "s");
  std::fflush(stdout);
  return rc;
}

std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop = true;
}

// Cheap fingerprint of everything a build reads, for --watch.
std::string watch_stamp(const BuildOptions &opt) {
  std::string err, s;
  for (const auto &f : list_xml(opt.dir, err))
    s += file_stamp(f);
  std::string tdir = opt.cfg.templates_dir.empty() ? default_templates_dir() : opt.cfg.templates_dir;
  for (const auto &f :
       {std::string("ke-hoach.toml"), std::string("giao-uoc.toml"), std::string("calendar.toml")})
    s += file_stamp(tdir + "/" + f);
  s += file_stamp(opt.dir + "/calendar.toml");
  return s;
}

} // namespace

int build(const BuildOptions &opt) {
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, opt.cfg.fonts);
  if (!fonts) {
    std::fputs(fd.str().c_str(), stderr);
    return kExitIo;
  }
  int rc = build_once(opt, *fonts);
  if (!opt.watch)
    return rc;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("watching %s for changes (Ctrl-C to stop)\n", opt.dir.c_str());
  std::fflush(stdout);
  std::string last = watch_stamp(opt);
  while (!g_stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::string now = watch_stamp(opt);
    if (now != last) {
      // Let an editor finish writing before reading the file.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      last = watch_stamp(opt);
      rc = build_once(opt, *fonts);
    }
  }
  return rc;
}

} // namespace vb::app
