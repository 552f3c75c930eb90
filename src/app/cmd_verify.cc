// `dangan verify [--repair]`: checks DESIGN §4's invariants: fixity of every
// stored original, no orphan or misplaced store file, nothing left in staging,
// every indexed document in Xapian exactly once and nothing else there, every
// quarantined item kept. Exit 1 when something is wrong.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ctime>

#include "app/commands.h"
#include "app/verify_checks.h"
#include "app/writer_session.h"
#include "backup/backup_age.h"

namespace dangan::app {
namespace {

Status Repair(WriterSession* s, const std::vector<VerifyProblem>& problems) {
  for (const VerifyProblem& p : problems) {
    if (p.kind == "index_extra" || p.kind == "index_duplicate" ||
        (p.kind == "destruction_unfinished" && p.doc_id > 0)) {
      DANGAN_RETURN_IF_ERROR(s->writer->Delete(p.doc_id));
    }
    if (p.kind == "not_indexed" || p.kind == "index_duplicate" ||
        (p.kind == "index_extra" && p.doc_id > 0)) {
      auto doc = s->h.catalog->GetDocument(p.doc_id);
      if (!doc.ok()) return doc.status();
      if (!doc->has_value() || (*doc)->state == DocState::kNeedsOcr) continue;
      auto pages = s->h.catalog->GetPages(p.doc_id);
      if (!pages.ok()) return pages.status();
      DANGAN_RETURN_IF_ERROR(s->sink->Add(**doc, *pages));
    }
  }
  return s->sink->Flush();
}

Result<std::vector<VerifyProblem>> Warnings(catalog::Catalog* catalog, const Config& config) {
  std::vector<VerifyProblem> out;
  auto last = catalog->LastBackup();
  if (!last.ok()) return last.status();
  std::optional<std::string> at;
  if (last->has_value()) at = (*last)->at;
  if (auto w = backup::BackupAgeWarning(at, config.backup.max_age_days, std::time(nullptr)))
    out.push_back({"backup_age", *w});
  return out;
}

Status RunVerify(CommandState* st, bool repair) {
  std::unique_ptr<WriterSession> session;
  OpenHome reader;
  catalog::Catalog* catalog = nullptr;
  Home home = st->ctx.home();
  if (repair) {
    auto s = OpenWriterSession(st->ctx, "verify --repair", {authz::Action::kVerify, {}});
    if (!s.ok()) return s.status();
    session = std::move(s).value();
    catalog = session->h.catalog.get();
  } else {
    auto h = Open(st->ctx, false, "", {authz::Action::kVerify, {}});
    if (!h.ok()) return h.status();
    reader = std::move(h).value();
    catalog = reader.catalog.get();
  }
  // A writer at work (watch) has files in staging and store files whose
  // catalog row is a moment away: those are not problems while it runs.
  bool writer_active = !repair && WriterActive(home);
  if (writer_active)
    spdlog::info("verify: a writer is running; staging and files being filed are not checked");
  std::vector<VerifyProblem> problems;
  DANGAN_RETURN_IF_ERROR(CheckContents(home, catalog, writer_active, repair, &problems));
  if (repair && !problems.empty()) {
    DANGAN_RETURN_IF_ERROR(Repair(session.get(), problems));
    spdlog::info("verify repaired index problems={}", problems.size());
  }
  // RECORDS §4: verify includes `log verify` (never repaired: the log is
  // append-only evidence).
  DANGAN_RETURN_IF_ERROR(CheckLogChain(catalog, &problems));
  for (const VerifyProblem& p : problems) spdlog::warn("verify {} {}", p.kind, p.detail);
  if (!problems.empty()) st->exit_code = 1;
  // RECORDS §8: a stale or missing backup is a warning, not a failure.
  auto warnings = Warnings(catalog, repair ? session->h.config : reader.config);
  if (!warnings.ok()) return warnings.status();
  for (const VerifyProblem& w : *warnings) spdlog::warn("verify warning {} {}", w.kind, w.detail);
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const VerifyProblem& p : problems) arr.push_back({{"kind", p.kind}, {"detail", p.detail}});
    nlohmann::json warn_arr = nlohmann::json::array();
    for (const VerifyProblem& w : *warnings) warn_arr.push_back({{"kind", w.kind}, {"detail", w.detail}});
    PrintJson({{"ok", problems.empty()}, {"problems", arr}, {"warnings", warn_arr},
               {"repaired", repair && !problems.empty()}});
  } else {
    Print(problems.empty() ? "ok: store, catalog and index agree\n"
                           : fmt::format("{} problems found{}\n", problems.size(),
                                         repair ? " (index problems repaired)" : ""));
    for (const VerifyProblem& p : problems) Print(fmt::format("  {}: {}\n", p.kind, p.detail));
  }
  return Status::Ok();
}

}  // namespace

void RegisterVerify(CLI::App& app, CommandState* st) {
  auto repair = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("verify", "check fixity and that catalog, store and index agree");
  cmd->add_flag("--repair", *repair, "re-index what is missing, drop what is extra");
  cmd->callback([st, repair] { st->run = [st, repair] { return RunVerify(st, *repair); }; });
}

}  // namespace dangan::app
