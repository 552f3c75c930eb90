// `dangan ingest [PATH…] [--keep]`: DESIGN §4's data flow over files,
// folders and bundles; the inbox by default.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/commands.h"
#include "app/writer_session.h"

namespace dangan::app {
namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  bool keep = false;
};

Status RunIngest(CommandState* st, const IngestArgs& args) {
  auto session = OpenWriterSession(st->ctx, "ingest", {authz::Action::kIngest, {}});
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto ingester = ingest::Ingester::Create(s.h.home, s.h.config, s.h.catalog.get(), s.sink.get(),
                                           s.folder);
  if (!ingester.ok()) return ingester.status();
  std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  if (paths.empty()) paths.push_back(s.h.home.inbox());
  auto summary = (*ingester)->Run(paths, ProgressOptions(st->ctx, args.keep));
  if (st->ctx.stderr_is_tty) std::fputs("\n", stderr);
  if (!summary.ok()) return summary.status();
  const ingest::IngestSummary& sum = *summary;
  spdlog::info("ingest done seen={} stored={} duplicates={} quarantined={} needs_ocr={} "
               "unfiled={} indexed={} seconds={:.1f}",
               sum.seen, sum.stored, sum.duplicates, sum.quarantined, sum.needs_ocr, sum.unfiled,
               sum.indexed, sum.seconds);
  if (sum.quarantined > 0) st->exit_code = 65;
  // RECORDS §4: one log row per ingest run, with its counts.
  DANGAN_RETURN_IF_ERROR(LogAccess(s.h.catalog.get(), s.h.user.name, "ingest", "", SummaryJson(sum)));
  if (st->ctx.json) {
    PrintJson(SummaryJson(sum));
  } else {
    Print(fmt::format("{} inputs in {:.1f} s: {} stored ({} unfiled, {} need OCR), {} duplicates, "
                      "{} quarantined, {} indexed\n",
                      sum.seen, sum.seconds, sum.stored, sum.unfiled, sum.needs_ocr, sum.duplicates,
                      sum.quarantined, sum.indexed));
    if (sum.quarantined > 0) Print("see `dangan quarantine` for the reasons\n");
  }
  return Status::Ok();
}

}  // namespace

void RegisterIngest(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand("ingest", "ingest files, folders and bundles (default: the inbox)");
  cmd->add_option("PATH", args->paths, "files or folders to ingest");
  cmd->add_flag("--keep", args->keep, "leave the inputs in place");
  cmd->callback([st, args] { st->run = [st, args] { return RunIngest(st, *args); }; });
}

}  // namespace dangan::app
