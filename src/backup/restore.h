// Restore (RECORDS §7): a new home from one generation of a backup. Two
// steps, so that the caller can pass its gate on the restored catalog before
// the originals are copied: RestoreCatalog, then RestoreFiles. The index is
// not in the backup: the caller rebuilds it (indexer::Reindex).
#ifndef DANGAN_BACKUP_RESTORE_H_
#define DANGAN_BACKUP_RESTORE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "backup/manifest.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::backup {

// Reads the manifest of generation stamp ("" = the newest, DEST/MANIFEST.json),
// checks that home is absent or an empty folder (kInvalidArgument), makes
// the home's folders as `init` does, and copies catalog.sqlite and
// dangan.toml (the default one when the backup has none) into it, each
// checked against the manifest (kBadData naming the file on a mismatch).
Result<Manifest> RestoreCatalog(const std::filesystem::path& dest, const std::string& stamp,
                                const Home& home);

struct RestoreResult {
  int64_t files = 0;   // files restored, catalog and config included
  uint64_t bytes = 0;
};

// Copies every original back to its stored_path (mode 0444, DESIGN §2) and
// every kept quarantine file to its folder, each checked against the
// manifest while it is copied; progress (may be empty) gets (done, total).
Result<RestoreResult> RestoreFiles(const std::filesystem::path& dest, const Manifest& manifest,
                                   const Home& home,
                                   const std::function<void(int64_t, int64_t)>& progress);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_RESTORE_H_
