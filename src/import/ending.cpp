// After the text: the closing paragraphs, Nơi nhận with its Lưu line, the
// signature block (TM./KT./TL./TUQ./Q., authority, title, name) or the
// covenant's parties, then the appendices with their "Kèm theo" line.
#include <algorithm>
#include <cstring>

#include "import/recognise.hpp"
#include "model/finalize.hpp"
#include "util/utf8.hpp"

namespace vb::imp {

using model::Inlines;

namespace {

std::string line_text(const Inlines &l) {
  return collapse(model::plain_text(l, " "));
}

bool starts_with(const std::string &s, const char *p) {
  return s.rfind(p, 0) == 0;
}

bool recipients_label(const std::string &t) {
  std::string f = Kinds::fold(t);
  return starts_with(f, "NƠI NHẬN");
}

// "TM. ỦY BAN NHÂN DÂN" → {"TM.", "ỦY BAN NHÂN DÂN"}.
bool signature_prefix(const std::string &t, std::string &prefix, std::string &rest) {
  for (const char *p : {"TUQ.", "TM.", "KT.", "TL.", "Q."}) {
    if (!starts_with(t, p))
      continue;
    std::string r = collapse(t.substr(std::strlen(p)));
    if (r.empty() || !all_caps(r))
      return false;
    prefix = p;
    rest = r;
    return true;
  }
  return false;
}

bool party_line(const std::string &t) {
  return starts_with(Kinds::fold(t), "ĐẠI DIỆN ") && all_caps(t);
}

// "ĐẠI DIỆN" alone: the unit did not fit after it and begins on the next line.
bool party_word_alone(const std::string &t) {
  return Kinds::fold(collapse(t)) == "ĐẠI DIỆN";
}

// A signer's name: two to six capitalised words, nothing else.
bool name_like(const std::string &t) {
  if (t.empty() || t.size() > 60 || all_caps(t))
    return false;
  size_t words = 0;
  size_t i = 0;
  while (i < t.size()) {
    size_t j = t.find(' ', i);
    std::string w = t.substr(i, j == std::string::npos ? std::string::npos : j - i);
    size_t k = 0;
    next_cp(w, k);
    std::string first = w.substr(0, k);
    if (model::upper_vi(first) != first || model::lower_vi(first) == first)
      return false;
    ++words;
    if (j == std::string::npos)
      break;
    i = j + 1;
  }
  return words >= 2 && words <= 6;
}

// Official titles under a party's name ("GIÁM ĐỐC") rather than the rest of
// the unit's name ("VÀ DU LỊCH").
bool official_title(const std::string &t) {
  std::string u = Kinds::fold(t);
  for (const char *w : {"GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TRƯỞNG ", "PHÓ TRƯỞNG",
                        "THỦ TRƯỞNG", "CHÁNH VĂN PHÒNG", "TỔNG GIÁM ĐỐC", "HIỆU TRƯỞNG", "BÍ THƯ",
                        "PHÓ BÍ THƯ", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH ", "GIÁM ĐỐC"})
    if (starts_with(u, w))
      return true;
  return u == "TRƯỞNG" || u == "PHÓ TRƯỞNG";
}

std::u32string u32(const std::string &s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();)
    out += next_cp(s, i);
  return out;
}

// One character folded for matching: lower case, dashes alike.
char32_t fold_cp(char32_t c) {
  if (c == U'\u2013' || c == U'\u2014' || c == U'\u2212')
    return '-';
  if (c == '\n')
    return ' ';
  std::string one;
  append_utf8(one, c);
  std::string low = model::lower_vi(one);
  size_t k = 0;
  return next_cp(low, k);
}

// `unit` with the letters' case of where `text` writes it, if it does.
std::string case_from(const std::string &unit, const std::string &text) {
  std::u32string u = u32(unit), t = u32(text), uf, tf;
  for (char32_t c : u)
    uf += fold_cp(c);
  for (char32_t c : t)
    tf += fold_cp(c);
  size_t at = uf.empty() ? std::u32string::npos : tf.find(uf);
  if (at == std::u32string::npos)
    return unit;
  std::string out;
  for (size_t i = 0; i < u.size(); ++i) {
    std::string one;
    append_utf8(one, u[i]);
    bool letter = model::lower_vi(one) != model::upper_vi(one);
    append_utf8(out, letter ? t[at + i] : u[i]);
  }
  return out;
}

bool plain_item(const Item &it) {
  return !it.table && peek_label(it.lines[0]).kind == LabelKind::None && it.role != Role::Heading;
}

} // namespace

size_t find_appendices(const Ctx &ctx) {
  for (size_t i = ctx.at; i < ctx.items.size(); ++i) {
    const Item &it = ctx.items[i];
    if (it.table)
      continue;
    if (it.role == Role::AppendixLabel)
      return i;
    std::string t = line_text(it.lines[0]);
    std::string f = Kinds::fold(t);
    while (!f.empty() && (f.back() == '.' || f.back() == ':'))
      f.pop_back();
    if (!starts_with(f, "PHỤ LỤC"))
      continue;
    std::string rest = collapse(f.substr(std::strlen("PHỤ LỤC")));
    bool numeral = rest.empty() || rest.find_first_not_of("IVXLC0123456789") == std::string::npos;
    bool looks = !ctx.src.docx || it.align == Align::Center || it.bold() || it.page_break;
    if (numeral && looks && it.lines.size() <= 2)
      return i;
  }
  return ctx.items.size();
}

size_t find_ending(Ctx &ctx, size_t end) {
  size_t start = end;
  auto &items = ctx.items;
  for (size_t i = ctx.at; i < end; ++i) {
    const Item &it = items[i];
    if (it.table)
      continue;
    std::string t = line_text(it.lines[0]);
    std::string prefix, rest;
    if (recipients_label(t) || it.role == Role::RecipientsLabel || it.role == Role::SignLine ||
        signature_prefix(t, prefix, rest) || party_line(t)) {
      start = i;
      break;
    }
  }
  if (start == end) {
    // A signature without prefix and without Nơi nhận: capital lines and a
    // name at the very end.
    size_t i = end;
    if (i > ctx.at && plain_item(items[i - 1]) && name_like(items[i - 1].text()))
      --i;
    size_t caps = 0;
    while (i > ctx.at && caps < 3 && plain_item(items[i - 1]) && all_caps(items[i - 1].text()) &&
           items[i - 1].text().size() < 70) {
      --i;
      ++caps;
    }
    if (caps > 0 && i > ctx.at)
      start = i;
  }
  return start;
}

void ending(Ctx &ctx, size_t end) {
  auto &doc = ctx.doc;
  auto &items = ctx.items;
  // The closing: from the last "Trên đây …" (or the paragraph ending "./.").
  size_t ending_at = find_ending(ctx, end);
  size_t closing_at = ending_at;
  for (size_t i = ending_at; i-- > ctx.at;) {
    if (!plain_item(items[i]))
      break;
    if (starts_with(items[i].text(), "Trên đây")) {
      closing_at = i;
      break;
    }
  }
  if (closing_at == ending_at && ending_at > ctx.at && plain_item(items[ending_at - 1])) {
    std::string t = items[ending_at - 1].text();
    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "./.") == 0)
      closing_at = ending_at - 1;
  }
  body(ctx, closing_at, doc.body);
  for (; ctx.at < ending_at; ++ctx.at) {
    const Item &it = items[ctx.at];
    doc.closing.push_back(model::Para{join(it.lines, ctx.src.docx), ctx.loc(it.pos)});
  }
  // Nơi nhận, signature, parties: line by line.
  enum { None, Recipients, Signature, Party } mode = None;
  std::vector<std::string> sign;
  std::string name;
  int sign_pos = 0;
  bool recipients_done = false, recipient_open = false;
  auto unplaced = [&](const Item &it, const std::string &t) {
    ctx.warn(it.pos,
             "kept as a closing paragraph: \"" + t.substr(0, 60) +
                 "\" (not part of a Nơi nhận or signature vanban knows)",
             "move it where it belongs");
    doc.closing.push_back(model::Para{inlines_of(t), ctx.loc(it.pos)});
  };
  int last_cell = -1;
  for (; ctx.at < end; ++ctx.at) {
    const Item &it = items[ctx.at];
    if (it.table) {
      ctx.warn(it.pos, "a table after the signature is kept at the end of the text", "");
      size_t save = ctx.at;
      body(ctx, ctx.at + 1, doc.body);
      ctx.at = save;
      continue;
    }
    bool new_cell = it.cell && it.cell != last_cell;
    last_cell = it.cell;
    // "GIÁM ĐỐC SỞ NGOẠI VỤ Ngô Biên Cương": a converter joined the signer's
    // title and name on one line.
    std::vector<std::string> texts;
    for (const auto &line : it.lines) {
      std::string t = line_text(line);
      size_t cut = std::string::npos;
      if (!all_caps(t) && !name_like(t))
        for (size_t sp = t.find(' '); sp != std::string::npos; sp = t.find(' ', sp + 1))
          if (all_caps(t.substr(0, sp)) && name_like(t.substr(sp + 1)) &&
              t.substr(0, sp).find(' ') != std::string::npos) {
            cut = sp;
            break;
          }
      if (cut == std::string::npos) {
        texts.push_back(t);
      } else {
        texts.push_back(t.substr(0, cut));
        texts.push_back(t.substr(cut + 1));
      }
    }
    for (size_t l = 0; l < texts.size(); ++l) {
      const std::string &t = texts[l];
      if (t.empty())
        continue;
      std::string prefix, rest;
      if (recipients_label(t) || it.role == Role::RecipientsLabel) {
        mode = Recipients;
        doc.has_recipients = true;
        doc.recipients_loc = ctx.loc(it.pos);
        std::string after = t.substr(t.find(':') == std::string::npos ? t.size() : t.find(':') + 1);
        if (!collapse(after).empty())
          doc.recipients.push_back(collapse(after));
        continue;
      }
      if (mode == Recipients && !recipients_done &&
          (it.role == Role::Recipient || starts_with(t, "-") || starts_with(t, "\u2013") ||
           starts_with(t, "+") || starts_with(Kinds::fold(t), "LƯU"))) {
        std::string r = t;
        if (starts_with(r, "-") || starts_with(r, "+"))
          r = collapse(r.substr(1));
        else if (starts_with(r, "\u2013"))
          r = collapse(r.substr(3));
        if (starts_with(Kinds::fold(r), "LƯU")) {
          size_t c = r.find(':');
          std::string a = collapse(c == std::string::npos ? r.substr(std::strlen("Lưu")) : r.substr(c + 1));
          while (!a.empty() && (a.back() == '.' || a.back() == ';'))
            a.pop_back();
          doc.recipients.push_back("Lưu: " + a);
          doc.has_archive = true;
          recipients_done = true;
        } else {
          // Without its ";" the item goes on on the next line.
          recipient_open = !r.empty() && !(r.back() == ';' || r.back() == '.');
          while (!r.empty() && (r.back() == ';' || r.back() == '.' || r.back() == ','))
            r.pop_back();
          doc.recipients.push_back(r);
        }
        continue;
      }
      if (mode == Recipients && !recipients_done && !doc.recipients.empty() && it.role == Role::None &&
          (recipient_open || (!all_caps(t) && !name_like(t)))) {
        doc.recipients.back() += " " + t; // a recipient wrapped onto the next line
        std::string &r = doc.recipients.back();
        recipient_open = !(r.back() == ';' || r.back() == '.');
        while (!r.empty() && (r.back() == ';' || r.back() == '.' || r.back() == ','))
          r.pop_back();
        continue;
      }
      if (it.role == Role::Drafter || (recipients_done && mode == Recipients && !all_caps(t) &&
                                       t.size() < 24 && t.find('(') != std::string::npos && !name_like(t))) {
        doc.drafter = t;
        continue;
      }
      if ((party_line(t) || party_word_alone(t)) && (new_cell || l == 0 || !it.cell)) {
        model::Party p;
        p.loc = ctx.loc(it.pos);
        if (party_line(t))
          p.unit = collapse(t.substr(t.find(' ', t.find(' ') + 1) + 1)); // after "ĐẠI DIỆN "
        p.signature.loc = p.loc;
        doc.parties.push_back(std::move(p));
        mode = Party;
        new_cell = false;
        continue;
      }
      if (mode == Party && !doc.parties.empty()) {
        auto &p = doc.parties.back();
        if (all_caps(t) && p.unit.empty()) {
          p.unit = t; // the unit's first line, under a lone "ĐẠI DIỆN"
        } else if (all_caps(t)) {
          if (official_title(t) && p.signature.title.empty())
            p.signature.title = t;
          else if (p.signature.title.empty())
            p.unit += "\n" + t;
          else
            p.signature.title += " " + t;
        } else if (p.signature.name.empty()) {
          p.signature.name = t;
        } else {
          unplaced(it, t);
        }
        continue;
      }
      if (signature_prefix(t, prefix, rest) || it.role == Role::SignLine ||
          (all_caps(t) && t.size() < 90 && (mode != Signature || name.empty()))) {
        if (mode != Signature) {
          mode = Signature;
          sign_pos = it.pos;
        }
        if (!name.empty()) {
          unplaced(it, t);
          continue;
        }
        sign.push_back(t);
        continue;
      }
      if (mode == Signature && name.empty() && (it.role == Role::SignName || name_like(t))) {
        name = t;
        continue;
      }
      unplaced(it, t);
    }
  }
  if (!sign.empty()) {
    model::Signature s;
    s.loc = ctx.loc(sign_pos);
    std::string prefix, rest;
    if (signature_prefix(sign[0], prefix, rest)) {
      s.prefix = prefix;
      s.authority = rest;
    } else {
      s.authority = sign[0];
    }
    if (sign.size() >= 2)
      s.title = sign[1];
    if (sign.size() > 2) {
      for (size_t k = 2; k < sign.size(); ++k)
        s.title += " " + sign[k];
      ctx.warn(sign_pos, "a signature of " + std::to_string(sign.size()) + " lines is written in two",
               "vanban's signature has the authority line and the signer's title");
    }
    s.name = name;
    doc.signature = std::move(s);
  } else if (!name.empty()) {
    ctx.warn(sign_pos, "a name without a signature title: \"" + name + "\" kept as a closing paragraph");
    doc.closing.push_back(model::Para{inlines_of(name), {}});
  }
  if (doc.has_recipients && !doc.has_archive)
    ctx.warn(doc.recipients_loc.line, "Nơi nhận has no Lưu line", "add <archive>VT</archive>");
  // Parties' names as the text writes them ("Sở Văn hóa, Thể thao và Du
  // lịch" for "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), when the opening lists them.
  std::string text;
  for (const auto &b : doc.opening)
    if (auto *p = std::get_if<model::Para>(&b))
      text += " " + model::plain_text(p->content, " ");
  for (auto &p : doc.parties)
    p.unit = case_from(p.unit, collapse(text));
}

