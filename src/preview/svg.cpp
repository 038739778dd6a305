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

} // namespace

SvgPage page_parts(const layout::Page &page, const SvgOptions &opt) {
  SvgPage out;
  std::string &head = out.open;
  head += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" viewBox=\"0 0 ";
  num(head, page.width);
  head += ' ';
  num(head, page.height);
  head += '"';
  attr(head, "width", page.width);
  attr(head, "height", page.height);
  head += '>';
  out.parts.reserve(page.runs.size() / 4 + page.images.size() + 2);

  if (!page.rules.empty()) {
    std::string g = "<g class=\"rules\" stroke=\"#000\">";
    for (const layout::Rule &r : page.rules) {
      g += "<line";
      attr(g, "x1", r.x1);
      attr(g, "y1", r.y1);
      attr(g, "x2", r.x2);
      attr(g, "y2", r.y2);
      attr(g, "stroke-width", r.width);
      g += "/>";
    }
    g += "</g>";
    out.parts.push_back(std::move(g));
  }

  for (const layout::Image &im : page.images) {
    std::string e;
    std::string href = opt.image_href ? opt.image_href(im.path) : std::string();
    if (href.empty()) {
      e += "<rect class=\"missing-image\"";
      attr(e, "x", im.x);
      attr(e, "y", im.y);
      attr(e, "width", im.w);
      attr(e, "height", im.h);
      e += " fill=\"none\" stroke=\"#999\"/>";
    } else {
      e += "<image href=\"";
      escaped(e, href);
      e += '"';
      attr(e, "x", im.x);
      attr(e, "y", im.y);
      attr(e, "width", im.w);
      attr(e, "height", im.h);
      e += " preserveAspectRatio=\"none\"/>";
    }
    out.parts.push_back(std::move(e));
  }

  // One <text> per line piece of one source element; a <tspan> per run,
  // each at its own x (justified lines are placed word by word).
  const auto &runs = page.runs;
  for (size_t i = 0; i < runs.size();) {
    const layout::TextRun &first = runs[i];
    const double line_y = first.y;
    size_t j = i + 1;
    while (j < runs.size() && same_src(runs[j].src, first.src) && !first.superscript &&
           (runs[j].superscript || std::abs(runs[j].y - line_y) < 0.005))
      ++j;
    std::string t = "<text class=\"";
    t += face_class(first.face);
    t += '"';
    attr(t, "font-size", first.size);
    attr(t, "y", line_y);
    if (opt.anchor && first.src.line > 0) {
      std::string a = opt.anchor(first.src);
      if (!a.empty()) {
        t += " data-e=\"";
        escaped(t, a);
        t += '"';
      }
    }
    t += '>';
    double cur_y = line_y;
    for (size_t k = i; k < j; ++k) {
      const layout::TextRun &r = runs[k];
      t += "<tspan";
      attr(t, "x", r.x);
      // A tspan's y moves the ones after it too: set it whenever it changes.
      if (std::abs(r.y - cur_y) >= 0.005) {
        attr(t, "y", r.y);
        cur_y = r.y;
      }
      if (r.face != first.face) {
        t += " class=\"";
        t += face_class(r.face);
        t += '"';
      }
      if (std::abs(r.size - first.size) >= 0.005)
        attr(t, "font-size", r.size);
      t += '>';
      escaped(t, r.text);
      t += "</tspan>";
    }
    t += "</text>";
    out.parts.push_back(std::move(t));
    i = j;
  }
  return out;
}

std::string page_svg(const layout::Page &page, const SvgOptions &opt) {
  SvgPage p = page_parts(page, opt);
  std::string out = std::move(p.open);
  for (const std::string &e : p.parts)
    out += e;
  out += "</svg>";
  return out;
}

} // namespace vb::preview
