#include "docx/xml.hpp"

namespace vb::docx {

std::string xml_escape(std::string_view s) {
  std::string r;
  r.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      r += "&amp;";
      break;
    case '<':
      r += "&lt;";
      break;
    case '>':
      r += "&gt;";
      break;
    case '"':
      r += "&quot;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
        break;
      r += c;
    }
  }
  return r;
}

void XmlWriter::finish_start() {
  if (start_open_) {
    out_ += '>';
    start_open_ = false;
  }
}

static void put_attrs(std::string &out, const XmlWriter::Attrs &attrs) {
  for (const auto &[k, v] : attrs) {
    out += ' ';
    out += k;
    out += "=\"";
    out += xml_escape(v);
    out += '"';
  }
}

XmlWriter &XmlWriter::open(std::string_view name, const Attrs &attrs) {
  finish_start();
  out_ += '<';
  out_ += name;
  put_attrs(out_, attrs);
  start_open_ = true;
  stack_.emplace_back(name);
  return *this;
}

XmlWriter &XmlWriter::leaf(std::string_view name, const Attrs &attrs) {
  finish_start();
  out_ += '<';
  out_ += name;
  put_attrs(out_, attrs);
  out_ += "/>";
  return *this;
}

XmlWriter &XmlWriter::elem(std::string_view name, std::string_view text, const Attrs &attrs) {
  open(name, attrs);
  this->text(text);
  return close();
}

XmlWriter &XmlWriter::text(std::string_view s) {
  finish_start();
  out_ += xml_escape(s);
  return *this;
}

XmlWriter &XmlWriter::raw(std::string_view markup) {
  finish_start();
  out_ += markup;
  return *this;
}

XmlWriter &XmlWriter::close() {
  if (stack_.empty())
    return *this;
  if (start_open_) {
    out_ += "/>";
    start_open_ = false;
  } else {
    out_ += "</";
    out_ += stack_.back();
    out_ += '>';
  }
  stack_.pop_back();
  return *this;
}

} // namespace vb::docx
