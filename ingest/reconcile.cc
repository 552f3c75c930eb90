#include "ingest/reconcile.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "core/fs.h"
#include "core/writer_lock.h"
#include "ingest/change_apply.h"
#include "ingest/store.h"

namespace dangan::ingest {
namespace fs = std::filesystem;

namespace {

// Step 2 for one file of store/ARCHIVE/.
Status ReconcileStoreFile(const Home& home, catalog::Catalog* catalog, const fs::path& file,
                          ReconcileReport* report) {
  std::error_code ec;
  auto id = catalog->FindDocumentBySha(file.stem().string());
  if (!id.ok()) return id.status();
  if (!id->has_value()) {
    auto tombstone = catalog->FindTombstoneBySha(file.stem().string());
    if (!tombstone.ok()) return tombstone.status();
    if (tombstone->has_value()) {
      // Destroyed (RECORDS §6) but not yet unlinked: finish it.
      fs::remove(file, ec);
      if (ec) return Status::IoError("reconcile: remove " + home.Relative(file) + ": " + ec.message());
      DANGAN_RETURN_IF_ERROR(FsyncDir(file.parent_path()));
      spdlog::warn("reconcile finished destruction doc={} list={} file={}", (*tombstone)->doc_id,
                   (*tombstone)->list_id, home.Relative(file));
      ++report->destroyed_removed;
      return Status::Ok();
    }
    spdlog::warn("reconcile removed orphan store file={}", home.Relative(file));
    fs::remove(file, ec);
    ++report->orphans_removed;
    return Status::Ok();
  }
  auto doc = catalog->GetDocument(**id);
  if (!doc.ok()) return doc.status();
  fs::path want = home.root() / (*doc)->stored_path;
  if (want.lexically_normal() == file.lexically_normal()) return Status::Ok();
  if (fs::exists(want, ec)) {
    spdlog::warn("reconcile removed second copy file={} of={}", home.Relative(file),
                 (*doc)->stored_path);
    fs::remove(file, ec);
    ++report->orphans_removed;
    return Status::Ok();
  }
  DANGAN_RETURN_IF_ERROR(MakeDirs(want.parent_path()));
  DANGAN_RETURN_IF_ERROR(MoveFile(file, want));
  spdlog::warn("reconcile moved file={} to={}", home.Relative(file), (*doc)->stored_path);
  ++report->misplaced_fixed;
  return Status::Ok();
}

Status ReconcileStore(const Home& home, catalog::Catalog* catalog, ReconcileReport* report) {
  std::error_code ec;
  if (!fs::exists(home.store(), ec)) return Status::Ok();
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(home.store(), ec)) {
    if (!dir.is_directory() || dir.path() == home.staging()) continue;
    for (const auto& f : fs::directory_iterator(dir.path(), ec))
      if (f.is_regular_file()) files.push_back(f.path());
  }
  for (const fs::path& f : files) DANGAN_RETURN_IF_ERROR(ReconcileStoreFile(home, catalog, f, report));
  return Status::Ok();
}

Status ReconcileQuarantine(const Home& home, catalog::Catalog* catalog, ReconcileReport* report) {
  std::error_code ec;
  if (!fs::exists(home.quarantine(), ec)) return Status::Ok();
  for (const auto& dir : fs::directory_iterator(home.quarantine(), ec)) {
    int64_t id = std::atoll(dir.path().filename().c_str());
    if (id <= 0) continue;
    auto item = catalog->GetQuarantine(id);
    if (!item.ok()) return item.status();
    if (item->has_value()) continue;
    spdlog::warn("reconcile removed uncommitted quarantine folder={}", home.Relative(dir.path()));
    fs::remove_all(dir.path(), ec);
    ++report->quarantine_removed;
  }
  return Status::Ok();
}

Status ReconcileIndex(catalog::Catalog* catalog, catalog::DocumentSink* sink,
                      ReconcileReport* report) {
  std::vector<catalog::Document> unindexed;
  catalog::DocumentFilter stored_only;
  stored_only.state = DocState::kStored;
  DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument(stored_only, 0, [&](const catalog::Document& d) {
    unindexed.push_back(d);
    return true;
  }));
  for (const catalog::Document& d : unindexed) {
    auto pages = catalog->GetPages(d.id);
    if (!pages.ok()) return pages.status();
    DANGAN_RETURN_IF_ERROR(sink->Add(d, *pages));
  }
  DANGAN_RETURN_IF_ERROR(sink->Flush());
  if (!unindexed.empty()) spdlog::info("reconcile re-indexed documents={}", unindexed.size());
  report->reindexed = static_cast<int>(unindexed.size());
  return Status::Ok();
}

}  // namespace

Result<ReconcileReport> Reconcile(const Home& home, catalog::Catalog* catalog,
                                  catalog::DocumentSink* sink) {
  ReconcileReport report;
  auto finished = FinishInterruptedChanges(home, catalog);
  if (!finished.ok()) return finished.status();
  report.changes_finished = *finished;
  // Staging belongs to a running watch, if there is one (core/writer_lock.h
  // WatchLock): its claims wait there while it lets other writers in.
  if (!WatchLock::Held(home.watch_lock())) {
    Store store(home);
    auto cleared = store.ClearStaging();
    if (!cleared.ok()) return cleared.status();
    report.staging_removed = *cleared;
    if (*cleared > 0) spdlog::info("reconcile cleared staging entries={}", *cleared);
  }
  DANGAN_RETURN_IF_ERROR(ReconcileStore(home, catalog, &report));
  DANGAN_RETURN_IF_ERROR(ReconcileQuarantine(home, catalog, &report));
  if (sink != nullptr) DANGAN_RETURN_IF_ERROR(ReconcileIndex(catalog, sink, &report));
  // Always one line: a service's log shows that the start-up check ran.
  spdlog::log(report.any() ? spdlog::level::warn : spdlog::level::info,
              "reconcile {} staging_removed={} orphans_removed={} destroyed_removed={} "
              "misplaced_fixed={} quarantine_removed={} reindexed={} changes_finished={}",
              report.any() ? "repaired what an interrupted run left" : "ok",
              report.staging_removed, report.orphans_removed, report.destroyed_removed,
              report.misplaced_fixed, report.quarantine_removed, report.reindexed,
              report.changes_finished);
  return report;
}

}  // namespace dangan::ingest
