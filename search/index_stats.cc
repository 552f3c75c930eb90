#include "search/index_stats.h"

#include <xapian.h>

#include <algorithm>

#include "indexer/schema.h"

namespace dangan::search {

Result<IndexStats> ReadIndexStats(const std::filesystem::path& index_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(index_dir / "iamglass", ec))
    return Status::NotFound(index_dir.string() + ": no index yet");
  IndexStats stats;
  try {
    Xapian::Database db(index_dir.string());
    stats.doc_count = db.get_doccount();
    const std::string prefix(indexer::schema::kPrefixId);
    uint64_t with_id = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      int64_t id = std::stoll((*it).substr(prefix.size()));
      for (Xapian::doccount n = it.get_termfreq(); n > 0; --n) stats.ids.push_back(id);
      with_id += it.get_termfreq();
    }
    for (uint64_t n = with_id; n < stats.doc_count; ++n) stats.ids.push_back(0);
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::NotFound(index_dir.string() + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IoError(index_dir.string() + ": " + e.get_description());
  } catch (const std::exception& e) {
    return Status::BadData(index_dir.string() + ": bad id term: " + e.what());
  }
  std::sort(stats.ids.begin(), stats.ids.end());
  return stats;
}

}  // namespace dangan::search
