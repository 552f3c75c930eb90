// DocumentSink: where ingest hands a finished, committed document (DESIGN §4.7
// "index"). ingest never touches Xapian (DESIGN §1); the app wires a sink from
// indexer/ into it.
#ifndef DANGAN_CATALOG_DOCUMENT_SINK_H_
#define DANGAN_CATALOG_DOCUMENT_SINK_H_

#include <cstdint>
#include <vector>

#include "catalog/records.h"
#include "core/status.h"

namespace dangan::catalog {

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  // doc's row is committed. The sink may batch; a document is `indexed` once
  // the sink says so in the catalog.
  virtual Status Add(const Document& doc, const std::vector<Page>& pages) = 0;
  // Makes everything added so far durable.
  virtual Status Flush() = 0;
  // Documents marked indexed so far.
  virtual int64_t indexed() const = 0;
};

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_DOCUMENT_SINK_H_
