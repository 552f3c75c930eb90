// `dangan audit report [--from DATE] [--to DATE] [--json] [--pdf FILE]`
// (RECORDS §8): the department's self-check (检查) for an auditor or admin:
// the catalog's figures for the period, `verify` and `log verify`, and the
// age of the last backup. A reader: it takes no writer lock. It exits 0 when
// the report was made, whatever it found; the findings are in the report.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/audit_render.h"
#include "app/commands.h"
#include "core/clock.h"

namespace dangan::app {
namespace {

struct AuditArgs {
  std::string from;
  std::string to;
  std::string pdf;
};

// --from/--to: a DATE (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ). A
// --to date includes its whole day.
Status SetPeriod(const AuditArgs& a, AuditReport* r, catalog::AuditPeriod* p) {
  if (!a.from.empty()) {
    auto t = ParseUtc(a.from);
    if (!t) return Status::InvalidArgument("--from " + a.from + ": not YYYY-MM-DD or UTC time");
    p->from = FormatUtc(*t);
    r->from = p->from;
  }
  if (!a.to.empty()) {
    auto t = ParseUtc(a.to);
    if (!t) return Status::InvalidArgument("--to " + a.to + ": not YYYY-MM-DD or UTC time");
    int64_t until = *t + (a.to.size() == 10 ? 86400 : 1);
    p->until = FormatUtc(until);
    r->to = FormatUtc(until - 1);
  }
  if (r->from && r->to && *r->from > *r->to)
    return Status::InvalidArgument("--from " + a.from + " is after --to " + a.to);
  return Status::Ok();
}

Status RunAudit(CommandState* st, const AuditArgs& a) {
  AuditReport r;
  catalog::AuditPeriod period;
  DANGAN_RETURN_IF_ERROR(SetPeriod(a, &r, &period));
  auto h = Open(st->ctx, false, "", {authz::Action::kAuditReport, {}});
  if (!h.ok()) return h.status();
  r.generated_at = NowIso8601Utc();
  r.generated_by = h->user.name;
  auto figures = h->catalog->Audit(period, r.generated_at);
  if (!figures.ok()) return figures.status();
  r.figures = std::move(figures).value();
  DANGAN_RETURN_IF_ERROR(
      CheckContents(h->home, h->catalog.get(), WriterActive(h->home), false, &r.problems));
  auto broken = h->catalog->VerifyLog();
  if (!broken.ok()) return broken.status();
  r.log_break = *broken;
  if (r.log_break)
    r.problems.push_back({"log_chain", fmt::format("access log row {}: {}", r.log_break->seq,
                                                   r.log_break->why)});
  if (r.figures.last_backup) {
    auto at = ParseUtc(r.figures.last_backup->at);
    auto now = ParseUtc(r.generated_at);
    if (at && now) r.backup_age_days = static_cast<double>(*now - *at) / 86400.0;
  }
  if (!a.pdf.empty()) DANGAN_RETURN_IF_ERROR(WriteReportPdf(AuditPdf(r), a.pdf));
  nlohmann::json detail = {{"from", r.from ? nlohmann::json(*r.from) : nullptr},
                           {"to", r.to ? nlohmann::json(*r.to) : nullptr},
                           {"problems", r.problems.size()}};
  if (!a.pdf.empty()) detail["pdf"] = a.pdf;
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "audit_report", "", detail));
  spdlog::info("audit_report user={} problems={} pdf={}", h->user.name, r.problems.size(),
               a.pdf.empty() ? "-" : a.pdf);
  if (st->ctx.json) {
    PrintJson(AuditJson(r));
  } else {
    Print(AuditText(r));
    if (!a.pdf.empty()) Print("printable report written to " + a.pdf + "\n");
  }
  return Status::Ok();
}

}  // namespace

void RegisterAudit(CLI::App& app, CommandState* st) {
  auto a = std::make_shared<AuditArgs>();
  auto* cmd = app.add_subcommand("audit", "the department's self-check (检查, RECORDS §8)");
  cmd->require_subcommand(1);
  auto* report = cmd->add_subcommand("report", "audit report for a period (auditor or admin)");
  report->add_option("--from", a->from, "first day (YYYY-MM-DD or UTC time); default: the beginning");
  report->add_option("--to", a->to, "last day, included; default: now");
  report->add_option("--pdf", a->pdf, "also write a printable report to FILE");
  report->callback([st, a] { st->run = [st, a] { return RunAudit(st, *a); }; });
}

}  // namespace dangan::app