void appendices(Ctx &ctx) {
  auto &items = ctx.items;
  while (ctx.at < items.size()) {
    const Item &label = items[ctx.at];
    model::Appendix a;
    a.loc = ctx.loc(label.pos);
    a.landscape = label.landscape;
    ++ctx.at;
    // The title: up to the "(Kèm theo …)" line or the content.
    Inlines title;
    while (ctx.at < items.size() && !items[ctx.at].table) {
      const Item &it = items[ctx.at];
      std::string t = it.text();
      if (starts_with(t, "(Kèm theo") || it.role == Role::AppendixAttached) {
        // "… của Ủy ban nhân dân xã Trí Yên)": how the text names the agency.
        size_t c = t.rfind(" của ");
        if (c != std::string::npos) {
          std::string who = collapse(t.substr(c + std::strlen(" của ")));
          while (!who.empty() && who.back() == ')')
            who.pop_back();
          std::string def;
          for (const auto &l : ctx.doc.header.agency)
            def += (def.empty() ? "" : " ") + model::upper_vi(l);
          if (!who.empty() && who != def && ctx.doc.header.agency_in_text.empty())
            ctx.doc.header.agency_in_text = who;
        }
        ++ctx.at;
        break;
      }
      bool title_like =
          it.role == Role::AppendixTitle ||
          (title.empty() && peek_label(it.lines[0]).kind == LabelKind::None) ||
          (it.role == Role::None && all_caps(t) && peek_label(it.lines[0]).kind == LabelKind::None);
      if (!title_like)
        break;
      if (!title.empty())
        title.push_back(inlines_of(" ")[0]);
      Inlines j = join(it.lines, false);
      title.insert(title.end(), j.begin(), j.end());
      ++ctx.at;
    }
    for (auto &r : title)
      r.bold = false;
    trim_inlines(title);
    if (title.empty()) {
      title = inlines_of("…");
      ctx.warn(label.pos, "an appendix without a title", "write its <title>");
    }
    a.title = std::move(title);
    // The next appendix label, if any.
    size_t stop = items.size();
    for (size_t i = ctx.at; i < items.size(); ++i) {
      const Item &it = items[i];
      if (it.table)
        continue;
      std::string f = Kinds::fold(line_text(it.lines[0]));
      while (!f.empty() && (f.back() == '.' || f.back() == ':'))
        f.pop_back();
      if (it.role == Role::AppendixLabel ||
          (starts_with(f, "PHỤ LỤC") &&
           collapse(f.substr(std::strlen("PHỤ LỤC"))).find_first_not_of("IVXLC0123456789") ==
               std::string::npos &&
           (it.page_break || !ctx.src.docx || it.align == Align::Center))) {
        stop = i;
        break;
      }
    }
    body(ctx, stop, a.body);
    if (!ctx.src.docx)
      for (const auto &b : a.body)
        if (auto *t = std::get_if<model::Table>(&b))
          if (t->columns.size() >= 5 && !a.landscape) {
            a.landscape = true;
            ctx.note(label.pos, "landscape: guessed from a table of " + std::to_string(t->columns.size()) +
                                    " columns (text does not say)");
          }
    ctx.doc.appendices.push_back(std::move(a));
  }
}

} // namespace vb::imp
