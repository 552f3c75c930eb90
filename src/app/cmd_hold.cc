// `dangan hold add (A | DOC) --reason TEXT`, `hold remove (A | DOC)
// [--reason TEXT]`, `hold list [--all]` (RECORDS §6): legal holds. A hold on
// an archive covers every document filed under it; held material never
// enters a destruction list, and one held after approval is spared when the
// list is executed. Each change is one transaction with its log row.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/commands.h"
#include "app/destruction_record.h"
#include "app/document_json.h"
#include "core/archive_no.h"
#include "core/clock.h"

namespace dangan::app {
namespace {

// An archive number or a document id, as typed.
struct HoldTarget {
  std::optional<std::string> archive_no;
  std::optional<int64_t> doc_id;
  std::string LogTarget() const {
    return doc_id ? "doc:" + std::to_string(*doc_id) : "archive:" + archive_no.value_or("");
  }
  std::string Words() const {
    return doc_id ? "document " + std::to_string(*doc_id) : "archive " + archive_no.value_or("");
  }
};

Result<HoldTarget> ParseTarget(const std::string& raw) {
  HoldTarget t;
  if (!raw.empty() && std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (raw.size() > 18) return Status::NotFound("no document " + raw);
    t.doc_id = std::stoll(raw);
    return t;
  }
  std::string archive = NormaliseArchiveNoBasic(raw);
  if (archive.empty()) return Status::InvalidArgument("hold: give an archive number or a document id");
  t.archive_no = archive;
  return t;
}

// The gate's target: the document's or the archive's level. A document that
// was destroyed, or an archive no client has, is the command's answer.
Gate HoldGate(authz::Action action, const HoldTarget& target) {
  return {action, [target](catalog::Catalog& c) -> Result<authz::Target> {
            if (target.doc_id) {
              auto level = c.DocumentLevel(*target.doc_id);
              if (level.ok()) return authz::Target{*level, std::nullopt, target.doc_id};
              if (level.status().code() != StatusCode::kNotFound) return level.status();
              DANGAN_ASSIGN_OR_RETURN(auto gone, c.GetTombstone(*target.doc_id));
              if (gone)
                return Status::NotFound(fmt::format("document {} was destroyed at {} (destruction list {})",
                                                    gone->doc_id, gone->executed_at, gone->list_id));
              return level.status();
            }
            DANGAN_ASSIGN_OR_RETURN(auto level, c.ArchiveLevel(*target.archive_no));
            if (!level) return Status::NotFound("no client with archive number " + *target.archive_no);
            return authz::Target{*level, target.archive_no, std::nullopt};
          }};
}

Status RunAdd(CommandState* st, const std::string& raw, const std::string& reason) {
  DANGAN_ASSIGN_OR_RETURN(HoldTarget target, ParseTarget(raw));
  if (reason.empty()) return Status::InvalidArgument("hold add: --reason must say why");
  auto h = Open(st->ctx, false, "", HoldGate(authz::Action::kHold, target));
  if (!h.ok()) return h.status();
  catalog::Hold hold;
  hold.archive_no = target.archive_no;
  hold.doc_id = target.doc_id;
  hold.reason = reason;
  hold.added_by = h->user.name;
  hold.added_at = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(h->catalog->InsertHold(&hold).status());
    return LogAccess(h->catalog.get(), h->user.name, "hold_add", target.LogTarget(),
                     {{"hold", hold.id}, {"reason", reason}});
  }));
  spdlog::info("hold added id={} target={}", hold.id, target.LogTarget());
  if (st->ctx.json) {
    PrintJson(HoldJson(hold));
  } else {
    Print(fmt::format("hold {} on {}: {}\n", hold.id, target.Words(), reason));
  }
  return Status::Ok();
}

Status RunRemove(CommandState* st, const std::string& raw, const std::string& reason) {
  DANGAN_ASSIGN_OR_RETURN(HoldTarget target, ParseTarget(raw));
  auto h = Open(st->ctx, false, "", HoldGate(authz::Action::kHold, target));
  if (!h.ok()) return h.status();
  int removed = 0;
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&]() -> Status {
    DANGAN_ASSIGN_OR_RETURN(removed, h->catalog->RemoveHolds(target.archive_no, target.doc_id,
                                                             h->user.name, NowIso8601Utc(), reason));
    if (removed == 0) return Status::NotFound("no hold in force on " + target.Words());
    return LogAccess(h->catalog.get(), h->user.name, "hold_remove", target.LogTarget(),
                     {{"removed", removed}, {"reason", reason}});
  }));
  spdlog::info("hold removed target={} holds={}", target.LogTarget(), removed);
  if (st->ctx.json) {
    PrintJson({{"target", target.doc_id ? nlohmann::json{{"doc", *target.doc_id}}
                                        : nlohmann::json{{"archive", *target.archive_no}}},
               {"removed", removed}});
  } else {
    Print(fmt::format("{} hold{} on {} removed\n", removed, removed == 1 ? "" : "s", target.Words()));
  }
  return Status::Ok();
}

Status RunList(CommandState* st, bool all) {
  auto h = Open(st->ctx, false, "", {authz::Action::kRetentionRead, {}});
  if (!h.ok()) return h.status();
  DANGAN_ASSIGN_OR_RETURN(auto holds, h->catalog->ListHolds(all));
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const catalog::Hold& hold : holds) arr.push_back(HoldJson(hold));
    PrintJson({{"holds", arr}});
    return Status::Ok();
  }
  if (holds.empty()) Print(all ? "no holds\n" : "no holds in force\n");
  for (const catalog::Hold& hold : holds) {
    std::string target = hold.doc_id ? "document " + std::to_string(*hold.doc_id)
                                     : "archive " + hold.archive_no.value_or("");
    Print(fmt::format("{:>4}  {}  {}  {}  {}\n", hold.id, PadColumns(target, 22),
                      PadColumns(hold.added_by, 10), hold.added_at, hold.reason));
    if (hold.removed_at)
      Print(fmt::format("      removed by {} at {}{}\n", hold.removed_by.value_or("-"), *hold.removed_at,
                        hold.remove_reason && !hold.remove_reason->empty() ? ": " + *hold.remove_reason : ""));
  }
  return Status::Ok();
}

}  // namespace

void RegisterHold(CLI::App& app, CommandState* st) {
  auto* hold = app.add_subcommand("hold", "legal holds (保全): keep material out of destruction");
  hold->require_subcommand(1);
  auto target = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);

  auto* add = hold->add_subcommand("add", "put an archive or a document on hold");
  add->add_option("TARGET", *target, "archive number or document id")->required();
  add->add_option("--reason", *reason, "why (a case, an audit, …)")->required();
  add->callback([st, target, reason] {
    st->run = [st, target, reason] { return RunAdd(st, *target, *reason); };
  });

  auto* remove = hold->add_subcommand("remove", "end the holds in force on an archive or a document");
  remove->add_option("TARGET", *target, "archive number or document id")->required();
  remove->add_option("--reason", *reason, "why the hold ends");
  remove->callback([st, target, reason] {
    st->run = [st, target, reason] { return RunRemove(st, *target, *reason); };
  });

  auto* list = hold->add_subcommand("list", "holds in force");
  list->add_flag("--all", *all, "ended holds too");
  list->callback([st, all] { st->run = [st, all] { return RunList(st, *all); }; });
}

}  // namespace dangan::app
