// Reindex (DESIGN §8 `reindex`): rebuilds HOME/index from the catalog alone,
// no re-extraction. Resumable: the new index is built in HOME/index.new with
// its progress (the last document id added) in the catalog's meta table; a
// run that was killed continues where it stopped; the finished index replaces
// the old one by rename. The caller holds dangan.lock.
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
  int64_t documents = 0;  // documents in the new index
  int64_t resumed_after = 0;  // id a previous run had reached, 0 for a fresh run
  double seconds = 0;
};

// progress(done, total) is called after each batch.
Result<ReindexStats> Reindex(catalog::Catalog* catalog, const std::filesystem::path& home,
                             const TextFolder* folder, int batch_size,
                             const std::function<void(int64_t, int64_t)>& progress);

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_REINDEX_H_
