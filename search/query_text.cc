#include "search/query_text.h"

#include <array>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace dangan::search {
namespace {

bool IsOperator(std::string_view word) {
  static constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR",   "NOT",
                                                                 "XOR", "NEAR", "ADJ"};
  for (std::string_view op : kOperators) {
    if (word == op) return true;
    // NEAR/3, ADJ/2
    if ((op == "NEAR" || op == "ADJ") && word.size() > op.size() + 1 &&
        word.substr(0, op.size() + 1) == std::string(op) + "/")
      return true;
  }
  return false;
}

// “…” „…“ 「…」 『…』 and the full-width ＂ are quotes too.
std::string NormaliseQuotes(std::string_view text) {
  std::u32string s = DecodeUtf8(text);
  for (char32_t& c : s) {
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x300C || c == 0x300D || c == 0x300E ||
        c == 0x300F || c == 0xFF02)
      c = '"';
  }
  return EncodeUtf8(s);
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

namespace {

// Xapian reads a query made only of -words as if the '-' were not there
// ("-合同" finds 合同). DESIGN §7 means "without": such a query becomes
// "NOT a NOT b", which FLAG_PURE_NOT reads as all documents but those.
std::string PureExclusionToNot(const std::string& folded) {
  std::vector<std::pair<size_t, size_t>> words;  // begin, size; outside quotes only
  bool in_quotes = false;
  for (size_t i = 0; i < folded.size();) {
    if (folded[i] == ' ') {
      ++i;
      continue;
    }
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (!in_quotes) words.emplace_back(i, j - i);
    for (size_t k = i; k < j; ++k)
      if (folded[k] == '"') in_quotes = !in_quotes;
    i = j;
  }
  if (words.empty()) return folded;
  for (auto [begin, size] : words)
    if (size < 2 || folded[begin] != '-') return folded;
  std::string out;
  size_t copied = 0;
  for (auto [begin, size] : words) {
    out.append(folded, copied, begin - copied);
    out += "NOT ";
    copied = begin + 1;  // drop the '-'
  }
  out.append(folded, copied, std::string::npos);
  return out;
}

}  // namespace

std::string FoldQueryText(std::string_view query, const TextFolder& folder) {
  // Words are split on ASCII white space and U+3000 (a space to IMEs).
  const std::string original = NormaliseQuotes(query);
  constexpr std::string_view kIdeographicSpace = "\u3000";
  auto space_at = [&](size_t i) -> size_t {
    if (IsAsciiSpace(original[i])) return 1;
    if (original.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0)
      return kIdeographicSpace.size();
    return 0;
  };
  std::string out;
  bool in_quotes = false;
  size_t i = 0;
  while (i < original.size()) {
    if (size_t len = space_at(i); len != 0) {
      out.push_back(' ');
      i += len;
      continue;
    }
    size_t j = i;
    while (j < original.size() && space_at(j) == 0) ++j;
    std::string_view word(original.data() + i, j - i);
    if (!in_quotes && IsOperator(word)) {
      out.append(word);
    } else {
      out += folder.Fold(word);
    }
    for (char c : word)
      if (c == '"') in_quotes = !in_quotes;
    i = j;
  }
  return PureExclusionToNot(out);
}

}  // namespace dangan::search
