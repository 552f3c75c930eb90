// One search as the CLI and serve answer it: the request checked, the search
// filtered by the user's clearance (RECORDS §2), its log row, and the JSON
// of DESIGN §9. The caller has passed the gate (Action::kSearch).
#ifndef DANGAN_APP_SEARCH_ANSWER_H_
#define DANGAN_APP_SEARCH_ANSWER_H_

#include <nlohmann/json.hpp>
#include <string>

#include "catalog/catalog.h"
#include "search/searcher.h"

namespace dangan::app {

struct SearchRequest {
  std::string query;
  int limit = 10;
  int offset = 0;
  std::string sort = "relevance";  // relevance, date or amount
};

// The search alone, filtered by user's clearance. searcher may be null (no
// index yet: no hits, not an error).
Result<search::SearchResult> SearchAs(search::Searcher* searcher, const catalog::User& user,
                                      const SearchRequest& request);

// The search's row in the access log (RECORDS §4).
Status LogSearch(catalog::Catalog* catalog, const catalog::User& user,
                 const search::SearchResult& result);

// SearchAs, then LogSearch.
Result<search::SearchResult> AnswerSearch(catalog::Catalog* catalog, search::Searcher* searcher,
                                          const catalog::User& user, const SearchRequest& request);

nlohmann::json SearchResultJson(const search::SearchResult& r);

}  // namespace dangan::app

#endif  // DANGAN_APP_SEARCH_ANSWER_H_
