#include "core/uscc.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"

namespace dangan {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int CodeOf(char c) {
  size_t p = kAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

char FixConfusion(char c) {
  switch (c) {
    case 'O': return '0';
    case 'I': return '1';
    case 'Z': return '2';
    case 'S': return '5';
    case 'V': return 'U';
    default: return c;
  }
}

}  // namespace

std::optional<char> UsccCheckChar(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int code = CodeOf(first17[i]);
    if (code < 0) return std::nullopt;
    sum += code * kWeights[i];
  }
  int check = 31 - sum % 31;
  if (check == 31) check = 0;
  return kAlphabet[check];
}

bool IsValidUscc(std::string_view s) {
  if (s.size() != 18) return false;
  auto check = UsccCheckChar(s.substr(0, 17));
  return check && *check == s[17];
}

std::string NormaliseUscc(std::string_view raw) {
  std::string out;
  for (char32_t c : DecodeUtf8(raw)) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    if (IsSpace(c)) continue;
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::toupper(static_cast<int>(c))));
    } else {
      AppendUtf8(c, &out);
    }
  }
  return out;
}

std::vector<std::string> FindUsccs(std::string_view text) {
  std::u32string cps = DecodeUtf8(text);
  std::vector<std::string> found;
  size_t i = 0;
  while (i < cps.size()) {
    auto alnum = [&](char32_t c) {
      if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
      return c < 0x80 && std::isalnum(static_cast<int>(c));
    };
    if (!alnum(cps[i])) {
      ++i;
      continue;
    }
    std::string token;
    while (i < cps.size() && alnum(cps[i])) {
      char32_t c = cps[i];
      if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
      token.push_back(static_cast<char>(std::toupper(static_cast<int>(c))));
      ++i;
    }
    if (token.size() != 18) continue;
    std::string candidate = token;
    if (!IsValidUscc(candidate)) {
      std::transform(candidate.begin(), candidate.end(), candidate.begin(), FixConfusion);
      if (candidate == token || !IsValidUscc(candidate)) continue;
    }
    if (std::find(found.begin(), found.end(), candidate) == found.end())
      found.push_back(candidate);
  }
  return found;
}

}  // namespace dangan
