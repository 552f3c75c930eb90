// CheckBackup: `backup verify` (RECORDS §7): re-hashes every file a
// generation's manifest lists, the catalog and config included.
#ifndef DANGAN_BACKUP_BACKUP_CHECK_H_
#define DANGAN_BACKUP_BACKUP_CHECK_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "backup/manifest.h"
#include "core/status.h"

namespace dangan::backup {

struct BackupProblem {
  std::string kind;  // missing | damaged | manifest
  std::string path;  // relative to DEST
  std::string detail;
};

struct BackupCheck {
  Manifest manifest;
  int64_t files = 0;   // files checked
  uint64_t bytes = 0;  // bytes hashed
  std::vector<BackupProblem> problems;
};

// Checks generation stamp ("" = the one DEST/MANIFEST.json names). A missing
// or unreadable manifest is one problem of kind "manifest", not an error;
// progress (may be empty) is called with (done, total) after each file.
Result<BackupCheck> CheckBackup(const std::filesystem::path& dest, const std::string& stamp,
                                const std::function<void(int64_t, int64_t)>& progress);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_BACKUP_CHECK_H_
