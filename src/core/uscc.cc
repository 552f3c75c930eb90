#include "core/uscc.h"

#include <algorithm>
#include <array>
#include <cstring>

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

// The other reading OCR's confusion may stand for ('S' is as often an 8
// as a 5); 0 when there is none.
char SecondReading(char c) {
  switch (c) {
    case 'S': return '8';
    case 'Z': return '7';
    case 'V': return 'Y';
    default: return 0;
  }
}

// Repairs a token whose letters outside the alphabet are OCR's readings of
// other characters: the first readings (FixConfusion), else the one
// combination of first and second readings whose check character holds.
// Several such combinations: none (the code cannot be read for sure).
std::optional<std::string> RepairConfusions(const std::string& token) {
  std::string first = token;
  std::transform(first.begin(), first.end(), first.begin(), FixConfusion);
  if (first == token) return std::nullopt;
  if (IsValidUscc(first)) return first;
  std::vector<size_t> twofold;
  for (size_t i = 0; i < token.size(); ++i)
    if (SecondReading(token[i]) != 0) twofold.push_back(i);
  if (twofold.empty() || twofold.size() > 6) return std::nullopt;
  std::optional<std::string> only;
  for (unsigned mask = 1; mask < (1u << twofold.size()); ++mask) {
    std::string variant = first;
    for (size_t k = 0; k < twofold.size(); ++k)
      if (mask & (1u << k)) variant[twofold[k]] = SecondReading(token[twofold[k]]);
    if (!IsValidUscc(variant)) continue;
    if (only) return std::nullopt;
    only = variant;
  }
  return only;
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
      std::optional<std::string> repaired = RepairConfusions(token);
      if (!repaired) continue;
      candidate = std::move(*repaired);
    }
    if (std::find(found.begin(), found.end(), candidate) == found.end())
      found.push_back(candidate);
  }
  return found;
}

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> FindMisreadUsccs(std::string_view text) {
  static const char* kLabels[] = {"统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号",
                                  "識別號", "信用代碼", "credit code", "Credit Code",
                                  "CREDIT CODE", "Taxpayer", "taxpayer"};
  std::vector<std::string> out;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    size_t after = std::string_view::npos;
    for (const char* label : kLabels) {
      size_t at = line.find(label);
      if (at != std::string_view::npos) after = std::min(after, at + std::strlen(label));
    }
    if (after == std::string_view::npos) continue;
    // Alphanumeric runs after the label, spaces inside a run tolerated (OCR).
    std::string run;
    auto flush = [&] {
      std::string n = NormaliseUscc(run);
      run.clear();
      if (n.size() != 18 || !FindUsccs(n).empty()) return;  // valid, maybe after O/0 fixes
      int in_alphabet = 0;
      for (char c : n) in_alphabet += std::isalnum(static_cast<unsigned char>(c)) != 0;
      if (in_alphabet == 18 && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    };
    for (char32_t c : DecodeUtf8(line.substr(after))) {
      if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
      if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
        run.push_back(static_cast<char>(c));
      } else if (c == ' ' && !run.empty() && run.size() < 18) {
        continue;
      } else {
        flush();
      }
    }
    flush();
  }
  return out;
}

}  // namespace dangan
