// Amounts in English words, as trade documents print them after the figure:
// "SAY US DOLLARS ONE HUNDRED AND TWELVE THOUSAND FOUR HUNDRED AND CENTS
// TWENTY-SEVEN ONLY", "(in words: RMB FIVE THOUSAND ONLY)".
#include <array>
#include <string>

#include "ingest/field_scan_internal.h"

namespace dangan::ingest::internal {
namespace {

constexpr std::string_view kOnes[] = {"zero",    "one",     "two",       "three",    "four",
                                      "five",    "six",     "seven",     "eight",    "nine",
                                      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::string_view kTens[] = {"",      "",      "twenty",  "thirty", "forty",
                                      "fifty", "sixty", "seventy", "eighty", "ninety"};

int SmallValue(std::string_view w) {
  for (size_t k = 0; k < std::size(kOnes); ++k)
    if (w == kOnes[k]) return static_cast<int>(k);
  for (size_t k = 2; k < std::size(kTens); ++k)
    if (w == kTens[k]) return static_cast<int>(k * 10);
  if (w == "fourty") return 40;  // a common misspelling
  return -1;
}

const char* WordCurrency(std::string_view w) {
  if (w == "usd" || w == "dollars" || w == "dollar") return "USD";
  if (w == "rmb" || w == "cny" || w == "renminbi" || w == "yuan") return "CNY";
  if (w == "eur" || w == "euro" || w == "euros") return "EUR";
  if (w == "hkd") return "HKD";
  if (w == "gbp" || w == "pounds") return "GBP";
  return nullptr;
}

bool IsFiller(std::string_view w) {
  return w == "total" || w == "the" || w == "sum" || w == "of" || w == "amount" || w == "us" ||
         w == "hong" || w == "kong" || w == "words" || w == "in" || w == "say";
}

// Next lower-case word at *i, skipping separators; empty at anything else.
std::string NextWord(std::u32string_view t, size_t* i) {
  while (*i < t.size() && (t[*i] == ' ' || t[*i] == '\n' || t[*i] == '\t' || t[*i] == ',' ||
                           t[*i] == '-' || t[*i] == ':' || t[*i] == '(')) {
    ++*i;
  }
  std::string w;
  while (*i < t.size() && IsAsciiAlpha(t[*i]))
    w.push_back(static_cast<char>(AsciiLower(t[(*i)++])));
  return w;
}

struct WordsState {
  int64_t total = 0;
  int64_t cur = 0;
  int64_t before_and = -1;  // total + cur when the last "and" was read
  int64_t cents = -1;
  bool any = false;
  bool number_since_and = false;
  bool cents_mode = false;
};

// Applies one number word; false when w is no number word.
bool Apply(std::string_view w, WordsState* s) {
  int v = SmallValue(w);
  if (v >= 0) {
    s->cur += v;
  } else if (w == "hundred") {
    s->cur = (s->cur == 0 ? 1 : s->cur) * 100;
  } else if (w == "thousand" || w == "million" || w == "billion") {
    int64_t scale = w == "thousand" ? 1000 : w == "million" ? 1000000 : 1000000000;
    s->total += (s->cur == 0 ? 1 : s->cur) * scale;
    s->cur = 0;
  } else {
    return false;
  }
  s->any = true;
  s->number_since_and = true;
  return true;
}

// Reads number words from *i on into *s; returns the offset after the last
// word that belongs to the amount.
size_t ReadAmountWords(std::u32string_view t, size_t i, WordsState* s, std::string* currency) {
  size_t end = i;
  for (int guard = 0; guard < 60; ++guard) {
    std::string w = NextWord(t, &i);
    if (w.empty()) break;
    if (const char* c = WordCurrency(w)) {
      if (currency->empty()) *currency = c;
      if (s->any) end = i;
    } else if (w == "and" && s->any) {
      if (!s->cents_mode) s->before_and = s->total + s->cur;
      s->number_since_and = false;
    } else if (w == "cents" || w == "cent") {
      if (s->any && s->before_and >= 0 && s->number_since_and && !s->cents_mode) {
        // "... AND FORTY-EIGHT CENTS": the words since "and" were the cents.
        s->cents = s->total + s->cur - s->before_and;
        s->total = s->before_and;
        s->cur = 0;
        return i;
      }
      s->before_and = s->total + s->cur;  // "AND CENTS FORTY-EIGHT"
      s->cents_mode = true;
    } else if (w == "only") {
      return i;
    } else if (Apply(w, s)) {
      end = i;
    } else if (s->any || !IsFiller(w)) {
      break;
    }
  }
  return end;
}

}  // namespace

std::optional<AmountMatch> WordsAt(std::u32string_view t, size_t start) {
  size_t i = start;
  char32_t first = AsciiLower(t[i]);
  if (first != 's' && first != 'i') return std::nullopt;
  if (StartsWithLower(t, i, U"say") && (i + 3 >= t.size() || !IsAsciiAlpha(t[i + 3]))) {
    i += 3;
  } else if (StartsWithLower(t, i, U"in words")) {
    i += 8;
  } else {
    return std::nullopt;
  }
  WordsState s;
  std::string currency;
  size_t end = ReadAmountWords(t, i, &s, &currency);
  if (!s.any) return std::nullopt;
  size_t k = end;
  if (NextWord(t, &k) == "only") end = k;
  int64_t whole = s.total + s.cur;
  int64_t cents = s.cents;
  if (s.cents_mode) {
    cents = whole - s.before_and;
    whole = s.before_and;
  }
  if (cents < 0 || cents > 99) cents = 0;
  AmountMatch m;
  m.begin = start;
  m.end = end;
  m.cents = whole * 100 + cents;
  m.currency = currency;
  m.form = AmountForm::kWords;
  m.marked = true;
  return m;
}

}  // namespace dangan::ingest::internal
