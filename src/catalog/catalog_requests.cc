// Catalog: access requests and the grants they give (RECORDS §2, §3).
// "expired" is never stored: an approved row whose expires_at <= now is
// expired when read, so a grant stops working by itself, with no job.
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"

namespace dangan::catalog {
namespace {

constexpr const char* kRequestColumns =
    "id, requester, archive_no, doc_id, purpose, days, state, decided_by, decided_at, reason, "
    "expires_at, returned_at, returned_by, created_at";

AccessRequest ReadRequest(const Statement& st) {
  AccessRequest r;
  r.id = st.Int(0);
  r.requester = st.Text(1);
  r.archive_no = st.OptText(2);
  if (!st.IsNull(3)) r.doc_id = st.Int(3);
  r.purpose = st.Text(4);
  r.days = static_cast<int>(st.Int(5));
  // A stored state is one of four; an unknown spelling (edited by hand)
  // reads as rejected, which grants nothing.
  r.state = ParseRequestState(st.Text(6)).value_or(RequestState::kRejected);
  if (r.state == RequestState::kExpired) r.state = RequestState::kApproved;
  r.decided_by = st.OptText(7);
  r.decided_at = st.OptText(8);
  r.reason = st.OptText(9);
  r.expires_at = st.OptText(10);
  r.returned_at = st.OptText(11);
  r.returned_by = st.OptText(12);
  r.created_at = st.Text(13);
  return r;
}

}  // namespace

Result<int64_t> Catalog::InsertRequest(AccessRequest* r) {
  Statement st(db_, "INSERT INTO requests(requester, archive_no, doc_id, purpose, days, state, "
                    "created_at) VALUES(?,?,?,?,?,'pending',?)");
  st.Bind(1, r->requester).Bind(2, r->archive_no);
  if (r->doc_id) {
    st.Bind(3, *r->doc_id);
  } else {
    st.BindNull(3);
  }
  st.Bind(4, r->purpose).Bind(5, r->days).Bind(6, r->created_at);
  DANGAN_RETURN_IF_ERROR(st.Run());
  r->id = sqlite3_last_insert_rowid(db_);
  r->state = RequestState::kPending;
  return r->id;
}

Result<std::optional<AccessRequest>> Catalog::GetRequest(int64_t id) {
  std::string sql = std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, id);
  Status s;
  if (st.Step(&s)) return std::optional<AccessRequest>(ReadRequest(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<AccessRequest>();
}

Result<std::vector<AccessRequest>> Catalog::ListRequests(const RequestFilter& filter,
                                                         const std::string& now) {
  std::string sql = std::string("SELECT ") + kRequestColumns + " FROM requests WHERE 1";
  std::vector<std::string> args;
  if (filter.requester) {
    sql += " AND requester = ?";
    args.push_back(*filter.requester);
  }
  if (filter.state) {
    switch (*filter.state) {
      case RequestState::kApproved: sql += " AND state = 'approved' AND expires_at > ?"; break;
      case RequestState::kExpired: sql += " AND state = 'approved' AND expires_at <= ?"; break;
      default: sql += " AND state = ?"; break;
    }
    bool computed = *filter.state == RequestState::kApproved ||
                    *filter.state == RequestState::kExpired;
    args.emplace_back(computed ? now : std::string(ToString(*filter.state)));
  }
  sql += " ORDER BY id DESC";
  Statement st(db_, sql.c_str());
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<AccessRequest> out;
  Status s;
  while (st.Step(&s)) out.push_back(ReadRequest(st));
  DANGAN_RETURN_IF_ERROR(s);
  return out;
}

// The transitions below each change a row only from the state they expect,
// in the same statement that checks it, so two approvers deciding at once
// cannot both win: the second gets kConflict, as does any stale caller.
Status Catalog::ApproveRequest(int64_t id, const std::string& by, const std::string& at,
                               int days, const std::string& expires_at) {
  Statement st(db_, "UPDATE requests SET state = 'approved', decided_by = ?, decided_at = ?, "
                    "days = ?, expires_at = ? WHERE id = ? AND state = 'pending'");
  st.Bind(1, by).Bind(2, at).Bind(3, days).Bind(4, expires_at).Bind(5, id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) == 0)
    return Status::Conflict("request " + std::to_string(id) + " is no longer pending");
  return Status::Ok();
}

Status Catalog::RejectRequest(int64_t id, const std::string& by, const std::string& at,
                              const std::string& reason) {
  Statement st(db_, "UPDATE requests SET state = 'rejected', decided_by = ?, decided_at = ?, "
                    "reason = ? WHERE id = ? AND state = 'pending'");
  st.Bind(1, by).Bind(2, at).Bind(3, reason).Bind(4, id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) == 0)
    return Status::Conflict("request " + std::to_string(id) + " is no longer pending");
  return Status::Ok();
}

Status Catalog::ReturnRequest(int64_t id, const std::string& by, const std::string& at) {
  Statement st(db_, "UPDATE requests SET state = 'returned', returned_by = ?, returned_at = ? "
                    "WHERE id = ? AND state = 'approved' AND expires_at > ?");
  st.Bind(1, by).Bind(2, at).Bind(3, id).Bind(4, at);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) == 0)
    return Status::Conflict("request " + std::to_string(id) + " is no longer an active grant");
  return Status::Ok();
}

// ActiveGrant: one range scan of requests_grant (requester, state,
// expires_at > now); a grant on the document or on its archive covers it.
Result<std::optional<int64_t>> Catalog::ActiveGrant(const std::string& user,
                                                    std::optional<int64_t> doc_id,
                                                    const std::optional<std::string>& archive_no,
                                                    const std::string& now) {
  Statement st(db_, kActiveGrantSql);
  st.Bind(1, user).Bind(2, now);
  if (doc_id) {
    st.Bind(3, *doc_id);
  } else {
    st.BindNull(3);
  }
  st.Bind(4, archive_no);
  Status s;
  if (st.Step(&s)) return std::optional<int64_t>(st.Int(0));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<int64_t>();
}

}  // namespace dangan::catalog
