// Catalog: backups (RECORDS §7): the online copy of the catalog, what a
// snapshot lists for the rest of the backup, and the backups table.
#include <sqlite3.h>

#include <memory>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/c_deleter.h"
#include "core/fs.h"

namespace dangan::catalog {
namespace {

using SqlitePtr = std::unique_ptr<sqlite3, CDeleter<sqlite3_close_v2>>;

// A busy source (a writer checkpointing) is retried for this long.
constexpr int kBusyRetries = 600;
constexpr int kBusySleepMs = 50;

Status ExecOn(sqlite3* db, const char* sql, const std::string& what) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteError(db, rc, what);
}

}  // namespace

// BackupTo: sqlite3_backup_step(-1) copies every page under one read
// transaction of the source, so the copy is the catalog as one instant saw
// it; in WAL mode the writer (watch) keeps committing meanwhile and is never
// blocked. The copy is then switched to a rollback journal so that it is one
// self-contained file whose hash the manifest can state.
Status Catalog::BackupTo(const std::filesystem::path& dst) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(dst.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqlitePtr out(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "open " + dst.string());
  sqlite3_backup* backup = sqlite3_backup_init(out.get(), "main", db_, "main");
  if (backup == nullptr)
    return SqliteError(out.get(), sqlite3_errcode(out.get()), "backup to " + dst.string());
  int tries = 0;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < kBusyRetries)
      sqlite3_sleep(kBusySleepMs);
  } while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < kBusyRetries));
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(out.get(), rc, "backup to " + dst.string());
  if (finish != SQLITE_OK) return SqliteError(out.get(), finish, "backup to " + dst.string());
  DANGAN_RETURN_IF_ERROR(ExecOn(out.get(), "PRAGMA journal_mode=DELETE", dst.string()));
  out.reset();
  return FsyncFile(dst);
}

Result<SnapshotContents> ReadSnapshotContents(const std::filesystem::path& snapshot) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(snapshot.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  SqlitePtr db(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "open " + snapshot.string());
  SnapshotContents c;
  Status s;
  {
    Statement st(db.get(), "SELECT id, sha256, stored_path, size FROM documents ORDER BY id");
    DANGAN_RETURN_IF_ERROR(st.status());
    while (st.Step(&s))
      c.originals.push_back(
          {st.Int(0), st.Text(1), st.Text(2), static_cast<uint64_t>(st.Int(3))});
    DANGAN_RETURN_IF_ERROR(s);
  }
  {
    Statement st(db.get(), "SELECT id, file_name FROM quarantine WHERE released = 0 ORDER BY id");
    DANGAN_RETURN_IF_ERROR(st.status());
    while (st.Step(&s)) c.quarantine.push_back({st.Int(0), st.Text(1)});
    DANGAN_RETURN_IF_ERROR(s);
  }
  {
    Statement st(db.get(), "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1");
    DANGAN_RETURN_IF_ERROR(st.status());
    if (st.Step(&s)) {
      c.log_seq = st.Int(0);
      c.log_head = st.Text(1);
    }
    DANGAN_RETURN_IF_ERROR(s);
  }
  return c;
}

Status Catalog::InsertBackup(const BackupRun& run) {
  Statement st(db_, "INSERT INTO backups(at, dest, generation, files, copied, bytes, "
                    "catalog_sha256, log_head) VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, run.at).Bind(2, run.dest).Bind(3, run.generation).Bind(4, run.files);
  st.Bind(5, run.copied).Bind(6, run.bytes).Bind(7, run.catalog_sha256).Bind(8, run.log_head);
  return st.Run();
}

Result<std::optional<BackupRun>> Catalog::LastBackup() {
  Statement st(db_, "SELECT id, at, dest, generation, files, copied, bytes, catalog_sha256, "
                    "log_head FROM backups ORDER BY at DESC, id DESC LIMIT 1");
  Status s;
  if (st.Step(&s)) {
    BackupRun r;
    r.id = st.Int(0);
    r.at = st.Text(1);
    r.dest = st.Text(2);
    r.generation = st.Text(3);
    r.files = st.Int(4);
    r.copied = st.Int(5);
    r.bytes = st.Int(6);
    r.catalog_sha256 = st.Text(7);
    r.log_head = st.Text(8);
    return std::optional<BackupRun>(std::move(r));
  }
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<BackupRun>();
}

}  // namespace dangan::catalog
