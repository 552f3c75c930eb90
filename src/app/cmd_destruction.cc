// `dangan destruction propose | approve | reject | execute | show | list`
// (RECORDS §6): destruction lists (销毁清册) of due, unheld documents,
// approved by destruction.approvals distinct approvers other than the
// proposer, executed by an archivist, kept as a record (销毁记录) with a
// tombstone per document. Every step is one transaction with its log row.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/destruction_execute.h"
#include "app/destruction_record.h"
#include "app/document_json.h"
#include "app/report_pdf.h"
#include "app/retention_review.h"
#include "app/writer_session.h"
#include "authz/approvals.h"
#include "core/archive_no.h"
#include "core/clock.h"

namespace dangan::app {
namespace {

std::string ListTarget(int64_t id) { return "destruction:" + std::to_string(id); }

// Deciding or executing a list needs clearance for every document on it.
Gate ListGate(authz::Action action, int64_t list_id) {
  return {action, [list_id](catalog::Catalog& c) -> Result<authz::Target> {
            DANGAN_ASSIGN_OR_RETURN(Level level, DestructionListLevel(&c, list_id));
            return authz::Target{level, std::nullopt, std::nullopt};
          }};
}

Status PrintRecord(CommandState* st, const OpenHome& h, int64_t list_id, const std::string& head) {
  DANGAN_ASSIGN_OR_RETURN(auto record, LoadDestructionRecord(h.catalog.get(), list_id,
                                                             h.config.destruction.approvals));
  if (st->ctx.json) {
    PrintJson(DestructionListJson(record, h.user.clearance));
  } else {
    Print(head + DestructionListText(record, h.user.clearance));
  }
  return Status::Ok();
}

Status RunPropose(CommandState* st, const std::string& as_of_text, const std::string& raw_archive) {
  DANGAN_ASSIGN_OR_RETURN(Date as_of, ParseAsOf(as_of_text));
  std::optional<std::string> archive;
  if (!raw_archive.empty()) archive = NormaliseArchiveNoBasic(raw_archive);
  Gate gate{authz::Action::kDestructionPropose, [archive](catalog::Catalog& c) -> Result<authz::Target> {
              if (!archive) return authz::Target{};
              DANGAN_ASSIGN_OR_RETURN(auto level, c.ArchiveLevel(*archive));
              if (!level) return Status::NotFound("no client with archive number " + *archive);
              return authz::Target{*level, archive, std::nullopt};
            }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  catalog::DestructionList list;
  list.state = "proposed";
  list.proposed_by = h->user.name;
  list.proposed_at = NowIso8601Utc();
  list.as_of = FormatIsoDate(as_of);
  list.archive_no = archive;
  int held = 0, listed = 0, hidden = 0;
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&]() -> Status {
    DANGAN_ASSIGN_OR_RETURN(auto report, DueDocuments(h->catalog.get(), h->config.retention,
                                                      {as_of, archive, h->user.clearance}));
    hidden = report.hidden;
    nlohmann::json ids = nlohmann::json::array();
    for (const ReviewedDocument& r : report.due) {
      if (r.held()) {
        ++held;
      } else if (r.open_list) {
        ++listed;
      } else {
        list.items.push_back({r.doc.id, ToString(r.outcome.retention_class),
                              FormatIsoDate(*r.outcome.due), std::nullopt, ""});
        ids.push_back(r.doc.id);
      }
    }
    if (list.items.empty())
      return Status::NotFound(fmt::format(
          "nothing to propose: no due, unheld document{} as of {} ({} held, {} already on open "
          "lists{})", archive ? " in archive " + *archive : "", list.as_of, held, listed,
          hidden > 0 ? fmt::format(", {} above your clearance", hidden) : ""));
    DANGAN_RETURN_IF_ERROR(h->catalog->InsertDestructionList(&list).status());
    return LogAccess(h->catalog.get(), h->user.name, "destruction_propose", ListTarget(list.id),
                     {{"as_of", list.as_of},
                      {"archive_no", archive ? nlohmann::json(*archive) : nullptr},
                      {"documents", ids},
                      {"held", held}});
  }));
  spdlog::info("destruction proposed list={} documents={} held={}", list.id, list.items.size(), held);
  return PrintRecord(st, *h, list.id,
                     fmt::format("proposed destruction list {}: {} documents due as of {}{}; it "
                                 "needs {} approvals\n",
                                 list.id, list.items.size(), list.as_of,
                                 held > 0 ? fmt::format(" ({} held, left out)", held) : "",
                                 h->config.destruction.approvals));
}

