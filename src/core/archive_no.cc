#include "core/archive_no.h"

#include <algorithm>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "core/utf8.h"

namespace dangan {
namespace {

bool IsDash(char32_t c) {
  return c == '-' || c == '_' || c == 0xFF0D || c == 0xFF3F || c == 0x2010 || c == 0x2011 ||
         c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212 || c == 0xFE63 ||
         c == 0x30FC || c == 0x2500;
}

char32_t HalfWidth(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return ' ';
  return c;
}

// A character that can be part of a written archive number.
bool IsTokenChar(char32_t c) {
  c = HalfWidth(c);
  return (c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '|')) || IsDash(c);
}

char FixDigit(char c) {
  switch (c) {
    case 'O':
    case 'Q':
    case 'D':
      return '0';
    case 'L':
    case 'I':
    case '|':
      return '1';
    case 'S': return '5';
    case 'B': return '8';
    case 'Z': return '2';
    default: return c;
  }
}

}  // namespace

std::string NormaliseArchiveNoBasic(std::string_view raw) {
  std::string out;
  for (char32_t c : DecodeUtf8(raw)) {
    c = HalfWidth(c);
    if (IsSpace(c)) continue;
    if (IsDash(c)) {
      out.push_back('-');
    } else if (c == 0xB7) {
      out.push_back('.');
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(std::toupper(static_cast<int>(c))));
    } else {
      AppendUtf8(c, &out);
    }
  }
  return out;
}

Result<ArchiveNumberRule> ArchiveNumberRule::Create(const std::string& pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where;
  std::shared_ptr<const icu::RegexPattern> re(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), where, status));
  if (U_FAILURE(status) || !re)
    return Status::InvalidArgument("archive.number_pattern \"" + pattern + "\": " +
                                   u_errorName(status) + " at offset " +
                                   std::to_string(where.offset));
  return ArchiveNumberRule(std::move(re));
}

bool ArchiveNumberRule::Matches(const std::string& s) const {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(re_->matcher(icu::UnicodeString::fromUTF8(s), status));
  if (U_FAILURE(status) || !m) return false;
  bool whole = m->matches(status);
  return U_SUCCESS(status) && whole;
}

std::optional<std::string> ArchiveNumberRule::Normalise(std::string_view raw) const {
  std::string s = NormaliseArchiveNoBasic(raw);
  if (s.empty() || s.size() > 64) return std::nullopt;
  if (Matches(s)) return s;
  // OCR confusions, only in groups after the first dash (the digit positions
  // of the default pattern): "KH-2O19-OO42" -> "KH-2019-0042".
  std::string fixed = s;
  size_t dash = fixed.find('-');
  if (dash == std::string::npos) return std::nullopt;
  for (size_t i = dash + 1; i < fixed.size(); ++i) fixed[i] = FixDigit(fixed[i]);
  if (fixed != s && Matches(fixed)) return fixed;
  // OCR reads a thin dash as a dot ("KH-2024.0028"): only as a last resort,
  // so a pattern with real dots is matched as written above.
  std::string dashed = fixed;
  std::replace(dashed.begin(), dashed.end(), '.', '-');
  if (dashed != fixed && Matches(dashed)) return dashed;
  return std::nullopt;
}

// RunEnd: the end of the maximal run of token characters from begin; one
// space next to a dash stays inside it ("KH - 2019 - 0042"), and with
// dots, a dot followed by a token character.
size_t ArchiveNumberRule::RunEnd(const std::u32string& cps, size_t begin, bool dots) {
  size_t i = begin;
  while (i < cps.size()) {
    if (IsTokenChar(cps[i])) {
      ++i;
      continue;
    }
    const bool next_is_token = i + 1 < cps.size() && IsTokenChar(cps[i + 1]);
    const bool dot = cps[i] == '.' || cps[i] == 0xFF0E || cps[i] == 0xB7;
    if (dots && dot && i > begin && next_is_token) {
      ++i;
      continue;
    }
    const bool space = cps[i] == ' ' || cps[i] == 0x3000;
    if (space && i > begin && next_is_token &&
        (IsDash(HalfWidth(cps[i - 1])) || IsDash(HalfWidth(cps[i + 1])))) {
      ++i;
      continue;
    }
    break;
  }
  return i;
}

// NumberIn: the archive number text[begin, end) holds, whole or after
// letters glued to it ("NOKH-2019-0042": each letter inside is tried as a
// start).
std::optional<ArchiveNumberRule::Found> ArchiveNumberRule::NumberIn(std::string_view text,
                                                                    size_t begin,
                                                                    size_t end) const {
  std::string_view token = text.substr(begin, end - begin);
  if (auto norm = Normalise(token)) return Found{*norm, begin, end};
  std::string basic = NormaliseArchiveNoBasic(token);
  for (size_t k = 1; k + 6 < basic.size(); ++k) {
    if (std::isalpha(static_cast<unsigned char>(basic[k])) == 0) continue;
    if (auto norm = Normalise(basic.substr(k))) return Found{*norm, begin, end};
  }
  return std::nullopt;
}

std::vector<ArchiveNumberRule::Found> ArchiveNumberRule::FindAll(std::string_view text) const {
  // Code points with their byte offsets, so found numbers can point back into text.
  std::u32string cps = DecodeUtf8(text);
  std::vector<size_t> offs(cps.size() + 1);
  {
    size_t off = 0;
    std::string enc;
    for (size_t k = 0; k < cps.size(); ++k) {
      offs[k] = off;
      enc.clear();
      AppendUtf8(cps[k], &enc);
      off += cps[k] == U'\uFFFD' ? 1 : enc.size();
    }
    offs[cps.size()] = std::min(off, text.size());
  }
  std::vector<Found> found;
  size_t i = 0;
  while (i < cps.size()) {
    if (!IsTokenChar(cps[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    // A dot inside the run is OCR's reading of a dash ("KH-2024.0028"):
    // tried first; if that run holds no number, the run up to the first dot
    // is tried as before ("KH-2019-0042.Next").
    const size_t dotted_end = RunEnd(cps, begin, true);
    if (auto f = NumberIn(text, offs[begin], offs[dotted_end])) {
      found.push_back(*f);
      i = dotted_end;
      continue;
    }
    i = RunEnd(cps, begin, false);
    if (i != dotted_end) {
      if (auto f = NumberIn(text, offs[begin], offs[i])) found.push_back(*f);
    }
  }
  return found;
}

}  // namespace dangan
