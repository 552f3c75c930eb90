// Catalog: legal holds (RECORDS §6).
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

constexpr const char* kHoldColumns =
    "id, archive_no, doc_id, reason, added_by, added_at, removed_by, removed_at, remove_reason";

Hold ReadHold(const Statement& st) {
  Hold h;
  h.id = st.Int(0);
  h.archive_no = st.OptText(1);
  if (!st.IsNull(2)) h.doc_id = st.Int(2);
  h.reason = st.Text(3);
  h.added_by = st.Text(4);
  h.added_at = st.Text(5);
  h.removed_by = st.OptText(6);
  h.removed_at = st.OptText(7);
  h.remove_reason = st.OptText(8);
  return h;
}

Result<std::vector<Hold>> ReadHolds(Statement* st) {
  std::vector<Hold> holds;
  Status s;
  while (st->Step(&s)) holds.push_back(ReadHold(*st));
  DANGAN_RETURN_IF_ERROR(s);
  return holds;
}

}  // namespace

Result<int64_t> Catalog::InsertHold(Hold* hold) {
  if (hold->archive_no.has_value() == hold->doc_id.has_value())
    return Status::InvalidArgument("a hold is on an archive or on a document");
  Statement st(db_, "INSERT INTO holds(archive_no, doc_id, reason, added_by, added_at) "
                    "VALUES(?,?,?,?,?)");
  st.Bind(1, hold->archive_no);
  if (hold->doc_id) {
    st.Bind(2, *hold->doc_id);
  } else {
    st.BindNull(2);
  }
  st.Bind(3, hold->reason).Bind(4, hold->added_by).Bind(5, hold->added_at);
  DANGAN_RETURN_IF_ERROR(st.Run());
  hold->id = sqlite3_last_insert_rowid(db_);
  return hold->id;
}

Result<int> Catalog::RemoveHolds(const std::optional<std::string>& archive_no,
                                 std::optional<int64_t> doc_id, const std::string& by,
                                 const std::string& at, const std::string& reason) {
  if (archive_no.has_value() == doc_id.has_value())
    return Status::InvalidArgument("a hold is on an archive or on a document");
  Statement st(db_, archive_no ? "UPDATE holds SET removed_by = ?, removed_at = ?, remove_reason = ? "
                                 "WHERE removed_at IS NULL AND archive_no = ?"
                               : "UPDATE holds SET removed_by = ?, removed_at = ?, remove_reason = ? "
                                 "WHERE removed_at IS NULL AND doc_id = ?");
  st.Bind(1, by).Bind(2, at).Bind(3, reason);
  if (archive_no) {
    st.Bind(4, *archive_no);
  } else {
    st.Bind(4, *doc_id);
  }
  DANGAN_RETURN_IF_ERROR(st.Run());
  return sqlite3_changes(db_);
}

Result<std::vector<Hold>> Catalog::ListHolds(bool include_removed) {
  std::string sql = std::string("SELECT ") + kHoldColumns + " FROM holds" +
                    (include_removed ? "" : " WHERE removed_at IS NULL") + " ORDER BY id";
  Statement st(db_, sql.c_str());
  return ReadHolds(&st);
}

Result<std::vector<Hold>> Catalog::HoldsOn(int64_t doc_id,
                                           const std::optional<std::string>& archive_no) {
  std::string sql = std::string("SELECT ") + kHoldColumns +
                    " FROM holds WHERE removed_at IS NULL AND (doc_id = ? OR archive_no = ?) "
                    "ORDER BY id";
  Statement st(db_, sql.c_str());
  st.Bind(1, doc_id).Bind(2, archive_no);  // a null archive matches no hold
  return ReadHolds(&st);
}

}  // namespace dangan::catalog