// approve (reason empty) or reject one list, by an approver other than its
// proposer (authz::DecideApproval); a refusal is logged as "denied".
Status RunDecide(CommandState* st, int64_t list_id, bool approve, const std::string& reason) {
  if (!approve && reason.empty()) return Status::InvalidArgument("reject: --reason must say why");
  auto h = Open(st->ctx, false, "", ListGate(authz::Action::kApprove, list_id));
  if (!h.ok()) return h.status();
  const int required = h->config.destruction.approvals;
  std::string state;
  std::string refusal;  // why DecideApproval said no
  int count = 0;
  Status s = h->catalog->Transaction([&]() -> Status {
    DANGAN_ASSIGN_OR_RETURN(auto list, h->catalog->GetDestructionList(list_id));
    if (!list) return Status::NotFound("no destruction list " + std::to_string(list_id));
    const bool open = list->state == "proposed" || (!approve && list->state == "approved");
    if (!open)
      return Status::InvalidArgument(fmt::format("destruction list {} is {}: only a {} list can be {}",
                                                 list_id, list->state,
                                                 approve ? "proposed" : "proposed or approved",
                                                 approve ? "approved" : "rejected"));
    std::vector<std::string> approvers;
    for (const catalog::Approval& a : list->approvals) approvers.push_back(a.user);
    authz::Decision d = authz::DecideApproval(h->user, list->proposed_by,
                                              approve ? approvers : std::vector<std::string>{});
    if (!d.allow) {
      refusal = d.reason;
      return Status::Denied("denied: " + d.reason);
    }
    const std::string now = NowIso8601Utc();
    if (!approve) {
      DANGAN_RETURN_IF_ERROR(h->catalog->RejectDestructionList(list_id, h->user.name, now, reason));
      state = "rejected";
      return LogAccess(h->catalog.get(), h->user.name, "destruction_reject", ListTarget(list_id),
                       {{"reason", reason}});
    }
    DANGAN_RETURN_IF_ERROR(h->catalog->AddDestructionApproval(list_id, h->user.name, now));
    approvers.push_back(h->user.name);
    count = authz::CountApprovals(list->proposed_by, approvers);
    state = "proposed";
    if (authz::ApprovalsSuffice(list->proposed_by, approvers, required)) {
      DANGAN_RETURN_IF_ERROR(h->catalog->SetDestructionApproved(list_id));
      state = "approved";
    }
    return LogAccess(h->catalog.get(), h->user.name, "destruction_approve", ListTarget(list_id),
                     {{"approvals", count}, {"required", required}, {"state", state}});
  });
  if (s.code() == StatusCode::kDenied) {
    const char* action = approve ? "destruction_approve" : "destruction_reject";
    spdlog::warn("denied user={} action={} target={} reason=\"{}\"", h->user.name, action,
                 ListTarget(list_id), refusal);
    DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "denied", ListTarget(list_id),
                                     {{"action", action}, {"reason", refusal}}));
  }
  DANGAN_RETURN_IF_ERROR(s);
  spdlog::info("destruction decided list={} decision={} state={}", list_id,
               approve ? "approve" : "reject", state);
  std::string head;
  if (!approve) {
    head = fmt::format("rejected destruction list {}: {}\n", list_id, reason);
  } else if (state == "approved") {
    head = fmt::format("approved destruction list {} ({} of {} approvals): it may now be executed\n",
                       list_id, count, required);
  } else {
    head = fmt::format("recorded your approval of destruction list {}: {} of {}; {} more needed\n",
                       list_id, count, required, required - count);
  }
  return PrintRecord(st, *h, list_id, head);
}

Status RunExecute(CommandState* st, int64_t list_id) {
  auto session = OpenWriterSession(st->ctx, "destruction execute",
                                   ListGate(authz::Action::kDestructionExecute, list_id));
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  DANGAN_ASSIGN_OR_RETURN(ExecuteOutcome outcome,
                          ExecuteDestruction(s.h.catalog.get(), s.h.config, list_id, s.h.user.name));
  std::string head;
  if (outcome.already_executed) {
    head = fmt::format("destruction list {} was executed before; nothing left to do\n", list_id);
  } else {
    DANGAN_RETURN_IF_ERROR(FinishDestructions(s.h.home, s.h.catalog.get(), s.writer.get()).status());
    spdlog::info("destruction executed list={} destroyed={} spared={}", list_id,
                 outcome.destroyed.size(), outcome.spared.size());
    head = fmt::format("executed destruction list {}: {} originals destroyed, {} spared\n", list_id,
                       outcome.destroyed.size(), outcome.spared.size());
  }
  return PrintRecord(st, s.h, list_id, head);
}

