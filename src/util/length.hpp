// One length type for the whole program: points. Conversions to twips and EMU
// happen only at the DOCX edge, to PDF user space (which is points) trivially.
#pragma once
#include <cmath>

namespace vb {

struct Length {
  double pt = 0;

  static constexpr Length points(double v) { return {v}; }
  static constexpr Length mm(double v) { return {v * 72.0 / 25.4}; }
  static constexpr Length cm(double v) { return {v * 720.0 / 25.4}; }

  double in_mm() const { return pt * 25.4 / 72.0; }
  long twips() const { return std::lround(pt * 20.0); }
  long emu() const { return std::lround(pt * 12700.0); }
  // Half-points, as w:sz wants font sizes.
  long half_points() const { return std::lround(pt * 2.0); }

  constexpr Length operator+(Length o) const { return {pt + o.pt}; }
  constexpr Length operator-(Length o) const { return {pt - o.pt}; }
  constexpr Length operator*(double k) const { return {pt * k}; }
  constexpr Length operator/(double k) const { return {pt / k}; }
  constexpr bool operator<(Length o) const { return pt < o.pt; }
  constexpr bool operator==(const Length &) const = default;
};

} // namespace vb
