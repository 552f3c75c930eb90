#include "indexer/catalog_indexer.h"

#include "core/crash_point.h"

namespace dangan::indexer {

Result<std::string> CatalogIndexer::ClientName(const std::optional<std::string>& archive_no) {
  if (!archive_no) return std::string();
  auto it = client_names_.find(*archive_no);
  if (it != client_names_.end()) return it->second;
  auto client = catalog_->GetClient(*archive_no);
  if (!client.ok()) return client.status();
  std::string name = client->has_value() ? (*client)->name : "";
  client_names_[*archive_no] = name;
  return name;
}

Status CatalogIndexer::Add(const catalog::Document& doc, const std::vector<catalog::Page>& pages) {
  auto name = ClientName(doc.archive_no);
  if (!name.ok()) return name.status();
  // The level is the catalog's (archive's or the document's own, RECORDS §2),
  // not what the caller's copy says: ingest hands over a document it built.
  auto level = catalog_->DocumentLevel(doc.id);
  if (!level.ok()) return level.status();
  catalog::Document with_level = doc;
  with_level.level = *level;
  DANGAN_RETURN_IF_ERROR(writer_->Replace(with_level, pages, *name));
  if (writer_->pending() >= static_cast<size_t>(batch_size_)) return Flush();
  return Status::Ok();
}

// Flush: commit the Xapian batch, then mark its documents indexed.
// Crash between the two: the documents are in Xapian but still `stored`;
// reconciliation replaces them again (by unique term: no duplicate entry).
Status CatalogIndexer::Flush() {
  if (writer_->pending() == 0) return Status::Ok();
  auto ids = writer_->Commit();
  if (!ids.ok()) return ids.status();
  CrashPoint("index.after_commit");
  DANGAN_RETURN_IF_ERROR(catalog_->Transaction([&] {
    for (int64_t id : *ids) DANGAN_RETURN_IF_ERROR(catalog_->SetState(id, DocState::kIndexed));
    return Status::Ok();
  }));
  indexed_ += static_cast<int64_t>(ids->size());
  return Status::Ok();
}

}  // namespace dangan::indexer
