// `dangan stats`: counts by state, type and archive; index size.
#include <fmt/format.h>

#include "app/commands.h"
#include "search/index_stats.h"

namespace dangan::app {
namespace {

Status RunStats(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kStats, {}});
  if (!h.ok()) return h.status();
  auto stats = h->catalog->GetStats();
  if (!stats.ok()) return stats.status();
  int64_t index_docs = 0;
  auto index = search::ReadIndexStats(h->home.index());
  if (index.ok()) {
    index_docs = static_cast<int64_t>(index->doc_count);
  } else if (index.status().code() != StatusCode::kNotFound) {
    return index.status();
  }
  const catalog::Stats& s = *stats;
  if (st->ctx.json) {
    PrintJson({{"documents", s.documents}, {"by_state", s.by_state}, {"by_type", s.by_type},
               {"by_archive", s.by_archive}, {"archives", s.archives}, {"clients", s.clients},
               {"unfiled", s.unfiled}, {"quarantined", s.quarantined}, {"index_docs", index_docs},
               {"sources", s.sources}});
    return Status::Ok();
  }
  std::string out = fmt::format("{} documents in {} archives ({} clients), {} unfiled, {} quarantined\n",
                                s.documents, s.archives, s.clients, s.unfiled, s.quarantined);
  out += "  by state:";
  for (const auto& [k, v] : s.by_state) out += fmt::format("  {} {}", k, v);
  out += "\n  by type: ";
  for (const auto& [k, v] : s.by_type) out += fmt::format("  {} {}", k, v);
  out += fmt::format("\n  index:     {} documents\n", index_docs);
  Print(out);
  return Status::Ok();
}

}  // namespace

void RegisterStats(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("stats", "counts by state, type, archive; index size");
  cmd->callback([st] { st->run = [st] { return RunStats(st); }; });
}

}  // namespace dangan::app
