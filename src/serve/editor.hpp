// What the editor's pages ask of the server, without HTTP: the list of
// documents, new documents from the skeletons, opening and saving, the live
// preview (load → layout → SVG pages, diagnostics and numbering labels tied
// to the elements of the text the browser holds), and export. Answers are
// JSON values (the wire format of src/serve/web).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "serve/workspace.hpp"

namespace vb::serve {

// Turns an office file (a .docx, or text) into vanban data. Supplied by the
// import stage when it is linked in; without it the editor offers no import.
// Returns the data file's text, or nullopt with the reasons in diags.
using Importer = std::function<std::optional<std::string>(const std::string &bytes,
                                                          const std::string &file_name, Diagnostics &diags)>;

inline constexpr size_t kMaxPreviewPages = 300; // beyond: "export the PDF to see the rest"

struct Reply {
  int status = 200;
  nlohmann::json body;
  std::string bytes, content_type; // a file instead of JSON when not empty
  std::string file_name;           // Content-Disposition for downloads
};

class Editor {
public:
  Editor(Workspace ws, app::Config cfg, std::shared_ptr<const text::Fonts> fonts, Importer importer = {});

  const Workspace &workspace() const { return ws_; }
  const text::Fonts &fonts() const { return *fonts_; }

  Reply info(const std::string &name) const; // kinds, calendar events, import available
  Reply list();                              // documents of the folder
  Reply create(const std::string &kind, const std::string &name);
  Reply open(const std::string &name) const; // text + version
  Reply save(const std::string &name, const std::string &text, const std::string &version, bool force);
  Reply preview(const std::string &name, const std::string &text, const std::vector<std::string> &have);
  Reply export_file(const std::string &name, const std::string &text, const std::string &format);
  Reply upload_image(const std::string &name, const std::string &bytes);
  Reply import_file(const std::string &name, const std::string &bytes, const std::string &target);
  // An image of the folder for the preview (PNG bytes), by DIR-relative name.
  Reply image(const std::string &rel) const;

private:
  Workspace ws_;
  app::Config cfg_;
  std::shared_ptr<const text::Fonts> fonts_;
  Importer importer_;
  std::mutex render_mu_; // one load/layout at a time (libxml2, templates)

  struct Summary {
    std::string version;
    nlohmann::json row;
  };
  std::map<std::string, Summary> summaries_; // list() cache by file version
  std::mutex list_mu_;

  std::string templates_dir() const;
  std::optional<std::string> data_path(const std::string &name, Reply &err) const;
};

// A reply {"error": message} with `status`.
Reply error_reply(int status, const std::string &message);

} // namespace vb::serve
