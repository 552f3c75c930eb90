// `dangan quarantine [--release ID]`: quarantined inputs with their reasons;
// --release re-ingests one (after the archivist mended or vouched for it).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "app/writer_session.h"

namespace dangan::app {
namespace {

Status RunList(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kQuarantine, {}});
  if (!h.ok()) return h.status();
  auto items = h->catalog->ListQuarantine(/*include_released=*/false);
  if (!items.ok()) return items.status();
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& q : *items) arr.push_back(QuarantineJson(q));
    PrintJson({{"items", arr}});
    return Status::Ok();
  }
  if (items->empty()) Print("nothing is quarantined\n");
  for (const auto& q : *items)
    Print(fmt::format("{:>5}  {}  {}\n       {}\n", q.id, PadColumns(ToString(q.reason), 13), q.source,
                      q.detail));
  return Status::Ok();
}

// Release: ingest the kept bytes again under the item's original source (so
// folder routing still sees its folders), leaving them in quarantine/ID until
// the item is marked released: a crash in between leaves the item as it was,
// and releasing it again records a duplicate at worst.
Status RunRelease(CommandState* st, int64_t id) {
  auto session = OpenWriterSession(st->ctx, "quarantine --release", {authz::Action::kQuarantineRelease, {}});
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto item = s.h.catalog->GetQuarantine(id);
  if (!item.ok()) return item.status();
  if (!item->has_value() || (*item)->released)
    return Status::NotFound("no quarantined item " + std::to_string(id));
  const catalog::QuarantineItem& q = **item;
  std::filesystem::path dir = s.h.home.quarantine() / std::to_string(id);
  ingest::Input input;
  input.path = dir / q.file_name;
  input.source = q.source;
  std::string folders_part = q.source.substr(0, q.source.find_last_of('/') == std::string::npos
                                                    ? 0 : q.source.find_last_of('/'));
  input.folders = ingest::MemberFolders(folders_part + "/x");
  auto ingester = ingest::Ingester::Create(s.h.home, s.h.config, s.h.catalog.get(), s.sink.get(),
                                           s.folder);
  if (!ingester.ok()) return ingester.status();
  ingest::IngestOptions options = ProgressOptions(st->ctx, /*keep=*/true);
  options.releasing = id;
  auto summary = (*ingester)->RunInputs({input}, options);
  if (!summary.ok()) return summary.status();
  DANGAN_RETURN_IF_ERROR(s.h.catalog->MarkReleased(id));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  spdlog::info("released quarantine id={} stored={} quarantined={}", id, summary->stored,
               summary->quarantined);
  if (summary->quarantined > 0) st->exit_code = 65;
  if (st->ctx.json) {
    PrintJson({{"released", id}, {"ingest", SummaryJson(*summary)}});
  } else {
    Print(fmt::format("released item {}: {} stored, {} duplicates, {} quarantined again\n", id,
                      summary->stored, summary->duplicates, summary->quarantined));
  }
  return Status::Ok();
}

}  // namespace

void RegisterQuarantine(CLI::App& app, CommandState* st) {
  auto release = std::make_shared<int64_t>(0);
  auto* cmd = app.add_subcommand("quarantine", "quarantined inputs, or --release ID to re-ingest one");
  auto* opt = cmd->add_option("--release", *release, "re-ingest this item");
  cmd->callback([st, release, opt] {
    if (opt->count() > 0) {
      st->run = [st, release] { return RunRelease(st, *release); };
    } else {
      st->run = [st] { return RunList(st); };
    }
  });
}

}  // namespace dangan::app
