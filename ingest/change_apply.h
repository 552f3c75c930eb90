// Applying an approved change request (RECORDS §5) to the catalog, the store
// and (through a DocumentSink) the index, and finishing one a crash
// interrupted. The caller holds dangan.lock and has re-checked the change
// (catalog::CheckStillCurrent) and the approver's right to decide it.
#ifndef DANGAN_INGEST_CHANGE_APPLY_H_
#define DANGAN_INGEST_CHANGE_APPLY_H_

#include <string>

#include "catalog/catalog.h"
#include "catalog/document_sink.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::ingest {

// ApplyChange: the change, its state `approved` (decided_by approver, at now)
// and the access-log row `change_approve` (before and after in its detail)
// commit in one transaction; then the documents it touched are indexed again
// (their state is `stored` until then, so a crash leaves them to Reconcile).
// client, level, fields: that one transaction. refile: ingest::RefileDocument.
// renumber moves store/OLD to store/NEW:
//   1. transaction: change state `applying` (the intent; approver, time)
//   2. rename(store/OLD, store/NEW), fsync store/ (atomic on one file system)
//   3. transaction: clients, documents (archive, stored_path), candidates,
//      holds, requests renumbered; alias OLD -> NEW; state `approved`; log
//   4. index the archive's documents again
// Crash after 1 or 2: FinishInterruptedChanges() does 2 (if not done) and 3,
// so the renumber is either not approved at all or wholly applied.
// sink may be null (no index): Reconcile indexes them at the next start.
Status ApplyChange(const Home& home, catalog::Catalog* catalog, catalog::DocumentSink* sink,
                   const catalog::Change& change, const std::string& approver);

// Finishes every change left `applying` by a writer that died (steps 2–3
// above, deciding from what is on disk). Run first by Reconcile(), before
// store files are checked against their rows. Returns how many it finished.
Result<int> FinishInterruptedChanges(const Home& home, catalog::Catalog* catalog);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_CHANGE_APPLY_H_
