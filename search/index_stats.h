// Read-only facts about HOME/index for `stats` and `verify`: how many
// documents it holds and which catalog ids, each as often as it occurs.
#ifndef DANGAN_SEARCH_INDEX_STATS_H_
#define DANGAN_SEARCH_INDEX_STATS_H_

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/status.h"

namespace dangan::search {

struct IndexStats {
  uint64_t doc_count = 0;
  // One entry per Xapian document carrying Q<id> (an id twice = a duplicate
  // entry), ascending; documents without an id term count as id 0.
  std::vector<int64_t> ids;
};

// kNotFound when there is no index yet.
Result<IndexStats> ReadIndexStats(const std::filesystem::path& index_dir);

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_INDEX_STATS_H_
