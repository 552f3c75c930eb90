// `dangan change propose … | approve ID | reject ID --reason TEXT | list`:
// change requests (RECORDS §5). An archivist proposes; an approver other than
// the proposer decides; an approved change is applied at once
// (ingest/change_apply.h). Every step is one access-log row.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/change_json.h"
#include "app/commands.h"
#include "app/writer_session.h"
#include "catalog/change_proposal.h"
#include "core/archive_no.h"
#include "core/clock.h"
#include "ingest/change_apply.h"

namespace dangan::app {
namespace {

using catalog::Change;

std::string LogTarget(const Change& c) {
  return (catalog::TargetsDocument(c) ? "doc:" : "archive:") + c.target;
}

nlohmann::json LogDetail(const Change& c) {
  nlohmann::json j = ChangeJson(c);
  nlohmann::json detail = {{"change", c.id}, {"kind", c.kind}, {"reason", c.reason},
                           {"before", j["before"]}, {"after", j["after"]}};
  if (!catalog::TargetsDocument(c)) detail["archive_no"] = c.target;
  return detail;
}

bool IsDocId(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

Result<Level> ArchiveLevelOf(catalog::Catalog& cat, const std::string& raw) {
  auto current = cat.ResolveArchiveNo(NormaliseArchiveNoBasic(raw));
  if (!current.ok()) return current.status();
  if (!current->has_value()) return Status::NotFound("no client with archive number " + raw);
  auto level = cat.ArchiveLevel(**current);
  if (!level.ok()) return level.status();
  return level->value_or(cat.default_level());
}

// The level a change touches: its target's, raised to the level it would
// give (a level change) or the archive it would move to (a refile), so
// nobody proposes or decides past their own clearance.
Result<authz::Target> TargetOf(catalog::Catalog& cat, const std::string& kind,
                               const std::string& target, const std::string& value) {
  authz::Target t;
  if (IsDocId(target)) {
    int64_t id = std::stoll(target);
    auto level = cat.DocumentLevel(id);
    if (!level.ok()) return level.status();
    t.level = *level;
    t.doc_id = id;
  } else {
    DANGAN_ASSIGN_OR_RETURN(t.level, ArchiveLevelOf(cat, target));
    t.archive_no = NormaliseArchiveNoBasic(target);
  }
  if (kind == "level") {
    if (auto l = ParseLevel(value)) t.level = std::max(*t.level, *l);
  } else if (kind == "refile") {
    auto to = ArchiveLevelOf(cat, value);
    if (to.ok()) t.level = std::max(*t.level, *to);
  }
  return t;
}

Result<authz::Target> ChangeTargetOf(catalog::Catalog& cat, int64_t id) {
  auto c = cat.GetChange(id);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound("no change " + std::to_string(id));
  nlohmann::json after = nlohmann::json::parse((*c)->after, nullptr, false);
  std::string value;
  if (after.is_object()) {
    if ((*c)->kind == "level") value = after.value("level", "");
    if ((*c)->kind == "refile") value = after.value("archive_no", "");
  }
  auto t = TargetOf(cat, (*c)->kind, (*c)->target, value);
  // A renumbered or destroyed target still has its change decided on: the
  // default level stands in.
  if (!t.ok() && t.status().code() == StatusCode::kNotFound)
    return authz::Target{cat.default_level(), std::nullopt, std::nullopt};
  return t;
}

Status RunPropose(CommandState* st, const catalog::ProposalInput& in) {
  Gate gate{authz::Action::kChangePropose, [&in](catalog::Catalog& c) {
              return TargetOf(c, in.kind, in.target, in.value);
            }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto rule = ArchiveNumberRule::Create(h->config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  auto built = catalog::BuildProposal(h->catalog.get(), *rule, in);
  if (!built.ok()) return built.status();
  Change c = std::move(built).value();
  if (c.kind == "renumber") {
    std::string to = nlohmann::json::parse(c.after, nullptr, false).value("archive_no", "");
    std::error_code ec;
    if (std::filesystem::exists(h->home.ArchiveDir(to), ec))
      return Status::InvalidArgument("store/" + to + " already exists; choose another number");
  }
  c.proposed_by = h->user.name;
  c.proposed_at = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    auto id = h->catalog->InsertChange(&c);
    if (!id.ok()) return id.status();
    return LogAccess(h->catalog.get(), h->user.name, "change_propose", LogTarget(c), LogDetail(c));
  }));
  spdlog::info("proposed change={} kind={} target={} user={}", c.id, c.kind, c.target, c.proposed_by);
  if (st->ctx.json) {
    PrintJson(ChangeJson(c));
  } else {
    Print(ChangeText(c) + fmt::format("an approver decides it: dangan change approve {}  (or reject {} --reason …)\n", c.id, c.id));
  }
  return Status::Ok();
}

// The checks both decisions share: a pending change, and a decider who is
// not its proposer (a refusal is logged like any denial).
Status CheckDecidable(catalog::Catalog* catalog, const catalog::User& user, const Change& c) {
  if (c.state != "pending")
    return Status::InvalidArgument(fmt::format("change {} is {}, not pending", c.id, c.state));
  authz::Decision d = authz::DecideApproval(user, c.proposed_by, {});
  if (d.allow) return Status::Ok();
  DANGAN_RETURN_IF_ERROR(LogAccess(catalog, user.name, "denied", LogTarget(c),
                                   {{"action", "approve"}, {"change", c.id}, {"reason", d.reason}}));
  spdlog::warn("denied user={} action=approve change={} reason=\"{}\"", user.name, c.id, d.reason);
  return Status::Denied("denied: " + d.reason);
}

Result<Change> NeedChange(catalog::Catalog* catalog, int64_t id) {
  auto c = catalog->GetChange(id);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound("no change " + std::to_string(id));
  return **c;
}

Status PrintDecided(CommandState* st, catalog::Catalog* catalog, int64_t id, const char* verb) {
  DANGAN_ASSIGN_OR_RETURN(Change c, NeedChange(catalog, id));
  if (st->ctx.json) {
    PrintJson(ChangeJson(c));
  } else {
    Print(fmt::format("{} change {}\n", verb, id) + ChangeText(c));
  }
  return Status::Ok();
}

Status RunApprove(CommandState* st, int64_t id) {
  Gate gate{authz::Action::kApprove, [id](catalog::Catalog& c) { return ChangeTargetOf(c, id); }};
  auto session = OpenWriterSession(st->ctx, "change approve", gate);
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  DANGAN_ASSIGN_OR_RETURN(Change c, NeedChange(s.h.catalog.get(), id));
  DANGAN_RETURN_IF_ERROR(CheckDecidable(s.h.catalog.get(), s.h.user, c));
  // RECORDS §5: what the proposal saw must still be there; never overwrite.
  DANGAN_RETURN_IF_ERROR(catalog::CheckStillCurrent(s.h.catalog.get(), c));
  DANGAN_RETURN_IF_ERROR(ingest::ApplyChange(s.h.home, s.h.catalog.get(), s.sink.get(), c, s.h.user.name));
  spdlog::info("approved change={} kind={} target={} user={}", c.id, c.kind, c.target, s.h.user.name);
  return PrintDecided(st, s.h.catalog.get(), id, "approved and applied");
}

Status RunReject(CommandState* st, int64_t id, const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("change reject needs --reason TEXT");
  Gate gate{authz::Action::kApprove, [id](catalog::Catalog& c) { return ChangeTargetOf(c, id); }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  DANGAN_ASSIGN_OR_RETURN(Change c, NeedChange(h->catalog.get(), id));
  DANGAN_RETURN_IF_ERROR(CheckDecidable(h->catalog.get(), h->user, c));
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(h->catalog->DecideChange(id, "rejected", h->user.name, NowIso8601Utc(), reason));
    nlohmann::json detail = LogDetail(c);
    detail["reject_reason"] = reason;
    return LogAccess(h->catalog.get(), h->user.name, "change_reject", LogTarget(c), detail);
  }));
  spdlog::info("rejected change={} user={}", id, h->user.name);
  return PrintDecided(st, h->catalog.get(), id, "rejected");
}

