// Dates and the folding the scanners share. Amounts are in
// field_parsers_amounts.cc; both implement field_parsers.h.
#include "ingest/field_parsers.h"

#include <array>
#include <cstdio>

#include "core/utf8.h"
#include "ingest/field_scan_internal.h"

namespace dangan::ingest {

std::u32string FoldForFields(std::u32string_view text) {
  std::u32string out(text);
  for (char32_t& c : out) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      c = c - 0xFF01 + 0x21;
    } else if (c == 0x3000 || c == 0x00A0 || c == 0x2002 || c == 0x2003 || c == 0x2009) {
      c = ' ';
    } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63) {
      c = '-';
    } else if (c == 0xFFE5) {
      c = 0x00A5;  // ￥ -> ¥
    }
  }
  return out;
}

namespace internal {

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char32_t AsciiLower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

int ConfusableDigit(char32_t c) {
  if (c == 'O' || c == 'o') return 0;
  if (c == 'l' || c == 'I' || c == '|') return 1;
  return -1;
}

// O/o -> 0 and l/I/| -> 1 count as digits only in a run of them that touches
// a real digit ("2O23", "43O,OO0"), so that "No", "Oct" and "POOL" stay words.
int LooseDigit(std::u32string_view t, size_t i) {
  char32_t c = t[i];
  if (IsAsciiDigit(c)) return static_cast<int>(c - '0');
  int v = ConfusableDigit(c);
  if (v < 0) return -1;
  constexpr size_t kReach = 4;
  for (size_t k = i; k > 0 && i - k < kReach; --k) {
    if (IsAsciiDigit(t[k - 1])) return v;
    if (ConfusableDigit(t[k - 1]) < 0) break;
  }
  for (size_t k = i + 1; k < t.size() && k - i <= kReach; ++k) {
    if (IsAsciiDigit(t[k])) return v;
    if (ConfusableDigit(t[k]) < 0) break;
  }
  return -1;
}

// Reads up to max_len loose digits at *i; returns the count read (0: none).
int ReadDigits(std::u32string_view t, size_t* i, int max_len, int64_t* value) {
  int n = 0;
  int64_t v = 0;
  while (*i < t.size() && n < max_len) {
    int d = LooseDigit(t, *i);
    if (d < 0) break;
    v = v * 10 + d;
    ++n;
    ++*i;
  }
  *value = v;
  return n;
}

void SkipSpaces(std::u32string_view t, size_t* i) {
  while (*i < t.size() && (t[*i] == ' ' || t[*i] == '\t')) ++*i;
}

bool StartsWithLower(std::u32string_view t, size_t i, std::u32string_view word) {
  if (i + word.size() > t.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (AsciiLower(t[i + k]) != word[k]) return false;
  }
  return true;
}

}  // namespace internal

namespace {

using internal::IsAsciiAlpha;
using internal::IsAsciiDigit;
using internal::LooseDigit;
using internal::ReadDigits;
using internal::SkipSpaces;

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string Iso(int64_t y, int64_t m, int64_t d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d));
  return buf;
}

bool DigitAt(std::u32string_view t, size_t i) { return i < t.size() && LooseDigit(t, i) >= 0; }

// Month and day after a year and its separator: there even a run of only O
// and l is OCR's digits ("2022年9月lO日").
int ReadDateDigits(std::u32string_view t, size_t* i, int64_t* value) {
  int n = 0;
  int64_t v = 0;
  while (*i < t.size() && n < 2) {
    int d = IsAsciiDigit(t[*i]) ? static_cast<int>(t[*i] - '0') : internal::ConfusableDigit(t[*i]);
    if (d < 0) break;
    v = v * 10 + d;
    ++n;
    ++*i;
  }
  *value = v;
  return n;
}

