// WatchLease: `watch`'s turns with the home (issue 9). watch runs for days;
// holding dangan.lock (and Xapian's lock on index/) all that time would
// lock every other writer out, `serve` included. So it holds them only while
// it has work, a turn at a time:
//
//   Acquire: dangan.lock (waiting for the writer before it), then, when the
//     holder before it did not end cleanly (killed, or failed; see
//     core/writer_lock.h), what every writer does at its start
//     (OpenWriterSession): reconcile, finish destructions and reindex swaps;
//     then the Xapian writer.
//   Release: commit the index (and mark those documents indexed), close the
//     Xapian writer, let go of dangan.lock.
//
// Invariant: outside a turn, watch has written nothing that is not durable
// and consistent: no open transaction, no store file without its row, no
// stored document the index lacks. What it has in flight lives only in its
// memory, its workers and store/.staging, which WatchLock keeps from other
// writers' reconciliation. So a writer that takes a turn in between finds
// the home as a clean stop would leave it, and reconciliation at its start
// stays right.
//
// The lease is the Ingester's DocumentSink: what is added goes to the index
// writer of the current turn (kInternal outside a turn: a bug).
#ifndef DANGAN_APP_WATCH_LEASE_H_
#define DANGAN_APP_WATCH_LEASE_H_

#include <memory>

#include "app/context.h"
#include "catalog/document_sink.h"
#include "core/writer_lock.h"
#include "indexer/catalog_indexer.h"
#include "indexer/index_writer.h"

namespace dangan::app {

class WatchLease : public catalog::DocumentSink {
 public:
  // h: opened without the lock; h and folder are borrowed.
  WatchLease(OpenHome* h, const TextFolder* folder) : h_(h), folder_(folder) {}
  ~WatchLease() override;

  // Takes a turn. wait: as WriterLock::Acquire (kBusy when it runs out or
  // wake_fd becomes readable). reconcile: run the start-of-writer repairs
  // even when the holder before ended cleanly (watch's own start).
  Status Acquire(WriterLock::Wait wait, bool reconcile);
  // Ends the turn; the index is committed first.
  Status Release();
  bool held() const { return lock_ != nullptr; }
  // Another writer waits for the home (only meaningful while held()).
  bool Wanted() const { return lock_ != nullptr && lock_->Wanted(); }
  // After a Release() for a waiter: true while writers still wait, so that
  // watch does not race them for the lock it has just let go of.
  bool OthersWaiting() const;

  Status Add(const catalog::Document& doc, const std::vector<catalog::Page>& pages) override;
  Status Flush() override;
  int64_t indexed() const override;

 private:
  Status StartWriting(bool reconcile);

  OpenHome* h_;
  const TextFolder* folder_;
  std::unique_ptr<WriterLock> lock_;
  std::unique_ptr<indexer::IndexWriter> writer_;
  std::unique_ptr<indexer::CatalogIndexer> sink_;
  int64_t indexed_before_ = 0;  // by the turns before this one
};

}  // namespace dangan::app

#endif  // DANGAN_APP_WATCH_LEASE_H_
