// Money amounts: digits with currency markers, Chinese capital numerals,
// English words. Implements the amount half of field_parsers.h.
#include <array>
#include <cstdio>

#include "core/utf8.h"
#include "ingest/field_parsers.h"
#include "ingest/field_scan_internal.h"

namespace dangan::ingest {
namespace {

using internal::AsciiLower;
using internal::IsAsciiAlpha;
using internal::IsAsciiDigit;
using internal::LooseDigit;
using internal::SkipSpaces;
using internal::StartsWithLower;

// Amounts above this (10^13 yuan) are account numbers, not money.
constexpr int64_t kMaxCents = 100000000000000LL;

struct Marker {
  std::u32string_view text;  // lower case for ASCII words
  const char* currency;
};

// Markers written before a number. Longer spellings first: "us$" before "$".
constexpr Marker kPrefixMarkers[] = {
    {U"us$", "USD"},  {U"hk$", "HKD"},  {U"rmb", "CNY"},  {U"cny", "CNY"},  {U"usd", "USD"},
    {U"hkd", "HKD"},  {U"eur", "EUR"},  {U"gbp", "GBP"},  {U"jpy", "JPY"},  {U"人民币", "CNY"},
    {U"美元", "USD"}, {U"港币", "HKD"}, {U"港元", "HKD"}, {U"欧元", "EUR"}, {U"英镑", "GBP"},
    {U"¥", "CNY"},    {U"$", "USD"},    {U"€", "EUR"},    {U"£", "GBP"},
};

// The currency of a marker ending at end (exclusive), skipping blanks, ':'
// and the 大写/小写 qualifiers between marker and number; "" when none.
const char* PrefixCurrency(std::u32string_view t, size_t end) {
  size_t k = end;
  for (int guard = 0; guard < 4 && k > 0; ++guard) {
    while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == ':' || t[k - 1] == '\t')) --k;
    // "(小写)", "（大写）", "小写", "大写" between the marker and the number.
    if (k >= 2 && (t[k - 1] == U'写' || (t[k - 1] == ')' && k >= 3 && t[k - 2] == U'写'))) {
      size_t j = t[k - 1] == ')' ? k - 2 : k - 1;
      if (j >= 1 && (t[j - 1] == U'小' || t[j - 1] == U'大')) {
        k = j - 1;
        if (k > 0 && t[k - 1] == '(') --k;
        continue;
      }
    }
    break;
  }
  for (const Marker& m : kPrefixMarkers) {
    if (k < m.text.size()) continue;
    size_t b = k - m.text.size();
    if (!StartsWithLower(t, b, m.text)) continue;
    if (IsAsciiAlpha(m.text[0]) && b > 0 && IsAsciiAlpha(t[b - 1])) continue;
    return m.currency;
  }
  return "";
}

// Markers after a number: 元, 万元, RMB …; *scale multiplies the number.
const char* SuffixCurrency(std::u32string_view t, size_t* i, int64_t* scale) {
  size_t k = *i;
  SkipSpaces(t, &k);
  *scale = 1;
  if (k < t.size() && (t[k] == U'万' || t[k] == U'亿')) {
    int64_t s = t[k] == U'万' ? 10000 : 100000000;
    if (k + 1 < t.size() && (t[k + 1] == U'元' || t[k + 1] == U'圆')) {
      *scale = s;
      *i = k + 2;
      return "CNY";
    }
  }
  if (k < t.size() && (t[k] == U'元' || t[k] == U'圆')) {
    *i = k + 1;
    return "CNY";
  }
  for (const Marker& m : kPrefixMarkers) {
    if (!IsAsciiAlpha(m.text[0])) continue;
    if (StartsWithLower(t, k, m.text) &&
        (k + m.text.size() >= t.size() || !IsAsciiAlpha(t[k + m.text.size()]))) {
      *i = k + m.text.size();
      return m.currency;
    }
  }
  return nullptr;
}

// OCR reads ¥ as Y, y or # now and then: one of them touching the number,
// with no letter or digit before it. Money only when the number looks like
// money (grouped, or with two decimals).
bool OcrYuanSign(std::u32string_view t, size_t i) {
  if (i == 0) return false;
  char32_t p = t[i - 1];
  if (p != 'Y' && p != 'y' && p != '#') return false;
  return i == 1 || !(IsAsciiAlpha(t[i - 2]) || IsAsciiDigit(t[i - 2]));
}

