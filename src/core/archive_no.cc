#include "core/archive_no.h"

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
    // A maximal run of token characters; one space next to a dash stays
    // inside it ("KH - 2019 - 0042").
    size_t begin = i;
    while (i < cps.size()) {
      if (IsTokenChar(cps[i])) {
        ++i;
        continue;
      }
      bool space = cps[i] == ' ' || cps[i] == 0x3000;
      if (space && i > begin && i + 1 < cps.size() && IsTokenChar(cps[i + 1]) &&
          (IsDash(HalfWidth(cps[i - 1])) || IsDash(HalfWidth(cps[i + 1])))) {
        ++i;
        continue;
      }
      break;
    }
    std::string_view token = text.substr(offs[begin], offs[i] - offs[begin]);
    if (auto norm = Normalise(token)) {
      found.push_back({*norm, offs[begin], offs[i]});
      continue;
    }
    // The number may follow letters glued to it ("NOKH-2019-0042"): try each
    // letter that starts a new letter run inside the token.
    std::string basic = NormaliseArchiveNoBasic(token);
    for (size_t k = 1; k + 6 < basic.size(); ++k) {
      bool starts_alpha = std::isalpha(static_cast<unsigned char>(basic[k])) != 0;
      if (!starts_alpha) continue;
      if (auto norm = Normalise(basic.substr(k))) {
        found.push_back({*norm, offs[begin], offs[i]});
        break;
      }
    }
  }
  return found;
}

}  // namespace dangan
