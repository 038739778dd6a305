#include "serve/editor.hpp"

#include "serve/messages_vi.hpp"

#include <chrono>
#include <climits>
#include <cstdlib>

#include "check/rules.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"
#include "preview/svg.hpp"
#include "serve/anchors.hpp"
#include "util/fsio.hpp"
#include "util/utf8.hpp"

namespace vb::serve {

using json = nlohmann::json;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string url_path_escape(const std::string &s) {
  static const char *hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json diag_json(const Diagnostic &d, const std::string &path, const ElementIndex *idx) {
  ViText vi = vietnamese(d);
  json j = {{"severity", d.severity == Severity::Error ? "error" : "warning"},
            {"line", d.loc.line},
            {"col", d.loc.col},
            {"message", vi.message},
            {"hint", vi.hint},
            {"translated", vi.translated},
            {"text", d.str()}}; // the command line's words, for the source view's tooltip
  // Elements are numbered only in the text the browser sent; a message
  // about another file (a template, calendar.toml) stays general.
  j["e"] = idx && d.file == path ? idx->element_at(d.loc) : -1;
  if (d.file != path)
    j["file"] = d.file;
  return j;
}

json diags_json(const Diagnostics &ds, const std::string &path, const ElementIndex *idx) {
  json a = json::array();
  for (const auto &d : ds.items())
    a.push_back(diag_json(d, path, idx));
  return a;
}

size_t count(const Diagnostics &ds, Severity s) {
  size_t n = 0;
  for (const auto &d : ds.items())
    n += d.severity == s;
  return n;
}

// What finalize computed for the elements the form shows: the numbering
// labels as they will print, the signature lines, the header's lines.
struct Labels {
  const ElementIndex &idx;
  json out = json::array();

  void add(SourceLoc loc, const std::string &label) {
    int e = idx.element_at(loc);
    if (e >= 0 && !label.empty())
      out.push_back({e, label});
  }
  void blocks(const model::Blocks &bs) {
    for (const auto &b : bs)
      std::visit(
          [&](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, model::Section>) {
              add(v.loc, v.label);
              blocks(v.body);
            } else if constexpr (std::is_same_v<T, model::Part>) {
              add(v.loc, v.label);
              blocks(v.body);
            } else if constexpr (std::is_same_v<T, model::ListItem>) {
              add(v.loc, v.label);
              blocks(v.children);
            } else if constexpr (std::is_same_v<T, model::Table>) {
              for (const auto &r : v.rows)
                if (v.numbered)
                  add(r.loc, r.number);
            }
          },
          static_cast<const model::Block::variant &>(b));
  }
  static std::string joined(const std::vector<std::string> &lines) {
    std::string s;
    for (const auto &l : lines)
      s += (s.empty() ? "" : " / ") + l;
    return s;
  }
  void document(const model::Document &d) {
    add(d.kind_loc, d.title);
    add(d.header.code_loc, d.header.number_line);
    add(d.header.date_loc, d.header.date_line);
    blocks(d.opening);
    blocks(d.body);
    blocks(d.closing);
    if (d.signature)
      add(d.signature->loc, joined(d.signature->lines));
    for (const auto &p : d.parties)
      add(p.loc, joined(p.signature.lines));
    for (const auto &a : d.appendices) {
      add(a.loc, a.label);
      blocks(a.body);
    }
  }
};

bool valid_kind(const std::string &k) {
  if (k.empty() || k.size() > 64)
    return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

} // namespace

Reply error_reply(int status, const std::string &message) {
  Reply r;
  r.status = status;
  r.body = {{"error", message}};
  return r;
}

Editor::Editor(Workspace ws, app::Config cfg, std::shared_ptr<const text::Fonts> fonts, Importer importer)
    : ws_(std::move(ws)), cfg_(std::move(cfg)), fonts_(std::move(fonts)), importer_(std::move(importer)) {}

std::string Editor::templates_dir() const {
  return cfg_.templates_dir.empty() ? app::default_templates_dir() : cfg_.templates_dir;
}

std::optional<std::string> Editor::data_path(const std::string &name, Reply &err) const {
  auto p = ws_.path_of(name, ".xml");
  if (!p)
    err = error_reply(400, "'" + name + "' không phải tên một tệp dữ liệu (.xml) của thư mục này");
  return p;
}

Reply Editor::info(const std::string &name) const {
  Reply r;
  json kinds = json::array();
  for (const auto &[k, d] : tmpl::list_templates(templates_dir()))
    kinds.push_back({{"kind", k}, {"description", d}});
  json events = json::array();
  tmpl::Calendar cal;
  Diagnostics quiet;
  auto p = ws_.path_of(name.empty() ? std::string("x.xml") : name, ".xml");
  if (p && app::load_calendar(templates_dir(), *p, cal, quiet))
    for (const auto &[id, e] : cal.events)
      events.push_back({{"id", id}, {"name", e.name}});
  r.body = {{"dir", ws_.dir()},
            {"kinds", kinds},
            {"events", events},
            {"import", bool(importer_)},
            {"year", check::today().year},
            {"max_image_bytes", kMaxImageBytes},
            {"max_data_bytes", kMaxDataBytes}};
  return r;
}

Reply Editor::list() {
  json rows = json::array();
  for (const std::string &name : ws_.data_files()) {
    std::string err;
    auto f = ws_.read(name, err);
    if (!f) {
      rows.push_back({{"name", name}, {"status", "unreadable"}, {"message", err}});
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(list_mu_);
      auto it = summaries_.find(name);
      if (it != summaries_.end() && it->second.version == f->version) {
        rows.push_back(it->second.row);
        continue;
      }
    }
    Diagnostics d;
    std::optional<app::Loaded> l;
    {
      std::lock_guard<std::mutex> lock(render_mu_);
      l = app::load(*ws_.path_of(name, ".xml"), cfg_, d, fonts_.get(), &f->text);
    }
    json row = {{"name", name},
                {"version", f->version},
                {"errors", count(d, Severity::Error)},
                {"warnings", count(d, Severity::Warning)}};
    if (l) {
      row["kind"] = l->doc.kind;
      row["kind_name"] = l->tmpl.description;
      row["subject"] = model::subject_text(l->doc);
      row["date"] = l->doc.header.date_line;
      row["year"] = l->doc.year;
    }
    row["status"] = d.has_errors() ? "error" : d.items().empty() ? "ok" : "warning";
    if (!d.items().empty())
      row["message"] = [&] {
        const Diagnostic &first = d.items().front();
        ViText vi = vietnamese(first);
        std::string where = first.loc.line > 0 ? "dòng " + std::to_string(first.loc.line) + ": " : "";
        return where + vi.message + (vi.hint.empty() ? "" : " (" + vi.hint + ")");
      }();
    rows.push_back(row);
    std::lock_guard<std::mutex> lock(list_mu_);
    summaries_[name] = Summary{f->version, row};
  }
  Reply r;
  r.body = {{"dir", ws_.dir()}, {"files", rows}};
  return r;
}

Reply Editor::create(const std::string &kind, const std::string &name_in) {
  if (!valid_kind(kind))
    return error_reply(400, "loại văn bản '" + kind + "' không hợp lệ");
  std::string name = name_in;
  if (!name.ends_with(".xml"))
    name += ".xml";
  Reply err;
  if (!data_path(name, err))
    return err;
  Diagnostics d;
  auto text = app::skeleton(templates_dir(), kind, check::today().year, d);
  if (!text)
    return error_reply(400, d.str());
  std::string version, e;
  switch (ws_.save(name, *text, "", false, true, version, e)) {
  case Workspace::Save::Saved: {
    Reply r;
    r.body = {{"name", name}, {"version", version}};
    return r;
  }
  case Workspace::Save::Exists:
    return error_reply(409, "đã có tệp " + name + " trong thư mục: chọn tên khác");
  default:
    return error_reply(500, "không tạo được " + name + ": " + e);
  }
}

Reply Editor::open(const std::string &name) const {
  Reply err;
  if (!data_path(name, err))
    return err;
  std::string e;
  auto f = ws_.read(name, e);
  if (!f)
    return error_reply(404, "không đọc được " + name + ": " + e);
  if (!valid_utf8(f->text))
    return error_reply(422, name + " không phải văn bản UTF-8: mở bằng trình soạn thảo văn bản để sửa");
  Reply r;
  r.body = {{"name", name}, {"text", f->text}, {"version", f->version}};
  return r;
}

Reply Editor::save(const std::string &name, const std::string &text, const std::string &version, bool force) {
  Reply err;
  if (!data_path(name, err))
    return err;
  if (!valid_utf8(text))
    return error_reply(400, "nội dung gửi lên không phải UTF-8");
  std::string now, e;
  switch (ws_.save(name, text, version, force, false, now, e)) {
  case Workspace::Save::Saved: {
    Reply r;
    r.body = {{"name", name}, {"version", now}, {"backup", name + "~"}};
    return r;
  }
  case Workspace::Save::Conflict: {
    Reply r = error_reply(409, "tệp " + name +
                                   " đã thay đổi trên đĩa từ khi mở (ở thẻ khác hoặc chương trình khác)");
    r.body["version"] = now;
    return r;
  }
  default:
    return error_reply(500, "không lưu được " + name + ": " + e);
  }
}

Reply Editor::preview(const std::string &name, const std::string &text,
                      const std::vector<std::string> &have) {
  Reply err;
  auto path = data_path(name, err);
  if (!path)
    return err;
  auto t0 = std::chrono::steady_clock::now();
  ElementIndex idx(text);
  Diagnostics d;
  std::lock_guard<std::mutex> lock(render_mu_);
  auto l = app::load(*path, cfg_, d, fonts_.get(), &text);
  Reply r;
  json timing = {{"load", ms_since(t0)}};
  if (!l || d.has_errors()) {
    r.body = {{"ok", false},
              {"diags", diags_json(d, *path, &idx)},
              {"errors", count(d, Severity::Error)},
              {"warnings", count(d, Severity::Warning)},
              {"ms", timing}};
    return r;
  }
  auto t1 = std::chrono::steady_clock::now();
  layout::Document pages = layout::layout(l->doc, l->tmpl, *fonts_);
  timing["layout"] = ms_since(t1);
  auto t2 = std::chrono::steady_clock::now();
  preview::SvgOptions opt;
  opt.anchor = [&](SourceLoc s) {
    int e = idx.element_at(s);
    return e < 0 ? std::string() : std::to_string(e);
  };
  opt.image_href = [&](const std::string &p) {
    auto rel = ws_.relative(p);
    return rel ? "img/" + url_path_escape(*rel) : std::string();
  };
  std::vector<std::string> sorted_have = have;
  std::sort(sorted_have.begin(), sorted_have.end());
  json out = json::array();
  size_t shown = std::min(pages.pages.size(), kMaxPreviewPages);
  for (size_t i = 0; i < shown; ++i) {
    preview::SvgPage svg = preview::page_parts(pages.pages[i], opt);
    std::string whole = svg.open;
    for (const auto &e : svg.parts)
      whole += e;
    std::string h = version_of(whole);
    json p = {{"h", h}};
    // The page in parts (one per line): the browser replaces only the
    // lines that differ from what it shows.
    if (!std::binary_search(sorted_have.begin(), sorted_have.end(), h)) {
      p["open"] = std::move(svg.open);
      p["parts"] = std::move(svg.parts);
    }
    out.push_back(std::move(p));
  }
  timing["svg"] = ms_since(t2);
  Labels labels{idx};
  labels.document(l->doc);
  r.body = {{"ok", true},
            {"pages", std::move(out)},
            {"page_count", pages.pages.size()},
            {"labels", std::move(labels.out)},
            {"diags", diags_json(d, *path, &idx)},
            {"errors", 0},
            {"warnings", count(d, Severity::Warning)}};
  if (pages.pages.size() > app::kMaxPages)
    r.body["ok"] = false;
  timing["total"] = ms_since(t0);
  r.body["ms"] = timing;
  return r;
}

Reply Editor::export_file(const std::string &name, const std::string &text, const std::string &format) {
  Reply err;
  auto path = data_path(name, err);
  if (!path)
    return err;
  if (format != "pdf" && format != "docx")
    return error_reply(400, "định dạng '" + format + "' không có: chọn pdf hoặc docx");
  std::string content = text;
  if (content.empty()) {
    std::string e;
    auto f = ws_.read(name, e);
    if (!f)
      return error_reply(404, "không đọc được " + name + ": " + e);
    content = f->text;
  }
  ElementIndex idx(content);
  Diagnostics d;
  app::Config cfg = cfg_;
  cfg.docx = format == "docx";
  cfg.pdf = format == "pdf";
  std::lock_guard<std::mutex> lock(render_mu_);
  auto l = app::load(*path, cfg, d, fonts_.get(), &content);
  std::optional<app::Rendered> out;
  if (l && !d.has_errors())
    out = app::render(*l, *fonts_, cfg, d);
  if (!out || d.has_errors()) {
    Reply r = error_reply(422, "văn bản còn lỗi: sửa các lỗi được báo rồi xuất lại");
    r.body["diags"] = diags_json(d, *path, &idx);
    return r;
  }
  Reply r;
  r.bytes = format == "pdf" ? std::move(out->pdf) : std::move(out->docx);
  r.content_type = format == "pdf"
                       ? "application/pdf"
                       : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  r.file_name = app::stem_of(name) + "." + format;
  return r;
}

Reply Editor::upload_image(const std::string &name, const std::string &bytes) {
  std::string e;
  auto saved = ws_.save_image(name, bytes, e);
  if (!saved)
    return error_reply(bytes.size() > kMaxImageBytes ? 413 : 415, "ảnh không nhận được: " + e);
  Reply r;
  r.body = {{"src", *saved}};
  return r;
}

Reply Editor::import_file(const std::string &name, const std::string &bytes, const std::string &target) {
  if (!importer_)
    return error_reply(404, "bản vanban này chưa có chức năng nhập tệp Word");
  bool docx = name.ends_with(".docx"), txt = name.ends_with(".txt");
  if (!docx && !txt)
    return error_reply(415, "chỉ nhập được tệp .docx hoặc .txt");
  if (docx && !bytes.starts_with(std::string_view("PK\x03\x04", 4)))
    return error_reply(415, name + " không phải tệp Word (.docx)");
  if (txt && !valid_utf8(bytes))
    return error_reply(415, name + " không phải văn bản UTF-8");
  Diagnostics d;
  auto text = importer_(bytes, name, d);
  if (!text) {
    Reply r = error_reply(422, "không nhập được " + name);
    r.body["diags"] = diags_json(d, name, nullptr);
    return r;
  }
  std::string stem = target.empty() ? app::stem_of(name.substr(0, name.size() - (docx ? 5 : 4))) : target;
  if (stem.ends_with(".xml"))
    stem.resize(stem.size() - 4);
  for (int k = 1; k < 1000; ++k) {
    std::string cand = stem + (k == 1 ? "" : "-" + std::to_string(k)) + ".xml";
    if (!ws_.path_of(cand, ".xml"))
      return error_reply(400, "'" + cand + "' không dùng được làm tên tệp");
    std::string version, e;
    auto s = ws_.save(cand, *text, "", false, true, version, e);
    if (s == Workspace::Save::Exists)
      continue;
    if (s != Workspace::Save::Saved)
      return error_reply(500, "không lưu được " + cand + ": " + e);
    Reply r;
    r.body = {{"name", cand}, {"version", version}, {"diags", diags_json(d, name, nullptr)}};
    return r;
  }
  return error_reply(409, "quá nhiều tệp cùng tên " + stem);
}

Reply Editor::image(const std::string &rel) const {
  // Relative, below the folder, every component a plain name.
  if (rel.empty() || rel[0] == '/' || rel.size() > 1000)
    return error_reply(404, "không có ảnh này");
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!plain_name(part, slash == std::string::npos ? ".png" : ""))
      return error_reply(404, "không có ảnh này");
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  char buf[PATH_MAX];
  std::string path = ws_.dir() + "/" + rel;
  if (!::realpath(path.c_str(), buf) || !ws_.relative(buf))
    return error_reply(404, "không có ảnh này");
  std::string e;
  auto bytes = read_file(buf, e, kMaxImageBytes);
  if (!bytes || !png_dimensions(*bytes))
    return error_reply(404, "không có ảnh này");
  Reply r;
  r.bytes = std::move(*bytes);
  r.content_type = "image/png";
  return r;
}

} // namespace vb::serve
