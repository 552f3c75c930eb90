// Reconcile: restores DESIGN §4's invariants after a writer died at any
// instant. Run by every writing command before it writes (the caller holds
// dangan.lock). Each step relies on one rule: an input is removed only after
// its bytes are durable and its row committed, so whatever a crash left
// half-done still has its input in the drop.
#ifndef DANGAN_INGEST_RECONCILE_H_
#define DANGAN_INGEST_RECONCILE_H_

#include "catalog/catalog.h"
#include "catalog/document_sink.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::ingest {

struct ReconcileReport {
  int staging_removed = 0;     // claims and bundle members in flight
  int orphans_removed = 0;     // store files whose row never committed
  int destroyed_removed = 0;   // originals of destroyed documents a crash left
  int misplaced_fixed = 0;     // a stored file put back where its row says
  int quarantine_removed = 0;  // quarantine folders whose row never committed
  int reindexed = 0;           // catalogued documents not yet in the index
  int changes_finished = 0;    // approved renumbers a crash interrupted (RECORDS §5)
  bool any() const {
    return staging_removed + orphans_removed + destroyed_removed + misplaced_fixed +
               quarantine_removed + reindexed + changes_finished >
           0;
  }
};

//   0. finish approved renumbers left `applying` (ingest/change_apply.h):
//      first, so step 2 sees their files where their rows will say
//   1. empty store/.staging (not while a watch runs: it is the watch's)
//   2. each store file: no row -> removed (when its hash is tombstoned, the
//      destruction a crash interrupted is finished: unlinked and its folder
//      fsync'd, never re-claimed, RECORDS §6); its row points elsewhere and
//      nothing is there -> moved there (a refile that died half-way)
//   3. quarantine folders without a committed row -> removed
//   4. documents in state `stored` -> handed to sink and flushed (skipped
//      when sink is null: reindex rebuilds the index itself)
// Logs one line per repair.
Result<ReconcileReport> Reconcile(const Home& home, catalog::Catalog* catalog,
                                  catalog::DocumentSink* sink);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_RECONCILE_H_
