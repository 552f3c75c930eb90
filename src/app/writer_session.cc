#include "app/writer_session.h"

#include <fmt/format.h>

#include <cstdio>

#include "app/destruction_execute.h"
#include "core/clock.h"
#include "indexer/reindex.h"
#include "ingest/reconcile.h"

namespace dangan::app {

Result<std::unique_ptr<WriterSession>> OpenWriterSession(const Context& ctx,
                                                         const std::string& what,
                                                         const Gate& gate) {
  auto s = std::make_unique<WriterSession>();
  auto h = Open(ctx, /*writer=*/true, what, gate);
  if (!h.ok()) return h.status();
  s->h = std::move(h).value();
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  s->folder = *folder;
  // A reindex killed between its two renames left no HOME/index: finish it
  // before anything writes a fresh, empty one there.
  DANGAN_RETURN_IF_ERROR(indexer::FinishInterruptedReindexSwap(s->h.catalog.get(), s->h.home.root()));
  auto writer = indexer::IndexWriter::Open(s->h.home.index(), s->folder);
  if (!writer.ok()) return writer.status();
  s->writer = std::move(writer).value();
  s->sink = std::make_unique<indexer::CatalogIndexer>(s->writer.get(), s->h.catalog.get(),
                                                      s->h.config.index.batch_size);
  // DESIGN §4: whatever a writer that died left half-done is put right before
  // anything else is written.
  auto report = ingest::Reconcile(s->h.home, s->h.catalog.get(), s->sink.get());
  if (!report.ok()) return report.status();
  // RECORDS §6: a destruction killed after its commit is finished: originals
  // unlinked, index entries gone (destruction_execute.h).
  auto finished = FinishDestructions(s->h.home, s->h.catalog.get(), s->writer.get());
  if (!finished.ok()) return finished.status();
  s->h.lock->MarkConsistent();
  return s;
}

ingest::IngestOptions ProgressOptions(const Context& ctx, bool keep) {
  ingest::IngestOptions opt;
  opt.keep = keep;
  if (!ctx.stderr_is_tty) return opt;
  auto last = std::make_shared<double>(0);
  opt.progress = [last](const ingest::IngestSummary& s, int64_t total) {
    double now = MonotonicSeconds();
    if (now - *last < 0.2) return;
    *last = now;
    std::string line = fmt::format(
        "\r  {} of {} inputs seen: {} stored, {} duplicates, {} quarantined; {} pages OCR'd   ",
        s.seen, total, s.stored, s.duplicates, s.quarantined, s.ocr_pages);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  };
  return opt;
}

nlohmann::json SummaryJson(const ingest::IngestSummary& s) {
  return {{"seen", s.seen},
          {"stored", s.stored},
          {"duplicates", s.duplicates},
          {"quarantined", s.quarantined},
          {"needs_ocr", s.needs_ocr},
          {"unfiled", s.unfiled},
          {"indexed", s.indexed},
          {"skipped", s.skipped},
          {"ocr_pages", s.ocr_pages},
          {"ocr_finished", s.ocr_finished},
          {"seconds", s.seconds}};
}

}  // namespace dangan::app
