#include "app/destruction_execute.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <set>

#include "app/context.h"
#include "app/destruction_record.h"
#include "app/retention_review.h"
#include "core/clock.h"
#include "core/crash_point.h"
#include "core/fs.h"

namespace dangan::app {
namespace {

namespace fs = std::filesystem;

// Why a document on the list must not be destroyed now; "" when it may.
Result<std::string> WhySpared(catalog::Catalog* catalog, const Config& config,
                              const catalog::DestructionItem& item, Date as_of,
                              std::optional<catalog::Document>* doc) {
  DANGAN_ASSIGN_OR_RETURN(*doc, catalog->GetDocument(item.doc_id));
  if (!doc->has_value()) {
    DANGAN_ASSIGN_OR_RETURN(auto gone, catalog->GetTombstone(item.doc_id));
    if (gone) return fmt::format("already destroyed by destruction list {}", gone->list_id);
    return std::string("no longer in the catalog");
  }
  const catalog::Document& d = **doc;
  DANGAN_ASSIGN_OR_RETURN(auto holds, catalog->HoldsOn(d.id, d.archive_no));
  if (!holds.empty()) {
    const catalog::Hold& h = holds.front();
    return fmt::format("held since approval: hold {} on {} by {} at {} ({})", h.id,
                       h.doc_id ? "document " + std::to_string(*h.doc_id)
                                : "archive " + h.archive_no.value_or(""),
                       h.added_by, h.added_at, h.reason);
  }
  DANGAN_ASSIGN_OR_RETURN(auto outcome, ReviewDocument(catalog, config.retention, d, as_of));
  if (!outcome.is_due)
    return fmt::format("no longer due as of {} (class {}, due {})", FormatIsoDate(as_of),
                       ToString(outcome.retention_class),
                       outcome.due ? FormatIsoDate(*outcome.due) : "never");
  return std::string();
}

}  // namespace

Result<ExecuteOutcome> ExecuteDestruction(catalog::Catalog* catalog, const Config& config,
                                          int64_t list_id, const std::string& user) {
  ExecuteOutcome out;
  Status s = catalog->Transaction([&]() -> Status {
    DANGAN_ASSIGN_OR_RETURN(auto list, catalog->GetDestructionList(list_id));
    if (!list) return Status::NotFound("no destruction list " + std::to_string(list_id));
    if (list->state == "executed") {
      out.already_executed = true;
      return Status::Ok();
    }
    if (list->state != "approved")
      return Status::InvalidArgument(fmt::format(
          "destruction list {} is {}: only an approved list is executed ({} of {} approvals)",
          list_id, list->state, list->approvals.size(), config.destruction.approvals));
    const std::string now = NowIso8601Utc();
    const Date as_of = ParseIsoDate(list->as_of).value_or(TodayUtc());
    for (const catalog::DestructionItem& item : list->items) {
      std::optional<catalog::Document> doc;
      DANGAN_ASSIGN_OR_RETURN(std::string why, WhySpared(catalog, config, item, as_of, &doc));
      if (!why.empty()) {
        spdlog::warn("destruction spared doc={} list={} reason=\"{}\"", item.doc_id, list_id, why);
        DANGAN_RETURN_IF_ERROR(catalog->SetDestructionItemOutcome(list_id, item.doc_id, "spared", why));
        out.spared.emplace_back(item.doc_id, why);
        continue;
      }
      catalog::Tombstone t = WouldBeTombstone(*doc, item, *list);
      t.executed_at = now;
      t.executed_by = user;
      DANGAN_RETURN_IF_ERROR(catalog->DestroyDocument(t));
      DANGAN_RETURN_IF_ERROR(catalog->SetDestructionItemOutcome(list_id, item.doc_id, "destroyed", ""));
      DANGAN_RETURN_IF_ERROR(catalog->LogEvent("destroyed", item.doc_id,
                                               "destruction list " + std::to_string(list_id)));
      out.destroyed.push_back(item.doc_id);
    }
    DANGAN_RETURN_IF_ERROR(catalog->MarkDestructionExecuted(list_id, user, now));
    nlohmann::json spared = nlohmann::json::array();
    for (const auto& [id, why] : out.spared) spared.push_back({{"id", id}, {"reason", why}});
    DANGAN_RETURN_IF_ERROR(LogAccess(catalog, user, "destruction_execute",
                                     "destruction:" + std::to_string(list_id),
                                     {{"destroyed", out.destroyed}, {"spared", spared}}));
    CrashPoint("destruction.before_commit");
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!out.already_executed) CrashPoint("destruction.after_commit");
  return out;
}

Result<int> FinishDestructions(const Home& home, catalog::Catalog* catalog,
                               indexer::IndexWriter* writer) {
  DANGAN_ASSIGN_OR_RETURN(auto pending, catalog->UncleanedTombstones());
  if (pending.empty()) return 0;
  std::set<fs::path> dirs;
  for (const catalog::Tombstone& t : pending) {
    // The same bytes ingested again since are a new document owning the
    // file: never take it from under it.
    DANGAN_ASSIGN_OR_RETURN(auto owner, catalog->FindDocumentBySha(t.sha256));
    if (owner) continue;
    const fs::path file = home.root() / t.stored_path;
    std::error_code ec;
    const bool removed = fs::remove(file, ec);
    if (ec) return Status::IoError(fmt::format("destroy {}: {}", t.stored_path, ec.message()));
    if (removed) spdlog::info("destroyed original doc={} file={}", t.doc_id, t.stored_path);
    dirs.insert(file.parent_path());
    CrashPoint("destruction.after_unlink");
  }
  for (const fs::path& dir : dirs) DANGAN_RETURN_IF_ERROR(FsyncDir(dir));
  for (const catalog::Tombstone& t : pending) DANGAN_RETURN_IF_ERROR(writer->Delete(t.doc_id));
  auto committed = writer->Commit();
  if (!committed.ok()) return committed.status();
  CrashPoint("destruction.after_index_commit");
  const std::string now = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(catalog->Transaction([&] {
    for (const catalog::Tombstone& t : pending)
      DANGAN_RETURN_IF_ERROR(catalog->MarkTombstoneCleaned(t.doc_id, now));
    return Status::Ok();
  }));
  spdlog::info("destruction finished documents={}", pending.size());
  return static_cast<int>(pending.size());
}

}  // namespace dangan::app
