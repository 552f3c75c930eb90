// Catalog: destruction lists, their documents and approvals (RECORDS §6).
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

constexpr const char* kListColumns =
    "id, state, proposed_by, proposed_at, as_of, archive_no, decided_by, decided_at, reason, "
    "executed_by, executed_at";

DestructionList ReadList(const Statement& st) {
  DestructionList l;
  l.id = st.Int(0);
  l.state = st.Text(1);
  l.proposed_by = st.Text(2);
  l.proposed_at = st.Text(3);
  l.as_of = st.Text(4);
  l.archive_no = st.OptText(5);
  l.decided_by = st.OptText(6);
  l.decided_at = st.OptText(7);
  l.reason = st.OptText(8);
  l.executed_by = st.OptText(9);
  l.executed_at = st.OptText(10);
  return l;
}

Status LoadItemsAndApprovals(sqlite3* db, DestructionList* l) {
  Status s;
  Statement items(db, "SELECT doc_id, retention_class, due_date, outcome, note "
                      "FROM destruction_items WHERE list_id = ? ORDER BY doc_id");
  items.Bind(1, l->id);
  while (items.Step(&s))
    l->items.push_back({items.Int(0), items.Text(1), items.Text(2), items.OptText(3), items.Text(4)});
  DANGAN_RETURN_IF_ERROR(s);
  Statement approvals(db, "SELECT user, at FROM destruction_approvals WHERE list_id = ? "
                          "ORDER BY at, user");
  approvals.Bind(1, l->id);
  while (approvals.Step(&s)) l->approvals.push_back({approvals.Text(0), approvals.Text(1)});
  return s;
}

// Runs an UPDATE of one list; kNotFound when no list has that id.
Status UpdateList(sqlite3* db, Statement* st, int64_t list_id) {
  DANGAN_RETURN_IF_ERROR(st->Run());
  if (sqlite3_changes(db) == 0)
    return Status::NotFound("no destruction list " + std::to_string(list_id));
  return Status::Ok();
}

}  // namespace

Result<int64_t> Catalog::InsertDestructionList(DestructionList* list) {
  Statement st(db_, "INSERT INTO destruction_lists(state, proposed_by, proposed_at, as_of, "
                    "archive_no) VALUES(?,?,?,?,?)");
  st.Bind(1, list->state).Bind(2, list->proposed_by).Bind(3, list->proposed_at);
  st.Bind(4, list->as_of).Bind(5, list->archive_no);
  DANGAN_RETURN_IF_ERROR(st.Run());
  list->id = sqlite3_last_insert_rowid(db_);
  Statement item(db_, "INSERT INTO destruction_items(list_id, doc_id, retention_class, due_date) "
                      "VALUES(?,?,?,?)");
  DANGAN_RETURN_IF_ERROR(item.status());
  for (const DestructionItem& i : list->items) {
    sqlite3_reset(item.raw());
    item.Bind(1, list->id).Bind(2, i.doc_id).Bind(3, i.retention_class).Bind(4, i.due_date);
    DANGAN_RETURN_IF_ERROR(item.Run());
  }
  return list->id;
}

Result<std::optional<DestructionList>> Catalog::GetDestructionList(int64_t id) {
  std::string sql = std::string("SELECT ") + kListColumns + " FROM destruction_lists WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, id);
  Status s;
  if (!st.Step(&s)) {
    DANGAN_RETURN_IF_ERROR(s);
    return std::optional<DestructionList>();
  }
  DestructionList l = ReadList(st);
  DANGAN_RETURN_IF_ERROR(LoadItemsAndApprovals(db_, &l));
  return std::optional<DestructionList>(std::move(l));
}

Result<std::vector<DestructionList>> Catalog::ListDestructionLists() {
  std::string sql = std::string("SELECT ") + kListColumns + " FROM destruction_lists ORDER BY id";
  Statement st(db_, sql.c_str());
  std::vector<DestructionList> lists;
  Status s;
  while (st.Step(&s)) lists.push_back(ReadList(st));
  DANGAN_RETURN_IF_ERROR(s);
  for (DestructionList& l : lists) DANGAN_RETURN_IF_ERROR(LoadItemsAndApprovals(db_, &l));
  return lists;
}

Result<std::map<int64_t, int64_t>> Catalog::DocumentsOnOpenLists() {
  Statement st(db_, "SELECT i.doc_id, i.list_id FROM destruction_items i "
                    "JOIN destruction_lists l ON l.id = i.list_id "
                    "WHERE l.state IN ('proposed', 'approved') ORDER BY i.list_id");
  std::map<int64_t, int64_t> ids;
  Status s;
  while (st.Step(&s)) ids.emplace(st.Int(0), st.Int(1));
  DANGAN_RETURN_IF_ERROR(s);
  return ids;
}

Status Catalog::AddDestructionApproval(int64_t list_id, const std::string& user,
                                       const std::string& at) {
  Statement st(db_, "INSERT INTO destruction_approvals(list_id, user, at) VALUES(?,?,?)");
  st.Bind(1, list_id).Bind(2, user).Bind(3, at);
  return st.Run();
}

Status Catalog::SetDestructionApproved(int64_t list_id) {
  Statement st(db_, "UPDATE destruction_lists SET state = 'approved' WHERE id = ?");
  st.Bind(1, list_id);
  return UpdateList(db_, &st, list_id);
}

Status Catalog::RejectDestructionList(int64_t list_id, const std::string& by, const std::string& at,
                                      const std::string& reason) {
  Statement st(db_, "UPDATE destruction_lists SET state = 'rejected', decided_by = ?, "
                    "decided_at = ?, reason = ? WHERE id = ?");
  st.Bind(1, by).Bind(2, at).Bind(3, reason).Bind(4, list_id);
  return UpdateList(db_, &st, list_id);
}

Status Catalog::SetDestructionItemOutcome(int64_t list_id, int64_t doc_id,
                                          const std::string& outcome, const std::string& note) {
  Statement st(db_, "UPDATE destruction_items SET outcome = ?, note = ? "
                    "WHERE list_id = ? AND doc_id = ?");
  st.Bind(1, outcome).Bind(2, note).Bind(3, list_id).Bind(4, doc_id);
  return st.Run();
}

Status Catalog::MarkDestructionExecuted(int64_t list_id, const std::string& by,
                                        const std::string& at) {
  Statement st(db_, "UPDATE destruction_lists SET state = 'executed', executed_by = ?, "
                    "executed_at = ? WHERE id = ?");
  st.Bind(1, by).Bind(2, at).Bind(3, list_id);
  return UpdateList(db_, &st, list_id);
}

}  // namespace dangan::catalog
