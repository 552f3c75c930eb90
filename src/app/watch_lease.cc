#include "app/watch_lease.h"

#include "app/destruction_execute.h"
#include "indexer/reindex.h"
#include "ingest/reconcile.h"

namespace dangan::app {

WatchLease::~WatchLease() {
  // Still held: an error path. Whatever was not committed is put right by
  // the next writer's reconciliation.
  if (lock_) lock_->MarkInconsistent();
  sink_.reset();
  writer_.reset();
}

Status WatchLease::Acquire(WriterLock::Wait wait, bool reconcile) {
  if (lock_) return Status::Ok();
  auto lock = WriterLock::Acquire(h_->home.lock(), "watch", wait);
  if (!lock.ok()) return lock.status();
  lock_ = std::move(lock).value();
  Status s = StartWriting(reconcile || !lock_->previous_clean());
  if (!s.ok()) {
    lock_->MarkInconsistent();
    sink_.reset();
    writer_.reset();
    lock_.reset();
  }
  return s;
}

// The steps of OpenWriterSession after its lock (writer_session.cc).
Status WatchLease::StartWriting(bool reconcile) {
  if (reconcile)
    DANGAN_RETURN_IF_ERROR(
        indexer::FinishInterruptedReindexSwap(h_->catalog.get(), h_->home.root()));
  auto writer = indexer::IndexWriter::Open(h_->home.index(), folder_);
  if (!writer.ok()) return writer.status();
  writer_ = std::move(writer).value();
  // A fresh indexer each turn: its cache of client names may be stale after
  // another writer's turn.
  sink_ = std::make_unique<indexer::CatalogIndexer>(writer_.get(), h_->catalog.get(),
                                                    h_->config.index.batch_size);
  if (!reconcile) return Status::Ok();
  auto report = ingest::Reconcile(h_->home, h_->catalog.get(), sink_.get());
  if (!report.ok()) return report.status();
  auto finished = FinishDestructions(h_->home, h_->catalog.get(), writer_.get());
  if (!finished.ok()) return finished.status();
  lock_->MarkConsistent();
  return Status::Ok();
}

Status WatchLease::Release() {
  if (!lock_) return Status::Ok();
  DANGAN_RETURN_IF_ERROR(sink_->Flush());
  indexed_before_ += sink_->indexed();
  sink_.reset();
  writer_.reset();  // closes the Xapian database: its lock goes with it
  lock_->MarkConsistent();
  lock_.reset();
  return Status::Ok();
}

bool WatchLease::OthersWaiting() const { return WritersWaiting(h_->home.lock()); }

Status WatchLease::Add(const catalog::Document& doc, const std::vector<catalog::Page>& pages) {
  if (!sink_) return Status::Internal("watch: a document filed outside its turn with the home");
  return sink_->Add(doc, pages);
}

Status WatchLease::Flush() { return sink_ ? sink_->Flush() : Status::Ok(); }

int64_t WatchLease::indexed() const { return indexed_before_ + (sink_ ? sink_->indexed() : 0); }

}  // namespace dangan::app
