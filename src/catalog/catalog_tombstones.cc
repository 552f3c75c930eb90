// Catalog: tombstones, what is kept of a destroyed document (RECORDS §6).
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

constexpr const char* kTombstoneColumns =
    "doc_id, list_id, archive_no, original_name, title, doc_type, contract_no, invoice_no, date, "
    "ingested_at, sha256, approvers, executed_at, executed_by, level, retention_class, due_date, "
    "stored_path, cleaned_at";

std::string ApproversText(const std::vector<Approval>& approvers) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Approval& a : approvers) arr.push_back({{"user", a.user}, {"at", a.at}});
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Approval> ParseApprovers(const std::string& text) {
  std::vector<Approval> out;
  nlohmann::json arr = nlohmann::json::parse(text, nullptr, false);
  if (!arr.is_array()) return out;
  for (const auto& a : arr)
    if (a.is_object()) out.push_back({a.value("user", ""), a.value("at", "")});
  return out;
}

Tombstone ReadTombstone(const Statement& st) {
  Tombstone t;
  t.doc_id = st.Int(0);
  t.list_id = st.Int(1);
  t.archive_no = st.OptText(2);
  t.original_name = st.Text(3);
  t.title = st.Text(4);
  t.doc_type = st.Text(5);
  t.contract_no = st.OptText(6);
  t.invoice_no = st.OptText(7);
  t.date = st.OptText(8);
  t.ingested_at = st.Text(9);
  t.sha256 = st.Text(10);
  t.approvers = ParseApprovers(st.Text(11));
  t.executed_at = st.Text(12);
  t.executed_by = st.Text(13);
  t.level = ParseLevel(st.Text(14)).value_or(Level::kSecret);
  t.retention_class = st.Text(15);
  t.due_date = st.Text(16);
  t.stored_path = st.Text(17);
  t.cleaned_at = st.OptText(18);
  return t;
}

// The tombstones a query selects; where is a constant clause with at most
// one parameter, bound to value.
template <typename V>
Result<std::vector<Tombstone>> Query(sqlite3* db, const char* where, const std::optional<V>& value) {
  std::string sql = std::string("SELECT ") + kTombstoneColumns + " FROM tombstones WHERE " + where +
                    " ORDER BY doc_id";
  Statement st(db, sql.c_str());
  if (value) st.Bind(1, *value);
  std::vector<Tombstone> out;
  Status s;
  while (st.Step(&s)) out.push_back(ReadTombstone(st));
  DANGAN_RETURN_IF_ERROR(s);
  return out;
}

}  // namespace

Status Catalog::DestroyDocument(const Tombstone& t) {
  Statement ins(db_, "INSERT INTO tombstones(doc_id, list_id, archive_no, original_name, title, "
                     "doc_type, contract_no, invoice_no, date, ingested_at, sha256, approvers, "
                     "executed_at, executed_by, level, retention_class, due_date, stored_path) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  ins.Bind(1, t.doc_id).Bind(2, t.list_id).Bind(3, t.archive_no).Bind(4, t.original_name);
  ins.Bind(5, t.title).Bind(6, t.doc_type).Bind(7, t.contract_no).Bind(8, t.invoice_no);
  ins.Bind(9, t.date).Bind(10, t.ingested_at).Bind(11, t.sha256);
  ins.Bind(12, ApproversText(t.approvers)).Bind(13, t.executed_at).Bind(14, t.executed_by);
  ins.Bind(15, ToString(t.level)).Bind(16, t.retention_class).Bind(17, t.due_date);
  ins.Bind(18, t.stored_path);
  DANGAN_RETURN_IF_ERROR(ins.Run());
  // Children first: pages, sources and candidates reference documents(id).
  for (const char* sql : {"DELETE FROM pages WHERE doc_id = ?", "DELETE FROM sources WHERE doc_id = ?",
                          "DELETE FROM candidates WHERE doc_id = ?",
                          "DELETE FROM documents WHERE id = ?"}) {
    Statement del(db_, sql);
    del.Bind(1, t.doc_id);
    DANGAN_RETURN_IF_ERROR(del.Run());
  }
  if (sqlite3_changes(db_) != 1)
    return Status::NotFound("no document " + std::to_string(t.doc_id) + " to destroy");
  return Status::Ok();
}

Result<std::optional<Tombstone>> Catalog::GetTombstone(int64_t doc_id) {
  DANGAN_ASSIGN_OR_RETURN(auto found, Query(db_, "doc_id = ?", std::optional<int64_t>(doc_id)));
  if (found.empty()) return std::optional<Tombstone>();
  return std::optional<Tombstone>(std::move(found.front()));
}

Result<std::vector<Tombstone>> Catalog::TombstonesOfList(int64_t list_id) {
  return Query(db_, "list_id = ?", std::optional<int64_t>(list_id));
}

Result<std::vector<Tombstone>> Catalog::TombstonesByField(const std::string& field,
                                                          const std::string& value) {
  if (field == "contract_no") return Query(db_, "contract_no = ? COLLATE NOCASE", std::optional(value));
  if (field == "invoice_no") return Query(db_, "invoice_no = ? COLLATE NOCASE", std::optional(value));
  if (field == "archive_no") return Query(db_, "archive_no = ?", std::optional(value));
  return Status::InvalidArgument("no such field: " + field);
}

Result<std::optional<Tombstone>> Catalog::FindTombstoneBySha(const std::string& sha256) {
  DANGAN_ASSIGN_OR_RETURN(auto found, Query(db_, "sha256 = ?", std::optional(sha256)));
  if (found.empty()) return std::optional<Tombstone>();
  return std::optional<Tombstone>(std::move(found.back()));
}

Result<std::vector<Tombstone>> Catalog::UncleanedTombstones() {
  return Query(db_, "cleaned_at IS NULL", std::optional<int64_t>());
}

Status Catalog::MarkTombstoneCleaned(int64_t doc_id, const std::string& at) {
  Statement st(db_, "UPDATE tombstones SET cleaned_at = ? WHERE doc_id = ?");
  st.Bind(1, at).Bind(2, doc_id);
  return st.Run();
}

}  // namespace dangan::catalog
