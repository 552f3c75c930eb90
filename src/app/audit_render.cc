#include "app/audit_render.h"

#include <fmt/format.h>

#include "app/document_json.h"
#include "app/request_json.h"
#include "catalog/request_rules.h"

namespace dangan::app {
namespace {

using Json = nlohmann::json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// The five request states in their order of life, every one present (0
// when none).
std::vector<std::pair<std::string, int64_t>> AllStates(
    const std::map<std::string, int64_t>& by_state) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (RequestState s : {RequestState::kPending, RequestState::kApproved, RequestState::kRejected,
                         RequestState::kReturned, RequestState::kExpired}) {
    auto it = by_state.find(ToString(s));
    out.emplace_back(ToString(s), it == by_state.end() ? 0 : it->second);
  }
  return out;
}

Json ByUserLevelJson(const std::vector<catalog::AuditFigures::ByUserLevel>& rows) {
  Json arr = Json::array();
  for (const auto& o : rows)
    arr.push_back({{"user", o.user}, {"level", o.level.empty() ? Json(nullptr) : Json(o.level)},
                   {"count", o.count}});
  return arr;
}

int64_t Total(const std::vector<catalog::AuditFigures::ByUserLevel>& rows) {
  int64_t n = 0;
  for (const auto& o : rows) n += o.count;
  return n;
}

std::string Period(const AuditReport& r) {
  return fmt::format("{} – {}", r.from.value_or("(beginning)"), r.to.value_or(r.generated_at));
}

std::string BackupText(const AuditReport& r) {
  const auto& b = r.figures.last_backup;
  if (!b) return "none recorded 无备份记录";
  return fmt::format("{} to {} ({:.1f} days ago)", b->at, b->dest, r.backup_age_days.value_or(0));
}

std::string LogText(const AuditReport& r) {
  if (r.log_break)
    return fmt::format("BROKEN at row {}: {}", r.log_break->seq, r.log_break->why);
  return fmt::format("ok ({} rows, head {})", r.figures.log_rows,
                     r.figures.log_head.substr(0, 16));
}

}  // namespace

Json AuditJson(const AuditReport& r) {
  const catalog::AuditFigures& f = r.figures;
  Json overdue = Json::array();
  for (const auto& q : f.overdue) overdue.push_back(RequestJson(q, r.generated_at));
  Json changes = Json::array();
  int64_t changes_total = 0;
  for (const auto& c : f.changes) {
    changes.push_back({{"kind", c.kind}, {"state", c.state}, {"count", c.count}});
    changes_total += c.count;
  }
  Json executed = Json::array();
  for (const auto& d : f.destructions)
    executed.push_back({{"list", d.list_id}, {"executed_at", d.executed_at},
                        {"executed_by", d.executed_by}, {"documents", d.documents}});
  Json by_state = Json::object();
  for (const auto& [state, n] : AllStates(f.requests_by_state)) by_state[state] = n;
  Json problems = Json::array();
  for (const auto& p : r.problems) problems.push_back({{"kind", p.kind}, {"detail", p.detail}});
  Json log = {{"ok", !r.log_break.has_value()}, {"rows", f.log_rows}, {"head", f.log_head}};
  if (r.log_break) log["broken"] = {{"seq", r.log_break->seq}, {"why", r.log_break->why}};
  Json backup = {{"last_at", nullptr}, {"age_days", nullptr}, {"dest", nullptr}};
  if (f.last_backup)
    backup = {{"last_at", f.last_backup->at}, {"age_days", r.backup_age_days.value_or(0)},
              {"dest", f.last_backup->dest}, {"generation", f.last_backup->generation}};
  return {{"generated_at", r.generated_at},
          {"generated_by", r.generated_by},
          {"period", {{"from", Opt(r.from)}, {"to", Opt(r.to)}}},
          {"documents",
           {{"ingested", f.ingested},
            {"ingested_unfiled", f.ingested_unfiled},
            {"unfiled", f.unfiled},
            {"quarantined", f.quarantined},
            {"quarantine_open", f.quarantine_open}}},
          {"requests",
           {{"opened", f.requests_opened},
            {"by_state", std::move(by_state)},
            {"overdue", std::move(overdue)}}},
          {"openings", {{"total", Total(f.openings)}, {"by_user", ByUserLevelJson(f.openings)}}},
          {"denials", {{"total", Total(f.denials)}, {"by_user", ByUserLevelJson(f.denials)}}},
          {"changes", {{"total", changes_total}, {"by_kind", std::move(changes)}}},
          {"destructions",
           {{"lists_by_state", f.destruction_lists},
            {"documents_destroyed", f.documents_destroyed},
            {"executed", std::move(executed)}}},
          {"verify", {{"ok", r.problems.empty()}, {"problems", std::move(problems)}}},
          {"log_verify", std::move(log)},
          {"backup", std::move(backup)}};
}

