// WriterSession: what a writing command holds for its run: the home opened
// under dangan.lock, the Xapian writer and the sink that indexes into it.
#ifndef DANGAN_APP_WRITER_SESSION_H_
#define DANGAN_APP_WRITER_SESSION_H_

#include <memory>
#include <string>

#include "app/context.h"
#include "indexer/catalog_indexer.h"
#include "indexer/index_writer.h"
#include "ingest/ingester.h"

namespace dangan::app {

struct WriterSession {
  OpenHome h;
  const TextFolder* folder = nullptr;
  std::unique_ptr<indexer::IndexWriter> writer;
  std::unique_ptr<indexer::CatalogIndexer> sink;
};

Result<std::unique_ptr<WriterSession>> OpenWriterSession(const Context& ctx,
                                                         const std::string& what,
                                                         const Gate& gate);

// A progress line on stderr while a long run goes on, when stderr is a
// terminal (at most five updates a second).
ingest::IngestOptions ProgressOptions(const Context& ctx, bool keep);

nlohmann::json SummaryJson(const ingest::IngestSummary& s);

}  // namespace dangan::app

#endif  // DANGAN_APP_WRITER_SESSION_H_
