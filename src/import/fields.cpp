// What the text says that vanban computes: footnote marks become <fn>
// (numbered again in reading order), and the document's own year becomes
// <year/> where the text means the year of the plan — "năm 2024", "từ ngày
// 01/01/2024", "Xuân Giáp Thìn" — but not where it cites another document's
// date ("Chỉ thị số 04/CT-UBND ngày 05/4/2024"), in a range ("2021-2025"),
// or inside a ký hiệu ("37/2018/QĐ-UBND"). So an imported plan is ready for
// next year with one edit.
#include <cctype>
#include <cstring>
#include <functional>

#include "import/recognise.hpp"
#include "model/finalize.hpp"
#include "template/template.hpp"

namespace vb::imp {

using model::Inline;
using model::Inlines;

namespace {

// Every run list of the document, in reading order (the data file's).
void each_inlines(model::Document &doc, const std::function<void(Inlines &)> &f) {
  std::function<void(model::Blocks &)> blocks = [&](model::Blocks &bs) {
    for (auto &b : bs)
      std::visit(
          [&](auto &x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, model::Para> || std::is_same_v<T, model::Basis> ||
                          std::is_same_v<T, model::Phase>) {
              f(x.content);
            } else if constexpr (std::is_same_v<T, model::Section>) {
              f(x.title);
              f(x.runin);
              blocks(x.body);
            } else if constexpr (std::is_same_v<T, model::Part>) {
              f(x.title);
              blocks(x.body);
            } else if constexpr (std::is_same_v<T, model::ListItem>) {
              f(x.content);
              blocks(x.children);
            } else if constexpr (std::is_same_v<T, model::Table>) {
              for (auto &c : x.columns)
                f(c.header);
              for (auto &r : x.rows) {
                f(r.group_title);
                for (auto &c : r.cells)
                  blocks(c.content);
              }
            }
          },
          static_cast<model::Block::variant &>(b));
  };
  for (auto &l : doc.subject)
    f(l);
  blocks(doc.opening);
  blocks(doc.body);
  blocks(doc.closing);
  for (auto &a : doc.appendices) {
    f(a.title);
    blocks(a.body);
  }
}

Inlines spans_to_inlines(const Spans &s) {
  Inlines out;
  for (const auto &sp : s) {
    Inline r;
    if (sp.kind == Span::Kind::Text || sp.kind == Span::Kind::Tab) {
      r.text = sp.kind == Span::Kind::Tab ? " " : sp.text;
      r.bold = sp.bold;
      r.italic = sp.italic;
    } else if (sp.kind == Span::Kind::Break) {
      r.kind = Inline::Kind::Break;
    } else if (sp.kind == Span::Kind::SoftBreak) {
      r.text = " ";
    } else {
      continue; // a mark inside a note
    }
    out.push_back(r);
  }
  trim_inlines(out);
  return out;
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// The word before position `at` (skipping spaces), as written.
std::string word_before(const std::string &s, size_t at) {
  size_t e = at;
  while (e > 0 && s[e - 1] == ' ')
    --e;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ')
    --b;
  return s.substr(b, e - b);
}

// A ký hiệu-like token: "04/CT-UBND", "26-CT/TU", "37/2018/QĐ-UBND".
bool code_like(const std::string &w) {
  bool sep = w.find('/') != std::string::npos || w.find('-') != std::string::npos;
  bool upper = false;
  for (unsigned char c : w)
    if (std::isupper(c))
      upper = true;
  return sep && upper;
}

bool ends_with_ci(const std::string &s, const char *e) {
  std::string low = model::lower_vi(s);
  size_t n = std::strlen(e);
  return low.size() >= n && low.compare(low.size() - n, n, e) == 0;
}

struct YearScan {
  int year;
  // Decides for the 4-digit number at s[p, p+4) in the text `s` (the whole
  // run list's text): the offset to use, or nullopt to keep the digits.
  std::optional<int> decide(const std::string &s, size_t p) const {
    int n = std::stoi(s.substr(p, 4));
    int off = n - year;
    if (off < -1 || off > 1)
      return std::nullopt;
    size_t e = p + 4;
    if (e < s.size() && (s[e] == '/' || digit(s[e]) || (s[e] == '.' && e + 1 < s.size() && digit(s[e + 1]))))
      return std::nullopt; // a ký hiệu ("/2018/QĐ"), or a longer number
    // The token of digits and slashes the year ends.
    size_t b = p;
    while (b > 0 && (digit(s[b - 1]) || s[b - 1] == '/'))
      --b;
    bool date = b < p;
    if (date && b > 0 && std::isalpha((unsigned char)s[b - 1]))
      return std::nullopt; // "QĐ/2024"
    // Ranges: "2021-2025", "(03/02/1930 - 03/02/2024)", "2024 - 2025".
    auto dash_at = [&](size_t k) { return s.compare(k, 1, "-") == 0 || s.compare(k, 3, "\u2013") == 0; };
    size_t k = b;
    while (k > 0 && s[k - 1] == ' ')
      --k;
    if (k > 0 && (s[k - 1] == '-' || (k >= 3 && s.compare(k - 3, 3, "\u2013") == 0))) {
      size_t j = s[k - 1] == '-' ? k - 1 : k - 3;
      while (j > 0 && s[j - 1] == ' ')
        --j;
      if (j > 0 && digit(s[j - 1]))
        return std::nullopt;
    }
    size_t a = e;
    while (a < s.size() && s[a] == ' ')
      ++a;
    if (a < s.size() && dash_at(a)) {
      size_t j = a + (s[a] == '-' ? 1 : 3);
      while (j < s.size() && s[j] == ' ')
        ++j;
      if (j < s.size() && digit(s[j]))
        return std::nullopt;
    }
    std::string before = s.substr(0, b);
    if (date) {
      if (off != 0)
        return std::nullopt;
      // "… số 04/CT-UBND ngày 05/4/2024": another document's date.
      if (ends_with_ci(before, "ngày ") || ends_with_ci(before, "ngày")) {
        size_t ngay = model::lower_vi(before).rfind("ngày");
        if (code_like(word_before(before, ngay)))
          return std::nullopt;
      }
      return 0;
    }
    if (!ends_with_ci(before, "năm "))
      return std::nullopt;
    // "ngày 05 tháng 4 năm 2024" after a ký hiệu: a citation too.
    std::string low = model::lower_vi(before);
    size_t ngay = low.rfind("ngày ");
    if (ngay != std::string::npos && low.find("tháng", ngay) != std::string::npos &&
        before.size() - ngay < 30 && code_like(word_before(before, ngay)))
      return std::nullopt;
    if (off == 1 && ends_with_ci(before, "đến năm "))
      return std::nullopt; // a horizon ("đến năm 2025"), not next year's work
    return off;
  }
};

void year_fields_in(Inlines &in, const YearScan &ys, const std::string &can_chi) {
  // The text of the whole run list gives the context of each number.
  std::string all;
  std::vector<size_t> starts;
  for (const auto &r : in) {
    starts.push_back(all.size());
    if (r.kind == Inline::Kind::Text)
      all += r.text;
    else if (r.kind == Inline::Kind::Break)
      all += ' ';
  }
  Inlines out;
  for (size_t i = 0; i < in.size(); ++i) {
    const Inline &r = in[i];
    if (r.kind != Inline::Kind::Text) {
      out.push_back(r);
      continue;
    }
    const std::string &t = r.text;
    size_t from = 0;
    auto emit_text = [&](size_t a, size_t b) {
      if (b > a) {
        Inline x = r;
        x.text = t.substr(a, b - a);
        out.push_back(x);
      }
    };
    auto emit_field = [&](int off, const char *form) {
      Inline f;
      f.kind = Inline::Kind::Field;
      f.text = "year";
      f.offset = off;
      f.form = form;
      f.bold = r.bold;
      f.italic = r.italic;
      out.push_back(f);
    };
    for (size_t p = 0; p < t.size(); ++p) {
      if (!can_chi.empty() && t.compare(p, can_chi.size(), can_chi) == 0) {
        emit_text(from, p);
        emit_field(0, "can-chi");
        p += can_chi.size() - 1;
        from = p + 1;
        continue;
      }
      if (!digit(t[p]) || (p > 0 && digit(t[p - 1])) || p + 4 > t.size())
        continue;
      bool four =
          digit(t[p + 1]) && digit(t[p + 2]) && digit(t[p + 3]) && (p + 4 == t.size() || !digit(t[p + 4]));
      if (!four)
        continue;
      auto off = ys.decide(all, starts[i] + p);
      if (!off)
        continue;
      emit_text(from, p);
      emit_field(*off, "");
      from = p + 4;
      p += 3;
    }
    emit_text(from, t.size());
  }
  in = std::move(out);
}

// Anniversaries written exactly as vanban counts them for the document's
// year become <anniv>: the full form, the date range, or the number of
// years before the day's name ("70 năm Chiến thắng Điện Biên Phủ").
struct AnnivPattern {
  std::string text, id, form;
  bool years_before_name = false;
  std::string name; // lower-cased, for the years form
};

std::vector<AnnivPattern> anniv_patterns(const tmpl::Calendar &cal, int year) {
  std::vector<AnnivPattern> pats;
  for (const auto &[id, e] : cal.events) {
    if (e.year >= year)
      continue;
    pats.push_back({model::anniversary(e, year, "full"), id, "full"});
    pats.push_back({model::anniversary(e, year, "range"), id, "range"});
    pats.push_back({std::to_string(year - e.year) + " năm ", id, "years", true, model::lower_vi(e.name)});
  }
  return pats;
}

void anniv_fields_in(Inlines &in, const std::vector<AnnivPattern> &pats) {
  Inlines out;
  for (const auto &r : in) {
    if (r.kind != Inline::Kind::Text) {
      out.push_back(r);
      continue;
    }
    const std::string &t = r.text;
    size_t from = 0;
    for (size_t p = 0; p < t.size(); ++p) {
      // Every form starts with a digit or "(".
      if (!digit(t[p]) && t[p] != '(')
        continue;
      for (const auto &pat : pats) {
        if (t.compare(p, pat.text.size(), pat.text) != 0)
          continue;
        if (p > 0 && (digit(t[p - 1]) || t[p - 1] == '('))
          continue;
        size_t len = pat.text.size();
        if (pat.years_before_name) {
          std::string after = model::lower_vi(t.substr(p + len, pat.name.size() * 2));
          if (after.compare(0, pat.name.size(), pat.name) != 0)
            continue;
          len = pat.text.find(' '); // only the number
        }
        if (p > from) {
          Inline x = r;
          x.text = t.substr(from, p - from);
          out.push_back(x);
        }
        Inline f;
        f.kind = Inline::Kind::Field;
        f.text = "anniv";
        f.ref = pat.id;
        f.form = pat.form;
        f.bold = r.bold;
        f.italic = r.italic;
        out.push_back(f);
        from = p + len;
        p = from - 1;
        break;
      }
    }
    if (from < t.size()) {
      Inline x = r;
      x.text = t.substr(from);
      out.push_back(x);
    }
  }
  in = std::move(out);
}

} // namespace

void anniv_fields(Ctx &ctx) {
  if (!ctx.opt.year_fields || ctx.doc.year == 0)
    return;
  tmpl::Calendar cal;
  Diagnostics quiet; // a broken calendar is reported when the data is rendered
  tmpl::load_calendar(ctx.opt.templates_dir + "/calendar.toml", cal, quiet);
  for (const auto &dir : ctx.opt.calendar_dirs)
    tmpl::load_folder_calendar(dir, cal, quiet);
  if (cal.events.empty())
    return;
  auto pats = anniv_patterns(cal, ctx.doc.year);
  each_inlines(ctx.doc, [&](Inlines &in) { anniv_fields_in(in, pats); });
  for (auto &fn : ctx.doc.footnotes)
    anniv_fields_in(fn, pats);
}

void bind_notes(Ctx &ctx) {
  auto &doc = ctx.doc;
  std::map<int, int> used; // note key → footnote number
  each_inlines(doc, [&](Inlines &in) {
    Inlines out;
    for (auto &r : in) {
      if (r.kind != Inline::Kind::FootnoteRef) {
        out.push_back(r);
        continue;
      }
      auto it = ctx.src.notes.find(r.footnote);
      if (it == ctx.src.notes.end()) {
        ctx.warn(0, "a footnote mark without its note is left out", "");
        continue;
      }
      if (used.count(r.footnote)) {
        ctx.warn(0,
                 "footnote " + std::to_string(r.footnote) +
                     " is marked twice: the second mark is written as text",
                 "vanban gives each note one mark");
        Inline t;
        t.text = std::to_string(r.footnote);
        out.push_back(t);
        continue;
      }
      doc.footnotes.push_back(spans_to_inlines(it->second));
      r.footnote = int(doc.footnotes.size());
      used[it->first] = r.footnote;
      out.push_back(r);
    }
    in = std::move(out);
  });
  for (const auto &[key, spans] : ctx.src.notes) {
    if (used.count(key))
      continue;
    Inlines t = spans_to_inlines(spans);
    if (t.empty())
      continue;
    ctx.warn(0,
             "a footnote without a mark in the text is kept as a paragraph at the end of the body: \"" +
                 model::plain_text(t, " ").substr(0, 50) + "\"",
             "put <fn>…</fn> where its mark belongs");
    doc.body.push_back(model::Para{t, {}});
  }
}

void year_fields(Ctx &ctx) {
  auto &doc = ctx.doc;
  if (!ctx.opt.year_fields || doc.year == 0)
    return;
  YearScan ys{doc.year};
  std::string cc = model::can_chi(doc.year);
  each_inlines(doc, [&](Inlines &in) { year_fields_in(in, ys, cc); });
  for (auto &fn : doc.footnotes)
    year_fields_in(fn, ys, cc);
}

} // namespace vb::imp
