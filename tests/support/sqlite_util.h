// Direct SQLite access for tests that must reach under dangan's catalog API:
// building an old-schema catalog, tampering with a log row. Tests only.
#ifndef DANGAN_TESTS_SUPPORT_SQLITE_UTIL_H_
#define DANGAN_TESTS_SUPPORT_SQLITE_UTIL_H_

#include <filesystem>
#include <string>

namespace dangan::testing {

// Runs sql (one or more statements) on the database at path, creating it.
// Returns "" on success, else SQLite's message.
std::string SqliteExec(const std::filesystem::path& db, const std::string& sql);

// The first column of the first row of sql as text ("" when no row, NULL, or
// an error; *error gets the message when given).
std::string SqliteQueryOne(const std::filesystem::path& db, const std::string& sql,
                           std::string* error = nullptr);

// SQLite's plan for sql (EXPLAIN QUERY PLAN): the detail of each step, one
// per line; "" with *error set when it does not prepare.
std::string SqliteQueryPlan(const std::filesystem::path& db, const std::string& sql,
                            std::string* error = nullptr);

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_SQLITE_UTIL_H_
