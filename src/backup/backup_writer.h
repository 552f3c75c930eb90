// WriteBackup: one generation of a home in a backup destination (RECORDS §7,
// layout in manifest.h). A reader of the home: it takes no dangan.lock, so
// `watch` goes on ingesting while it runs; one backup at a time per DEST
// (DEST/backup.lock).
#ifndef DANGAN_BACKUP_BACKUP_WRITER_H_
#define DANGAN_BACKUP_BACKUP_WRITER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "backup/manifest.h"
#include "catalog/catalog.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::backup {

struct BackupOptions {
  int keep = 7;  // backup.keep: complete generations kept, the newest included
  // Called after each pool file with (done, total, bytes copied so far).
  std::function<void(int64_t, int64_t, uint64_t)> progress;
};

struct BackupResult {
  Manifest manifest;
  int64_t files = 0;    // files the generation holds: catalog, config, pool files
  int64_t copied = 0;   // pool files copied by this run (the rest were there)
  uint64_t bytes = 0;   // bytes written by this run, catalog and config included
  double seconds = 0;
  std::vector<std::string> pruned;  // generations removed
  int64_t removed_files = 0;        // pool files no kept generation lists
};

// WriteBackup: live is the home's catalog, opened by this (reading) process.
//   1. lock DEST/backup.lock; make generations/STAMP.partial
//   2. catalog snapshot (online backup API), dangan.toml
//   3. each original and kept quarantine file the snapshot lists, into the
//      pool unless there with the right hash
//   4. STAMP.partial/MANIFEST.json, rename to STAMP, fsync generations/
//   5. DEST/MANIFEST.json (temp + rename)   6. prune (keep, orphans, .partial)
// A crash before 4 leaves a .partial folder that no reader takes for a
// generation; before 5, DEST/MANIFEST.json still names the previous one.
Result<BackupResult> WriteBackup(const Home& home, catalog::Catalog* live,
                                 const std::filesystem::path& dest, const BackupOptions& options);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_BACKUP_WRITER_H_
