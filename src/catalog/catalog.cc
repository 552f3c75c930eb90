#include "catalog/catalog.h"

#include <sqlite3.h>

#include "catalog/schema.h"
#include "catalog/statement.h"
#include "core/clock.h"

namespace dangan::catalog {

static_assert(kSchemaVersion == static_cast<int>(kMigrations.size()));

Catalog::Catalog(sqlite3* db) : db_(db) {}
Catalog::~Catalog() { sqlite3_close_v2(db_); }

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::filesystem::path& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Catalog> cat(new Catalog(raw));  // owns raw even on failure
  if (rc != SQLITE_OK) {
    if (!create && (rc & 0xFF) == SQLITE_CANTOPEN)
      return Status::NotFound(path.string() + ": no catalog here (run `dangan init`)");
    return SqliteError(raw, rc, "open " + path.string());
  }
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  DANGAN_RETURN_IF_ERROR(cat->Exec("PRAGMA journal_mode=WAL"));
  DANGAN_RETURN_IF_ERROR(cat->Exec("PRAGMA synchronous=FULL"));
  DANGAN_RETURN_IF_ERROR(cat->Exec("PRAGMA foreign_keys=ON"));
  DANGAN_RETURN_IF_ERROR(cat->Migrate());
  return cat;
}

Status Catalog::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    Status s = SqliteError(nullptr, rc, msg);
    return s;
  }
  return Status::Ok();
}

// Migrate: applies the migrations the catalog lacks, each in its own
// transaction together with its user_version bump, so a crash leaves the
// catalog at one version or the next.
Status Catalog::Migrate() {
  Statement get(db_, "PRAGMA user_version");
  Status s;
  int version = get.Step(&s) ? static_cast<int>(get.Int(0)) : 0;
  DANGAN_RETURN_IF_ERROR(s);
  if (version > kSchemaVersion)
    return Status::Unsupported("catalog schema version " + std::to_string(version) +
                               " is newer than this dangan (" + std::to_string(kSchemaVersion) + ")");
  for (int v = version; v < kSchemaVersion; ++v) {
    Status m = Transaction([&] {
      // Another process may have migrated since the read above (readers
      // open the catalog without dangan.lock): look again under the lock.
      Statement again(db_, "PRAGMA user_version");
      Status rs;
      if (again.Step(&rs) && again.Int(0) > v) return Status::Ok();
      DANGAN_RETURN_IF_ERROR(rs);
      DANGAN_RETURN_IF_ERROR(Exec(kMigrations[v]));
      return Exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    });
    if (!m.ok()) return Status::Internal("migration " + std::to_string(v + 1) + ": " + m.message());
  }
  return Status::Ok();
}

Status Catalog::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status Catalog::Commit() { return Exec("COMMIT"); }
void Catalog::Rollback() {
  if (!sqlite3_get_autocommit(db_)) (void)Exec("ROLLBACK");
}

Status Catalog::Transaction(const std::function<Status()>& fn) {
  DANGAN_RETURN_IF_ERROR(Begin());
  Status s = fn();
  if (s.ok()) s = Commit();
  if (!s.ok()) Rollback();
  return s;
}

Result<std::optional<std::string>> Catalog::GetMeta(const std::string& key) {
  Statement st(db_, "SELECT value FROM meta WHERE key = ?");
  st.Bind(1, key);
  Status s;
  if (st.Step(&s)) return std::optional<std::string>(st.Text(0));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<std::string>();
}

Status Catalog::SetMeta(const std::string& key, const std::string& value) {
  Statement st(db_, "INSERT INTO meta(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.Bind(1, key).Bind(2, value);
  return st.Run();
}

Status Catalog::LogEvent(const std::string& kind, std::optional<int64_t> doc_id,
                         const std::string& detail) {
  Statement st(db_, "INSERT INTO events(at, kind, doc_id, detail) VALUES(?, ?, ?, ?)");
  st.Bind(1, NowIso8601Utc()).Bind(2, kind);
  if (doc_id) {
    st.Bind(3, *doc_id);
  } else {
    st.BindNull(3);
  }
  st.Bind(4, detail);
  return st.Run();
}

Result<Stats> Catalog::GetStats() {
  Stats stats;
  Status s;
  {
    Statement st(db_, "SELECT state, COUNT(*) FROM documents GROUP BY state");
    while (st.Step(&s)) {
      stats.by_state[st.Text(0)] = st.Int(1);
      stats.documents += st.Int(1);
    }
    DANGAN_RETURN_IF_ERROR(s);
  }
  {
    Statement st(db_, "SELECT doc_type, COUNT(*) FROM documents GROUP BY doc_type");
    while (st.Step(&s)) stats.by_type[st.Text(0)] = st.Int(1);
    DANGAN_RETURN_IF_ERROR(s);
  }
  {
    Statement st(db_, "SELECT archive_no, COUNT(*) FROM documents WHERE archive_no IS NOT NULL "
                      "GROUP BY archive_no");
    while (st.Step(&s)) stats.by_archive[st.Text(0)] = st.Int(1);
    DANGAN_RETURN_IF_ERROR(s);
    stats.archives = static_cast<int64_t>(stats.by_archive.size());
  }
  auto count = [&](const char* sql, int64_t* out) {
    Statement st(db_, sql);
    if (st.Step(&s)) *out = st.Int(0);
    return s;
  };
  DANGAN_RETURN_IF_ERROR(count("SELECT COUNT(*) FROM documents WHERE archive_no IS NULL",
                               &stats.unfiled));
  DANGAN_RETURN_IF_ERROR(count("SELECT COUNT(*) FROM quarantine WHERE released = 0",
                               &stats.quarantined));
  DANGAN_RETURN_IF_ERROR(count("SELECT COUNT(*) FROM clients", &stats.clients));
  DANGAN_RETURN_IF_ERROR(count("SELECT COUNT(*) FROM sources", &stats.sources));
  return stats;
}

Result<Activity> Catalog::GetActivity(const std::string& since) {
  Activity a;
  Status s;
  {
    // Field dates are YYYY-MM-DD (ingest/field_parsers); the GLOB keeps a
    // malformed one out of the months rather than inventing a month.
    Statement st(db_, "SELECT substr(date, 1, 7) AS m, COUNT(*) FROM documents "
                      "WHERE date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY m");
    while (st.Step(&s)) a.by_month[st.Text(0)] = st.Int(1);
    DANGAN_RETURN_IF_ERROR(s);
  }
  {
    // ingested_at is "YYYY-MM-DDTHH:MM:SSZ": text order is time order.
    Statement st(db_, "SELECT substr(ingested_at, 1, 10) AS d, COUNT(*) FROM documents "
                      "WHERE ingested_at >= ? GROUP BY d");
    st.Bind(1, since);
    while (st.Step(&s)) a.ingested_by_day[st.Text(0)] = st.Int(1);
    DANGAN_RETURN_IF_ERROR(s);
  }
  Statement st(db_, "SELECT COUNT(*) FROM documents WHERE state = 'needs_ocr'");
  if (st.Step(&s)) a.ocr_pending = st.Int(0);
  DANGAN_RETURN_IF_ERROR(s);
  return a;
}

}  // namespace dangan::catalog
