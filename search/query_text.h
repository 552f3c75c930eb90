// FoldQueryText: DESIGN §6's folding applied to a query string without
// breaking DESIGN §7's syntax. Folding lower-cases, so the operators AND OR
// NOT XOR NEAR ADJ (upper case, outside quotes) are kept as written; the
// rest is folded (TextFolder::Fold, not FoldForIndex: a space in a query
// separates words). Chinese quotation marks become '"'. Pure; no Xapian.
#ifndef DANGAN_SEARCH_QUERY_TEXT_H_
#define DANGAN_SEARCH_QUERY_TEXT_H_

#include <string>
#include <string_view>

#include "core/text_fold.h"

namespace dangan::search {

std::string FoldQueryText(std::string_view query, const TextFolder& folder);

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_QUERY_TEXT_H_
