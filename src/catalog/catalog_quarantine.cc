// Catalog: quarantined inputs (DESIGN §5).
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

QuarantineItem ReadItem(const Statement& st) {
  QuarantineItem q;
  q.id = st.Int(0);
  q.source = st.Text(1);
  q.sha256 = st.Text(2);
  q.reason = ParseQuarantineReason(st.Text(3)).value_or(QuarantineReason::kCorrupt);
  q.detail = st.Text(4);
  q.at = st.Text(5);
  q.file_name = st.Text(6);
  q.released = st.Int(7) != 0;
  return q;
}

constexpr const char* kItemColumns = "id, source, sha256, reason, detail, at, file_name, released";

}  // namespace

Result<int64_t> Catalog::InsertQuarantine(QuarantineItem* item) {
  Statement st(db_, "INSERT INTO quarantine(source, sha256, reason, detail, at, file_name) "
                    "VALUES(?,?,?,?,?,?)");
  st.Bind(1, item->source).Bind(2, item->sha256).Bind(3, ToString(item->reason));
  st.Bind(4, item->detail).Bind(5, item->at).Bind(6, item->file_name);
  DANGAN_RETURN_IF_ERROR(st.Run());
  item->id = sqlite3_last_insert_rowid(db_);
  return item->id;
}

Result<std::vector<QuarantineItem>> Catalog::ListQuarantine(bool include_released) {
  std::string sql = std::string("SELECT ") + kItemColumns + " FROM quarantine" +
                    (include_released ? "" : " WHERE released = 0") + " ORDER BY id";
  Statement st(db_, sql.c_str());
  std::vector<QuarantineItem> out;
  Status s;
  while (st.Step(&s)) out.push_back(ReadItem(st));
  DANGAN_RETURN_IF_ERROR(s);
  return out;
}

Result<std::optional<QuarantineItem>> Catalog::GetQuarantine(int64_t id) {
  std::string sql = std::string("SELECT ") + kItemColumns + " FROM quarantine WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, id);
  Status s;
  if (st.Step(&s)) return std::optional<QuarantineItem>(ReadItem(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<QuarantineItem>();
}

Result<std::optional<int64_t>> Catalog::FindQuarantined(const std::string& sha256,
                                                        const std::string& source,
                                                        int64_t except_id) {
  Statement st(db_,
               "SELECT id FROM quarantine WHERE sha256 = ? AND source = ? AND released = 0 "
               "AND id != ? ORDER BY id LIMIT 1");
  st.Bind(1, sha256).Bind(2, source).Bind(3, except_id);
  Status s;
  if (st.Step(&s)) return std::optional<int64_t>(st.Int(0));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<int64_t>();
}

Status Catalog::MarkReleased(int64_t id) {
  Statement st(db_, "UPDATE quarantine SET released = 1 WHERE id = ?");
  st.Bind(1, id);
  return st.Run();
}

}  // namespace dangan::catalog
