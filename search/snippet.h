// Highlighted snippets (DESIGN §9 search "snippet"): a passage of the page
// that best matches the query, cut from the document's ORIGINAL text (its own
// script and widths), with the matches wrapped in <b>…</b> and everything
// else HTML-escaped.
//
// Matching is done on folded text, like the index: each original code point
// is folded on its own position (width and case are 1:1 per code point;
// Traditional -> Simplified is applied per run of Han characters and kept
// only where it is 1:1, else per character, else the character stays as it
// is), so a match found in the folded text maps straight back to the
// original. The folded text is read as tokens like Xapian's: a word (letters
// and digits) or one CJK character. A phrase, a CJK n-gram and a number the
// parser split ("HT-2023-0017", "ZL2024第008号") are token sequences that
// must appear in order, so a phrase lights up whole and its characters do not
// light up wherever they stand.
#ifndef DANGAN_SEARCH_SNIPPET_H_
#define DANGAN_SEARCH_SNIPPET_H_

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "core/text_fold.h"

namespace dangan::search {

// What to highlight. Build with the Add… functions (they take Xapian terms:
// boolean X…/Q… terms are ignored, title terms S… count as body terms, Z…
// terms are stems) or from a query with HighlightTermsOf().
struct HighlightTerms {
  struct Element {
    std::string text;  // a word, a stem or one CJK character
    bool stemmed = false;
  };
  std::set<std::string> words;     // plain words: "signed", "2023"
  std::set<std::string> stems;     // stems without the Z: "sign"
  std::set<char32_t> cjk_singles;  // a one-character CJK query on its own
  std::vector<std::vector<Element>> sequences;

  // lone: the term stands alone in the query (a CJK character then lights up
  // by itself; inside a longer query it only lights up in a sequence).
  void AddTerm(const std::string& term, bool lone = true);
  // Terms that must follow each other (a phrase, or neighbours in an AND).
  void AddSequence(const std::vector<std::string>& terms);
};

// The terms of query worth highlighting: not under NOT; a phrase and the
// neighbours of an AND as sequences.
HighlightTerms HighlightTermsOf(const Xapian::Query& query);

// The snippet of the best page of pages (original text), about max_chars
// code points long, "…" where it was cut. No match anywhere: the start of the
// first page.
std::string MakeSnippet(const std::vector<std::string>& pages, const HighlightTerms& terms,
                        const TextFolder& folder, size_t max_chars = 160);

// Folds text one code point to one code point (see above); exposed for tests.
std::u32string FoldPerCodePoint(std::u32string_view text, const TextFolder& folder);

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_SNIPPET_H_
