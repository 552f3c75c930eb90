// Catalog: the access log (RECORDS §4), an append-only hash chain.
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/clock.h"
#include "core/hash.h"

namespace dangan::catalog {
namespace {

constexpr const char* kLogColumns = "seq, at, user, action, target, detail, prev_hash, hash";

LogRow ReadLogRow(const Statement& st) {
  LogRow r;
  r.seq = st.Int(0);
  r.at = st.Text(1);
  r.user = st.Text(2);
  r.action = st.Text(3);
  r.target = st.Text(4);
  r.detail = st.Text(5);
  r.prev_hash = st.Text(6);
  r.hash = st.Text(7);
  return r;
}

}  // namespace

std::string LogRowHash(const LogRow& row) {
  // nlohmann's object keeps its keys sorted: the dump is canonical.
  nlohmann::json detail = nlohmann::json::parse(row.detail, nullptr, false);
  if (detail.is_discarded()) detail = row.detail;  // not JSON: hashed as a string
  nlohmann::json j = {{"seq", row.seq},       {"at", row.at},         {"user", row.user},
                      {"action", row.action}, {"target", row.target}, {"detail", detail},
                      {"prev_hash", row.prev_hash}};
  return Sha256Hex(row.prev_hash +
                   j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<LogRow> Catalog::AppendLog(const std::string& user, const std::string& action,
                                  const std::string& target, const std::string& detail) {
  if (!sqlite3_get_autocommit(db_)) return AppendLogLocked(user, action, target, detail);
  Result<LogRow> row = Status::Internal("log append did not run");
  DANGAN_RETURN_IF_ERROR(Transaction([&] {
    row = AppendLogLocked(user, action, target, detail);
    return row.ok() ? Status::Ok() : row.status();
  }));
  return row;
}

// AppendLogLocked: reads the last row and inserts the next, chained to it.
// Runs inside a BEGIN IMMEDIATE transaction, so no other writer can append
// between the read and the insert.
Result<LogRow> Catalog::AppendLogLocked(const std::string& user, const std::string& action,
                                        const std::string& target, const std::string& detail) {
  LogRow row;
  row.seq = 1;
  row.prev_hash = kLogGenesisHash;
  {
    Statement last(db_, "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1");
    Status s;
    if (last.Step(&s)) {
      row.seq = last.Int(0) + 1;
      row.prev_hash = last.Text(1);
    }
    DANGAN_RETURN_IF_ERROR(s);
  }
  row.at = NowIso8601Utc();
  row.user = user;
  row.action = action;
  row.target = target;
  row.detail = detail.empty() ? "{}" : detail;
  row.hash = LogRowHash(row);
  Statement st(db_, "INSERT INTO access_log(seq, at, user, action, target, detail, prev_hash, "
                    "hash) VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, row.seq).Bind(2, row.at).Bind(3, row.user).Bind(4, row.action).Bind(5, row.target);
  st.Bind(6, row.detail).Bind(7, row.prev_hash).Bind(8, row.hash);
  DANGAN_RETURN_IF_ERROR(st.Run());
  return row;
}

Status Catalog::ForEachLogRow(const LogFilter& filter,
                              const std::function<bool(const LogRow&)>& fn) {
  std::string sql = std::string("SELECT ") + kLogColumns + " FROM access_log WHERE 1";
  std::vector<std::string> args;
  auto add = [&](const std::optional<std::string>& v, const char* clause) {
    if (!v) return;
    sql += clause;
    args.push_back(*v);
  };
  add(filter.user, " AND user = ?");
  add(filter.target, " AND target = ?");
  add(filter.action, " AND action = ?");
  add(filter.since, " AND at >= ?");
  add(filter.until, " AND at <= ?");
  if (filter.archive) {
    sql += " AND (target = ? OR json_extract(detail, '$.archive_no') = ?)";
    args.push_back("archive:" + *filter.archive);
    args.push_back(*filter.archive);
  }
  sql += " ORDER BY seq";
  Statement st(db_, sql.c_str());
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  Status s;
  while (st.Step(&s))
    if (!fn(ReadLogRow(st))) break;
  return s;
}

// VerifyLog: walks the rows in seq order. A row breaks the chain when its seq
// is not the previous one plus one (a row deleted), its prev_hash is not the
// previous row's hash, or its hash is not the hash of its own contents (a
// row edited). Deleting the newest rows leaves a valid shorter chain; the
// backup manifest's head hash (RECORDS §7) is what catches that.
Result<std::optional<LogBreak>> Catalog::VerifyLog() {
  std::optional<LogBreak> broken;
  int64_t expect_seq = 1;
  std::string prev = kLogGenesisHash;
  DANGAN_RETURN_IF_ERROR(ForEachLogRow({}, [&](const LogRow& row) {
    if (row.seq != expect_seq) {
      broken = LogBreak{row.seq, "row " + std::to_string(expect_seq) + " is missing"};
    } else if (row.prev_hash != prev) {
      broken = LogBreak{row.seq, "prev_hash does not match the hash of the row before"};
    } else if (LogRowHash(row) != row.hash) {
      broken = LogBreak{row.seq, "hash does not match the row's contents"};
    }
    expect_seq = row.seq + 1;
    prev = row.hash;
    return !broken.has_value();
  }));
  return broken;
}

}  // namespace dangan::catalog
