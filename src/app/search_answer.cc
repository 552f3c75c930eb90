#include "app/search_answer.h"

#include "app/context.h"

namespace dangan::app {

Result<search::SearchResult> SearchAs(search::Searcher* searcher, const catalog::User& user,
                                      const SearchRequest& request) {
  search::SearchOptions opt;
  opt.query = request.query;
  if (opt.query.empty()) return Status::InvalidArgument("search needs a query");
  if (request.limit < 0 || request.offset < 0)
    return Status::InvalidArgument("limit and offset must be >= 0");
  opt.limit = request.limit;
  opt.offset = request.offset;
  opt.max_level = user.clearance;  // RECORDS §2: what the user may find
  if (request.sort == "date") {
    opt.sort = search::SortOrder::kDate;
  } else if (request.sort == "amount") {
    opt.sort = search::SortOrder::kAmount;
  } else if (request.sort != "relevance") {
    return Status::InvalidArgument("sort must be relevance, date or amount");
  }
  search::SearchResult result;
  result.query = opt.query;
  result.offset = opt.offset;
  if (searcher != nullptr) {
    auto found = searcher->Search(opt);
    if (!found.ok()) return found.status();
    result = std::move(found).value();
  }
  return result;
}

Status LogSearch(catalog::Catalog* catalog, const catalog::User& user,
                 const search::SearchResult& result) {
  return LogAccess(catalog, user.name, "search", "",
                   {{"query", result.query}, {"total", result.total}});
}

Result<search::SearchResult> AnswerSearch(catalog::Catalog* catalog, search::Searcher* searcher,
                                          const catalog::User& user, const SearchRequest& request) {
  auto result = SearchAs(searcher, user, request);
  if (!result.ok()) return result.status();
  DANGAN_RETURN_IF_ERROR(LogSearch(catalog, user, *result));
  return result;
}

nlohmann::json SearchResultJson(const search::SearchResult& r) {
  auto opt = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
  };
  nlohmann::json hits = nlohmann::json::array();
  for (const search::Hit& h : r.hits) {
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"sha256", h.sha256},
                    {"score", h.score},
                    {"archive_no", opt(h.archive_no)},
                    {"client", opt(h.client)},
                    {"title", h.title},
                    {"doc_type", h.doc_type},
                    {"date", opt(h.date)},
                    {"amount", opt(h.amount)},
                    {"snippet", h.snippet},
                    {"stored_path", h.stored_path},
                    {"partial", h.partial}});
  }
  return {{"query", r.query},
          {"total", r.total},
          {"offset", r.offset},
          {"hits", hits},
          {"facets", r.facets}};
}

}  // namespace dangan::app
