// UTF-8 decoding/encoding shared by every stage.
#pragma once
#include <string>
#include <string_view>

namespace vb {

char32_t next_cp(std::string_view s, size_t &i); // U+FFFD on bad bytes
void append_utf8(std::string &out, char32_t cp);
bool valid_utf8(std::string_view s);

} // namespace vb
