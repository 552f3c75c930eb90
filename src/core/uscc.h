// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters
// from "0123456789ABCDEFGHJKLMNPQRTUWXY", the last a check character.
#ifndef DANGAN_CORE_USCC_H_
#define DANGAN_CORE_USCC_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dangan {

// The check character GB 32100-2015 gives for the first 17 characters, or
// nullopt when one of them is outside the code's alphabet.
std::optional<char> UsccCheckChar(std::string_view first17);

// True when s is 18 characters of the alphabet with the right check character.
bool IsValidUscc(std::string_view s);

// Upper case, full-width -> half-width, spaces removed.
std::string NormaliseUscc(std::string_view raw);

// Every valid USCC written in text, in order, without repeats. OCR confusions
// (O->0, I->1, Z->2, S->5, V->U) are tried only where the raw token is not in
// the alphabet, and the check character must still hold afterwards, so a
// mistyped code never matches.
std::vector<std::string> FindUsccs(std::string_view text);

// 18-character tokens written after a USCC label (统一社会信用代码, 纳税人识别号,
// Credit Code …) on the same line that are NOT valid codes: what OCR made of
// a code it misread. They never match a client (a wrong check character is
// never accepted); they only tell routing that the text names a party it
// cannot read.
std::vector<std::string> FindMisreadUsccs(std::string_view text);

// Levenshtein distance between two ASCII strings.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace dangan

#endif  // DANGAN_CORE_USCC_H_
