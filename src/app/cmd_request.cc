// `dangan request open | approve | reject | return | list` (RECORDS §3):
// access requests (借阅 / 查阅申请) and the grants they give. Each step is
// one transaction together with its access-log row (request_open,
// request_approve, request_reject, request_return). Catalog writes only: no
// writer lock, so requests are decided while `watch` runs.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "app/commands.h"
#include "app/request_json.h"
#include "catalog/request_rules.h"
#include "core/archive_no.h"
#include "core/clock.h"

namespace dangan::app {
namespace {

struct RequestArgs {
  std::string archive;
  int64_t doc = 0;
  std::string purpose;
  std::optional<int> days;
  int64_t id = 0;
  std::string reason;
  bool mine = false;
  std::string state;
};

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// What `request open` asks for, with its level: a user cannot request what
// they may not see (the gate's clearance check), since a grant never raises
// a clearance.
Result<authz::Target> OpenTarget(catalog::Catalog& c, const RequestArgs& a) {
  if (a.doc > 0) {
    auto doc = c.GetDocument(a.doc);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(a.doc));
    return authz::Target{(*doc)->level, (*doc)->archive_no, a.doc};
  }
  std::string archive = NormaliseArchiveNoBasic(a.archive);
  auto level = c.ArchiveLevel(archive);
  if (!level.ok()) return level.status();
  if (!level->has_value()) return Status::NotFound("no client with archive number " + archive);
  return authz::Target{**level, archive, std::nullopt};
}

Result<catalog::AccessRequest> LoadRequest(catalog::Catalog& c, int64_t id) {
  auto r = c.GetRequest(id);
  if (!r.ok()) return r.status();
  if (!r->has_value()) return Status::NotFound("no access request " + std::to_string(id));
  return **r;
}

// The archive a request's target lies in (its document's, for a document),
// so that `log --archive A` finds every step.
std::optional<std::string> ArchiveOf(catalog::Catalog& c, const catalog::AccessRequest& r) {
  if (r.archive_no) return r.archive_no;
  auto doc = c.GetDocument(r.doc_id.value_or(0));
  if (!doc.ok() || !doc->has_value()) return std::nullopt;
  return (*doc)->archive_no;
}

// The gate's target for deciding or returning request id: its document or
// archive, without a level. Deciding shows no content, so an approver needs
// no clearance for it; the requester's clearance still bounds the opening.
Result<authz::Target> DecisionTarget(catalog::Catalog& c, int64_t id) {
  auto r = LoadRequest(c, id);
  if (!r.ok()) return r.status();
  return authz::Target{std::nullopt, ArchiveOf(c, *r), r->doc_id};
}

nlohmann::json StepDetail(catalog::Catalog& c, const catalog::AccessRequest& r) {
  nlohmann::json d = {{"request", r.id}, {"requester", r.requester}, {"days", r.days}};
  if (auto archive = ArchiveOf(c, r)) d["archive_no"] = *archive;
  return d;
}

void PrintRequest(CommandState* st, const catalog::AccessRequest& r, const std::string& now) {
  if (st->ctx.json) {
    PrintJson(RequestJson(r, now));
  } else {
    Print(RequestText(r, now));
  }
}

// Commits the step's row change and its log row together, then prints the
// request as it now is.
Status CommitStep(CommandState* st, OpenHome* h, int64_t id, const char* action,
                  const std::function<Status()>& change,
                  const std::function<void(nlohmann::json*)>& detail) {
  catalog::Catalog* cat = h->catalog.get();
  DANGAN_RETURN_IF_ERROR(cat->Transaction([&]() -> Status {
    DANGAN_RETURN_IF_ERROR(change());
    auto r = LoadRequest(*cat, id);
    if (!r.ok()) return r.status();
    nlohmann::json d = StepDetail(*cat, *r);
    detail(&d);
    return LogAccess(cat, h->user.name, action, catalog::RequestTargetText(*r), d);
  }));
  auto r = LoadRequest(*cat, id);
  if (!r.ok()) return r.status();
  spdlog::info("{} request={} user={} state={}", action, id, h->user.name, ToString(r->state));
  PrintRequest(st, *r, NowIso8601Utc());
  return Status::Ok();
}

Status RunOpen(CommandState* st, const RequestArgs& a) {
  if ((a.doc > 0) == !a.archive.empty())
    return Status::InvalidArgument("request open needs exactly one of --archive A or --doc ID");
  if (Blank(a.purpose)) return Status::InvalidArgument("request open needs a --purpose");
  Gate gate{authz::Action::kRequest, [&a](catalog::Catalog& c) { return OpenTarget(c, a); }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  catalog::AccessRequest r;
  r.requester = h->user.name;
  if (a.doc > 0) {
    r.doc_id = a.doc;
  } else {
    r.archive_no = NormaliseArchiveNoBasic(a.archive);
  }
  r.purpose = a.purpose;
  r.days = a.days.value_or(h->config.access.default_days);
  DANGAN_RETURN_IF_ERROR(catalog::CheckRequestDays(r.days));
  r.created_at = NowIso8601Utc();
  catalog::Catalog* cat = h->catalog.get();
  DANGAN_RETURN_IF_ERROR(cat->Transaction([&]() -> Status {
    auto id = cat->InsertRequest(&r);
    if (!id.ok()) return id.status();
    nlohmann::json d = StepDetail(*cat, r);
    d["purpose"] = r.purpose;
    return LogAccess(cat, r.requester, "request_open", catalog::RequestTargetText(r), d);
  }));
  spdlog::info("request_open request={} user={} target={}", r.id, r.requester,
               catalog::RequestTargetText(r));
  PrintRequest(st, r, r.created_at);
  return Status::Ok();
}

// approve and reject: an approver (the gate), never the requester
// (authz::DecideApproval), and only while the request is pending.
Status RunDecide(CommandState* st, const RequestArgs& a, bool approve) {
  int64_t id = a.id;
  if (!approve && Blank(a.reason)) return Status::InvalidArgument("request reject needs a --reason");
  Gate gate{authz::Action::kApprove, [id](catalog::Catalog& c) { return DecisionTarget(c, id); }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto r = LoadRequest(*h->catalog, id);
  if (!r.ok()) return r.status();
  const std::string now = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(RequireDecision(&*h, authz::Action::kApprove,
                                         catalog::RequestTargetText(*r),
                                         authz::DecideApproval(h->user, r->requester, {})));
  DANGAN_RETURN_IF_ERROR(catalog::CheckDecidable(*r, now));
  if (!approve) {
    return CommitStep(
        st, &*h, id, "request_reject",
        [&] { return h->catalog->RejectRequest(id, h->user.name, now, a.reason); },
        [&](nlohmann::json* d) { (*d)["reason"] = a.reason; });
  }
  int days = a.days.value_or(r->days);
  auto expires = catalog::GrantExpiry(now, days);
  if (!expires.ok()) return expires.status();
  return CommitStep(
      st, &*h, id, "request_approve",
      [&] { return h->catalog->ApproveRequest(id, h->user.name, now, days, *expires); },
      [&](nlohmann::json* d) { (*d)["expires_at"] = *expires; });
}

// return (归还): the requester, or an archivist registering it, ends an
// active grant early.
Status RunReturn(CommandState* st, const RequestArgs& a) {
  int64_t id = a.id;
  Gate gate{authz::Action::kRequest, [id](catalog::Catalog& c) { return DecisionTarget(c, id); }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto r = LoadRequest(*h->catalog, id);
  if (!r.ok()) return r.status();
  const std::string now = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(RequireDecision(&*h, authz::Action::kRequest,
                                         catalog::RequestTargetText(*r),
                                         authz::DecideReturn(h->user, r->requester)));
  DANGAN_RETURN_IF_ERROR(catalog::CheckReturnable(*r, now));
  return CommitStep(
      st, &*h, id, "request_return",
      [&] { return h->catalog->ReturnRequest(id, h->user.name, now); },
      [&](nlohmann::json* d) { (*d)["expires_at"] = r->expires_at.value_or(""); });
}

Status RunList(CommandState* st, const RequestArgs& a) {
  catalog::RequestFilter filter;
  if (!a.state.empty()) {
    filter.state = ParseRequestState(a.state);
    if (!filter.state)
      return Status::InvalidArgument("--state must be pending, approved, rejected, returned or "
                                     "expired (got " + a.state + ")");
  }
  auto h = Open(st->ctx, false, "", {authz::Action::kRequestList, {}});
  if (!h.ok()) return h.status();
  if (a.mine || !authz::SeesAllRequests(h->user)) filter.requester = h->user.name;
  const std::string now = NowIso8601Utc();
  auto rows = h->catalog->ListRequests(filter, now);
  if (!rows.ok()) return rows.status();
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : *rows) arr.push_back(RequestJson(r, now));
    PrintJson({{"requests", arr}});
    return Status::Ok();
  }
  if (rows->empty()) {
    Print("no access requests\n");
    return Status::Ok();
  }
  Print(RequestHeader());
  for (const auto& r : *rows) Print(RequestLine(r, now));
  return Status::Ok();
}

}  // namespace

void RegisterRequest(CLI::App& app, CommandState* st) {
  auto a = std::make_shared<RequestArgs>();
  auto* cmd = app.add_subcommand("request", "access requests (借阅/查阅申请) and grants (RECORDS §3)");
  cmd->require_subcommand(1);
  // Global options (--json, --user, --home) may also follow the subcommand,
  // as RECORDS.md writes them: unmatched options fall through to dangan's.

  auto* open = cmd->add_subcommand("open", "ask for access to an archive or a document");
  auto* archive = open->add_option("--archive", a->archive, "the archive number");
  auto* doc = open->add_option("--doc", a->doc, "the document id");
  archive->excludes(doc);
  open->add_option("--purpose", a->purpose, "why (查阅目的)")->required();
  open->add_option_function<int>(
      "--days", [a](const int& d) { a->days = d; },
      "days the grant should last (default access.default_days)");
  open->callback([st, a] { st->run = [st, a] { return RunOpen(st, *a); }; });

  auto* approve = cmd->add_subcommand("approve", "approve a pending request (an approver, not the requester)");
  approve->add_option("ID", a->id, "request id")->required();
  approve->add_option_function<int>(
      "--days", [a](const int& d) { a->days = d; },
      "grant this many days instead of the days asked for");
  approve->callback([st, a] { st->run = [st, a] { return RunDecide(st, *a, true); }; });

  auto* reject = cmd->add_subcommand("reject", "reject a pending request");
  reject->add_option("ID", a->id, "request id")->required();
  reject->add_option("--reason", a->reason, "why")->required();
  reject->callback([st, a] { st->run = [st, a] { return RunDecide(st, *a, false); }; });

  auto* ret = cmd->add_subcommand("return", "end a grant early (归还): the requester or an archivist");
  ret->add_option("ID", a->id, "request id")->required();
  ret->callback([st, a] { st->run = [st, a] { return RunReturn(st, *a); }; });

  auto* list = cmd->add_subcommand("list", "requests: staff see their own, others all");
  list->add_flag("--mine", a->mine, "only my own requests");
  list->add_option("--state", a->state, "pending, approved, rejected, returned or expired");
  list->callback([st, a] { st->run = [st, a] { return RunList(st, *a); }; });
}

}  // namespace dangan::app
