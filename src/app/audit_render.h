// The audit report (检查报告, RECORDS §8) as JSON, as terminal text and as a
// printable report: three renderings of one AuditReport.
#ifndef DANGAN_APP_AUDIT_RENDER_H_
#define DANGAN_APP_AUDIT_RENDER_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/report_pdf.h"
#include "app/verify_checks.h"
#include "catalog/catalog.h"

namespace dangan::app {

struct AuditReport {
  std::string generated_at;  // UTC ISO; request states are as of this time
  std::string generated_by;
  std::optional<std::string> from;  // the period, UTC ISO; nullopt = open-ended
  std::optional<std::string> to;    // inclusive
  catalog::AuditFigures figures;
  std::vector<VerifyProblem> problems;  // `verify`'s, the log chain's included
  std::optional<catalog::LogBreak> log_break;
  std::optional<double> backup_age_days;  // nullopt: no backup recorded
};

nlohmann::json AuditJson(const AuditReport& r);
std::string AuditText(const AuditReport& r);
Report AuditPdf(const AuditReport& r);

}  // namespace dangan::app

#endif  // DANGAN_APP_AUDIT_RENDER_H_
