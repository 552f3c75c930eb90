// The life of an access request (RECORDS §3) as pure functions over its row:
// pending -> approved | rejected; approved -> returned (归还) early, or expired
// by itself once now reaches expires_at. "now" is always passed in, so the
// rules are testable at any instant; times are FormatUtc strings.
#ifndef DANGAN_CATALOG_REQUEST_RULES_H_
#define DANGAN_CATALOG_REQUEST_RULES_H_

#include <string>

#include "catalog/records.h"
#include "core/status.h"

namespace dangan::catalog {

// The longest grant a request may ask for or be given, in days.
inline constexpr int kMaxRequestDays = 3650;

// kInvalidArgument unless 1 <= days <= kMaxRequestDays.
Status CheckRequestDays(int days);

// The state as of now: an approved request whose expires_at <= now is
// kExpired; every other state is the stored one.
RequestState EffectiveState(const AccessRequest& r, const std::string& now);

// True when r is a grant at now: approved and not yet expired.
bool IsActiveGrant(const AccessRequest& r, const std::string& now);

// approved_at + days, as FormatUtc text; kInvalidArgument on a bad time.
Result<std::string> GrantExpiry(const std::string& approved_at, int days);

// kConflict (exit 1) naming the request and its state unless it is pending:
// only a pending request is approved or rejected.
Status CheckDecidable(const AccessRequest& r, const std::string& now);

// kConflict unless r is an active grant: only those are returned.
Status CheckReturnable(const AccessRequest& r, const std::string& now);

// "doc:42" or "archive:KH-2019-0042", as the access log spells targets.
std::string RequestTargetText(const AccessRequest& r);

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_REQUEST_RULES_H_
