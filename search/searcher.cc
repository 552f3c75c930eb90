#include "search/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "indexer/schema.h"
#include "indexer/xapian_status.h"
#include "search/query_parser.h"
#include "search/query_text.h"
#include "search/snippet.h"

namespace dangan::search {
namespace {

namespace sc = indexer::schema;
using indexer::StatusFromXapian;

struct Facet {
  const char* name;
  unsigned slot;
};
constexpr Facet kFacets[] = {
    {"doc_type", sc::kSlotDocType}, {"year", sc::kSlotYear}, {"client", sc::kSlotClient}};

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Document data is written by indexer/document_builder.cc; read it without
// trusting its types (nlohmann's value() throws on a type mismatch).
std::string StringOf(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t IdOfData(const std::string& data) {
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return 0;
  auto it = j.find("id");
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

// The index's own data, when the catalog row is gone.
void FillFromData(const std::string& data, Hit* hit) {
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return;
  hit->sha256 = StringOf(j, "sha256");
  hit->title = StringOf(j, "title");
  hit->archive_no = StringOf(j, "archive_no");
  hit->stored_path = StringOf(j, "stored_path");
}

void FillFromCatalog(const catalog::Document& d, Hit* hit) {
  hit->sha256 = d.sha256;
  hit->archive_no = d.archive_no.value_or("");
  hit->title = d.title;
  hit->doc_type = ToString(d.doc_type);
  hit->date = d.fields.date.value_or("");
  hit->amount = d.fields.amount.value_or("");
  hit->stored_path = d.stored_path;
}

// The free-text terms of a plain query (unprefixed n-grams and words, and
// their Z-prefixed stems), when the query is nothing but plain words: no
// field, phrase quotes, operators or NOT. Empty otherwise: a query written
// with syntax means exactly what it says and is not relaxed.
std::vector<std::string> FreeTextTerms(const Xapian::Query& query, const std::string& text) {
  static const char* kSyntax[] = {":", "\"", "\u201C", "\u201D", "(", ")", " AND ", " OR ",
                                  " NOT ", " XOR ", " NEAR ", " -"};
  for (const char* s : kSyntax)
    if (text.find(s) != std::string::npos) return {};
  if (text.rfind("NOT ", 0) == 0 || text.rfind('-', 0) == 0 || text.rfind('+', 0) == 0) return {};
  std::vector<std::string> terms;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    bool prefixed = !term.empty() && term[0] >= 'A' && term[0] <= 'Z' && term[0] != 'Z';
    if (!prefixed) terms.push_back(term);
  }
  return terms;
}

}  // namespace

struct Searcher::Impl {
  Impl(Xapian::Database database, catalog::Catalog* cat, const TextFolder* text_folder)
      : db(std::move(database)), catalog(cat), folder(text_folder) {}

  Status LoadClients();
  Result<Xapian::Query> Parse(const std::string& query);
  Status FillHit(const Xapian::MSetIterator& it, const HighlightTerms& highlight, Hit* hit);
  // Appends up to `want` partial hits: documents matching some of terms but
  // not query, best first, after skipping `skip` of them.
  Status AppendPartial(const Xapian::Query& query, const std::vector<std::string>& terms,
                       int skip, int want, const HighlightTerms& highlight,
                       const std::optional<Xapian::Query>& filter, SearchResult* result);
  Xapian::Query LevelFilter(Level max_level) const;

