// Executing a destruction list (RECORDS §6): the only code that deletes an
// original (DESIGN §2: nothing else does).
//
// ExecuteDestruction, then FinishDestructions:
//   1. one transaction: for each document on the approved list, re-check it
//      (still there, no hold in force, still due as of the list's date); a
//      document that fails is spared, with why; every other one gets its
//      tombstone (cleaned_at null) and loses its rows (document, pages,
//      sources, candidates); the list becomes executed; the access-log row
//   2. unlink each destroyed document's original, fsync its folder
//   3. delete their index entries, commit the index
//   4. one transaction: the tombstones' cleaned_at
// Crash before 1 commits: nothing changed. Crash after 1: the tombstones say
// what to finish; the next writer start finishes it: Reconcile() unlinks a
// store file whose row is gone and whose hash is tombstoned (never re-claims
// it), and FinishDestructions() does 2-4 for every tombstone not yet clean.
// Each step is idempotent, so a crash inside 2-4 is finished the same way.
#ifndef DANGAN_APP_DESTRUCTION_EXECUTE_H_
#define DANGAN_APP_DESTRUCTION_EXECUTE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/config.h"
#include "core/home.h"
#include "indexer/index_writer.h"

namespace dangan::app {

struct ExecuteOutcome {
  bool already_executed = false;  // nothing was done
  std::vector<int64_t> destroyed;
  std::vector<std::pair<int64_t, std::string>> spared;  // doc id, why
};

// Step 1, for list_id as user. kNotFound: no such list; kInvalidArgument: the
// list is not approved (nor already executed).
Result<ExecuteOutcome> ExecuteDestruction(catalog::Catalog* catalog, const Config& config,
                                          int64_t list_id, const std::string& user);

// Steps 2-4 for every tombstone not yet clean; returns how many were
// finished. The caller holds dangan.lock; writer has nothing pending.
Result<int> FinishDestructions(const Home& home, catalog::Catalog* catalog,
                               indexer::IndexWriter* writer);

}  // namespace dangan::app

#endif  // DANGAN_APP_DESTRUCTION_EXECUTE_H_
