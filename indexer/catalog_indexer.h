// CatalogIndexer: the DocumentSink (catalog/document_sink.h) that ingest hands
// finished documents to. Replaces each in Xapian and commits every
// index.batch_size documents; only after a batch commits does it mark the
// batch's documents `indexed` in the catalog (DESIGN §4.7), so a crash leaves
// them `stored` and start-up reconciliation indexes them again.
// Owned by the coordinator thread; writer and catalog are borrowed.
#ifndef DANGAN_INDEXER_CATALOG_INDEXER_H_
#define DANGAN_INDEXER_CATALOG_INDEXER_H_

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/document_sink.h"
#include "indexer/index_writer.h"

namespace dangan::indexer {

class CatalogIndexer : public catalog::DocumentSink {
 public:
  CatalogIndexer(IndexWriter* writer, catalog::Catalog* catalog, int batch_size)
      : writer_(writer), catalog_(catalog), batch_size_(batch_size) {}

  Status Add(const catalog::Document& doc, const std::vector<catalog::Page>& pages) override;
  Status Flush() override;
  int64_t indexed() const override { return indexed_; }

 private:
  Result<std::string> ClientName(const std::optional<std::string>& archive_no);

  IndexWriter* writer_;
  catalog::Catalog* catalog_;
  int batch_size_;
  int64_t indexed_ = 0;
  std::map<std::string, std::string> client_names_;  // archive_no -> name, cached
};

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_CATALOG_INDEXER_H_
