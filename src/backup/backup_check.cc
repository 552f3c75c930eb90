#include "backup/backup_check.h"

#include "core/fs.h"
#include "core/hash.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;

void CheckFile(const fs::path& dest, const ManifestFile& f, BackupCheck* out) {
  const fs::path file = dest / f.path;
  const std::string what = f.home_path.empty() ? f.path : f.path + " (" + f.home_path + ")";
  ++out->files;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) {
    out->problems.push_back({"missing", f.path, what + " is missing"});
    return;
  }
  auto sha = Sha256File(file);
  if (!sha.ok()) {
    out->problems.push_back({"damaged", f.path, what + ": " + sha.status().message()});
    return;
  }
  out->bytes += fs::file_size(file, ec);
  if (*sha != f.sha256)
    out->problems.push_back(
        {"damaged", f.path, what + " hashes to " + *sha + ", the manifest says " + f.sha256});
}

}  // namespace

Result<BackupCheck> CheckBackup(const fs::path& dest, const std::string& stamp,
                                const std::function<void(int64_t, int64_t)>& progress) {
  BackupCheck out;
  const fs::path manifest_file = ManifestPath(dest, stamp);
  std::error_code ec;
  if (!fs::exists(dest, ec)) return Status::NotFound(dest.string() + ": no such backup folder");
  auto m = ReadManifest(manifest_file);
  if (!m.ok()) {
    out.problems.push_back({"manifest", RelativeTo(manifest_file, dest), m.status().message()});
    return out;
  }
  out.manifest = std::move(m).value();
  const int64_t total =
      static_cast<int64_t>(out.manifest.files.size()) + 1 + (out.manifest.config ? 1 : 0);
  CheckFile(dest, out.manifest.catalog, &out);
  if (out.manifest.config) CheckFile(dest, *out.manifest.config, &out);
  for (const ManifestFile& f : out.manifest.files) {
    CheckFile(dest, f, &out);
    if (progress) progress(out.files, total);
  }
  return out;
}

}  // namespace dangan::backup
