// Parsers for the values field extraction looks for (DESIGN §4.5): dates in
// the many ways Chinese and English documents write them, and money amounts in
// digits, in Chinese capital numerals (大写) and in English words.
//
// Every parser is a pure function of its input, thread-safe, and tolerant of
// OCR noise: full-width digits and letters, O/o for 0, l/I/| for 1 inside
// numbers, stray spaces. The Find… scanners take text already folded for
// fields (Simplified, half-width; see FoldForFields) as code points and report
// offsets in code points.
#ifndef DANGAN_INGEST_FIELD_PARSERS_H_
#define DANGAN_INGEST_FIELD_PARSERS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dangan::ingest {

// Full-width -> half-width, U+3000 -> space, dash variants -> '-', case kept:
// the form every scanner below expects (Traditional -> Simplified is the
// caller's, with TextFolder::ToSimplified).
std::u32string FoldForFields(std::u32string_view text);

// ---- dates

// The ISO form (YYYY-MM-DD) of text when all of it (spaces around ignored) is
// one date: 2023年3月15日, 二〇二三年三月十五日, 2023-03-15, 2023/3/15,
// 2023.03.15, 15/03/2023 (day first unless the day is > 12), 15 March 2023,
// March 15, 2023, Mar. 15, 2023, 15-Mar-2023. nullopt for anything else or an
// impossible calendar date (years 1900-2099 only).
std::optional<std::string> ParseDate(std::string_view text);

struct DateMatch {
  size_t begin = 0;  // code points, [begin, end)
  size_t end = 0;
  std::string iso;
};
// Every date written in text, in order, not overlapping.
std::vector<DateMatch> FindDates(std::u32string_view text);

// ---- amounts

enum class AmountForm { kDigits, kCapital, kWords };

struct AmountMatch {
  size_t begin = 0;  // code points, [begin, end)
  size_t end = 0;
  int64_t cents = 0;
  std::string currency;  // ISO 4217 when a marker says so (¥, US$, 人民币, USD …), else empty
  AmountForm form = AmountForm::kDigits;
  // A currency sign, code or word (¥, RMB, 元, 人民币 …) is attached. Bare
  // numbers (table cells, quantities) are reported only with marked = false.
  bool marked = false;
};

// Amounts written in text, in order: digits with a currency marker
// (¥1,250,000.00, RMB 5,000, 12.5万元 …), digits that merely look like money
// (1,234.56; marked = false), Chinese capital numerals with 元/圆 (line breaks
// inside are joined), English words after SAY / in words.
std::vector<AmountMatch> FindAmounts(std::u32string_view text);

// "人民币壹佰贰拾伍万元整" -> "1250000.00", "叁拾伍万伍仟捌佰玖拾陆元壹角壹分"
// -> "355896.11". Small numerals (一二三, 十百千) are read too. The currency
// word in front, if any, is ignored; nullopt when text is not one amount.
std::optional<std::string> ParseChineseCapitalAmount(std::string_view text);

struct Money {
  std::string amount;    // decimal string, two places: "1250000.00"
  std::string currency;  // ISO 4217, or empty when text does not say
};
// text (spaces around ignored) as one amount in any of FindAmounts' forms.
std::optional<Money> ParseAmount(std::string_view text);

// 125000000 -> "1250000.00".
std::string FormatCents(int64_t cents);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_FIELD_PARSERS_H_
