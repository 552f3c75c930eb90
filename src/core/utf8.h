// Small UTF-8 helpers over ICU's macros. Invalid sequences decode as U+FFFD so
// that text from hostile files never breaks JSON output or regexes.
#ifndef DANGAN_CORE_UTF8_H_
#define DANGAN_CORE_UTF8_H_

#include <string>
#include <string_view>
#include <vector>

namespace dangan {

// Decodes s into code points; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view s);
// Appends the UTF-8 form of cp to *out.
void AppendUtf8(char32_t cp, std::string* out);
std::string EncodeUtf8(std::u32string_view s);
// Returns s with invalid sequences replaced by U+FFFD and NUL removed.
std::string SanitiseUtf8(std::string_view s);

// Han ideographs (BMP and the supplementary planes), kana, Hangul, CJK and
// full-width punctuation: the characters between which whitespace is noise.
bool IsCjk(char32_t cp);
bool IsHan(char32_t cp);
// Unicode white space, including U+3000 IDEOGRAPHIC SPACE and NBSP.
bool IsSpace(char32_t cp);

}  // namespace dangan

#endif  // DANGAN_CORE_UTF8_H_
