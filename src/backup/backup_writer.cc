#include "backup/backup_writer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "backup/pool.h"
#include "core/clock.h"
#include "core/crash_point.h"
#include "core/hash.h"
#include "core/writer_lock.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;

// 20261129T094414Z, with -1, -2 … when a generation of that second exists.
std::string NewStamp(const fs::path& generations) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  std::string stamp = buf;
  std::error_code ec;
  for (int n = 1;; ++n) {
    if (!fs::exists(generations / stamp, ec) &&
        !fs::exists(generations / (stamp + kPartialSuffix), ec))
      return stamp;
    stamp = std::string(buf) + "-" + std::to_string(n);
  }
}

// A file written into the generation folder itself (catalog, config), named
// by final_rel, the path it has once the folder is renamed.
Result<ManifestFile> GenerationFile(const fs::path& written, const std::string& final_rel) {
  ManifestFile f;
  f.path = final_rel;
  auto sha = Sha256File(written);
  if (!sha.ok()) return sha.status();
  f.sha256 = *sha;
  std::error_code ec;
  f.size = fs::file_size(written, ec);
  if (ec) return Status::IoError(written.string() + ": " + ec.message());
  return f;
}

class Writer {
 public:
  Writer(const Home& home, catalog::Catalog* live, fs::path dest, const BackupOptions& options)
      : home_(home), live_(live), dest_(std::move(dest)), options_(options) {}

  Result<BackupResult> Run();

 private:
  Status SnapshotCatalogAndConfig(const std::string& partial_rel);
  Status CopyOriginals(const catalog::SnapshotContents& snap);
  Status CopyQuarantine(const catalog::SnapshotContents& snap);
  Status AddToPool(const fs::path& src, ManifestFile f);
  Status Commit(const std::string& partial_rel);
  Status Prune();

  const Home& home_;
  catalog::Catalog* live_;
  fs::path dest_;
  const BackupOptions& options_;
  BackupResult r_;
  int64_t total_ = 0;
};

Status Writer::SnapshotCatalogAndConfig(const std::string& partial_rel) {
  const std::string final_rel = GenerationPath(r_.manifest.generation);
  DANGAN_RETURN_IF_ERROR(live_->BackupTo(dest_ / partial_rel / "catalog.sqlite"));
  auto cat = GenerationFile(dest_ / partial_rel / "catalog.sqlite", final_rel + "/catalog.sqlite");
  if (!cat.ok()) return cat.status();
  r_.manifest.catalog = std::move(cat).value();
  r_.bytes += r_.manifest.catalog.size;
  std::error_code ec;
  if (fs::exists(home_.config(), ec)) {
    auto copied = CopyVerified(home_.config(), dest_ / partial_rel / "dangan.toml", "");
    if (!copied.ok()) return copied.status();
    r_.manifest.config =
        ManifestFile{final_rel + "/dangan.toml", copied->sha256, copied->size, "", "", 0};
    r_.bytes += copied->size;
  }
  return Status::Ok();
}

// AddToPool: f names the file by its hash; it is copied from src unless the
// pool already holds those bytes (RECORDS §7: incremental).
Status Writer::AddToPool(const fs::path& src, ManifestFile f) {
  f.path = PoolPath(f.sha256);
  if (CheckPoolFile(dest_ / f.path, f.sha256) != PoolState::kPresent) {
    auto copied = CopyVerified(src, dest_ / f.path, f.sha256);
    if (!copied.ok()) return copied.status();
    ++r_.copied;
    r_.bytes += copied->size;
    f.size = copied->size;
  }
  r_.manifest.files.push_back(std::move(f));
  if (options_.progress)
    options_.progress(static_cast<int64_t>(r_.manifest.files.size()), total_, r_.bytes);
  return Status::Ok();
}

Status Writer::CopyOriginals(const catalog::SnapshotContents& snap) {
  for (const auto& o : snap.originals) {
    fs::path src = home_.root() / o.stored_path;
    std::error_code ec;
    if (!fs::exists(src, ec)) {
      // Re-filed since the snapshot (the file moved; its bytes did not).
      auto now = live_->GetDocument(o.doc_id);
      if (!now.ok()) return now.status();
      if (!now->has_value())
        return Status::IoError("document " + std::to_string(o.doc_id) + ": " + o.stored_path +
                               " is gone from the home and the catalog");
      src = home_.root() / (*now)->stored_path;
    }
    // An error names src, the document's file in the home.
    DANGAN_RETURN_IF_ERROR(
        AddToPool(src, {"", o.sha256, o.size, o.stored_path, "original", o.doc_id}));
  }
  return Status::Ok();
}

Status Writer::CopyQuarantine(const catalog::SnapshotContents& snap) {
  for (const auto& q : snap.quarantine) {
    const std::string dir = "quarantine/" + std::to_string(q.id);
    for (const std::string& name : {q.file_name, std::string("reason.json")}) {
      const std::string rel = fmt::format("{}/{}", dir, name);
      fs::path src = home_.root() / rel;
      auto sha = Sha256File(src);
      if (!sha.ok()) {
        spdlog::warn("backup skipped quarantine file={} reason=\"{}\"", rel,
                     sha.status().message());
        continue;
      }
      std::error_code ec;
      uint64_t size = fs::file_size(src, ec);
      DANGAN_RETURN_IF_ERROR(AddToPool(src, {"", *sha, size, rel, "quarantine", 0}));
    }
  }
  return Status::Ok();
}

