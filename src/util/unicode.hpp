// Unicode text operations, all through ICU: NFC normalisation and
// Vietnamese upper/lower case (locale "vi", full case mapping).
#pragma once
#include <string>

namespace vb {

// Unicode NFC normalisation of UTF-8 text (invalid bytes become U+FFFD).
std::string nfc(const std::string &utf8);

// Vietnamese capitals and small letters: "Ủy ban" → "ỦY BAN" → "ủy ban".
std::string upper_vi(const std::string &utf8);
std::string lower_vi(const std::string &utf8);

} // namespace vb
