#include "backup/pool.h"

#include <unistd.h>

#include <cstdio>

#include "core/hash.h"

namespace dangan::backup {

namespace fs = std::filesystem;

PoolState CheckPoolFile(const fs::path& file, const std::string& sha256) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return PoolState::kMissing;
  auto have = Sha256File(file);
  return have.ok() && *have == sha256 ? PoolState::kPresent : PoolState::kDamaged;
}

Result<CopyResult> CopyVerified(const fs::path& src, const fs::path& dst,
                                const std::string& want_sha256) {
  DANGAN_RETURN_IF_ERROR(MakeDirs(dst.parent_path()));
  fs::path tmp = dst.parent_path() /
                 ("." + dst.filename().string() + ".tmp-" + std::to_string(::getpid()));
  ::unlink(tmp.c_str());  // left by a killed run with the same pid
  auto copied = CopyAndHash(src, tmp);
  if (!copied.ok()) return copied.status();
  if (!want_sha256.empty() && copied->sha256 != want_sha256) {
    ::unlink(tmp.c_str());
    return Status::BadData(src.string() + ": hashes to " + copied->sha256 + ", expected " +
                           want_sha256);
  }
  if (std::rename(tmp.c_str(), dst.c_str()) != 0) {
    Status s = Status::IoError(dst.string(), errno);
    ::unlink(tmp.c_str());
    return s;
  }
  DANGAN_RETURN_IF_ERROR(FsyncDir(dst.parent_path()));
  return copied;
}

}  // namespace dangan::backup