std::string AuditText(const AuditReport& r) {
  const catalog::AuditFigures& f = r.figures;
  std::string out = fmt::format("档案检查报告 Audit report\n  period    {}\n  generated {} by {}\n\n",
                                Period(r), r.generated_at, r.generated_by);
  out += fmt::format("documents 文档: {} ingested ({} of them unfiled), {} quarantined; now {} "
                     "unfiled, {} in quarantine\n",
                     f.ingested, f.ingested_unfiled, f.quarantined, f.unfiled, f.quarantine_open);
  out += fmt::format("requests 借阅申请: {} opened", f.requests_opened);
  for (const auto& [s, n] : AllStates(f.requests_by_state)) out += fmt::format(", {} {}", n, s);
  out += fmt::format("; {} overdue returns 逾期未还\n", f.overdue.size());
  for (const auto& q : f.overdue)
    out += fmt::format("  request {} {} {} expired {}\n", q.id, q.requester,
                       catalog::RequestTargetText(q), q.expires_at.value_or("?"));
  out += fmt::format("openings 查阅: {}\n", Total(f.openings));
  for (const auto& o : f.openings)
    out += fmt::format("  {} {} {}\n", PadColumns(o.user, 12),
                       PadColumns(o.level.empty() ? "-" : o.level, 13), o.count);
  out += fmt::format("denials 拒绝: {}\n", Total(f.denials));
  out += "changes 变更:";
  if (f.changes.empty()) out += " none";
  for (const auto& c : f.changes) out += fmt::format(" {} {} {};", c.count, c.kind, c.state);
  out += fmt::format("\ndestructions 销毁: {} documents destroyed in {} lists executed\n",
                     f.documents_destroyed, f.destructions.size());
  out += fmt::format("verify 校验: {}\n", r.problems.empty()
                                                ? std::string("ok")
                                                : fmt::format("{} problems", r.problems.size()));
  for (const auto& p : r.problems) out += fmt::format("  {}: {}\n", p.kind, p.detail);
  out += fmt::format("log verify 登记簿: {}\nlast backup 最近备份: {}\n", LogText(r), BackupText(r));
  return out;
}

Report AuditPdf(const AuditReport& r) {
  const catalog::AuditFigures& f = r.figures;
  Report rep;
  rep.title = "档案检查报告 Audit report";
  rep.lines = {"期间 Period: " + Period(r),
               "生成 Generated: " + r.generated_at + " by " + r.generated_by};
  auto n = [](int64_t v) { return std::to_string(v); };
  rep.tables.push_back({"文档 Documents", {"项目 Item", "数量 Count"}, {3, 1},
                        {{"ingested 入库", n(f.ingested)},
                         {"ingested, still unfiled 入库未归档", n(f.ingested_unfiled)},
                         {"quarantined 隔离", n(f.quarantined)},
                         {"unfiled now 当前未归档", n(f.unfiled)},
                         {"in quarantine now 当前隔离", n(f.quarantine_open)}}});
  ReportTable requests{"借阅申请 Access requests", {"状态 State", "数量 Count"}, {3, 1}, {}};
  for (const auto& [s, c] : AllStates(f.requests_by_state)) requests.rows.push_back({s, n(c)});
  rep.tables.push_back(std::move(requests));
  ReportTable overdue{"逾期未还 Overdue returns",
                      {"申请 Request", "申请人 Requester", "对象 Target", "到期 Expired"},
                      {1, 2, 3, 3}, {}};
  for (const auto& q : f.overdue)
    overdue.rows.push_back({n(q.id), q.requester, catalog::RequestTargetText(q),
                            q.expires_at.value_or("")});
  if (overdue.rows.empty()) overdue.rows.push_back({"-", "none 无", "", ""});
  rep.tables.push_back(std::move(overdue));
  ReportTable openings{"查阅 Openings", {"用户 User", "密级 Level", "次数 Count"}, {2, 2, 1}, {}};
  for (const auto& o : f.openings) openings.rows.push_back({o.user, o.level, n(o.count)});
  if (openings.rows.empty()) openings.rows.push_back({"none 无", "", "0"});
  rep.tables.push_back(std::move(openings));
  ReportTable changes{"变更 Changes", {"类型 Kind", "状态 State", "数量 Count"}, {2, 2, 1}, {}};
  for (const auto& c : f.changes) changes.rows.push_back({c.kind, c.state, n(c.count)});
  if (changes.rows.empty()) changes.rows.push_back({"none 无", "", "0"});
  rep.tables.push_back(std::move(changes));
  ReportTable destr{"销毁 Destructions", {"清册 List", "执行 Executed", "执行人 By", "文档 Documents"},
                    {1, 3, 2, 1}, {}};
  for (const auto& d : f.destructions)
    destr.rows.push_back({n(d.list_id), d.executed_at, d.executed_by, n(d.documents)});
  if (destr.rows.empty()) destr.rows.push_back({"-", "none 无", "", "0"});
  rep.tables.push_back(std::move(destr));
  ReportTable checks{"完整性 Integrity", {"检查 Check", "结果 Result"}, {1, 3}, {}};
  checks.rows.push_back({"verify 校验", r.problems.empty()
                                            ? std::string("ok")
                                            : fmt::format("{} problems", r.problems.size())});
  for (const auto& p : r.problems) checks.rows.push_back({p.kind, p.detail});
  checks.rows.push_back({"log verify 登记簿", LogText(r)});
  checks.rows.push_back({"last backup 最近备份", BackupText(r)});
  rep.tables.push_back(std::move(checks));
  rep.signatures = {"检查人 Auditor", "部门负责人 Department head"};
  rep.footer = "dangan audit report " + r.generated_at;
  return rep;
}

}  // namespace dangan::app