  Xapian::Database db;
  catalog::Catalog* catalog;       // borrowed; may be null (no clients, no snippets)
  const TextFolder* folder;        // borrowed
  std::vector<ClientKey> clients;  // client: resolution, loaded on first search
  bool clients_loaded = false;
  std::string parse_error;                    // set by the parser's field processors
  std::optional<Xapian::QueryParser> parser;  // points at clients and parse_error
};

Status Searcher::Impl::LoadClients() {
  if (clients_loaded) return Status::Ok();
  if (catalog != nullptr) {
    DANGAN_ASSIGN_OR_RETURN(auto rows, catalog->ListClients());
    for (const catalog::Client& c : rows) clients.push_back(MakeClientKey(c, *folder));
  }
  clients_loaded = true;
  return Status::Ok();
}

Result<Xapian::Query> Searcher::Impl::Parse(const std::string& query) {
  if (IsBlank(query)) return Xapian::Query(Xapian::Query::MatchAll);
  DANGAN_RETURN_IF_ERROR(LoadClients());
  if (!parser) parser = MakeQueryParser(&clients, &parse_error);
  const std::string folded = FoldQueryText(query, *folder);
  parse_error.clear();
  try {
    Xapian::Query parsed = parser->parse_query(folded, QueryParserFlags());
    if (!parse_error.empty())
      return Status::InvalidArgument("query " + query + ": " + parse_error);
    return parsed;
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "query " + query);
  }
}

Status Searcher::Impl::FillHit(const Xapian::MSetIterator& it, const HighlightTerms& highlight,
                               Hit* hit) {
  std::string data;
  try {
    Xapian::Document xdoc = it.get_document();
    data = xdoc.get_data();
    hit->client = xdoc.get_value(sc::kSlotClient);
    hit->doc_type = xdoc.get_value(sc::kSlotDocType);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "read hit");
  }
  hit->id = IdOfData(data);
  std::optional<catalog::Document> row;
  if (catalog != nullptr && hit->id != 0) {
    DANGAN_ASSIGN_OR_RETURN(row, catalog->GetDocument(hit->id));
  }
  if (!row) {
    FillFromData(data, hit);
    return Status::Ok();
  }
  FillFromCatalog(*row, hit);
  DANGAN_ASSIGN_OR_RETURN(auto pages, catalog->GetPages(hit->id));
  std::vector<std::string> texts;
  texts.reserve(pages.size());
  for (catalog::Page& p : pages) texts.push_back(std::move(p.text));
  hit->snippet = MakeSnippet(texts, highlight, *folder);
  return Status::Ok();
}

// LevelFilter: the documents a user cleared for max_level may find, as a
// boolean filter (OR of the allowed XL terms). A document without any XL term
// (indexed before levels existed) counts as internal; the branch for those is
// added only when the index has some, which the term frequencies tell.
Xapian::Query Searcher::Impl::LevelFilter(Level max_level) const {
  std::vector<std::string> allowed;
  std::vector<std::string> all;
  Xapian::doccount tagged = 0;
  for (Level l : kAllLevels) {
    std::string term = sc::BooleanTerm(sc::kPrefixLevel, ToString(l));
    all.push_back(term);
    tagged += db.get_termfreq(term);
    if (l <= max_level) allowed.push_back(term);
  }
  Xapian::Query filter(Xapian::Query::OP_OR, allowed.begin(), allowed.end());
  if (max_level >= Level::kInternal && tagged < db.get_doccount()) {
    Xapian::Query any_level(Xapian::Query::OP_OR, all.begin(), all.end());
    filter = Xapian::Query(Xapian::Query::OP_OR, filter,
                           Xapian::Query(Xapian::Query::OP_AND_NOT,
                                         Xapian::Query(Xapian::Query::MatchAll), any_level));
  }
  return filter;
}

Status Searcher::Impl::AppendPartial(const Xapian::Query& query,
                                     const std::vector<std::string>& terms, int skip, int want,
                                     const HighlightTerms& highlight,
                                     const std::optional<Xapian::Query>& filter,
                                     SearchResult* result) {
  Xapian::Query any(Xapian::Query::OP_OR, terms.begin(), terms.end());
  Xapian::Enquire enquire(db);
  Xapian::Query partial(Xapian::Query::OP_AND_NOT, any, query);
  if (filter) partial = Xapian::Query(Xapian::Query::OP_FILTER, partial, *filter);
  enquire.set_query(partial);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(skip),
                                       static_cast<Xapian::doccount>(want));
  int rank = result->offset + static_cast<int>(result->hits.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = it.get_percent() / 100.0;
    hit.partial = true;
    DANGAN_RETURN_IF_ERROR(FillHit(it, highlight, &hit));
    result->hits.push_back(std::move(hit));
  }
  return Status::Ok();
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::filesystem::path& index_dir,
                                                 catalog::Catalog* catalog,
                                                 const TextFolder* folder) {
  std::error_code ec;
  if (!std::filesystem::exists(index_dir, ec))
    return Status::NotFound("no index at " + index_dir.string() + " (run reindex)");
  try {
    Xapian::Database db(index_dir.string());
    return std::unique_ptr<Searcher>(
        new Searcher(std::make_unique<Impl>(std::move(db), catalog, folder)));
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "open index " + index_dir.string());
  }
}

