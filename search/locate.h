// Locate (DESIGN §8 `locate NUMBER`): originals by archive, contract or
// invoice number: every document filed under the archive, or carrying the
// number as its own field or quoted in its text.
#ifndef DANGAN_SEARCH_LOCATE_H_
#define DANGAN_SEARCH_LOCATE_H_

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/archive_no.h"
#include "core/status.h"
#include "search/searcher.h"

namespace dangan::search {

struct LocateMatch {
  std::string kind;  // "archive" | "contract_no" | "invoice_no"
  std::optional<std::string> archive_no;
  std::optional<catalog::Client> client;
  std::vector<catalog::Document> documents;
  // kind "archive" found under a former number (RECORDS §5): the alias the
  // number asked for left; archive_no is the archive's number now.
  std::optional<catalog::ArchiveAlias> renumbered;
  // Documents that carried the number (or were filed under the archive) and
  // were destroyed: their tombstones (RECORDS §6).
  std::vector<catalog::Tombstone> destroyed;
};

struct LocateResult {
  std::string number;
  std::vector<LocateMatch> matches;
};

// catalog, rule: borrowed. searcher may be null (no index yet): then only the
// catalog's fields are used.
Result<LocateResult> Locate(const std::string& number, catalog::Catalog* catalog,
                            const ArchiveNumberRule& rule, Searcher* searcher);

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_LOCATE_H_
