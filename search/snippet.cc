#include "search/snippet.h"

#include <unicode/uchar.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <unordered_map>

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
    case '&':
      *out += "&amp;";
      break;
    case '<':
      *out += "&lt;";
      break;
    case '>':
      *out += "&gt;";
      break;
    case '"':
      *out += "&quot;";
      break;
    case '\'':
      *out += "&#39;";
      break;
    default:
      AppendUtf8(c, out);
  }
}

struct Token {
  size_t begin = 0, end = 0;  // code points in the page
  std::string text;           // folded
  bool cjk = false;
};

// The folded page as Xapian reads it: words and single CJK characters.
std::vector<Token> Tokenise(const std::u32string& folded) {
  std::vector<Token> tokens;
  const size_t n = folded.size();
  for (size_t i = 0; i < n;) {
    if (IsNgramChar(folded[i])) {
      tokens.push_back({i, i + 1, EncodeUtf8(folded.substr(i, 1)), true});
      ++i;
    } else if (IsWordChar(folded[i])) {
      size_t j = i;
      while (j < n && IsWordChar(folded[j])) ++j;
      tokens.push_back({i, j, EncodeUtf8(folded.substr(i, j - i)), false});
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

class Matcher {
 public:
  Matcher(const std::u32string& folded, const HighlightTerms& terms, const Xapian::Stem& stemmer)
      : folded_(folded), terms_(terms), stemmer_(stemmer), tokens_(Tokenise(folded)) {}

  // Marks the matched code points; returns how many distinct query terms and
  // sequences matched.
  size_t Mark(std::vector<bool>* marked) {
    std::set<std::string> hit_words;
    for (const Token& t : tokens_) {
      bool hit = t.cjk ? terms_.cjk_singles.count(folded_[t.begin]) != 0
                       : terms_.words.count(t.text) != 0 ||
                             (!terms_.stems.empty() && terms_.stems.count(Stem(t)) != 0);
      if (!hit) continue;
      std::fill(marked->begin() + static_cast<std::ptrdiff_t>(t.begin),
                marked->begin() + static_cast<std::ptrdiff_t>(t.end), true);
      hit_words.insert(t.text);
    }
    size_t hit_sequences = 0;
    for (const auto& seq : terms_.sequences) {
      bool any = false;
      for (size_t t = 0; t + seq.size() <= tokens_.size(); ++t) {
        if (!SequenceAt(seq, t)) continue;
        std::fill(marked->begin() + static_cast<std::ptrdiff_t>(tokens_[t].begin),
                  marked->begin() + static_cast<std::ptrdiff_t>(tokens_[t + seq.size() - 1].end),
                  true);
        any = true;
      }
      if (any) ++hit_sequences;
    }
    return hit_words.size() + hit_sequences;
  }

 private:
  const std::string& Stem(const Token& t) {
    auto it = stem_cache_.find(t.text);
    if (it == stem_cache_.end()) it = stem_cache_.emplace(t.text, stemmer_(t.text)).first;
    return it->second;
  }

  bool SequenceAt(const std::vector<HighlightTerms::Element>& seq, size_t t) {
    for (size_t k = 0; k < seq.size(); ++k) {
      const Token& tok = tokens_[t + k];
      if (seq[k].stemmed ? Stem(tok) != seq[k].text : tok.text != seq[k].text) return false;
      // Xapian's CJK n-grams do not span punctuation; white space (a wrap
      // joined by FoldForIndex) is fine.
      if (k > 0 && tok.cjk && tokens_[t + k - 1].cjk) {
        for (size_t i = tokens_[t + k - 1].end; i < tok.begin; ++i)
          if (!IsSpace(folded_[i])) return false;
      }
    }
    return true;
  }

  const std::u32string& folded_;
  const HighlightTerms& terms_;
  const Xapian::Stem& stemmer_;
  std::vector<Token> tokens_;
  std::map<std::string, std::string> stem_cache_;
};

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

namespace {

// Whether t2s leaves c unchanged on its own, remembered per thread (a
// Searcher is used by one thread; the answer depends only on OpenCC's data).
bool StableUnderT2s(char32_t c, const TextFolder& folder) {
  thread_local std::unordered_map<char32_t, bool> stable;
  auto it = stable.find(c);
  if (it != stable.end()) return it->second;
  const std::u32string one(1, c);
  const bool same = DecodeUtf8(folder.ToSimplified(EncodeUtf8(one))) == one;
  stable.emplace(c, same);
  return same;
}

}  // namespace

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
    bool all_stable = true;
    while (j < out.size() && IsHan(out[j])) {
      all_stable = all_stable && StableUnderT2s(out[j], folder);
      ++j;
    }
    // Most pages are Simplified already: a run whose every character t2s
    // leaves alone is left alone whole (OpenCC's phrase tables map
    // Traditional phrases), which spares OpenCC most of the snippet's work.
    if (all_stable) {
      i = j;
      continue;
    }
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
    const std::u32string folded = FoldPerCodePoint(original, folder);
    size_t hits = Matcher(folded, terms, stemmer).Mark(&marked);
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