Status Writer::Commit(const std::string& partial_rel) {
  const fs::path partial = dest_ / partial_rel;
  DANGAN_RETURN_IF_ERROR(WriteManifest(partial / kManifestName, r_.manifest));
  CrashPoint("backup.before_rename");
  const fs::path final_dir = dest_ / GenerationPath(r_.manifest.generation);
  std::error_code ec;
  fs::rename(partial, final_dir, ec);
  if (ec) return Status::IoError(final_dir.string() + ": " + ec.message());
  DANGAN_RETURN_IF_ERROR(FsyncDir(final_dir.parent_path()));
  CrashPoint("backup.before_top_manifest");
  return WriteManifest(dest_ / kManifestName, r_.manifest);
}

// Prune: keeps the newest options_.keep generations, removes folders of
// killed runs, then every pool file no kept manifest lists. When a kept
// manifest cannot be read, no pool file is removed (it might be listed).
Status Writer::Prune() {
  std::vector<std::string> gens = ListGenerations(dest_);
  std::error_code ec;
  const size_t keep = static_cast<size_t>(std::max(options_.keep, 1));
  for (size_t i = 0; i + keep < gens.size(); ++i) {
    fs::remove_all(dest_ / GenerationPath(gens[i]), ec);
    if (ec) return Status::IoError(GenerationPath(gens[i]) + ": " + ec.message());
    r_.pruned.push_back(gens[i]);
  }
  for (const auto& e : fs::directory_iterator(dest_ / kGenerationsDir, ec)) {
    std::string name = e.path().filename().string();
    std::error_code ec2;
    if (name.ends_with(kPartialSuffix) || !fs::exists(e.path() / kManifestName, ec2))
      fs::remove_all(e.path(), ec2);
  }
  std::set<std::string> listed;
  for (const std::string& g : ListGenerations(dest_)) {
    auto m = ReadManifest(ManifestPath(dest_, g));
    if (!m.ok()) {
      spdlog::warn("backup prune kept every pool file: {}", m.status().message());
      return Status::Ok();
    }
    for (const ManifestFile& f : m->files) listed.insert(f.path);
  }
  std::vector<fs::path> unlisted;
  for (auto it = fs::recursive_directory_iterator(dest_ / kFilesDir, ec);
       !ec && it != fs::end(it); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    if (!listed.count(fs::path(RelativeTo(it->path(), dest_)).generic_string()))
      unlisted.push_back(it->path());
  }
  for (const fs::path& p : unlisted)
    if (fs::remove(p, ec)) ++r_.removed_files;
  return Status::Ok();
}

Result<BackupResult> Writer::Run() {
  double start = MonotonicSeconds();
  DANGAN_RETURN_IF_ERROR(MakeDirs(dest_ / kGenerationsDir));
  DANGAN_RETURN_IF_ERROR(MakeDirs(dest_ / kFilesDir));
  auto lock = WriterLock::Acquire(dest_ / "backup.lock", "backup");
  if (!lock.ok()) return lock.status();
  r_.manifest.generation = NewStamp(dest_ / kGenerationsDir);
  r_.manifest.created_at = NowIso8601Utc();
  r_.manifest.home = home_.root().string();
  const std::string partial_rel = GenerationPath(r_.manifest.generation) + kPartialSuffix;
  DANGAN_RETURN_IF_ERROR(MakeDirs(dest_ / partial_rel));
  DANGAN_RETURN_IF_ERROR(SnapshotCatalogAndConfig(partial_rel));
  auto snap = catalog::ReadSnapshotContents(dest_ / partial_rel / "catalog.sqlite");
  if (!snap.ok()) return snap.status();
  r_.manifest.log_seq = snap->log_seq;
  r_.manifest.log_head = snap->log_head;
  total_ = static_cast<int64_t>(snap->originals.size() + 2 * snap->quarantine.size());
  DANGAN_RETURN_IF_ERROR(CopyOriginals(*snap));
  DANGAN_RETURN_IF_ERROR(CopyQuarantine(*snap));
  DANGAN_RETURN_IF_ERROR(Commit(partial_rel));
  DANGAN_RETURN_IF_ERROR(Prune());
  r_.files = static_cast<int64_t>(r_.manifest.files.size()) + 1 + (r_.manifest.config ? 1 : 0);
  r_.seconds = MonotonicSeconds() - start;
  return std::move(r_);
}

}  // namespace

Result<BackupResult> WriteBackup(const Home& home, catalog::Catalog* live, const fs::path& dest,
                                 const BackupOptions& options) {
  Writer w(home, live, fs::absolute(dest), options);
  return w.Run();
}

}  // namespace dangan::backup
