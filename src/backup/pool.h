// The file pool of a backup destination (DEST/files, manifest.h): copies
// that are durable before they are visible, and the incremental decision.
#ifndef DANGAN_BACKUP_POOL_H_
#define DANGAN_BACKUP_POOL_H_

#include <filesystem>
#include <string>

#include "core/fs.h"
#include "core/status.h"

namespace dangan::backup {

enum class PoolState {
  kPresent,  // the file is there with the wanted hash: nothing to copy
  kMissing,  // not there: copy
  kDamaged,  // there with other bytes: copy over it
};

// What file holds for a file whose SHA-256 is sha256 (re-hashed, never
// trusted from its name or size). An unreadable file is kDamaged.
PoolState CheckPoolFile(const std::filesystem::path& file, const std::string& sha256);

// CopyVerified: copies src to dst so that dst is never seen half written.
//   1. copy to a temporary name beside dst, hashing   2. fsync it
//   3. compare with want_sha256 ("" = accept any)     4. rename over dst
//   5. fsync dst's folder
// A mismatch at 3 is kBadData naming src; the temporary file is removed and
// dst left as it was. Creates dst's folder.
Result<CopyResult> CopyVerified(const std::filesystem::path& src, const std::filesystem::path& dst,
                                const std::string& want_sha256);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_POOL_H_
