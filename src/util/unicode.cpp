#include "util/unicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/ucasemap.h>
#include <unicode/unistr.h>

namespace vb {

namespace {

bool is_ascii(const std::string &s) {
  for (unsigned char c : s)
    if (c >= 0x80)
      return false;
  return true;
}

// One case map for the process: its locale data is loaded once, and a
// const UCaseMap may be used from several threads at the same time.
const UCaseMap *vi_case_map() {
  static const UCaseMap *map = [] {
    UErrorCode ec = U_ZERO_ERROR;
    UCaseMap *m = ucasemap_open("vi", 0, &ec);
    return U_SUCCESS(ec) ? m : nullptr;
  }();
  return map;
}

using CaseFn = int32_t (*)(const UCaseMap *, char *, int32_t, const char *, int32_t, UErrorCode *);

std::string map_case(const std::string &s, CaseFn fn, char (*ascii)(char)) {
  std::string out;
  if (is_ascii(s)) {
    out.resize(s.size());
    for (size_t i = 0; i < s.size(); ++i)
      out[i] = ascii(s[i]);
    return out;
  }
  const UCaseMap *map = vi_case_map();
  if (!map || s.size() > size_t(INT32_MAX / 3))
    return s;
  // Vietnamese letters keep their UTF-8 length under case mapping; a few
  // others (ß → SS) grow, so retry once with the size ICU asks for.
  out.resize(s.size() + 16);
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n = fn(map, out.data(), int32_t(out.size()), s.data(), int32_t(s.size()), &ec);
  if (ec == U_BUFFER_OVERFLOW_ERROR) {
    out.resize(size_t(n));
    ec = U_ZERO_ERROR;
    n = fn(map, out.data(), int32_t(out.size()), s.data(), int32_t(s.size()), &ec);
  }
  if (U_FAILURE(ec))
    return s;
  out.resize(size_t(n));
  return out;
}

} // namespace

std::string nfc(const std::string &utf8) {
  // ASCII is always NFC: skip ICU for the common case.
  if (is_ascii(utf8))
    return utf8;
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2 *n = icu::Normalizer2::getNFCInstance(ec);
  if (U_FAILURE(ec))
    return utf8;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  if (n->isNormalized(u, ec) && U_SUCCESS(ec))
    return utf8;
  ec = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, ec);
  if (U_FAILURE(ec))
    return utf8;
  std::string s;
  out.toUTF8String(s);
  return s;
}

std::string upper_vi(const std::string &utf8) {
  return map_case(utf8, ucasemap_utf8ToUpper, [](char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; });
}

std::string lower_vi(const std::string &utf8) {
  return map_case(utf8, ucasemap_utf8ToLower, [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; });
}

} // namespace vb
