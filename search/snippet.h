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
// original. Xapian's CJK n-grams are matched as bigrams (a lone character
// only where the query asked for one), across the line breaks that
// FoldForIndex joins.
#ifndef DANGAN_SEARCH_SNIPPET_H_
#define DANGAN_SEARCH_SNIPPET_H_

#include <set>
#include <string>
#include <vector>

#include "core/text_fold.h"

namespace dangan::search {

// What to highlight, from the query terms that matched a document.
struct HighlightTerms {
  std::set<std::string> words;           // plain terms: "signed", "2023"
  std::set<std::string> stems;           // stemmed terms without the Z: "sign"
  std::set<std::u32string> cjk_bigrams;  // 智慧
  std::set<char32_t> cjk_singles;        // a one-character CJK query
};

// terms: Xapian terms as the query holds them ("Zsign", "S合同", "智慧", "XAKH-…").
// Boolean (X…, Q…) terms are ignored; title terms (S…) count as body terms.
HighlightTerms MakeHighlightTerms(const std::vector<std::string>& terms);

// The snippet of the best page of pages (original text), about max_chars
// code points long, "…" where it was cut. No match anywhere: the start of the
// first page.
std::string MakeSnippet(const std::vector<std::string>& pages, const HighlightTerms& terms,
                        const TextFolder& folder, size_t max_chars = 160);

// Folds text one code point to one code point (see above); exposed for tests.
std::u32string FoldPerCodePoint(std::u32string_view text, const TextFolder& folder);

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_SNIPPET_H_
