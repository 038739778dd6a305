#include "import/kinds.hpp"

#include <cctype>

#include "model/finalize.hpp"
#include "template/template.hpp"

namespace vb::imp {

Kinds Kinds::load(const std::string &dir) {
  Kinds k;
  for (const auto &[name, desc] : tmpl::list_templates(dir)) {
    Diagnostics quiet; // a broken template is reported when it is used
    if (auto t = tmpl::load_template(dir, name, quiet))
      k.kinds_.push_back(
          {name, fold(t->title), t->abbreviation,
           !t->numbering.empty() && t->numbering[0] == tmpl::Scheme::Arabic,
           t->issuer != tmpl::Need::None && t->addressee_label != "{issuer} điện:", t->enacting,
           t->family == tmpl::Family::Decision || t->family == tmpl::Family::Regulation ||
               t->family == tmpl::Family::Agreement});
  }
  return k;
}

const Kind *Kinds::by_name(const std::string &name) const {
  for (const auto &k : kinds_)
    if (k.name == name)
      return &k;
  return nullptr;
}

std::string Kinds::fold(const std::string &s) {
  std::string u = model::upper_vi(s);
  // Old placement of the tone mark on "oa", "oe", "uy" → the decree's.
  static const char *pairs[][2] = {
      {"OÁ", "ÓA"}, {"OÀ", "ÒA"}, {"OẢ", "ỎA"}, {"OÃ", "ÕA"}, {"OẠ", "ỌA"},
      {"OÉ", "ÓE"}, {"OÈ", "ÒE"}, {"OẺ", "ỎE"}, {"OẼ", "ÕE"}, {"OẸ", "ỌE"},
      {"UÝ", "ÚY"}, {"UỲ", "ÙY"}, {"UỶ", "ỦY"}, {"UỸ", "ŨY"}, {"UỴ", "ỤY"},
  };
  // Only at the end of a syllable: "HOÁ" but not "HOẠCH".
  for (const auto &p : pairs) {
    std::string from = p[0], to = p[1];
    for (size_t at = 0; (at = u.find(from, at)) != std::string::npos;) {
      size_t end = at + from.size();
      bool last = end >= u.size() || !(std::isalpha((unsigned char)u[end]) || (unsigned char)u[end] >= 0x80);
      if (last)
        u.replace(at, from.size(), to);
      at += last ? to.size() : from.size();
    }
  }
  std::string out;
  bool sp = false;
  for (char c : u) {
    if (c == ' ' || c == '\t' || c == '\n') {
      sp = !out.empty();
      continue;
    }
    if (sp)
      out += ' ';
    sp = false;
    out += c;
  }
  return out;
}

const Kind *Kinds::by_title(const std::string &line, int *year) const {
  std::string l = fold(line);
  for (const auto &k : kinds_) {
    size_t y = k.title.find("{YEAR}");
    if (y == std::string::npos) {
      if (l == k.title)
        return &k;
      continue;
    }
    std::string pre = k.title.substr(0, y), post = k.title.substr(y + 6);
    if (l.size() < pre.size() + post.size() + 4 || l.compare(0, pre.size(), pre) != 0 ||
        l.compare(l.size() - post.size(), post.size(), post) != 0)
      continue;
    std::string mid = l.substr(pre.size(), l.size() - pre.size() - post.size());
    bool digits = mid.size() == 4;
    for (char c : mid)
      digits = digits && std::isdigit((unsigned char)c);
    if (!digits)
      continue;
    if (year)
      *year = std::stoi(mid);
    return &k;
  }
  return nullptr;
}

const Kind *Kinds::by_code(const std::string &code) const {
  std::string c = model::upper_vi(code);
  size_t dash = c.find('-');
  std::string head = c.substr(0, dash);
  for (const auto &k : kinds_)
    if (!k.abbreviation.empty() && model::upper_vi(k.abbreviation) == head)
      return &k;
  return nullptr;
}

std::string Kinds::names() const {
  std::string s;
  for (const auto &k : kinds_)
    s += (s.empty() ? "" : ", ") + k.name;
  return s;
}

bool Kinds::decree_title(const std::string &line) {
  static const char *titles[] = {
      "NGHỊ QUYẾT",  "QUYẾT ĐỊNH",     "CHỈ THỊ",       "QUY CHẾ",  "QUY ĐỊNH",        "THÔNG CÁO",
      "THÔNG BÁO",   "HƯỚNG DẪN",      "CHƯƠNG TRÌNH",  "KẾ HOẠCH", "PHƯƠNG ÁN",       "ĐỀ ÁN",
      "DỰ ÁN",       "BÁO CÁO",        "BIÊN BẢN",      "TỜ TRÌNH", "HỢP ĐỒNG",        "CÔNG ĐIỆN",
      "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP",
      "PHIẾU GỬI",   "PHIẾU CHUYỂN",   "PHIẾU BÁO",     "THƯ CÔNG",
  };
  std::string l = fold(line);
  while (!l.empty() && (l.back() == ':' || l.back() == '.'))
    l.pop_back();
  for (const char *t : titles)
    if (l == fold(t))
      return true;
  return false;
}

} // namespace vb::imp
