// Computes everything the backends print but the data does not spell out:
// numbering labels, footnote numbers, the "Số:" and date lines, recipient
// punctuation, capitals, signature lines, appendix labels and the "Kèm theo"
// line. Run once after loading (and again after any edit of the tree), so
// inserting or removing a section renumbers everything after it.
#pragma once
#include "model/document.hpp"
#include "template/template.hpp"
#include "util/unicode.hpp"

namespace vb::model {

// `cal` resolves <anniv> references (unknown ids must have been reported
// before; they render as the bare id).
void finalize(Document &doc, const tmpl::Template &t, const tmpl::Calendar *cal = nullptr);

// "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)" and
// its parts, for the document year.
std::string anniversary(const tmpl::Event &e, int year, const std::string &form);

// Numbering helpers (exposed for tests).
std::string roman(int n);      // 1 → "I"
std::string viet_alpha(int n); // 1 → "a", 6 → "e" (after đ)
std::string two_digits(int n);
std::string can_chi(int year); // 2024 → "Giáp Thìn" (lunar year name)               // 5 → "05"
using vb::lower_vi;            // Vietnamese-aware case (ICU), util/unicode.hpp
using vb::upper_vi;

// How running text names the agency, from its capital lines: "ỦY BAN NHÂN
// DÂN" / "TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh", "SỞ LAO ĐỘNG -
// THƯƠNG BINH VÀ XÃ HỘI" → "Sở Lao động - Thương binh và Xã hội" (the data's
// agency short= wins over this).
std::string running_text_name(const std::vector<std::string> &agency_lines);

// The "Số:" line and the place/date line (ND30 ô 3, ô 4).
std::string number_line(const Header &h, const std::string &abbrev_fallback);
std::string date_line(const Header &h);

} // namespace vb::model