// 2023年3月15日, 2023-03-15, 2023/3/15, 2023.03.15 (also "2023 年 3 月 15 日").
std::optional<DateMatch> YearFirst(std::u32string_view t, size_t start) {
  size_t i = start;
  int64_t y, m, d;
  if (ReadDigits(t, &i, 4, &y) != 4 || DigitAt(t, i)) return std::nullopt;
  SkipSpaces(t, &i);
  if (i >= t.size()) return std::nullopt;
  char32_t sep = t[i];
  if (sep != U'年' && sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++i;
  SkipSpaces(t, &i);
  if (ReadDateDigits(t, &i, &m) == 0 || DigitAt(t, i)) return std::nullopt;
  SkipSpaces(t, &i);
  char32_t sep2 = sep == U'年' ? U'月' : sep;
  if (i >= t.size() || t[i] != sep2) return std::nullopt;
  ++i;
  SkipSpaces(t, &i);
  if (ReadDateDigits(t, &i, &d) == 0 || DigitAt(t, i)) return std::nullopt;
  if (i < t.size() && IsAsciiAlpha(t[i])) return std::nullopt;
  size_t end = i;
  SkipSpaces(t, &i);
  if (i < t.size() && (t[i] == U'日' || t[i] == U'号')) {
    end = i + 1;
  } else if (sep != U'年' && i < t.size() && t[i] == sep) {
    return std::nullopt;  // 2023.03.15.7: a version or a number, not a date
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  return DateMatch{start, end, Iso(y, m, d)};
}

int SmallNumeral(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
    case U'○':
    case U'O':
    case U'0':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

// 十五, 二十三, 三十一, 九: 1-99 in small numerals; -1 when none at *i.
int ReadChineseSmall(std::u32string_view t, size_t* i) {
  int value = -1;
  int tens = -1;
  size_t k = *i;
  if (k < t.size() && SmallNumeral(t[k]) > 0) {
    value = SmallNumeral(t[k]);
    ++k;
  }
  if (k < t.size() && t[k] == U'十') {
    tens = value < 0 ? 1 : value;
    value = tens * 10;
    ++k;
    if (k < t.size() && SmallNumeral(t[k]) > 0) {
      value += SmallNumeral(t[k]);
      ++k;
    }
  }
  *i = k;
  return value;
}

// 二〇二三年三月十五日.
std::optional<DateMatch> ChineseNumerals(std::u32string_view t, size_t start) {
  size_t i = start;
  int64_t y = 0;
  for (int k = 0; k < 4; ++k, ++i) {
    if (i >= t.size() || SmallNumeral(t[i]) < 0) return std::nullopt;
    y = y * 10 + SmallNumeral(t[i]);
  }
  if (i >= t.size() || t[i] != U'年') return std::nullopt;
  ++i;
  int m = ReadChineseSmall(t, &i);
  if (m < 0 || i >= t.size() || t[i] != U'月') return std::nullopt;
  ++i;
  int d = ReadChineseSmall(t, &i);
  if (d < 0 || i >= t.size() || (t[i] != U'日' && t[i] != U'号')) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  return DateMatch{start, i + 1, Iso(y, m, d)};
}

// 15/03/2023, 15.03.2023, 15-03-2023 (day first; month first when the first
// number cannot be a month day pair otherwise, as in 03/15/2023).
std::optional<DateMatch> DayFirst(std::u32string_view t, size_t start) {
  size_t i = start;
  int64_t a, b, y;
  if (ReadDigits(t, &i, 2, &a) == 0 || DigitAt(t, i) || i >= t.size()) return std::nullopt;
  char32_t sep = t[i];
  if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
  ++i;
  if (ReadDigits(t, &i, 2, &b) == 0 || i >= t.size() || t[i] != sep) return std::nullopt;
  ++i;
  if (ReadDigits(t, &i, 4, &y) != 4 || DigitAt(t, i)) return std::nullopt;
  if (b > 12 && a <= 12) std::swap(a, b);
  if (!ValidDate(y, b, a)) return std::nullopt;
  return DateMatch{start, i, Iso(y, b, a)};
}

// A month name (January, Jan, Jan., Sept.) at *i; 0 when none.
int ReadMonthName(std::u32string_view t, size_t* i) {
  static constexpr std::u32string_view kMonths[] = {
      U"january", U"february", U"march",     U"april",   U"may",      U"june",
      U"july",    U"august",   U"september", U"october", U"november", U"december"};
  if (*i > 0 && IsAsciiAlpha(t[*i - 1])) return 0;
  if (std::u32string_view(U"jfmasond").find(internal::AsciiLower(t[*i])) ==
      std::u32string_view::npos)
    return 0;
  for (size_t m = 0; m < std::size(kMonths); ++m) {
    std::u32string_view name = kMonths[m];
    size_t len = 0;
    if (internal::StartsWithLower(t, *i, name)) {
      len = name.size();
    } else if (m == 8 && internal::StartsWithLower(t, *i, U"sept")) {
      len = 4;
    } else if (internal::StartsWithLower(t, *i, name.substr(0, 3))) {
      len = 3;
    } else {
      continue;
    }
    if (*i + len < t.size() && IsAsciiAlpha(t[*i + len])) continue;
    *i += len;
    if (*i < t.size() && t[*i] == '.') ++*i;
    return static_cast<int>(m) + 1;
  }
  return 0;
}

// Day digits with an optional English ordinal suffix (15th, 1st).
bool ReadDay(std::u32string_view t, size_t* i, int64_t* d) {
  if (ReadDigits(t, i, 2, d) == 0 || DigitAt(t, *i)) return false;
  for (std::u32string_view suffix : {U"st", U"nd", U"rd", U"th"}) {
    if (internal::StartsWithLower(t, *i, suffix)) {
      *i += 2;
      break;
    }
  }
  return true;
}

// March 15, 2023 / Mar. 15 2023 / March 15th, 2023.
std::optional<DateMatch> MonthNameFirst(std::u32string_view t, size_t start) {
  size_t i = start;
  int m = ReadMonthName(t, &i);
  if (m == 0) return std::nullopt;
  SkipSpaces(t, &i);
  int64_t d, y;
  if (!ReadDay(t, &i, &d)) return std::nullopt;
  if (i < t.size() && t[i] == ',') ++i;
  SkipSpaces(t, &i);
  if (ReadDigits(t, &i, 4, &y) != 4 || DigitAt(t, i)) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  return DateMatch{start, i, Iso(y, m, d)};
}

// 15 March 2023 / 15th March, 2023 / 15-Mar-2023.
std::optional<DateMatch> DayMonthName(std::u32string_view t, size_t start) {
  size_t i = start;
  int64_t d, y;
  if (!ReadDay(t, &i, &d)) return std::nullopt;
  bool dash = i < t.size() && t[i] == '-';
  if (dash) ++i;
  SkipSpaces(t, &i);
  int m = ReadMonthName(t, &i);
  if (m == 0) return std::nullopt;
  if (i < t.size() && (t[i] == ',' || (dash && t[i] == '-'))) ++i;
  SkipSpaces(t, &i);
  if (ReadDigits(t, &i, 4, &y) != 4 || DigitAt(t, i)) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  return DateMatch{start, i, Iso(y, m, d)};
}

std::optional<DateMatch> DateAt(std::u32string_view t, size_t i) {
  char32_t prev = i > 0 ? t[i - 1] : U' ';
  if (DigitAt(t, i)) {
    if (IsAsciiDigit(prev) || (prev == '.' && i > 1 && IsAsciiDigit(t[i - 2]))) return std::nullopt;
    if (auto m = YearFirst(t, i)) return m;
    if (auto m = DayFirst(t, i)) return m;
    if (auto m = DayMonthName(t, i)) return m;
  }
  if (SmallNumeral(t[i]) >= 0 && !IsAsciiDigit(t[i]) && SmallNumeral(prev) < 0) {
    if (auto m = ChineseNumerals(t, i)) return m;
  }
  if (IsAsciiAlpha(t[i]) && !IsAsciiAlpha(prev)) {
    if (auto m = MonthNameFirst(t, i)) return m;
  }
  return std::nullopt;
}

}  // namespace

std::vector<DateMatch> FindDates(std::u32string_view text) {
  std::vector<DateMatch> out;
  size_t i = 0;
  while (i < text.size()) {
    if (auto m = DateAt(text, i)) {
      i = m->end;
      out.push_back(std::move(*m));
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<std::string> ParseDate(std::string_view text) {
  std::u32string t = FoldForFields(DecodeUtf8(text));
  size_t b = 0, e = t.size();
  while (b < e && IsSpace(t[b])) ++b;
  while (e > b && IsSpace(t[e - 1])) --e;
  std::u32string_view core = std::u32string_view(t).substr(b, e - b);
  if (core.empty()) return std::nullopt;
  auto m = DateAt(core, 0);
  if (!m || m->end != core.size()) return std::nullopt;
  return m->iso;
}

}  // namespace dangan::ingest
