#include "ingest/refile.h"

#include <spdlog/spdlog.h>

#include "core/crash_point.h"

namespace dangan::ingest {

Status RefileDocument(Store* store, catalog::Catalog* catalog, catalog::DocumentSink* sink,
                      const catalog::Document& doc, const std::string& archive_no,
                      const std::function<Status()>& in_transaction) {
  const bool reindex = doc.state != DocState::kNeedsOcr;
  auto moved = store->Refile(doc.stored_path, archive_no);
  if (!moved.ok()) return moved.status();
  CrashPoint("refile.after_rename");
  Status w = catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog->SetFiling(doc.id, archive_no, RoutedBy::kManual, *moved));
    if (reindex) DANGAN_RETURN_IF_ERROR(catalog->SetState(doc.id, DocState::kStored));
    DANGAN_RETURN_IF_ERROR(catalog->LogEvent("filed", doc.id, archive_no));
    return in_transaction ? in_transaction() : Status::Ok();
  });
  if (!w.ok()) {
    auto back = store->Refile(*moved, doc.archive_no.value_or(""));
    if (!back.ok()) spdlog::error("could not move {} back: {}", *moved, back.status().message());
    return w;
  }
  CrashPoint("refile.after_commit");
  if (!reindex || sink == nullptr) return Status::Ok();
  auto updated = catalog->GetDocument(doc.id);
  if (!updated.ok()) return updated.status();
  if (!updated->has_value()) return Status::NotFound("no document " + std::to_string(doc.id));
  auto pages = catalog->GetPages(doc.id);
  if (!pages.ok()) return pages.status();
  DANGAN_RETURN_IF_ERROR(sink->Add(**updated, *pages));
  return sink->Flush();
}

}  // namespace dangan::ingest
