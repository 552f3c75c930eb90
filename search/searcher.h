// Searcher: DESIGN §7's query language over HOME/index, with facets and
// highlighted snippets. Read-only; never writes the index or the catalog.
// Owned by one thread.
#ifndef DANGAN_SEARCH_SEARCHER_H_
#define DANGAN_SEARCH_SEARCHER_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/status.h"
#include "core/text_fold.h"

namespace dangan::search {

enum class SortOrder { kRelevance, kDate, kAmount };

struct SearchOptions {
  std::string query;
  int limit = 10;
  int offset = 0;
  SortOrder sort = SortOrder::kRelevance;
  // Visibility (RECORDS §2): only documents at most this level count in
  // hits, totals and facets; nullopt = no filter.
  std::optional<Level> max_level;
};

struct Hit {
  int rank = 0;  // 1-based, counting from the first result (offset included)
  int64_t id = 0;
  std::string sha256;
  double score = 0;  // Xapian percentage / 100 for relevance
  std::string archive_no;  // "" when unfiled
  std::string client;      // client name, "" when unfiled
  std::string title;
  std::string doc_type;
  std::string date;    // "" when unknown
  std::string amount;  // "" when unknown
  // A passage of the best page in the document's own script; matches wrapped
  // in <b>…</b>, the rest HTML-escaped.
  std::string snippet;
  std::string stored_path;
  // Not every word of the query is in the document: shown after the full
  // matches when there are fewer than asked for, so a scan whose OCR misread
  // a character of the phrase is still found (DESIGN §7 addition).
  bool partial = false;
};

struct SearchResult {
  std::string query;
  int64_t total = 0;  // documents matching the whole query (partial hits not counted)
  int offset = 0;
  std::vector<Hit> hits;
  // facet name (doc_type, year, client) -> value -> count, over all matches.
  std::map<std::string, std::map<std::string, int64_t>> facets;
};

class Searcher {
 public:
  // catalog and folder are borrowed and must outlive the searcher. kNotFound
  // when there is no index yet.
  static Result<std::unique_ptr<Searcher>> Open(const std::filesystem::path& index_dir,
                                                catalog::Catalog* catalog,
                                                const TextFolder* folder);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Moves to the index's latest commit (another process writes it), so a
  // long-lived searcher sees what was indexed since; the cached client names
  // are forgotten when the index moved. Cheap when nothing changed.
  Status Refresh();
  // Reloads the client names (for `client:`) at the next search: clients
  // may be imported without the index moving.
  void ForgetClients();

  // kInvalidArgument (with the parser's message) for a malformed query.
  Result<SearchResult> Search(const SearchOptions& options);

  // Ids of documents whose text quotes number (contract, invoice or archive
  // number), via the XN terms; for locate.
  Result<std::vector<int64_t>> DocumentsQuoting(const std::string& number);

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_SEARCHER_H_
