#include "catalog/request_rules.h"

#include "core/clock.h"

namespace dangan::catalog {

Status CheckRequestDays(int days) {
  if (days < 1 || days > kMaxRequestDays)
    return Status::InvalidArgument("--days must be between 1 and " +
                                   std::to_string(kMaxRequestDays) + " (got " +
                                   std::to_string(days) + ")");
  return Status::Ok();
}

RequestState EffectiveState(const AccessRequest& r, const std::string& now) {
  if (r.state == RequestState::kApproved && r.expires_at && *r.expires_at <= now)
    return RequestState::kExpired;
  return r.state;
}

bool IsActiveGrant(const AccessRequest& r, const std::string& now) {
  return EffectiveState(r, now) == RequestState::kApproved;
}

Result<std::string> GrantExpiry(const std::string& approved_at, int days) {
  DANGAN_RETURN_IF_ERROR(CheckRequestDays(days));
  auto start = ParseUtc(approved_at);
  if (!start) return Status::InvalidArgument("not a UTC time: " + approved_at);
  return FormatUtc(*start + int64_t{days} * 86400);
}

Status CheckDecidable(const AccessRequest& r, const std::string& now) {
  RequestState s = EffectiveState(r, now);
  if (s == RequestState::kPending) return Status::Ok();
  std::string by = r.decided_by ? " by " + *r.decided_by : "";
  std::string at = r.decided_at ? " at " + *r.decided_at : "";
  return Status::Conflict("request " + std::to_string(r.id) + " is " + ToString(s) +
                          " (decided" + by + at + "); only a pending request can be decided");
}

Status CheckReturnable(const AccessRequest& r, const std::string& now) {
  RequestState s = EffectiveState(r, now);
  if (s == RequestState::kApproved) return Status::Ok();
  std::string why;
  switch (s) {
    case RequestState::kPending: why = "it has not been approved"; break;
    case RequestState::kRejected: why = "it was rejected"; break;
    case RequestState::kReturned:
      why = "it was already returned at " + r.returned_at.value_or("?");
      break;
    case RequestState::kExpired:
      why = "its grant expired at " + r.expires_at.value_or("?");
      break;
    case RequestState::kApproved: break;
  }
  return Status::Conflict("request " + std::to_string(r.id) + " is " + ToString(s) +
                          ": only an approved, unexpired request can be returned (" + why + ")");
}

std::string RequestTargetText(const AccessRequest& r) {
  if (r.doc_id) return "doc:" + std::to_string(*r.doc_id);
  return "archive:" + r.archive_no.value_or("");
}

}  // namespace dangan::catalog
