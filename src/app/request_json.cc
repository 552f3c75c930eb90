#include "app/request_json.h"

#include <fmt/format.h>

#include "app/document_json.h"
#include "catalog/request_rules.h"

namespace dangan::app {
namespace {

using Json = nlohmann::json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// 待批 / 已批准 …: the state as the department's register writes it.
const char* StateLabel(RequestState s) {
  switch (s) {
    case RequestState::kPending: return "pending 待审批";
    case RequestState::kApproved: return "approved 已批准";
    case RequestState::kRejected: return "rejected 已驳回";
    case RequestState::kReturned: return "returned 已归还";
    case RequestState::kExpired: return "expired 已到期";
  }
  return "?";
}

}  // namespace

Json RequestJson(const catalog::AccessRequest& r, const std::string& now) {
  Json target = r.doc_id ? Json{{"doc", *r.doc_id}} : Json{{"archive", r.archive_no.value_or("")}};
  return {{"id", r.id},
          {"requester", r.requester},
          {"target", std::move(target)},
          {"purpose", r.purpose},
          {"state", ToString(catalog::EffectiveState(r, now))},
          {"days", r.days},
          {"decided_by", Opt(r.decided_by)},
          {"decided_at", Opt(r.decided_at)},
          {"reason", Opt(r.reason)},
          {"expires_at", Opt(r.expires_at)},
          {"created_at", r.created_at},
          {"returned_at", Opt(r.returned_at)},
          {"returned_by", Opt(r.returned_by)}};
}

std::string RequestText(const catalog::AccessRequest& r, const std::string& now) {
  RequestState s = catalog::EffectiveState(r, now);
  std::string out = fmt::format("request 申请 {}: {}\n  target    {}\n  requester {} at {}\n"
                                "  days      {}\n  purpose   {}\n",
                                r.id, StateLabel(s), catalog::RequestTargetText(r), r.requester,
                                r.created_at, r.days, r.purpose);
  if (r.decided_by)
    out += fmt::format("  decided   by {} at {}\n", *r.decided_by, r.decided_at.value_or("?"));
  if (r.reason) out += fmt::format("  reason    {}\n", *r.reason);
  if (r.expires_at) out += fmt::format("  expires   {}\n", *r.expires_at);
  if (r.returned_at)
    out += fmt::format("  returned  by {} at {}\n", r.returned_by.value_or("?"), *r.returned_at);
  return out;
}

std::string RequestHeader() {
  return fmt::format("{:>5}  {}  {}  {}  {:>4}  {}  {}\n", "id", PadColumns("state", 9),
                     PadColumns("requester", 10), PadColumns("target", 20), "days",
                     PadColumns("expires_at", 20), "purpose");
}

std::string RequestLine(const catalog::AccessRequest& r, const std::string& now) {
  return fmt::format("{:>5}  {}  {}  {}  {:>4}  {}  {}\n", r.id,
                     PadColumns(ToString(catalog::EffectiveState(r, now)), 9),
                     PadColumns(r.requester, 10), PadColumns(catalog::RequestTargetText(r), 20),
                     r.days, PadColumns(r.expires_at.value_or("-"), 20), r.purpose);
}

}  // namespace dangan::app
