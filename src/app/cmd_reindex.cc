// `dangan reindex`: rebuild the Xapian index from the catalog alone.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/commands.h"
#include "app/writer_session.h"
#include "core/clock.h"
#include "indexer/reindex.h"
#include "ingest/reconcile.h"

namespace dangan::app {
namespace {

// --ocr-pending: recognise the documents stored as needs_ocr and index them
// (no rebuild of the rest).
Status RunOcrPending(CommandState* st) {
  auto session = OpenWriterSession(st->ctx, "reindex --ocr-pending", {authz::Action::kReindex, {}});
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto ingester = ingest::Ingester::Create(s.h.home, s.h.config, s.h.catalog.get(), s.sink.get(),
                                           s.folder);
  if (!ingester.ok()) return ingester.status();
  auto summary = (*ingester)->RunPendingOcr(ProgressOptions(st->ctx, false));
  if (st->ctx.stderr_is_tty) std::fputs("\n", stderr);
  if (!summary.ok()) return summary.status();
  spdlog::info("ocr-pending done documents={} pages={} indexed={} seconds={:.1f}",
               summary->ocr_finished, summary->ocr_pages, summary->indexed, summary->seconds);
  if (st->ctx.json) {
    PrintJson(SummaryJson(*summary));
  } else {
    Print(fmt::format("recognised {} pages of {} documents stored as needing OCR; {} indexed\n",
                      summary->ocr_pages, summary->ocr_finished, summary->indexed));
  }
  return Status::Ok();
}

Status RunReindex(CommandState* st) {
  auto h = Open(st->ctx, /*writer=*/true, "reindex", {authz::Action::kReindex, {}});
  if (!h.ok()) return h.status();
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  // Staging leftovers and orphans of a writer that died (the index is rebuilt
  // below, so no sink).
  auto report = ingest::Reconcile(h->home, h->catalog.get(), nullptr);
  if (!report.ok()) return report.status();
  bool tty = st->ctx.stderr_is_tty;
  auto stats = indexer::Reindex(h->catalog.get(), h->home.root(), *folder,
                                h->config.index.batch_size, [tty](int64_t done, int64_t total) {
                                  if (tty) std::fprintf(stderr, "\r  %lld of %lld documents   ",
                                                        static_cast<long long>(done),
                                                        static_cast<long long>(total));
                                });
  if (tty) std::fputs("\n", stderr);
  if (!stats.ok()) return stats.status();
  spdlog::info("reindex done documents={} resumed_after={} seconds={:.1f}", stats->documents,
               stats->resumed_after, stats->seconds);
  if (st->ctx.json) {
    PrintJson({{"documents", stats->documents}, {"resumed_after", stats->resumed_after},
               {"seconds", stats->seconds}});
  } else {
    Print(fmt::format("reindexed {} documents in {:.1f} s{}\n", stats->documents, stats->seconds,
                      stats->resumed_after ? fmt::format(" (resumed after document {})",
                                                         stats->resumed_after)
                                           : ""));
  }
  return Status::Ok();
}

}  // namespace

void RegisterReindex(CLI::App& app, CommandState* st) {
  auto ocr_pending = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("reindex", "rebuild the index from the catalog, resumably");
  cmd->add_flag("--ocr-pending", *ocr_pending,
                "instead: OCR the documents stored as needing OCR, and index them");
  cmd->callback([st, ocr_pending] {
    st->run = [st, ocr_pending] { return *ocr_pending ? RunOcrPending(st) : RunReindex(st); };
  });
}

}  // namespace dangan::app
