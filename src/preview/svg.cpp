#include "preview/svg.hpp"

#include <charconv>
#include <cmath>

namespace vb::preview {

namespace {

// Points with two decimals (a hundredth of a point is far below a screen
// pixel), trailing zeros dropped.
void num(std::string &out, double v) {
  if (!std::isfinite(v))
    v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100, std::chars_format::fixed, 2);
  char *end = r.ptr;
  while (end > buf && end[-1] == '0')
    --end;
  if (end > buf && end[-1] == '.')
    --end;
  if (end - buf == 2 && buf[0] == '-' && buf[1] == '0')
    out += '0';
  else
    out.append(buf, end);
}

void attr(std::string &out, const char *name, double v) {
  out += ' ';
  out += name;
  out += "=\"";
  num(out, v);
  out += '"';
}

void escaped(std::string &out, const std::string &s) {
  for (char ch : s) {
    switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t')
        out += ch;
    }
  }
}

char face_class(text::Face f) {
  switch (f) {
  case text::Face::Bold:
    return 'b';
  case text::Face::Italic:
    return 'i';
  case text::Face::BoldItalic:
    return 'z';
  case text::Face::Regular:
    break;
  }
  return 'r';
}

bool same_src(SourceLoc a, SourceLoc b) {
  return a.line == b.line && a.col == b.col;
}

// The baseline a run sits on (a superscript is raised above its line's).
double baseline(const layout::TextRun &r, double line_y) {
  return r.superscript ? line_y : r.y;
}

} // namespace

std::string page_svg(const layout::Page &page, const SvgOptions &opt) {
  std::string out;
  out.reserve(256 + page.runs.size() * 48);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" viewBox=\"0 0 ";
  num(out, page.width);
  out += ' ';
  num(out, page.height);
  out += '"';
  attr(out, "width", page.width);
  attr(out, "height", page.height);
  out += '>';

  if (!page.rules.empty()) {
    out += "<g class=\"rules\" stroke=\"#000\">";
    for (const layout::Rule &r : page.rules) {
      out += "<line";
      attr(out, "x1", r.x1);
      attr(out, "y1", r.y1);
      attr(out, "x2", r.x2);
      attr(out, "y2", r.y2);
      attr(out, "stroke-width", r.width);
      out += "/>";
    }
    out += "</g>";
  }

  for (const layout::Image &im : page.images) {
    std::string href = opt.image_href ? opt.image_href(im.path) : std::string();
    if (href.empty()) {
      out += "<rect class=\"missing-image\"";
      attr(out, "x", im.x);
      attr(out, "y", im.y);
      attr(out, "width", im.w);
      attr(out, "height", im.h);
      out += " fill=\"none\" stroke=\"#999\"/>";
      continue;
    }
    out += "<image href=\"";
    escaped(out, href);
    out += '"';
    attr(out, "x", im.x);
    attr(out, "y", im.y);
    attr(out, "width", im.w);
    attr(out, "height", im.h);
    out += " preserveAspectRatio=\"none\"/>";
  }

  // One <text> per line piece of one source element; a <tspan> per run,
  // each at its own x (justified lines are placed word by word).
  const auto &runs = page.runs;
  for (size_t i = 0; i < runs.size();) {
    const layout::TextRun &first = runs[i];
    const double line_y = first.y;
    size_t j = i + 1;
    while (j < runs.size() && same_src(runs[j].src, first.src) &&
           (runs[j].superscript || std::abs(runs[j].y - line_y) < 0.005) && !first.superscript)
      ++j;
    out += "<text class=\"";
    out += face_class(first.face);
    out += '"';
    attr(out, "font-size", first.size);
    attr(out, "y", line_y);
    if (opt.anchor && first.src.line > 0) {
      std::string a = opt.anchor(first.src);
      if (!a.empty()) {
        out += " data-e=\"";
        escaped(out, a);
        out += '"';
      }
    }
    out += '>';
    double cur_y = line_y;
    for (size_t k = i; k < j; ++k) {
      const layout::TextRun &r = runs[k];
      out += "<tspan";
      attr(out, "x", r.x);
      double y = k == i ? line_y : (r.superscript ? r.y : baseline(r, line_y));
      if (std::abs(y - cur_y) >= 0.005) {
        attr(out, "y", y);
        cur_y = y;
      }
      if (r.face != first.face) {
        out += " class=\"";
        out += face_class(r.face);
        out += '"';
      }
      if (std::abs(r.size - first.size) >= 0.005)
        attr(out, "font-size", r.size);
      out += '>';
      escaped(out, r.text);
      out += "</tspan>";
    }
    out += "</text>";
    i = j;
  }
  out += "</svg>";
  return out;
}

} // namespace vb::preview
