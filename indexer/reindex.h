// Reindex (DESIGN §8 `reindex`): rebuilds HOME/index from the catalog alone,
// no re-extraction. Resumable: the new index is built in HOME/index.new with
// its progress (the last document id added) in the catalog's meta table; a
// run that was killed continues where it stopped; the finished index replaces
// the old one by rename. The caller holds dangan.lock and has no IndexWriter
// open on HOME/index (the directory is swapped underneath it).
//
// Catalog meta: reindex.run (a token, also stored in the Xapian metadata of
// the index the run builds), reindex.phase ("build" -> "swap" -> "done"),
// reindex.last_id. The swap is renameat2(RENAME_EXCHANGE) of index.new and
// index where the file system has it (HOME/index is always the old or the new
// index), else index -> index.old, index.new -> index (a kill between the two
// leaves no HOME/index; phase "swap" lets the next Reindex() or
// FinishInterruptedReindexSwap() finish it). Documents still `stored` become
// `indexed` after the swap; `needs_ocr` ones stay out of the index until
// their text arrives (DESIGN §5), so the index holds exactly the documents the
// catalog calls indexed.
//
// A document changed in the catalog (re-filed) between a stopped run and its
// resume keeps the form it had when its batch was built.
#ifndef DANGAN_INDEXER_REINDEX_H_
#define DANGAN_INDEXER_REINDEX_H_

#include <cstdint>
#include <filesystem>
#include <functional>

#include "catalog/catalog.h"
#include "core/status.h"
#include "core/text_fold.h"

namespace dangan::indexer {

struct ReindexStats {
  int64_t documents = 0;      // documents in the new index
  int64_t resumed_after = 0;  // id a previous run had reached, 0 for a fresh run
  double seconds = 0;
  // False when progress asked to stop: HOME/index is untouched and the next
  // Reindex() resumes from the last committed batch.
  bool complete = true;
};

struct ReindexOptions {
  int batch_size = 500;  // index.batch_size
  // Called after each batch is durable with (done, total); returning false
  // stops the run there, exactly as a kill after that batch would.
  std::function<bool(int64_t, int64_t)> progress;
  // Swap with renameat2(RENAME_EXCHANGE) where the file system has it; false
  // forces the two-rename fallback (tests).
  bool atomic_exchange = true;
};

// progress(done, total) is called after each batch.
Result<ReindexStats> Reindex(catalog::Catalog* catalog, const std::filesystem::path& home,
                             const TextFolder* folder, int batch_size,
                             const std::function<void(int64_t, int64_t)>& progress);

Result<ReindexStats> Reindex(catalog::Catalog* catalog, const std::filesystem::path& home,
                             const TextFolder* folder, const ReindexOptions& options);

// For start-up reconciliation: when a reindex was killed while swapping the
// new index in, finishes the swap (HOME/index may be missing in that window
// on file systems without RENAME_EXCHANGE). A killed build is left for the
// next Reindex() to resume. OK when there is nothing to do.
Status FinishInterruptedReindexSwap(catalog::Catalog* catalog, const std::filesystem::path& home);

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_REINDEX_H_