Status RunShow(CommandState* st, int64_t list_id, const std::string& pdf) {
  auto h = Open(st->ctx, false, "", {authz::Action::kRetentionRead, {}});
  if (!h.ok()) return h.status();
  DANGAN_ASSIGN_OR_RETURN(auto record, LoadDestructionRecord(h->catalog.get(), list_id,
                                                             h->config.destruction.approvals));
  if (!pdf.empty()) {
    DANGAN_RETURN_IF_ERROR(WriteReportPdf(DestructionReport(record, h->user.clearance), pdf));
    spdlog::info("wrote destruction {} list={} pdf={}",
                 record.list.state == "executed" ? "record" : "list", list_id, pdf);
  }
  if (st->ctx.json) {
    PrintJson(DestructionListJson(record, h->user.clearance));
  } else {
    Print(DestructionListText(record, h->user.clearance));
  }
  return Status::Ok();
}

Status RunList(CommandState* st, const std::string& state) {
  auto h = Open(st->ctx, false, "", {authz::Action::kRetentionRead, {}});
  if (!h.ok()) return h.status();
  DANGAN_ASSIGN_OR_RETURN(auto lists, h->catalog->ListDestructionLists());
  nlohmann::json arr = nlohmann::json::array();
  std::string text;
  for (const catalog::DestructionList& l : lists) {
    if (!state.empty() && l.state != state) continue;
    arr.push_back({{"id", l.id}, {"state", l.state}, {"proposed_by", l.proposed_by},
                   {"proposed_at", l.proposed_at}, {"as_of", l.as_of},
                   {"archive_no", l.archive_no ? nlohmann::json(*l.archive_no) : nullptr},
                   {"documents", l.items.size()}, {"approvals", ApprovalsJson(l.approvals)}});
    text += fmt::format("{:>4}  {}  {}  {}  as of {}  {} documents, {} approvals\n", l.id,
                        PadColumns(l.state, 9), PadColumns(l.proposed_by, 10), l.proposed_at,
                        l.as_of, l.items.size(), l.approvals.size());
  }
  if (st->ctx.json) {
    PrintJson({{"lists", arr}});
  } else {
    Print(arr.empty() ? "no destruction lists\n" : text);
  }
  return Status::Ok();
}

}  // namespace

void RegisterDestruction(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("destruction", "destruction lists (销毁清册) and records (销毁记录)");
  cmd->require_subcommand(1);
  auto id = std::make_shared<int64_t>(0);
  auto as_of = std::make_shared<std::string>();
  auto archive = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto pdf = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();

  auto* propose = cmd->add_subcommand("propose", "list the due, unheld documents for destruction");
  propose->add_option("--as-of", *as_of, "due as of this date, YYYY-MM-DD (default: today)");
  propose->add_option("--archive", *archive, "only this archive's documents");
  propose->callback([st, as_of, archive] {
    st->run = [st, as_of, archive] { return RunPropose(st, *as_of, *archive); };
  });
  auto* approve = cmd->add_subcommand("approve", "approve a proposed list (not your own)");
  approve->add_option("LIST", *id, "destruction list id")->required();
  approve->callback([st, id] { st->run = [st, id] { return RunDecide(st, *id, true, ""); }; });
  auto* reject = cmd->add_subcommand("reject", "reject a proposed or approved list");
  reject->add_option("LIST", *id, "destruction list id")->required();
  reject->add_option("--reason", *reason, "why")->required();
  reject->callback([st, id, reason] {
    st->run = [st, id, reason] { return RunDecide(st, *id, false, *reason); };
  });
  auto* execute = cmd->add_subcommand("execute", "destroy the originals of an approved list");
  execute->add_option("LIST", *id, "destruction list id")->required();
  execute->callback([st, id] { st->run = [st, id] { return RunExecute(st, *id); }; });
  auto* show = cmd->add_subcommand("show", "a list or the record of its destruction");
  show->add_option("LIST", *id, "destruction list id")->required();
  show->add_option("--pdf", *pdf, "also write it as a printable PDF to this file");
  show->callback([st, id, pdf] { st->run = [st, id, pdf] { return RunShow(st, *id, *pdf); }; });
  auto* list = cmd->add_subcommand("list", "every destruction list");
  list->add_option("--state", *state, "proposed, approved, rejected or executed");
  list->callback([st, state] { st->run = [st, state] { return RunList(st, *state); }; });
}

}  // namespace dangan::app
