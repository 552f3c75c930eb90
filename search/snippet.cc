#include "search/snippet.h"

#include <unicode/uchar.h>
#include <xapian.h>

#include <algorithm>

#include "core/utf8.h"

namespace dangan::search {
namespace {

// The characters Xapian's CJK n-gram tokeniser treats as CJK: Han, kana,
// bopomofo, Hangul (not CJK punctuation).
bool IsNgramChar(char32_t c) {
  return IsHan(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3100 && c <= 0x312F) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF);
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return !IsNgramChar(c) && u_isalnum(static_cast<UChar32>(c));
}

void AppendEscaped(char32_t c, std::string* out) {
  switch (c) {
    case '&': *out += "&amp;"; break;
    case '<': *out += "&lt;"; break;
    case '>': *out += "&gt;"; break;
    case '"': *out += "&quot;"; break;
    case '\'': *out += "&#39;"; break;
    default: AppendUtf8(c, out);
  }
}

// Marks the matched code points of one folded page; returns how many
// distinct query terms matched.
size_t MarkMatches(const std::u32string& folded, const HighlightTerms& terms,
                   const Xapian::Stem& stemmer, std::vector<bool>* marked) {
  std::set<std::u32string> hit_cjk;
  std::set<std::string> hit_words;
  const size_t n = folded.size();
  size_t prev = std::u32string::npos;  // the previous CJK character, across white space
  for (size_t i = 0; i < n; ++i) {
    char32_t c = folded[i];
    if (IsSpace(c)) continue;
    if (!IsNgramChar(c)) {
      prev = std::u32string::npos;
      continue;
    }
    if (terms.cjk_singles.count(c) != 0) {
      (*marked)[i] = true;
      hit_cjk.insert(std::u32string(1, c));
    }
    if (prev != std::u32string::npos) {
      std::u32string bigram{folded[prev], c};
      if (terms.cjk_bigrams.count(bigram) != 0) {
        for (size_t k = prev; k <= i; ++k) (*marked)[k] = true;  // white space between too
        hit_cjk.insert(bigram);
      }
    }
    prev = i;
  }
  for (size_t i = 0; i < n;) {
    if (!IsWordChar(folded[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && IsWordChar(folded[j])) ++j;
    std::string word = EncodeUtf8(folded.substr(i, j - i));
    bool hit = terms.words.count(word) != 0;
    if (!hit && !terms.stems.empty()) hit = terms.stems.count(stemmer(word)) != 0;
    if (hit) {
      std::fill(marked->begin() + static_cast<std::ptrdiff_t>(i),
                marked->begin() + static_cast<std::ptrdiff_t>(j), true);
      hit_words.insert(word);
    }
    i = j;
  }
  return hit_cjk.size() + hit_words.size();
}

// The start of the window of `width` code points with the most marked
// characters; ties go to the earliest.
size_t BestWindow(const std::vector<bool>& marked, size_t width) {
  const size_t n = marked.size();
  if (n <= width) return 0;
  std::vector<size_t> prefix(n + 1, 0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + (marked[i] ? 1 : 0);
  size_t best = 0, best_count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!marked[i] || (i > 0 && marked[i - 1])) continue;  // windows start near a match
    size_t start = i > width / 5 ? i - width / 5 : 0;
    start = std::min(start, n - width);
    size_t count = prefix[start + width] - prefix[start];
    if (count > best_count) {
      best = start;
      best_count = count;
    }
  }
  return best;
}

std::string Render(const std::u32string& original, const std::vector<bool>& marked, size_t begin,
                   size_t end) {
  std::string out;
  if (begin > 0) out += "…";
  bool open = false;
  bool pending_space = false;
  for (size_t i = begin; i < end; ++i) {
    char32_t c = original[i];
    if (IsSpace(c)) {
      // A line break inside a matched CJK phrase is a wrap: drop it. Other
      // white space (a wrap or a field boundary, who knows) becomes a space.
      if (!marked[i] && !out.empty()) pending_space = true;
      continue;
    }
    if (open && !marked[i]) {
      out += "</b>";
      open = false;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (!open && marked[i]) {
      out += "<b>";
      open = true;
    }
    AppendEscaped(c, &out);
  }
  if (open) out += "</b>";
  if (end < original.size()) out += "…";
  return out;
}

}  // namespace

HighlightTerms MakeHighlightTerms(const std::vector<std::string>& terms) {
  HighlightTerms h;
  for (std::string term : terms) {
    if (term.empty()) continue;
    if (term[0] == 'X' || term[0] == 'Q') continue;  // boolean terms
    bool stemmed = false;
    if (term[0] == 'S') term.erase(0, 1);
    if (!term.empty() && term[0] == 'Z') {
      term.erase(0, 1);
      stemmed = true;
      if (!term.empty() && term[0] == 'S') term.erase(0, 1);  // ZS…: a stemmed title term
    }
    std::u32string cps = DecodeUtf8(term);
    if (cps.empty()) continue;
    if (IsNgramChar(cps[0])) {
      if (cps.size() == 2) h.cjk_bigrams.insert(cps);
      if (cps.size() == 1) h.cjk_singles.insert(cps[0]);
      continue;
    }
    (stemmed ? h.stems : h.words).insert(term);
  }
  // A character that is part of a bigram of the query is highlighted only
  // through the bigram; alone, it would light up every 的 and 有.
  for (const std::u32string& b : h.cjk_bigrams) {
    h.cjk_singles.erase(b[0]);
    h.cjk_singles.erase(b[1]);
  }
  return h;
}

std::u32string FoldPerCodePoint(std::u32string_view text, const TextFolder& folder) {
  std::u32string out = DecodeUtf8(FoldWidthAndCase(EncodeUtf8(text)));
  if (out.size() != text.size()) out.assign(text);  // defensive: FoldWidthAndCase is 1:1
  size_t i = 0;
  while (i < out.size()) {
    if (!IsHan(out[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < out.size() && IsHan(out[j])) ++j;
    std::u32string run = out.substr(i, j - i);
    std::u32string conv = DecodeUtf8(folder.ToSimplified(EncodeUtf8(run)));
    if (conv.size() != run.size()) {
      // Not 1:1 (a phrase conversion changed the length): character by character.
      conv = run;
      for (char32_t& c : conv) {
        std::u32string one = DecodeUtf8(folder.ToSimplified(EncodeUtf8(std::u32string(1, c))));
        if (one.size() == 1) c = one[0];
      }
    }
    std::copy(conv.begin(), conv.end(), out.begin() + static_cast<std::ptrdiff_t>(i));
    i = j;
  }
  return out;
}

std::string MakeSnippet(const std::vector<std::string>& pages, const HighlightTerms& terms,
                        const TextFolder& folder, size_t max_chars) {
  if (pages.empty()) return {};
  const Xapian::Stem stemmer("en");
  size_t best_hits = 0;
  std::vector<bool> best_marked;
  std::u32string best_original;
  for (size_t p = 0; p < pages.size(); ++p) {
    std::u32string original = DecodeUtf8(pages[p]);
    std::vector<bool> marked(original.size(), false);
    size_t hits = MarkMatches(FoldPerCodePoint(original, folder), terms, stemmer, &marked);
    if (p == 0 || hits > best_hits) {
      best_hits = hits;
      best_marked = std::move(marked);
      best_original = std::move(original);
    }
  }
  size_t begin = BestWindow(best_marked, max_chars);
  // Do not start inside a word.
  while (begin > 0 && IsWordChar(best_original[begin - 1]) && IsWordChar(best_original[begin]))
    --begin;
  size_t end = std::min(best_original.size(), begin + max_chars);
  while (end < best_original.size() && IsWordChar(best_original[end - 1]) &&
         IsWordChar(best_original[end]) && end - begin < max_chars + 20)
    ++end;
  return Render(best_original, best_marked, begin, end);
}

}  // namespace dangan::search