bool PartOfLargerToken(std::u32string_view t, size_t i) {
  if (i == 0) return false;
  char32_t p = t[i - 1];
  if (OcrYuanSign(t, i)) return false;
  if (IsAsciiDigit(p)) return true;
  if ((p == '.' || p == ',' || p == '-' || p == '/') && i >= 2 &&
      (IsAsciiDigit(t[i - 2]) || IsAsciiAlpha(t[i - 2])))
    return true;
  // Letters just before: only a currency code may touch the number (RMB5000).
  return IsAsciiAlpha(p) && *PrefixCurrency(t, i) == '\0';
}

// 1,250,000.00 / 1250000 / 12.5 at i, with markers around.
std::optional<AmountMatch> DigitsAt(std::u32string_view t, size_t start) {
  if (PartOfLargerToken(t, start)) return std::nullopt;
  size_t i = start;
  int64_t whole = 0;
  int64_t group;
  int n = internal::ReadDigits(t, &i, 14, &whole);
  if (n == 0 || n > 13 || (i < t.size() && LooseDigit(t, i) >= 0)) return std::nullopt;
  bool grouped = false;
  // In OCR text a group separator may come out as ", " or ". ": kept only
  // when the number ends in two decimals (checked below).
  bool loose = false;
  while (n <= 3 && i + 3 < t.size() && t[i] == ',') {
    size_t k = i + 1;
    const bool spaced = t[k] == ' ';
    if (spaced) ++k;
    if (internal::ReadDigits(t, &k, 3, &group) != 3 || (k < t.size() && LooseDigit(t, k) >= 0))
      break;
    whole = whole * 1000 + group;
    grouped = true;
    loose |= spaced;
    i = k;
  }
  // Dots for commas ("527.370.00"), as OCR reads a comma now and then: only
  // with a currency marker, groups of three, and two decimals at the end.
  bool dotted = false;
  if (!grouped && n <= 3) {
    size_t k = i;
    int64_t v = whole;
    int groups = 0;
    while (k + 4 < t.size() && t[k] == '.') {
      size_t j = k + 1;
      if (internal::ReadDigits(t, &j, 3, &group) != 3 || j >= t.size() || t[j] != '.') break;
      v = v * 1000 + group;
      ++groups;
      k = j;
    }
    size_t j = k + 1;
    int64_t frac;
    if (groups > 0 && internal::ReadDigits(t, &j, 3, &frac) == 2 &&
        (j >= t.size() || LooseDigit(t, j) < 0)) {
      whole = v;
      i = k;
      grouped = dotted = true;
    }
  }
  int64_t cents = whole * 100;
  int decimals = 0;
  // "11,209. 48": OCR put a blank after the point of a grouped number.
  bool spaced_point = false;
  if (grouped && i + 3 < t.size() && t[i] == '.' && t[i + 1] == ' ') {
    size_t k = i + 2;
    int64_t frac;
    spaced_point = internal::ReadDigits(t, &k, 3, &frac) == 2;
  }
  if (spaced_point || (i + 1 < t.size() && t[i] == '.' && LooseDigit(t, i + 1) >= 0)) {
    size_t k = i + (spaced_point ? 2 : 1);
    int64_t frac;
    decimals = internal::ReadDigits(t, &k, 3, &frac);
    if (decimals > 2) return std::nullopt;
    cents += decimals == 1 ? frac * 10 : frac;
    i = k;
  }
  if (i < t.size() && (t[i] == '%' || IsAsciiAlpha(t[i]) || t[i] == U'‰')) {
    // 0.05% or 20mA: not money, unless a currency code follows directly.
    int64_t unused;
    size_t k = i;
    if (!IsAsciiAlpha(t[i]) || SuffixCurrency(t, &k, &unused) == nullptr) return std::nullopt;
  }
  AmountMatch m;
  m.begin = start;
  m.form = AmountForm::kDigits;
  int64_t scale = 1;
  const char* suffix = SuffixCurrency(t, &i, &scale);
  const char* prefix = PrefixCurrency(t, start);
  m.end = i;
  m.cents = cents * scale;
  if (*prefix != '\0') {
    m.currency = prefix;
  } else if (suffix != nullptr) {
    m.currency = suffix;
  }
  if (*prefix == '\0' && suffix == nullptr && OcrYuanSign(t, start) &&
      (grouped || decimals == 2)) {
    m.currency = "CNY";
    prefix = "CNY";
  }
  m.marked = *prefix != '\0' || suffix != nullptr;
  if ((loose || dotted) && decimals != 2) return std::nullopt;
  if (dotted && !m.marked) return std::nullopt;
  if (!m.marked && !grouped && decimals != 2) return std::nullopt;
  if (m.cents > kMaxCents) return std::nullopt;
  return m;
}

