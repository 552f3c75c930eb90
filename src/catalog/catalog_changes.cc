// Catalog: change requests and the archive aliases renumbering leaves
// (RECORDS §5). Column names in SQL come from fixed lists only; values are
// always bound.
#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/clock.h"

namespace dangan::catalog {
namespace {

constexpr const char* kChangeColumns =
    "id, kind, target, before, after, reason, state, proposed_by, proposed_at, decided_by, "
    "decided_at, reject_reason";

constexpr const char* kClientFieldColumns[] = {"name",    "uscc",  "client_code",   "type",
                                               "legal_rep", "address", "phone", "credit_rating",
                                               "retention", "opened"};
constexpr const char* kDocumentFieldColumns[] = {"contract_no", "invoice_no", "date",     "amount",
                                                 "currency",    "uscc",       "doc_type", "title"};

template <size_t N>
bool Listed(const char* const (&names)[N], const std::string& name) {
  return std::find_if(std::begin(names), std::end(names),
                      [&](const char* n) { return name == n; }) != std::end(names);
}

Change ReadChange(const Statement& st) {
  Change c;
  c.id = st.Int(0);
  c.kind = st.Text(1);
  c.target = st.Text(2);
  c.before = st.Text(3);
  c.after = st.Text(4);
  c.reason = st.Text(5);
  c.state = st.Text(6);
  c.proposed_by = st.Text(7);
  c.proposed_at = st.Text(8);
  c.decided_by = st.OptText(9);
  c.decided_at = st.OptText(10);
  c.reject_reason = st.OptText(11);
  return c;
}

ArchiveAlias ReadAlias(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Int(2), st.Text(3), st.Text(4)};
}

}  // namespace

Result<int64_t> Catalog::InsertChange(Change* c) {
  Statement st(db_,
               "INSERT INTO changes(kind, target, before, after, reason, state, proposed_by, "
               "proposed_at) VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, c->kind).Bind(2, c->target).Bind(3, c->before).Bind(4, c->after);
  st.Bind(5, c->reason).Bind(6, c->state).Bind(7, c->proposed_by).Bind(8, c->proposed_at);
  DANGAN_RETURN_IF_ERROR(st.Run());
  c->id = sqlite3_last_insert_rowid(db_);
  return c->id;
}

Result<std::optional<Change>> Catalog::GetChange(int64_t id) {
  std::string sql = std::string("SELECT ") + kChangeColumns + " FROM changes WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, id);
  Status s;
  if (st.Step(&s)) return std::optional<Change>(ReadChange(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<Change>();
}

Result<std::vector<Change>> Catalog::ListChanges(const ChangeFilter& f) {
  std::string sql = std::string("SELECT ") + kChangeColumns + " FROM changes WHERE 1";
  if (f.state) sql += " AND state = ?";
  if (f.kind) sql += " AND kind = ?";
  if (f.target) sql += " AND target = ?";
  sql += " ORDER BY id";
  Statement st(db_, sql.c_str());
  int i = 1;
  if (f.state) st.Bind(i++, *f.state);
  if (f.kind) st.Bind(i++, *f.kind);
  if (f.target) st.Bind(i++, *f.target);
  std::vector<Change> out;
  Status s;
  while (st.Step(&s)) out.push_back(ReadChange(st));
  DANGAN_RETURN_IF_ERROR(s);
  return out;
}

Status Catalog::DecideChange(int64_t id, const std::string& state, const std::string& decided_by,
                             const std::string& decided_at,
                             const std::optional<std::string>& reject_reason) {
  Statement st(db_, "UPDATE changes SET state = ?, decided_by = ?, decided_at = ?, "
                    "reject_reason = ? WHERE id = ?");
  st.Bind(1, state).Bind(2, decided_by).Bind(3, decided_at).Bind(4, reject_reason).Bind(5, id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) != 1) return Status::NotFound("no change " + std::to_string(id));
  return Status::Ok();
}

Status Catalog::SetClientColumns(const std::string& archive_no,
                                 const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [column, value] : values) {
    if (!Listed(kClientFieldColumns, column))
      return Status::InvalidArgument("not a client field: " + column);
    std::string sql = "UPDATE clients SET " + column + " = ?, updated_at = ? WHERE archive_no = ?";
    Statement st(db_, sql.c_str());
    st.Bind(1, value).Bind(2, NowIso8601Utc()).Bind(3, archive_no);
    DANGAN_RETURN_IF_ERROR(st.Run());
    if (sqlite3_changes(db_) != 1) return Status::NotFound("no client with archive number " + archive_no);
  }
  return Status::Ok();
}

Status Catalog::SetClientLevel(const std::string& archive_no, Level level) {
  Statement st(db_, "UPDATE clients SET level = ?, updated_at = ? WHERE archive_no = ?");
  st.Bind(1, ToString(level)).Bind(2, NowIso8601Utc()).Bind(3, archive_no);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) != 1) return Status::NotFound("no client with archive number " + archive_no);
  return Status::Ok();
}

Status Catalog::SetDocumentColumns(
    int64_t doc_id, const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
  for (const auto& [column, value] : values) {
    if (!Listed(kDocumentFieldColumns, column))
      return Status::InvalidArgument("not a document field: " + column);
    std::string sql = "UPDATE documents SET " + column + " = ? WHERE id = ?";
    Statement st(db_, sql.c_str());
    st.Bind(1, value).Bind(2, doc_id);
    DANGAN_RETURN_IF_ERROR(st.Run());
    if (sqlite3_changes(db_) != 1) return Status::NotFound("no document " + std::to_string(doc_id));
  }
  return Status::Ok();
}

