#include "app/destruction_record.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/document_json.h"

namespace dangan::app {
namespace {

using Json = nlohmann::json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// "contract HT-2013-0001" / "invoice 04418823" / "-": the numbers locate finds.
std::string Numbers(const catalog::Tombstone& t) {
  std::string out;
  if (t.contract_no) out += *t.contract_no;
  if (t.invoice_no) out += (out.empty() ? "" : " / ") + *t.invoice_no;
  return out.empty() ? "-" : out;
}

std::string ApprovalsText(const DestructionRecord& r) {
  std::string out = fmt::format("{} of {}", r.list.approvals.size(), r.approvals_required);
  for (size_t i = 0; i < r.list.approvals.size(); ++i)
    out += fmt::format("{} {} ({})", i == 0 ? ":" : ",", r.list.approvals[i].user,
                       r.list.approvals[i].at);
  return out;
}

bool Visible(const catalog::Tombstone& t, Level clearance) { return t.level <= clearance; }

}  // namespace

catalog::Tombstone WouldBeTombstone(const catalog::Document& doc,
                                    const catalog::DestructionItem& item,
                                    const catalog::DestructionList& list) {
  catalog::Tombstone t;
  t.doc_id = doc.id;
  t.list_id = list.id;
  t.archive_no = doc.archive_no;
  t.original_name = doc.original_name;
  t.title = doc.title;
  t.doc_type = ToString(doc.doc_type);
  t.contract_no = doc.fields.contract_no;
  t.invoice_no = doc.fields.invoice_no;
  t.date = doc.fields.date;
  t.ingested_at = doc.ingested_at;
  t.sha256 = doc.sha256;
  t.approvers = list.approvals;
  t.level = doc.level;
  t.retention_class = item.retention_class;
  t.due_date = item.due_date;
  t.stored_path = doc.stored_path;
  return t;
}

Result<DestructionRecord> LoadDestructionRecord(catalog::Catalog* catalog, int64_t list_id,
                                                int approvals_required) {
  DANGAN_ASSIGN_OR_RETURN(auto list, catalog->GetDestructionList(list_id));
  if (!list) return Status::NotFound("no destruction list " + std::to_string(list_id));
  DestructionRecord r;
  r.list = std::move(*list);
  r.approvals_required = approvals_required;
  if (r.list.state == "executed") {
    DANGAN_ASSIGN_OR_RETURN(r.documents, catalog->TombstonesOfList(list_id));
    for (const auto& item : r.list.items)
      if (item.outcome == "spared") r.spared.emplace_back(item.doc_id, item.note);
    return r;
  }
  for (const catalog::DestructionItem& item : r.list.items) {
    DANGAN_ASSIGN_OR_RETURN(auto doc, catalog->GetDocument(item.doc_id));
    if (doc) {
      r.documents.push_back(WouldBeTombstone(*doc, item, r.list));
      continue;
    }
    DANGAN_ASSIGN_OR_RETURN(auto gone, catalog->GetTombstone(item.doc_id));
    if (gone) r.documents.push_back(std::move(*gone));
  }
  return r;
}

Result<Level> DestructionListLevel(catalog::Catalog* catalog, int64_t list_id) {
  DANGAN_ASSIGN_OR_RETURN(auto list, catalog->GetDestructionList(list_id));
  if (!list) return Status::NotFound("no destruction list " + std::to_string(list_id));
  Level level = Level::kPublic;
  for (const catalog::DestructionItem& item : list->items) {
    auto doc_level = catalog->DocumentLevel(item.doc_id);
    if (doc_level.ok()) {
      level = std::max(level, *doc_level);
      continue;
    }
    if (doc_level.status().code() != StatusCode::kNotFound) return doc_level.status();
    DANGAN_ASSIGN_OR_RETURN(auto t, catalog->GetTombstone(item.doc_id));
    if (t) level = std::max(level, t->level);
  }
  return level;
}

Json HoldJson(const catalog::Hold& h) {
  Json target = h.doc_id ? Json{{"doc", *h.doc_id}} : Json{{"archive", h.archive_no.value_or("")}};
  return {{"id", h.id},
          {"target", target},
          {"reason", h.reason},
          {"added_by", h.added_by},
          {"added_at", h.added_at},
          {"in_force", !h.removed_at.has_value()},
          {"removed_by", Opt(h.removed_by)},
          {"removed_at", Opt(h.removed_at)},
          {"remove_reason", Opt(h.remove_reason)}};
}

Json ApprovalsJson(const std::vector<catalog::Approval>& approvals) {
  Json arr = Json::array();
  for (const catalog::Approval& a : approvals) arr.push_back({{"user", a.user}, {"at", a.at}});
  return arr;
}

Json TombstoneJson(const catalog::Tombstone& t, Level clearance) {
  if (!Visible(t, clearance))
    return {{"id", t.doc_id}, {"level", ToString(t.level)}, {"hidden", true}, {"list", t.list_id}};
  return {{"id", t.doc_id},
          {"archive_no", Opt(t.archive_no)},
          {"original_name", t.original_name},
          {"title", t.title},
          {"doc_type", t.doc_type},
          {"contract_no", Opt(t.contract_no)},
          {"invoice_no", Opt(t.invoice_no)},
          {"date", Opt(t.date)},
          {"ingested_at", t.ingested_at},
          {"sha256", t.sha256},
          {"level", ToString(t.level)},
          {"retention_class", t.retention_class},
          {"due_date", t.due_date},
          {"list", t.list_id},
          {"approvers", ApprovalsJson(t.approvers)},
          {"executed_by", t.executed_by.empty() ? Json(nullptr) : Json(t.executed_by)},
          {"executed_at", t.executed_at.empty() ? Json(nullptr) : Json(t.executed_at)}};
}

Json DestructionListJson(const DestructionRecord& r, Level clearance) {
  Json docs = Json::array();
  for (const catalog::Tombstone& t : r.documents) docs.push_back(TombstoneJson(t, clearance));
  Json spared = Json::array();
  for (const auto& [id, why] : r.spared) spared.push_back({{"id", id}, {"reason", why}});
  const catalog::DestructionList& l = r.list;
  return {{"id", l.id},
          {"state", l.state},
          {"proposed_by", l.proposed_by},
          {"proposed_at", l.proposed_at},
          {"as_of", l.as_of},
          {"archive_no", Opt(l.archive_no)},
          {"approvals", ApprovalsJson(l.approvals)},
          {"approvals_required", r.approvals_required},
          {"rejected_by", Opt(l.decided_by)},
          {"rejected_at", Opt(l.decided_at)},
          {"reason", Opt(l.reason)},
          {"executed_by", Opt(l.executed_by)},
          {"executed_at", Opt(l.executed_at)},
          {"documents", docs},
          {"spared", spared}};
}

std::string TombstoneLine(const catalog::Tombstone& t, Level clearance) {
  if (!Visible(t, clearance))
    return fmt::format("{:>6}  ({} document above your clearance)\n", t.doc_id, ToString(t.level));
  return fmt::format("{:>6}  {}  {}  {}  {}  {}  {}  {}\n", t.doc_id,
                     PadColumns(t.archive_no.value_or("(unfiled)"), 13), PadColumns(t.doc_type, 8),
                     PadColumns(t.date.value_or("-"), 10), PadColumns(t.retention_class, 9),
                     PadColumns(t.due_date, 10), PadColumns(Numbers(t), 14), t.title);
}

std::string DestructionListText(const DestructionRecord& r, Level clearance) {
  const catalog::DestructionList& l = r.list;
  std::string out = fmt::format("{} {} {}  [{}]\n", l.state == "executed" ? "销毁记录" : "销毁清册",
                                l.state == "executed" ? "destruction record" : "destruction list",
                                l.id, l.state);
  out += fmt::format("  proposed by  {}  {}  (due as of {}{})\n", l.proposed_by, l.proposed_at,
                     l.as_of, l.archive_no ? ", archive " + *l.archive_no : "");
  out += fmt::format("  approvals    {}\n", ApprovalsText(r));
  if (l.state == "rejected")
    out += fmt::format("  rejected by  {}  {}: {}\n", l.decided_by.value_or("-"),
                       l.decided_at.value_or("-"), l.reason.value_or(""));
  if (l.executed_at)
    out += fmt::format("  executed by  {}  {}\n", l.executed_by.value_or("-"), *l.executed_at);
  out += fmt::format("  documents    {}{}\n", r.documents.size(),
                     l.state == "executed" ? " destroyed" : "");
  out += fmt::format("{:>6}  {}  {}  {}  {}  {}  {}  TITLE\n", "ID", PadColumns("ARCHIVE", 13),
                     PadColumns("TYPE", 8), PadColumns("DATE", 10), PadColumns("CLASS", 9),
                     PadColumns("DUE", 10), PadColumns("NUMBER", 14));
  for (const catalog::Tombstone& t : r.documents) out += TombstoneLine(t, clearance);
  for (const auto& [id, why] : r.spared) out += fmt::format("  spared document {}: {}\n", id, why);
  return out;
}

Report DestructionReport(const DestructionRecord& r, Level clearance) {
  const catalog::DestructionList& l = r.list;
  const bool executed = l.state == "executed";
  Report rep;
  rep.title = fmt::format("{} {} {}", executed ? "销毁记录" : "销毁清册",
                          executed ? "Destruction record" : "Destruction list", l.id);
  rep.lines.push_back(fmt::format("状态 State：{}", l.state));
  rep.lines.push_back(fmt::format("提出人 Proposed by：{}（{}）", l.proposed_by, l.proposed_at));
  rep.lines.push_back(fmt::format("保管期限届满截止 Due as of：{}{}", l.as_of,
                                  l.archive_no ? "    档案 Archive：" + *l.archive_no : ""));
  rep.lines.push_back(fmt::format("审批 Approvals：{}", ApprovalsText(r)));
  if (l.state == "rejected")
    rep.lines.push_back(fmt::format("驳回 Rejected by：{}（{}）：{}", l.decided_by.value_or("-"),
                                    l.decided_at.value_or("-"), l.reason.value_or("")));
  if (executed)
    rep.lines.push_back(fmt::format("执行 Executed by：{}（{}）", l.executed_by.value_or("-"),
                                    l.executed_at.value_or("-")));
  ReportTable docs;
  docs.heading = fmt::format("{} Documents（{}）", executed ? "已销毁文件" : "拟销毁文件",
                             r.documents.size());
  docs.columns = {"ID", "档案编号 Archive", "题名 Title / SHA-256", "类型 Type", "日期 Date",
                  "编号 Number", "保管期限 Class", "到期 Due"};
  docs.widths = {0.5, 1.6, 3.6, 0.9, 1.4, 1.6, 0.9, 1.4};
  for (const catalog::Tombstone& t : r.documents) {
    if (!Visible(t, clearance)) {
      docs.rows.push_back({std::to_string(t.doc_id), "", "（密级 " + std::string(ToString(t.level)) +
                           "，超出阅读权限 above your clearance）", "", "", "", "", ""});
      continue;
    }
    docs.rows.push_back({std::to_string(t.doc_id), t.archive_no.value_or("-"),
                         t.title + "\n" + t.sha256, t.doc_type, t.date.value_or("-"), Numbers(t),
                         t.retention_class, t.due_date});
  }
  rep.tables.push_back(std::move(docs));
  if (!r.spared.empty()) {
    ReportTable spared;
    spared.heading = "未销毁 Spared at execution";
    spared.columns = {"ID", "原因 Reason"};
    spared.widths = {0.5, 5};
    for (const auto& [id, why] : r.spared) spared.rows.push_back({std::to_string(id), why});
    rep.tables.push_back(std::move(spared));
  }
  rep.signatures.push_back("经办人 Proposer（" + l.proposed_by + "）");
  for (int i = 0; i < r.approvals_required; ++i) {
    std::string who = i < static_cast<int>(l.approvals.size()) ? "（" + l.approvals[i].user + "）" : "";
    rep.signatures.push_back("审批人 Approver" + who);
  }
  rep.signatures.push_back("监销人 Witness");
  if (executed) rep.signatures.push_back("执行人 Executed by（" + l.executed_by.value_or("") + "）");
  rep.footer = fmt::format("dangan {} {}", executed ? "销毁记录" : "销毁清册", l.id);
  return rep;
}

}  // namespace dangan::app
