// reindex_crash_helper HOME EXCHANGE(0|1): runs Reindex on HOME with batches
// of 2, for the crash tests (they set DANGAN_CRASH_AT). Exit 0 on success.
#include <cstdlib>
#include <cstring>

#include "catalog/catalog.h"
#include "core/text_fold.h"
#include "indexer/reindex.h"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::filesystem::path home = argv[1];
  auto folder = dangan::TextFolder::Create();
  if (!folder.ok()) return 3;
  auto catalog = dangan::catalog::Catalog::Open(home / "catalog.sqlite", false);
  if (!catalog.ok()) return 4;
  dangan::indexer::ReindexOptions options;
  options.batch_size = 2;
  options.atomic_exchange = std::strcmp(argv[2], "1") == 0;
  auto stats = dangan::indexer::Reindex(catalog->get(), home, folder->get(), options);
  return stats.ok() ? 0 : 1;
}
