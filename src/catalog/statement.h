// Statement: an owned sqlite3_stmt with bound parameters (never string SQL
// with values in it) and typed column reads. Module-private to src/catalog.
#ifndef DANGAN_CATALOG_STATEMENT_H_
#define DANGAN_CATALOG_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dangan::catalog {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // The prepare result; check before binding.
  const Status& status() const { return status_; }

  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::optional<std::string>& v);
  Statement& BindNull(int i);

  // Step(): true while a row is ready, false when done; errors in *status.
  bool Step(Status* status);
  // Runs a statement that returns no rows.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  sqlite3_stmt* raw() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;  // owned
  Status status_;
};

// "SQLITE message" from the connection, as kIoError (kBusy when locked).
Status SqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_STATEMENT_H_