int CapitalDigit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'壹':
    case U'一':
      return 1;
    case U'贰':
    case U'貳':
    case U'二':
    case U'两':
      return 2;
    case U'叁':
    case U'参':
    case U'叄':
    case U'參':
    case U'三':
      return 3;
    case U'肆':
    case U'四':
      return 4;
    case U'伍':
    case U'五':
      return 5;
    case U'陆':
    case U'陸':
    case U'六':
      return 6;
    case U'柒':
    case U'七':
      return 7;
    case U'捌':
    case U'八':
      return 8;
    case U'玖':
    case U'九':
      return 9;
    default:
      return -1;
  }
}

int64_t CapitalUnit(char32_t c) {
  switch (c) {
    case U'拾':
    case U'十':
      return 10;
    case U'佰':
    case U'百':
      return 100;
    case U'仟':
    case U'千':
      return 1000;
    case U'万':
    case U'萬':
      return 10000;
    case U'亿':
    case U'億':
      return 100000000;
    default:
      return 0;
  }
}

// Characters of a capital amount as the scanner collects them: capital digits
// and units, Simplified and Traditional (OCR text may mix them), only (small numerals are read by
// the parser, not scanned for, so dates and clause numbers never look like money).
bool IsCapitalChar(char32_t c) {
  switch (c) {
    case U'零':
    case U'壹':
    case U'贰':
    case U'貳':
    case U'叁':
    case U'参':
    case U'叄':
    case U'參':
    case U'肆':
    case U'伍':
    case U'陆':
    case U'陸':
    case U'柒':
    case U'捌':
    case U'玖':
    case U'拾':
    case U'佰':
    case U'仟':
    case U'万':
    case U'萬':
    case U'亿':
    case U'億':
    case U'元':
    case U'圆':
    case U'圓':
    case U'角':
    case U'分':
    case U'整':
    case U'正':
      return true;
    default:
      return false;
  }
}

// Parses t (spaces already removed) as a capital amount; -1 when it is not.
int64_t ParseCapitalCents(std::u32string_view t) {
  int64_t acc = 0, section = 0, digit = -1, cents = 0;
  bool any_digit = false, yuan = false;
  size_t i = 0;
  for (; i < t.size(); ++i) {
    char32_t c = t[i];
    int d = CapitalDigit(c);
    int64_t unit = CapitalUnit(c);
    if (d >= 0) {
      digit = d;
      any_digit = true;
    } else if (unit >= 10 && unit <= 1000) {
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
      any_digit = true;
    } else if (unit == 10000) {
      acc += (section + (digit < 0 ? 0 : digit)) * 10000;
      section = 0;
      digit = -1;
    } else if (unit == 100000000) {
      acc = (acc + section + (digit < 0 ? 0 : digit)) * 100000000;
      section = 0;
      digit = -1;
    } else if (c == U'元' || c == U'圆' || c == U'圓') {
      yuan = true;
      ++i;
      break;
    } else {
      return -1;
    }
  }
  int64_t whole = acc + section + (digit < 0 ? 0 : digit);
  // 角 / 分 after 元 (零 in between allowed); 整 / 正 end it.
  digit = -1;
  for (; i < t.size(); ++i) {
    char32_t c = t[i];
    int d = CapitalDigit(c);
    if (d >= 0) {
      digit = d;
      any_digit = true;
    } else if (c == U'角' && digit >= 0) {
      cents += digit * 10;
      digit = -1;
    } else if (c == U'分' && digit >= 0) {
      cents += digit;
      digit = -1;
    } else if (c == U'整' || c == U'正') {
      break;
    } else {
      return -1;
    }
  }
  if (digit >= 0) return -1;  // 元叁: three of what?
  if (!any_digit || (!yuan && cents == 0) || whole * 100 > kMaxCents) return -1;
  return whole * 100 + cents;
}

