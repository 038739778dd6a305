// The document kinds import can produce, read from templates/*.toml: a kind
// is recognised by its tên loại (the template's `title`, `{year}` matching a
// year) or by the abbreviation its ký hiệu starts with. A kind added to
// templates/ is recognised without a change here.
#pragma once
#include <string>
#include <vector>

namespace vb::imp {

struct Kind {
  std::string name;         // "ke-hoach"
  std::string title;        // "KẾ HOẠCH", "BẢN GIAO ƯỚC THI ĐUA NĂM {year}"
  std::string abbreviation; // "KH", may be empty
  bool arabic_top = false;  // its first numbering level is "1." (a numbered list reads the same)
  bool issuer = false;      // has the issuing authority's line under the title (decisions)
  std::string enacting;     // "QUYẾT ĐỊNH:" printed by the template, not kept as text
  bool articles = false;    // its text has Điều (decisions, regulations, agreements)
};

class Kinds {
public:
  static Kinds load(const std::string &templates_dir);

  const Kind *by_name(const std::string &name) const;
  // `line` is this kind's tên loại (compared in capitals, spacing and the
  // old and new placement of tone marks folded); `year` gets the year a
  // `{year}` title carries.
  const Kind *by_title(const std::string &line, int *year = nullptr) const;
  // The ký hiệu "KH-UBND" starts with this kind's abbreviation.
  const Kind *by_code(const std::string &code) const;
  std::string names() const; // "giao-uoc, ke-hoach"
  const std::vector<Kind> &all() const { return kinds_; }

  // One of Decree 30's tên loại (Article 7), with or without a template:
  // "QUYẾT ĐỊNH", "BÁO CÁO" … For telling the user what the document is.
  static bool decree_title(const std::string &line);

  // Capitals, collapsed spaces, tone marks in one placement ("HOÁ" = "HÓA").
  static std::string fold(const std::string &s);

  std::vector<Kind> kinds_;
};

} // namespace vb::imp
