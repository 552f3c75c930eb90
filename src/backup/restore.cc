#include "backup/restore.h"

#include <sys/stat.h>

#include "backup/pool.h"
#include "core/config.h"
#include "core/fs.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;

Status CheckEmpty(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return Status::Ok();
  if (!fs::is_directory(dir, ec))
    return Status::InvalidArgument(dir.string() + " exists and is not a folder");
  if (!fs::is_empty(dir, ec) || ec)
    return Status::InvalidArgument(dir.string() +
                                   " is not empty: restore makes a new home in an absent or "
                                   "empty folder");
  return Status::Ok();
}

Status Restore(const fs::path& dest, const ManifestFile& f, const fs::path& to) {
  auto copied = CopyVerified(dest / f.path, to, f.sha256);
  if (!copied.ok()) {
    if (copied.status().code() == StatusCode::kBadData)
      return Status::BadData("backup file " + f.path + " is damaged: " + copied.status().message());
    return copied.status();
  }
  return Status::Ok();
}

}  // namespace

Result<Manifest> RestoreCatalog(const fs::path& dest, const std::string& stamp, const Home& home) {
  DANGAN_RETURN_IF_ERROR(CheckEmpty(home.root()));
  std::error_code ec;
  const fs::path manifest_file = ManifestPath(dest, stamp);
  if (!fs::exists(manifest_file, ec))
    return Status::NotFound(manifest_file.string() + ": no such backup generation");
  auto m = ReadManifest(manifest_file);
  if (!m.ok()) return m.status();
  for (const auto& dir : {home.root(), home.store(), home.staging(), home.ArchiveDir(""),
                          home.quarantine(), home.inbox()})
    DANGAN_RETURN_IF_ERROR(MakeDirs(dir));
  DANGAN_RETURN_IF_ERROR(Restore(dest, m->catalog, home.catalog()));
  if (m->config) {
    DANGAN_RETURN_IF_ERROR(Restore(dest, *m->config, home.config()));
  } else {
    DANGAN_RETURN_IF_ERROR(WriteFileAtomic(home.config(), DefaultConfigText()));
  }
  return m;
}

Result<RestoreResult> RestoreFiles(const fs::path& dest, const Manifest& manifest,
                                   const Home& home,
                                   const std::function<void(int64_t, int64_t)>& progress) {
  RestoreResult r;
  r.files = 1 + (manifest.config ? 1 : 0);
  r.bytes = manifest.catalog.size + (manifest.config ? manifest.config->size : 0);
  const auto total = static_cast<int64_t>(manifest.files.size());
  int64_t done = 0;
  for (const ManifestFile& f : manifest.files) {
    if (f.home_path.empty()) return Status::BadData("manifest: " + f.path + " has no home_path");
    const fs::path to = home.root() / f.home_path;
    DANGAN_RETURN_IF_ERROR(Restore(dest, f, to));
    if (f.kind == "original" && ::chmod(to.c_str(), 0444) != 0)
      return Status::IoError(to.string(), errno);
    ++r.files;
    r.bytes += f.size;
    if (progress) progress(++done, total);
  }
  return r;
}

}  // namespace dangan::backup