// True when user may see change c (its target at most their clearance).
Result<bool> Visible(catalog::Catalog* catalog, const catalog::User& user, const Change& c) {
  auto t = ChangeTargetOf(*catalog, c.id);
  if (!t.ok()) return t.status();
  return !t->level || *t->level <= user.clearance;
}

Status RunList(CommandState* st, const std::string& state) {
  if (!state.empty() && state != "pending" && state != "approved" && state != "rejected" &&
      state != "applying")
    return Status::InvalidArgument("--state " + state + ": one of pending, approved, rejected");
  auto h = Open(st->ctx, false, "", {authz::Action::kChangeList, {}});
  if (!h.ok()) return h.status();
  catalog::ChangeFilter filter;
  if (!state.empty()) filter.state = state;
  auto changes = h->catalog->ListChanges(filter);
  if (!changes.ok()) return changes.status();
  nlohmann::json arr = nlohmann::json::array();
  std::string text;
  for (const Change& c : *changes) {
    DANGAN_ASSIGN_OR_RETURN(bool visible, Visible(h->catalog.get(), h->user, c));
    if (!visible) continue;  // RECORDS §2: above the user's clearance
    arr.push_back(ChangeJson(c));
    text += ChangeText(c);
  }
  if (st->ctx.json) {
    PrintJson({{"changes", arr}});
  } else {
    Print(arr.empty() ? "no changes\n" : text);
  }
  return Status::Ok();
}

