// `dangan stats`: counts by state, type and archive; index size; the
// dashboard's series (documents per month, ingests per day, OCR backlog).
#include <fmt/format.h>

#include <ctime>
#include <map>
#include <string>

#include "app/commands.h"
#include "core/clock.h"
#include "search/index_stats.h"

namespace dangan::app {
namespace {

constexpr int kIngestDays = 30;  // ingested_by_day: today (UTC) and the 29 days before

// The last kIngestDays days, oldest first, each with its count (0 when none
// was ingested that day): a chart's x axis without gaps.
std::map<std::string, int64_t> IngestedByDay(const std::map<std::string, int64_t>& counts,
                                             int64_t now_s) {
  std::map<std::string, int64_t> days;
  for (int i = kIngestDays - 1; i >= 0; --i) {
    std::string day = FormatUtc(now_s - int64_t{86400} * i).substr(0, 10);
    auto it = counts.find(day);
    days[day] = it == counts.end() ? 0 : it->second;
  }
  return days;
}

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
  const int64_t now_s = std::time(nullptr);
  const std::string since = FormatUtc(now_s - int64_t{86400} * (kIngestDays - 1)).substr(0, 10);
  auto activity = h->catalog->GetActivity(since);
  if (!activity.ok()) return activity.status();
  const catalog::Stats& s = *stats;
  const std::map<std::string, int64_t> by_day = IngestedByDay(activity->ingested_by_day, now_s);
  if (st->ctx.json) {
    PrintJson({{"documents", s.documents}, {"by_state", s.by_state}, {"by_type", s.by_type},
               {"by_archive", s.by_archive}, {"archives", s.archives}, {"clients", s.clients},
               {"unfiled", s.unfiled}, {"quarantined", s.quarantined}, {"index_docs", index_docs},
               {"sources", s.sources}, {"by_month", activity->by_month},
               {"ingested_by_day", by_day}, {"ocr_pending", activity->ocr_pending}});
    return Status::Ok();
  }
  std::string out = fmt::format("{} documents in {} archives ({} clients), {} unfiled, {} quarantined\n",
                                s.documents, s.archives, s.clients, s.unfiled, s.quarantined);
  out += "  by state:";
  for (const auto& [k, v] : s.by_state) out += fmt::format("  {} {}", k, v);
  out += "\n  by type: ";
  for (const auto& [k, v] : s.by_type) out += fmt::format("  {} {}", k, v);
  out += fmt::format("\n  index:     {} documents\n", index_docs);
  int64_t recent = 0;
  for (const auto& [day, n] : by_day) recent += n;
  std::string months;
  if (!activity->by_month.empty())
    months = fmt::format(", dated {} to {}", activity->by_month.begin()->first,
                         activity->by_month.rbegin()->first);
  out += fmt::format("  ingested:  {} in the last {} days, {} waiting for OCR{}\n", recent,
                     kIngestDays, activity->ocr_pending, months);
  Print(out);
  return Status::Ok();
}

}  // namespace

void RegisterStats(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("stats", "counts by state, type, archive; index size");
  cmd->callback([st] { st->run = [st] { return RunStats(st); }; });
}

}  // namespace dangan::app
