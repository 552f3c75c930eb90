// Catalog: the figures of an audit report (RECORDS §8), one aggregate query
// per section over the period [from, until). The change, destruction and
// backup tables are read as migration 3 creates them.
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

// Runs sql with the text parameters args (bound in order) and calls row for
// each result row.
Status Each(sqlite3* db, const char* sql, const std::vector<std::string>& args,
            const std::function<void(const Statement&)>& row) {
  Statement st(db, sql);
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  Status s;
  while (st.Step(&s)) row(st);
  return s;
}

Result<int64_t> Count(sqlite3* db, const char* sql, const std::vector<std::string>& args) {
  int64_t n = 0;
  DANGAN_RETURN_IF_ERROR(Each(db, sql, args, [&](const Statement& st) { n = st.Int(0); }));
  return n;
}

Status CountDocuments(sqlite3* db, const AuditPeriod& p, AuditFigures* f) {
  const std::vector<std::string> period = {p.from, p.until};
  DANGAN_ASSIGN_OR_RETURN(
      f->ingested,
      Count(db, "SELECT count(*) FROM documents WHERE ingested_at >= ? AND ingested_at < ?",
            period));
  DANGAN_ASSIGN_OR_RETURN(f->ingested_unfiled,
                          Count(db, "SELECT count(*) FROM documents WHERE ingested_at >= ? AND "
                                    "ingested_at < ? AND archive_no IS NULL",
                                period));
  DANGAN_ASSIGN_OR_RETURN(
      f->unfiled, Count(db, "SELECT count(*) FROM documents WHERE archive_no IS NULL", {}));
  DANGAN_ASSIGN_OR_RETURN(
      f->quarantined,
      Count(db, "SELECT count(*) FROM quarantine WHERE at >= ? AND at < ?", period));
  DANGAN_ASSIGN_OR_RETURN(
      f->quarantine_open, Count(db, "SELECT count(*) FROM quarantine WHERE released = 0", {}));
  return Status::Ok();
}

Status CountRequests(Catalog* cat, sqlite3* db, const AuditPeriod& p, const std::string& now,
                     AuditFigures* f) {
  DANGAN_RETURN_IF_ERROR(
      Each(db,
           "SELECT CASE WHEN state = 'approved' AND expires_at <= ?1 THEN 'expired' ELSE state "
           "END AS s, count(*) FROM requests WHERE created_at >= ?2 AND created_at < ?3 "
           "GROUP BY s",
           {now, p.from, p.until}, [&](const Statement& st) {
             f->requests_by_state[st.Text(0)] = st.Int(1);
             f->requests_opened += st.Int(1);
           }));
  std::vector<int64_t> overdue;
  DANGAN_RETURN_IF_ERROR(Each(db,
                              "SELECT id FROM requests WHERE state = 'approved' AND "
                              "expires_at <= ?1 AND expires_at >= ?2 AND expires_at < ?3 "
                              "ORDER BY expires_at",
                              {now, p.from, p.until},
                              [&](const Statement& st) { overdue.push_back(st.Int(0)); }));
  for (int64_t id : overdue) {
    auto r = cat->GetRequest(id);
    if (!r.ok()) return r.status();
    if (r->has_value()) f->overdue.push_back(**r);
  }
  return Status::Ok();
}

Status CountLog(sqlite3* db, const AuditPeriod& p, AuditFigures* f) {
  auto by_user_level = [&](const char* actions, std::vector<AuditFigures::ByUserLevel>* out) {
    std::string sql = std::string(
                          "SELECT user, coalesce(json_extract(detail, '$.level'), '') AS lv, "
                          "count(*) FROM access_log WHERE at >= ? AND at < ? AND action IN (") +
                      actions + ") GROUP BY user, lv ORDER BY user, lv";
    return Each(db, sql.c_str(), {p.from, p.until}, [&](const Statement& st) {
      out->push_back({st.Text(0), st.Text(1), st.Int(2)});
    });
  };
  DANGAN_RETURN_IF_ERROR(by_user_level("'open', 'export', 'download'", &f->openings));
  DANGAN_RETURN_IF_ERROR(by_user_level("'denied'", &f->denials));
  DANGAN_RETURN_IF_ERROR(Each(db, "SELECT count(*) FROM access_log", {},
                              [&](const Statement& st) { f->log_rows = st.Int(0); }));
  return Each(db, "SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1", {},
              [&](const Statement& st) { f->log_head = st.Text(0); });
}

Status CountChangesAndDestructions(sqlite3* db, const AuditPeriod& p, AuditFigures* f) {
  const std::vector<std::string> period = {p.from, p.until};
  DANGAN_RETURN_IF_ERROR(Each(db,
                              "SELECT kind, state, count(*) FROM changes WHERE proposed_at >= ? "
                              "AND proposed_at < ? GROUP BY kind, state ORDER BY kind, state",
                              period, [&](const Statement& st) {
                                f->changes.push_back({st.Text(0), st.Text(1), st.Int(2)});
                              }));
  DANGAN_RETURN_IF_ERROR(Each(db,
                              "SELECT state, count(*) FROM destruction_lists WHERE "
                              "proposed_at >= ? AND proposed_at < ? GROUP BY state",
                              period, [&](const Statement& st) {
                                f->destruction_lists[st.Text(0)] = st.Int(1);
                              }));
  DANGAN_RETURN_IF_ERROR(Each(
      db,
      "SELECT l.id, l.executed_at, coalesce(l.executed_by, ''), (SELECT count(*) FROM "
      "tombstones t WHERE t.list_id = l.id) FROM destruction_lists l WHERE l.executed_at >= ? "
      "AND l.executed_at < ? ORDER BY l.executed_at",
      period, [&](const Statement& st) {
        f->destructions.push_back({st.Int(0), st.Text(1), st.Text(2), st.Int(3)});
      }));
  DANGAN_ASSIGN_OR_RETURN(
      f->documents_destroyed,
      Count(db, "SELECT count(*) FROM tombstones WHERE executed_at >= ? AND executed_at < ?",
            period));
  return Each(db, "SELECT at, dest, generation, files FROM backups ORDER BY at DESC LIMIT 1", {},
              [&](const Statement& st) {
                f->last_backup = AuditFigures::BackupRun{st.Text(0), st.Text(1), st.Text(2),
                                                         st.Int(3)};
              });
}

}  // namespace

Result<AuditFigures> Catalog::Audit(const AuditPeriod& period, const std::string& now) {
  // One read transaction: every section counts the same snapshot, even
  // while watch or another command writes.
  DANGAN_RETURN_IF_ERROR(Exec("BEGIN"));
  AuditFigures f;
  Status s = CountDocuments(db_, period, &f);
  if (s.ok()) s = CountRequests(this, db_, period, now, &f);
  if (s.ok()) s = CountLog(db_, period, &f);
  if (s.ok()) s = CountChangesAndDestructions(db_, period, &f);
  Rollback();  // nothing was written
  if (!s.ok()) return s;
  return f;
}

}  // namespace dangan::catalog