Status Catalog::SetDocumentLevel(int64_t doc_id, std::optional<Level> level) {
  Statement st(db_, "UPDATE documents SET level = ? WHERE id = ?");
  if (level) {
    st.Bind(1, ToString(*level));
  } else {
    st.BindNull(1);
  }
  st.Bind(2, doc_id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) != 1) return Status::NotFound("no document " + std::to_string(doc_id));
  return Status::Ok();
}

Status Catalog::MarkArchiveForReindex(const std::string& archive_no) {
  Statement st(db_, "UPDATE documents SET state = 'stored' WHERE archive_no = ? AND state = 'indexed'");
  st.Bind(1, archive_no);
  return st.Run();
}

Status Catalog::MarkDocumentForReindex(int64_t doc_id) {
  Statement st(db_, "UPDATE documents SET state = 'stored' WHERE id = ? AND state = 'indexed'");
  st.Bind(1, doc_id);
  return st.Run();
}

Status Catalog::RenumberArchive(const std::string& old_no, const std::string& new_no,
                                int64_t change_id, const std::string& at, const std::string& reason) {
  {
    Statement st(db_, "UPDATE clients SET archive_no = ?, updated_at = ? WHERE archive_no = ?");
    st.Bind(1, new_no).Bind(2, at).Bind(3, old_no);
    DANGAN_RETURN_IF_ERROR(st.Run());
    if (sqlite3_changes(db_) != 1) return Status::NotFound("no client with archive number " + old_no);
  }
  {
    // store/OLD/NAME -> store/NEW/NAME: the folder itself was renamed.
    const std::string old_prefix = "store/" + old_no + "/";
    Statement st(db_, "UPDATE documents SET archive_no = ?1, "
                      "stored_path = 'store/' || ?1 || '/' || substr(stored_path, ?2) "
                      "WHERE archive_no = ?3 AND substr(stored_path, 1, ?4) = ?5");
    st.Bind(1, new_no).Bind(2, static_cast<int64_t>(old_prefix.size()) + 1).Bind(3, old_no);
    st.Bind(4, static_cast<int64_t>(old_prefix.size())).Bind(5, old_prefix);
    DANGAN_RETURN_IF_ERROR(st.Run());
    Statement left(db_, "SELECT COUNT(*) FROM documents WHERE archive_no = ?");
    left.Bind(1, old_no);
    Status s;
    if (left.Step(&s) && left.Int(0) != 0)
      return Status::Internal("documents of " + old_no + " outside store/" + old_no + "/");
    DANGAN_RETURN_IF_ERROR(s);
  }
  for (const char* sql : {"UPDATE candidates SET archive_no = ? WHERE archive_no = ?",
                          "UPDATE holds SET archive_no = ? WHERE archive_no = ?",
                          "UPDATE requests SET archive_no = ? WHERE archive_no = ?"}) {
    Statement st(db_, sql);
    st.Bind(1, new_no).Bind(2, old_no);
    DANGAN_RETURN_IF_ERROR(st.Run());
  }
  Statement alias(db_, "INSERT INTO archive_aliases(old_no, new_no, change_id, at, reason) "
                       "VALUES(?,?,?,?,?)");
  alias.Bind(1, old_no).Bind(2, new_no).Bind(3, change_id).Bind(4, at).Bind(5, reason);
  return alias.Run();
}

Result<std::optional<ArchiveAlias>> Catalog::GetAlias(const std::string& old_no) {
  Statement st(db_, "SELECT old_no, new_no, change_id, at, reason FROM archive_aliases "
                    "WHERE old_no = ?");
  st.Bind(1, old_no);
  Status s;
  if (st.Step(&s)) return std::optional<ArchiveAlias>(ReadAlias(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<ArchiveAlias>();
}

Result<std::vector<ArchiveAlias>> Catalog::AliasesOf(const std::string& archive_no) {
  // Walk the chain backwards: who was renamed to archive_no, and so on.
  std::vector<ArchiveAlias> out;
  std::vector<std::string> frontier = {archive_no};
  std::set<std::string> seen = {archive_no};
  while (!frontier.empty()) {
    std::string next = frontier.back();
    frontier.pop_back();
    Statement st(db_, "SELECT old_no, new_no, change_id, at, reason FROM archive_aliases "
                      "WHERE new_no = ?");
    st.Bind(1, next);
    Status s;
    while (st.Step(&s)) {
      ArchiveAlias a = ReadAlias(st);
      if (seen.insert(a.old_no).second) {
        frontier.push_back(a.old_no);
        out.push_back(std::move(a));
      }
    }
    DANGAN_RETURN_IF_ERROR(s);
  }
  std::sort(out.begin(), out.end(),
            [](const ArchiveAlias& a, const ArchiveAlias& b) { return a.change_id < b.change_id; });
  return out;
}

Result<std::optional<std::string>> Catalog::ResolveArchiveNo(const std::string& archive_no) {
  std::string current = archive_no;
  for (int hops = 0; hops < 64; ++hops) {
    auto level = ArchiveLevel(current);
    if (!level.ok()) return level.status();
    if (level->has_value()) return std::optional<std::string>(current);
    auto alias = GetAlias(current);
    if (!alias.ok()) return alias.status();
    if (!alias->has_value()) return std::optional<std::string>();
    current = (*alias)->new_no;
  }
  return Status::Internal("the aliases of " + archive_no + " form a loop");
}

}  // namespace dangan::catalog
