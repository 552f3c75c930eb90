#include "indexer/schema.h"

#include <algorithm>
#include <unordered_set>

#include "core/utf8.h"

namespace dangan::indexer::schema {
namespace {

bool IsDashVariant(char32_t c) {
  return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
         c == 0x2014 || c == 0x2015 || c == 0x2212 || c == 0xFE63;
}

bool IsSeparator(char32_t c) { return IsDashVariant(c) || c == '/' || c == '_'; }

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char32_t c) { return IsAsciiDigit(c) || IsAsciiLetter(c); }

constexpr size_t kMaxNumberChars = 40;

// The end of a letters/digits token starting at b: alnum runs joined by
// single separators.
size_t TokenEnd(const std::u32string& s, size_t b) {
  size_t i = b;
  while (i < s.size() && (IsAsciiAlnum(s[i]) || (IsSeparator(s[i]) && i > b && i + 1 < s.size() &&
                                                 IsAsciiAlnum(s[i + 1]))))
    ++i;
  return i;
}

// When s[e..] continues a token with "<Han>{0,4}第<digits>号", returns the end
// of that serial, else 0.
size_t CounterSerialEnd(const std::u32string& s, size_t e) {
  size_t j = e;
  while (j < s.size() && j - e < 4 && IsHan(s[j]) && s[j] != U'第') ++j;
  if (j >= s.size() || s[j] != U'第') return 0;
  size_t k = j + 1;
  while (k < s.size() && IsAsciiDigit(s[k])) ++k;
  if (k == j + 1 || k >= s.size() || s[k] != U'号') return 0;
  return k + 1;
}

bool LooksLikeNumber(std::u32string_view token) {
  if (token.size() > kMaxNumberChars) return false;
  size_t digits = 0, letters = 0, separators = 0;
  for (char32_t c : token) {
    if (IsAsciiDigit(c)) {
      ++digits;
    } else if (IsAsciiLetter(c)) {
      ++letters;
    } else {
      ++separators;
    }
  }
  if (letters == 0) return separators == 0 && digits >= 8 && digits <= 20;
  return digits >= 3;
}

}  // namespace

std::string IdTerm(int64_t id) { return std::string(kPrefixId) + std::to_string(id); }

std::string BooleanTerm(std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > kMaxTermBytes) return {};
  std::string term(prefix);
  term.append(value);
  return term;
}

std::string NormaliseNumber(std::string_view folded) {
  std::string out;
  for (char32_t c : DecodeUtf8(folded)) {
    if (IsSpace(c)) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // in case the caller did not fold
    if (IsDashVariant(c)) c = '-';
    if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
    AppendUtf8(c, &out);
  }
  return out;
}

std::vector<std::string> FindQuotedNumbers(std::string_view folded) {
  std::u32string s = DecodeUtf8(folded);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::u32string_view token) {
    std::string n = NormaliseNumber(EncodeUtf8(token));
    if (seen.insert(n).second) out.push_back(std::move(n));
  };
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    size_t e = TokenEnd(s, b);
    std::u32string_view token(s.data() + b, e - b);
    if (size_t serial_end = CounterSerialEnd(s, e); serial_end != 0) {
      if (serial_end - b <= kMaxNumberChars) add(std::u32string_view(s.data() + b, serial_end - b));
      i = serial_end;
      continue;
    }
    if (LooksLikeNumber(token)) add(token);
    i = e;
  }
  return out;
}

}  // namespace dangan::indexer::schema