Status Searcher::Refresh() {
  try {
    if (impl_->db.reopen()) ForgetClients();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reopen index");
  }
  return Status::Ok();
}

void Searcher::ForgetClients() {
  impl_->parser.reset();
  impl_->clients.clear();
  impl_->clients_loaded = false;
}

Result<SearchResult> Searcher::Search(const SearchOptions& options) {
  SearchResult result;
  result.query = options.query;
  result.offset = std::max(0, options.offset);
  DANGAN_ASSIGN_OR_RETURN(Xapian::Query query, impl_->Parse(options.query));
  try {
    Xapian::Enquire enquire(impl_->db);
    std::optional<Xapian::Query> filter;
    if (options.max_level) filter = impl_->LevelFilter(*options.max_level);
    enquire.set_query(filter ? Xapian::Query(Xapian::Query::OP_FILTER, query, *filter) : query);
    if (options.sort == SortOrder::kDate)
      enquire.set_sort_by_value_then_relevance(sc::kSlotDate, /*reverse=*/true);
    if (options.sort == SortOrder::kAmount)
      enquire.set_sort_by_value_then_relevance(sc::kSlotAmount, /*reverse=*/true);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const Facet& f : kFacets) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f.slot));
      enquire.add_matchspy(spies.back().get());
    }
    // Facets count over all matches: check every document.
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(result.offset),
                                         static_cast<Xapian::doccount>(std::max(0, options.limit)),
                                         impl_->db.get_doccount());
    result.total = mset.get_matches_estimated();
    for (size_t i = 0; i < spies.size(); ++i) {
      auto& counts = result.facets[kFacets[i].name];
      for (auto v = spies[i]->values_begin(); v != spies[i]->values_end(); ++v)
        counts[*v] = v.get_termfreq();
    }
    const HighlightTerms highlight = HighlightTermsOf(query);
    int rank = result.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_percent() / 100.0;
      DANGAN_RETURN_IF_ERROR(impl_->FillHit(it, highlight, &hit));
      result.hits.push_back(std::move(hit));
    }
    // Fewer full matches than asked for: fill up with partial ones, so that
    // a scan whose OCR misread a character of the phrase is still found.
    const int want = std::max(0, options.limit) - static_cast<int>(result.hits.size());
    const std::vector<std::string> terms = FreeTextTerms(query, options.query);
    if (want > 0 && terms.size() > 1 && options.sort == SortOrder::kRelevance) {
      int skip = std::max<int64_t>(0, result.offset - result.total);
      DANGAN_RETURN_IF_ERROR(impl_->AppendPartial(query, terms, skip, want, highlight, filter, &result));
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "search " + options.query);
  }
  return result;
}

Result<std::vector<int64_t>> Searcher::DocumentsQuoting(const std::string& number) {
  std::string term =
      sc::BooleanTerm(sc::kPrefixNumber, sc::NormaliseNumber(impl_->folder->Fold(number)));
  std::vector<int64_t> ids;
  if (term.empty()) return ids;
  try {
    for (auto it = impl_->db.postlist_begin(term); it != impl_->db.postlist_end(term); ++it) {
      int64_t id = IdOfData(impl_->db.get_document(*it).get_data());
      if (id != 0) ids.push_back(id);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "look up " + number);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace dangan::search
