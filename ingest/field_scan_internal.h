// Character helpers shared by the field scanners (field_parsers*.cc,
// fields*.cc). Module-private (STYLE §1).
#ifndef DANGAN_INGEST_FIELD_SCAN_INTERNAL_H_
#define DANGAN_INGEST_FIELD_SCAN_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ingest/field_parsers.h"

namespace dangan::ingest::internal {

bool IsAsciiDigit(char32_t c);
bool IsAsciiAlpha(char32_t c);
char32_t AsciiLower(char32_t c);

// 0 for O/o, 1 for l/I/|: the letters OCR reads for digits; -1 otherwise.
int ConfusableDigit(char32_t c);
// The digit at t[i], reading O/o as 0 and l/I/| as 1 when they are part of a
// run of such letters that touches a real digit (OCR confusions); -1 when
// t[i] is no digit.
int LooseDigit(std::u32string_view t, size_t i);
// Reads up to max_len loose digits at *i, advancing it; returns how many.
int ReadDigits(std::u32string_view t, size_t* i, int max_len, int64_t* value);
// Skips blanks and tabs (not line breaks).
void SkipSpaces(std::u32string_view t, size_t* i);
// t[i…] starts with word, comparing ASCII case-insensitively; word is lower case.
bool StartsWithLower(std::u32string_view t, size_t i, std::u32string_view word);

// An amount in English words at start, after "say" or "in words"
// (field_parsers_words.cc); nullopt when there is none.
std::optional<AmountMatch> WordsAt(std::u32string_view t, size_t start);

}  // namespace dangan::ingest::internal

#endif  // DANGAN_INGEST_FIELD_SCAN_INTERNAL_H_
