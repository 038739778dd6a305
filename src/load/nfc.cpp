#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "load/load.hpp"

namespace vb::load {

std::string nfc(const std::string &utf8) {
  // ASCII is always NFC: skip ICU for the common case.
  bool ascii = true;
  for (unsigned char c : utf8)
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii)
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

} // namespace vb::load
