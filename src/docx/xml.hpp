// A minimal streaming XML writer for the WordprocessingML parts. Output is a
// pure function of the calls (no pretty printing, fixed attribute order), so
// the package is byte-identical from run to run.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vb::docx {

// Escapes text for element content and attribute values; drops characters
// XML 1.0 forbids (C0 controls other than tab/newline), which Word rejects.
std::string xml_escape(std::string_view s);

class XmlWriter {
public:
  using Attrs = std::vector<std::pair<std::string_view, std::string>>;

  XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"; }

  // <name attrs...  (left open for children or text)
  XmlWriter &open(std::string_view name, const Attrs &attrs = {});
  // <name attrs.../>
  XmlWriter &leaf(std::string_view name, const Attrs &attrs = {});
  // <name attrs...>text</name>
  XmlWriter &elem(std::string_view name, std::string_view text, const Attrs &attrs = {});
  XmlWriter &text(std::string_view s);
  // Appends markup built by another XmlWriter (e.g. a w:sectPr) unescaped.
  XmlWriter &raw(std::string_view markup);
  // Closes the innermost open element.
  XmlWriter &close();

  const std::string &str() const { return out_; }
  std::string take() {
    while (!stack_.empty())
      close();
    return std::move(out_);
  }

private:
  void finish_start();
  std::string out_;
  std::vector<std::string> stack_;
  bool start_open_ = false;
};

} // namespace vb::docx