// A run of capital characters at start, joined over line breaks.
std::optional<AmountMatch> CapitalAt(std::u32string_view t, size_t start) {
  // Inside a run already scanned (or rejected) from an earlier start.
  if (start > 0 && (CapitalDigit(t[start - 1]) >= 0 || CapitalUnit(t[start - 1]) > 0))
    return std::nullopt;
  if (!IsCapitalChar(t[start]) || (CapitalDigit(t[start]) < 0 && CapitalUnit(t[start]) == 0))
    return std::nullopt;
  std::u32string run;
  size_t i = start, end = start;
  while (i < t.size()) {
    if (IsCapitalChar(t[i])) {
      run.push_back(t[i]);
      end = ++i;
      if (run.back() == U'整' || run.back() == U'正') break;
      continue;
    }
    size_t k = i;
    while (k < t.size() && IsSpace(t[k])) ++k;
    if (k == i || k >= t.size() || !IsCapitalChar(t[k])) break;
    i = k;
  }
  int64_t cents = ParseCapitalCents(run);
  if (cents < 0) return std::nullopt;
  AmountMatch m;
  m.begin = start;
  m.end = end;
  m.cents = cents;
  m.form = AmountForm::kCapital;
  m.marked = true;
  const char* prefix = PrefixCurrency(t, start);
  m.currency = prefix;  // "" when unsaid: 元 alone does not tell yuan from 美元 further up
  return m;
}

}  // namespace

std::string FormatCents(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

std::vector<AmountMatch> FindAmounts(std::u32string_view text) {
  std::vector<AmountMatch> out;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = text[i];
    std::optional<AmountMatch> m;
    if (LooseDigit(text, i) >= 0) {
      m = DigitsAt(text, i);
    } else if (c >= 0x4E00) {
      m = CapitalAt(text, i);
    } else if (IsAsciiAlpha(c) && (i == 0 || !IsAsciiAlpha(text[i - 1]))) {
      m = internal::WordsAt(text, i);
    }
    if (m) {
      i = m->end;
      out.push_back(std::move(*m));
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<std::string> ParseChineseCapitalAmount(std::string_view text) {
  std::u32string t;
  for (char32_t c : FoldForFields(DecodeUtf8(text))) {
    if (!IsSpace(c)) t.push_back(c);
  }
  for (std::u32string_view word : {U"人民币", U"人民幣", U"(大写)", U"大写", U":"}) {
    if (t.compare(0, word.size(), word) == 0) t.erase(0, word.size());
  }
  int64_t cents = ParseCapitalCents(t);
  if (cents < 0) return std::nullopt;
  return FormatCents(cents);
}

std::optional<Money> ParseAmount(std::string_view text) {
  std::u32string t = FoldForFields(DecodeUtf8(text));
  size_t b = 0, e = t.size();
  while (b < e && IsSpace(t[b])) ++b;
  while (e > b && IsSpace(t[e - 1])) --e;
  std::vector<AmountMatch> found = FindAmounts(std::u32string_view(t).substr(b, e - b));
  if (found.size() != 1) return std::nullopt;
  const AmountMatch& m = found[0];
  // The marker before the number belongs to the amount: "RMB 5,000" is whole.
  size_t first_number = m.begin;
  std::u32string_view core = std::u32string_view(t).substr(b, e - b);
  if (m.end != core.size()) return std::nullopt;
  if (first_number > 0 && *PrefixCurrency(core, first_number) == '\0' &&
      m.form != AmountForm::kWords)
    return std::nullopt;
  std::string currency = m.currency;
  if (currency.empty() && m.form == AmountForm::kCapital) currency = "CNY";  // 元 is the yuan
  return Money{FormatCents(m.cents), currency};
}

}  // namespace dangan::ingest
