// RECORDS §9's JSON shape of an access request and its human rendering.
#ifndef DANGAN_APP_REQUEST_JSON_H_
#define DANGAN_APP_REQUEST_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/records.h"

namespace dangan::app {

// {"id", "requester", "target": {"archive"} | {"doc"}, "purpose", "state",
// "days", "decided_by", "decided_at", "reason", "expires_at", "created_at",
// "returned_at", "returned_by"}; state is the effective one at now.
nlohmann::json RequestJson(const catalog::AccessRequest& r, const std::string& now);

// A short block: id, state, target, days, who and when, purpose.
std::string RequestText(const catalog::AccessRequest& r, const std::string& now);
// One line for `request list`.
std::string RequestLine(const catalog::AccessRequest& r, const std::string& now);
std::string RequestHeader();

}  // namespace dangan::app

#endif  // DANGAN_APP_REQUEST_JSON_H_
