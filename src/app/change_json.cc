#include "app/change_json.h"

#include <fmt/format.h>

#include "catalog/change_proposal.h"

namespace dangan::app {
namespace {

nlohmann::json Object(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

nlohmann::json Opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string Value(const nlohmann::json& v) {
  if (v.is_null()) return "(none)";
  if (v.is_string()) return v.get<std::string>().empty() ? "\"\"" : v.get<std::string>();
  return v.dump();
}

const char* StateLabel(const std::string& state) {
  if (state == "pending") return "pending 待审批";
  if (state == "approved") return "approved 已批准";
  if (state == "rejected") return "rejected 已驳回";
  if (state == "applying") return "applying 执行中";
  return "?";
}

}  // namespace

nlohmann::json ChangeJson(const catalog::Change& c) {
  nlohmann::json target = catalog::TargetsDocument(c)
                              ? nlohmann::json{{"doc", std::stoll(c.target)}}
                              : nlohmann::json{{"archive", c.target}};
  return {{"id", c.id},
          {"kind", c.kind},
          {"target", target},
          {"before", Object(c.before)},
          {"after", Object(c.after)},
          {"reason", c.reason},
          {"state", c.state},
          {"proposed_by", c.proposed_by},
          {"proposed_at", c.proposed_at},
          {"decided_by", Opt(c.decided_by)},
          {"decided_at", Opt(c.decided_at)},
          {"reject_reason", Opt(c.reject_reason)}};
}

std::string ChangeText(const catalog::Change& c) {
  std::string out = fmt::format("change {}  {}  {} {}  [{}]\n", c.id, c.kind,
                                catalog::TargetsDocument(c) ? "document" : "archive", c.target,
                                StateLabel(c.state));
  out += fmt::format("  proposed by {} at {}: {}\n", c.proposed_by, c.proposed_at, c.reason);
  const nlohmann::json before = Object(c.before);
  const nlohmann::json after_values = Object(c.after);
  for (const auto& [key, after] : after_values.items())
    out += fmt::format("  {}: {} -> {}\n", key, Value(before.value(key, nlohmann::json())), Value(after));
  if (c.decided_by)
    out += fmt::format("  {} by {} at {}{}\n", c.state == "rejected" ? "rejected" : "approved",
                       *c.decided_by, c.decided_at.value_or("?"),
                       c.reject_reason ? ": " + *c.reject_reason : "");
  return out;
}

nlohmann::json AliasJson(const catalog::ArchiveAlias& a) {
  return {{"from", a.old_no}, {"to", a.new_no}, {"at", a.at}, {"reason", a.reason},
          {"change", a.change_id}};
}

std::string AliasText(const catalog::ArchiveAlias& a) {
  return fmt::format("{} was renumbered to {} at {} (change {}): {}", a.old_no, a.new_no, a.at,
                     a.change_id, a.reason);
}

}  // namespace dangan::app
