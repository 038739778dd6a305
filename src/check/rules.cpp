#include "check/rules.hpp"

#include <cstdlib>
#include <ctime>
#include <functional>

#include "template/styles.hpp"
#include "util/unicode.hpp"

namespace vb::check {

Today today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

namespace {

bool starts_with_title(const std::string &name, std::string &which) {
  // Academic and professional titles that ô 7b forbids before the name.
  static const char *titles[] = {"GS.",          "PGS.",   "TS.",    "ThS.",     "CN.",      "KS.",
                                 "BS.",          "DS.",    "TSKH.",  "NGND.",    "NGƯT.",    "GS ",
                                 "PGS ",         "TS ",    "ThS ",   "Tiến sĩ ", "Thạc sĩ ", "Giáo sư ",
                                 "Phó Giáo sư ", "Kỹ sư ", "Bác sĩ "};
  for (const char *t : titles)
    if (name.rfind(t, 0) == 0) {
      which = t;
      while (!which.empty() && which.back() == ' ')
        which.pop_back();
      return true;
    }
  return false;
}

// The part of a ký hiệu before its first '-'.
std::string head(const std::string &code) {
  return code.substr(0, code.find('-'));
}

// Ký hiệu: the type abbreviation is the kind's, written as Appendix III
// writes it (KH for a plan, TTr for a submission); a kind without one (a
// công văn) does not borrow another kind's.
void codes(const model::Document &doc, const tmpl::Template &t, Diagnostics &diags) {
  const auto &h = doc.header;
  if (h.code.empty())
    return;
  std::string first = head(h.code);
  if (!t.abbreviation.empty()) {
    if (first == t.abbreviation)
      return;
    if (upper_vi(first) == upper_vi(t.abbreviation))
      diags.warning(doc.file, h.code_loc,
                    "ký hiệu '" + h.code + "' starts with '" + first + "'; Appendix III writes a " +
                        t.description + "'s abbreviation '" + t.abbreviation + "'",
                    "write " + t.abbreviation + h.code.substr(first.size()) +
                        ": the ký hiệu prints as written");
    else
      diags.warning(doc.file, h.code_loc,
                    "ký hiệu '" + h.code + "' starts with '" + first + "', but a " + t.description + " is '" +
                        t.abbreviation + "' (Decree 30, Appendix III)",
                    "write " + t.abbreviation + "-<AGENCY>, e.g. " + t.abbreviation + "-UBND");
    return;
  }
  for (const tmpl::DecreeKind &k : tmpl::decree_abbreviations())
    if (upper_vi(first) == upper_vi(k.abbreviation)) {
      diags.warning(doc.file, h.code_loc,
                    "ký hiệu '" + h.code + "' starts with '" + first + "', the abbreviation of a " + k.name +
                        "; a " + t.description + "'s ký hiệu names the agency and the drafting unit",
                    "write e.g. SNV-VP (Số: 05/SNV-VP), or choose the kind the abbreviation names");
      return;
    }
}

// Nơi nhận "- Như Điều 3;" names an article the decision has; a document
// with Kính gửi sends its copy to them first: "- Như trên;" (Mẫu 1.5).
void recipients_refer(const model::Document &doc, Diagnostics &diags) {
  int articles = 0;
  std::function<void(const model::Blocks &)> count = [&](const model::Blocks &bs) {
    for (const auto &b : bs)
      if (auto *a = std::get_if<model::Article>(&b)) {
        articles += a->level == model::Article::Level::Article;
      } else if (auto *p = std::get_if<model::Part>(&b)) {
        count(p->body);
      }
  };
  count(doc.body);
  for (const std::string &r : doc.recipients) {
    size_t at = r.find("Như Điều ");
    if (at == std::string::npos)
      continue;
    int n = std::atoi(r.c_str() + at + std::string("Như Điều ").size());
    if (n > articles)
      diags.warning(doc.file, doc.recipients_loc,
                    "Nơi nhận '" + r + "' names Điều " + std::to_string(n) + ", but the document has " +
                        std::to_string(articles) + (articles == 1 ? " article" : " articles"),
                    "name the article that says who carries the decision out");
  }
  if (doc.addressees && doc.has_recipients && !doc.recipients.empty() &&
      doc.recipients.front().rfind("- Như trên", 0) != 0)
    diags.warning(doc.file, doc.recipients_loc,
                  "Nơi nhận does not start with 'Như trên', though the document has Kính gửi",
                  "start <recipients> with <to>Như trên</to>: the addressees above receive it (Mẫu 1.5)");
}

} // namespace

void decree_rules(const model::Document &doc, const tmpl::Template &t, const text::Fonts *fonts, Today now,
                  Diagnostics &diags) {
  const auto &h = doc.header;
  const std::string &f = doc.file;
  if (fonts)
    font_coverage(doc, *fonts, diags);

  codes(doc, t, diags);
  recipients_refer(doc, diags);

  // Signers: no academic titles before the name (ô 7b).
  auto signer = [&](const model::Signature &s) {
    std::string which;
    if (starts_with_title(s.name, which))
      diags.warning(f, s.loc, "the signer's name '" + s.name + "' starts with the title '" + which + "'",
                    "Decree 30 (ô 7b) prints the name alone: drop '" + which + "'");
  };
  if (doc.signature)
    signer(*doc.signature);
  for (const auto &s : doc.signers)
    signer(s);
  for (const auto &a : doc.attachments)
    if (a.signature)
      signer(*a.signature);
  for (const auto &p : doc.parties)
    signer(p.signature);

  // Nơi nhận ends with the Lưu line.
  if (t.recipients_expected) {
    if (!doc.has_recipients)
      diags.warning(f, {}, "the document has no <recipients> (Nơi nhận)",
                    "add <recipients> with the addressees and <archive>VT, …</archive>");
    else if (!doc.has_archive)
      diags.warning(f, doc.recipients_loc, "Nơi nhận has no 'Lưu: VT' line",
                    "end <recipients> with <archive>VT, <unit></archive>");
    if (!doc.signature && doc.parties.empty() && doc.signers.empty())
      diags.warning(f, {}, "the document has no <signature>",
                    "add <signature> with the authority and the signer");
  }

  // A date more than a year ahead is almost always a typo.
  if (h.year > 0 && !h.year_blank) {
    int m = h.month.value_or(1), d = h.day.value_or(1);
    long date = long(h.year) * 10000 + m * 100 + d;
    long limit = long(now.year + 1) * 10000 + now.month * 100 + now.day;
    if (date > limit)
      diags.warning(f, h.date_loc, "the date " + h.date_line + " is more than a year in the future",
                    "check the year of <date> and of <document>");
  }

  // Header lines that do not fit their column wrap where the meaning does
  // not break: ask for an explicit <br/>.
  if (fonts) {
    auto styles = tmpl::make_styles(t);
    double text_width = (t.page_width - t.margin_left - t.margin_right).pt;
    double col = text_width * t.header_left;
    auto fit = [&](const std::vector<std::string> &lines, bool bold, double size, const char *what,
                   SourceLoc where) {
      for (const auto &l : lines) {
        double w = fonts->width(text::face_of(bold, false), l, size);
        if (w > col) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.1f mm", w * 25.4 / 72);
          char cb[32];
          std::snprintf(cb, sizeof cb, "%.0f mm", col * 25.4 / 72);
          diags.warning(
              f, where,
              std::string(what) + " line '" + l + "' is " + buf + " wide and wraps in the " + cb +
                  " header column",
              "break it where the meaning breaks with <br/>, e.g. ỦY BAN NHÂN DÂN<br/>TỈNH BẮC NINH");
        }
      }
    };
    fit(h.parent, styles.header_parent.bold, styles.header_parent.size, "parent agency", h.parent_loc);
    fit(h.agency, styles.header_agency.bold, styles.header_agency.size, "issuing agency", h.agency_loc);
  }
}

} // namespace vb::check
