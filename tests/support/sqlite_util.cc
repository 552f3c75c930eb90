#include "support/sqlite_util.h"

#include <sqlite3.h>

#include <memory>

namespace dangan::testing {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

DbPtr OpenDb(const std::filesystem::path& path, std::string* error) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    *error = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return nullptr;
  }
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

std::string SqliteExec(const std::filesystem::path& path, const std::string& sql) {
  std::string error;
  DbPtr db = OpenDb(path, &error);
  if (!db) return error;
  char* msg = nullptr;
  if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    error = msg ? msg : "sqlite3_exec failed";
    sqlite3_free(msg);
  }
  return error;
}

std::string SqliteQueryOne(const std::filesystem::path& path, const std::string& sql,
                           std::string* error) {
  std::string err;
  std::string out;
  DbPtr db = OpenDb(path, &err);
  sqlite3_stmt* stmt = nullptr;
  if (db && sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    err = sqlite3_errmsg(db.get());
  if (stmt != nullptr) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    } else if (rc != SQLITE_DONE) {
      err = sqlite3_errmsg(db.get());
    }
    sqlite3_finalize(stmt);
  }
  if (error != nullptr) *error = err;
  return out;
}

std::string SqliteQueryPlan(const std::filesystem::path& path, const std::string& sql,
                            std::string* error) {
  std::string err;
  std::string out;
  DbPtr db = OpenDb(path, &err);
  sqlite3_stmt* stmt = nullptr;
  std::string explain = "EXPLAIN QUERY PLAN " + sql;
  if (db && sqlite3_prepare_v2(db.get(), explain.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    err = sqlite3_errmsg(db.get());
  if (stmt != nullptr) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 3);  // id, parent, notused, detail
      if (text != nullptr) out += std::string(reinterpret_cast<const char*>(text)) + "\n";
    }
    sqlite3_finalize(stmt);
  }
  if (error != nullptr) *error = err;
  return out;
}

}  // namespace dangan::testing
