// `dangan log [--user U] [--doc ID] [--archive A] [--action X] [--since T]
// [--until T] [--csv]` and `dangan log verify` (RECORDS §4): the access log
// (登记簿) and its hash chain.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/document_json.h"

namespace dangan::app {
namespace {

struct LogArgs {
  std::string user;
  int64_t doc = 0;
  std::string archive;
  std::string action;
  std::string since;
  std::string until;
  bool csv = false;
};

// RECORDS §9: {"seq", "at", "user", "action", "target", "detail", "hash"}.
nlohmann::json LogRowJson(const catalog::LogRow& r) {
  nlohmann::json detail = nlohmann::json::parse(r.detail, nullptr, false);
  if (detail.is_discarded()) detail = r.detail;
  return {{"seq", r.seq},       {"at", r.at},         {"user", r.user}, {"action", r.action},
          {"target", r.target}, {"detail", detail},   {"hash", r.hash}};
}

// One CSV field, quoted when it needs to be (RFC 4180).
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

catalog::LogFilter FilterOf(const LogArgs& args) {
  catalog::LogFilter f;
  auto set = [](const std::string& v, std::optional<std::string>* out) {
    if (!v.empty()) *out = v;
  };
  set(args.user, &f.user);
  set(args.archive, &f.archive);
  set(args.action, &f.action);
  set(args.since, &f.since);
  set(args.until, &f.until);
  if (args.doc > 0) f.target = "doc:" + std::to_string(args.doc);
  return f;
}

Status RunLog(CommandState* st, const LogArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kLogRead, {}});
  if (!h.ok()) return h.status();
  nlohmann::json rows = nlohmann::json::array();
  if (args.csv) Print("seq,at,user,action,target,detail,hash\n");
  DANGAN_RETURN_IF_ERROR(h->catalog->ForEachLogRow(FilterOf(args), [&](const catalog::LogRow& r) {
    if (args.csv) {
      Print(fmt::format("{},{},{},{},{},{},{}\n", r.seq, CsvField(r.at), CsvField(r.user),
                        CsvField(r.action), CsvField(r.target), CsvField(r.detail), r.hash));
    } else if (st->ctx.json) {
      rows.push_back(LogRowJson(r));
    } else {
      Print(fmt::format("{:>6}  {}  {}  {}  {}  {}\n", r.seq, r.at, PadColumns(r.user, 10),
                        PadColumns(r.action, 12), PadColumns(r.target.empty() ? "-" : r.target, 20),
                        r.detail));
    }
    return true;
  }));
  if (st->ctx.json && !args.csv) PrintJson({{"rows", rows}});
  return Status::Ok();
}

Status RunVerifyLog(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kLogRead, {}});
  if (!h.ok()) return h.status();
  auto broken = h->catalog->VerifyLog();
  if (!broken.ok()) return broken.status();
  if (broken->has_value()) {
    st->exit_code = 1;
    spdlog::warn("log verify broken seq={} why=\"{}\"", (*broken)->seq, (*broken)->why);
  }
  if (st->ctx.json) {
    nlohmann::json j = {{"ok", !broken->has_value()}};
    if (broken->has_value()) j["broken"] = {{"seq", (*broken)->seq}, {"why", (*broken)->why}};
    PrintJson(j);
  } else {
    Print(broken->has_value()
              ? fmt::format("log broken at row {}: {}\n", (*broken)->seq, (*broken)->why)
              : std::string("ok: the access log's hash chain holds\n"));
  }
  return Status::Ok();
}

}  // namespace

void RegisterLog(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<LogArgs>();
  auto* cmd = app.add_subcommand("log", "the access log (RECORDS §4)");
  cmd->add_option("--user", args->user, "only rows of this user");
  cmd->add_option("--doc", args->doc, "only rows about this document");
  cmd->add_option("--archive", args->archive, "only rows about this archive");
  cmd->add_option("--action", args->action, "only this action (open, search, locate, denied, …)");
  cmd->add_option("--since", args->since, "rows at or after this time (ISO 8601 UTC)");
  cmd->add_option("--until", args->until, "rows at or before this time");
  cmd->add_flag("--csv", args->csv, "CSV on stdout");
  cmd->callback([st, args] {
    if (!st->run) st->run = [st, args] { return RunLog(st, *args); };
  });
  auto* verify = cmd->add_subcommand("verify", "recompute the hash chain; exit 1 naming the first broken row");
  verify->callback([st] { st->run = [st] { return RunVerifyLog(st); }; });
}

}  // namespace dangan::app