// `change propose KIND …`: one subcommand per kind.
void RegisterPropose(CLI::App* change, CommandState* st) {
  auto* propose = change->add_subcommand("propose", "propose a change (archivist)");
  propose->require_subcommand(1);
  auto in = std::make_shared<catalog::ProposalInput>();
  auto run = [st, in](const char* kind) {
    return [st, in, kind] {
      in->kind = kind;
      st->run = [st, in] { return RunPropose(st, *in); };
    };
  };
  auto* client = propose->add_subcommand("client", "change a client's fields");
  client->add_option("ARCHIVE_NO", in->target, "the archive")->required();
  client->add_option("--set", in->sets, "KEY=VALUE (name, uscc, client_code, type, legal_rep, "
                                        "address, phone, credit_rating, retention, opened)")
      ->required();
  client->callback(run("client"));
  auto* renumber = propose->add_subcommand("renumber", "give an archive a new number");
  renumber->add_option("ARCHIVE_NO", in->target, "the archive")->required();
  renumber->add_option("NEW", in->value, "its new number")->required();
  renumber->callback(run("renumber"));
  auto* refile = propose->add_subcommand("refile", "move a filed document to another archive");
  refile->add_option("DOC_ID", in->target, "the document")->required();
  refile->add_option("ARCHIVE_NO", in->value, "the archive to move it to")->required();
  refile->callback(run("refile"));
  auto* level = propose->add_subcommand("level", "change an archive's or a document's level");
  level->add_option("TARGET", in->target, "an archive number or a document id")->required();
  level->add_option("LEVEL", in->value, "public, internal, confidential or secret")->required();
  level->callback(run("level"));
  auto* fields = propose->add_subcommand("fields", "correct a document's fields");
  fields->add_option("DOC_ID", in->target, "the document")->required();
  fields->add_option("--set", in->sets, "KEY=VALUE (contract_no, invoice_no, date, amount, "
                                        "currency, uscc, doc_type, title)")
      ->required();
  fields->callback(run("fields"));
  for (CLI::App* sub : {client, renumber, refile, level, fields})
    sub->add_option("--reason", in->reason, "why (kept with the change)")->required();
}

}  // namespace

void RegisterChange(CLI::App& app, CommandState* st) {
  auto* change = app.add_subcommand("change", "change requests: propose, approve, reject, list");
  change->require_subcommand(1);
  RegisterPropose(change, st);
  auto id = std::make_shared<int64_t>(0);
  auto* approve = change->add_subcommand("approve", "approve a change and apply it (approver)");
  approve->add_option("ID", *id, "the change")->required();
  approve->callback([st, id] { st->run = [st, id] { return RunApprove(st, *id); }; });
  auto reason = std::make_shared<std::string>();
  auto* reject = change->add_subcommand("reject", "reject a change (approver)");
  reject->add_option("ID", *id, "the change")->required();
  reject->add_option("--reason", *reason, "why")->required();
  reject->callback([st, id, reason] { st->run = [st, id, reason] { return RunReject(st, *id, *reason); }; });
  auto state = std::make_shared<std::string>();
  auto* list = change->add_subcommand("list", "list change requests");
  list->add_option("--state", *state, "pending, approved or rejected");
  list->callback([st, state] { st->run = [st, state] { return RunList(st, *state); }; });
}

}  // namespace dangan::app
