#include "authz/authz.h"

#include <array>
#include <utility>

namespace dangan::authz {
namespace {

constexpr std::array<std::pair<Action, const char*>, 32> kActionNames{{
    {Action::kInit, "init"},
    {Action::kSearch, "search"},
    {Action::kLocate, "locate"},
    {Action::kShow, "show"},
    {Action::kShowText, "show_text"},
    {Action::kList, "list"},
    {Action::kUnfiled, "unfiled"},
    {Action::kFile, "file"},
    {Action::kQuarantine, "quarantine"},
    {Action::kQuarantineRelease, "quarantine_release"},
    {Action::kIngest, "ingest"},
    {Action::kWatch, "watch"},
    {Action::kReindex, "reindex"},
    {Action::kVerify, "verify"},
    {Action::kStats, "stats"},
    {Action::kClientsImport, "clients_import"},
    {Action::kClientsList, "clients_list"},
    {Action::kLabel, "label"},
    {Action::kUserAdmin, "user_admin"},
    {Action::kLogRead, "log_read"},
    {Action::kRequest, "request"},
    {Action::kRequestList, "request_list"},
    {Action::kApprove, "approve"},
    {Action::kChangePropose, "change_propose"},
    {Action::kChangeList, "change_list"},
    {Action::kHold, "hold"},
    {Action::kRetentionRead, "retention_read"},
    {Action::kDestructionPropose, "destruction_propose"},
    {Action::kDestructionExecute, "destruction_execute"},
    {Action::kBackup, "backup"},
    {Action::kBackupVerify, "backup_verify"},
    {Action::kAuditReport, "audit_report"},
}};

// The role table (RECORDS §1). Reading actions a role needs to do its work
// are listed with it; opening content is further limited by level and grant.
bool RoleHas(Role role, Action a) {
  switch (role) {
    case Role::kAdmin:  // users, configuration, everything operational; never approves
      return a != Action::kApprove && a != Action::kRequest;
    case Role::kArchivist:
      switch (a) {
        case Action::kSearch: case Action::kLocate: case Action::kShow: case Action::kShowText:
        case Action::kList: case Action::kUnfiled: case Action::kFile: case Action::kQuarantine:
        case Action::kQuarantineRelease: case Action::kIngest: case Action::kWatch:
        case Action::kReindex: case Action::kVerify: case Action::kStats:
        case Action::kClientsImport: case Action::kClientsList: case Action::kLabel:
        case Action::kRequest: case Action::kRequestList: case Action::kChangePropose:
        case Action::kChangeList: case Action::kHold: case Action::kRetentionRead:
        case Action::kDestructionPropose: case Action::kDestructionExecute:
          return true;
        default:
          return false;
      }
    case Role::kStaff:
      switch (a) {
        case Action::kSearch: case Action::kLocate: case Action::kShow: case Action::kShowText:
        case Action::kList: case Action::kClientsList: case Action::kRequest:
        case Action::kRequestList:
          return true;
        default:
          return false;
      }
    case Role::kApprover:
      switch (a) {
        case Action::kSearch: case Action::kLocate: case Action::kShow: case Action::kList:
        case Action::kClientsList: case Action::kApprove: case Action::kRequestList:
        case Action::kChangeList: case Action::kRetentionRead:
          return true;
        default:
          return false;
      }
    case Role::kAuditor:
      switch (a) {
        case Action::kLogRead: case Action::kLocate: case Action::kVerify: case Action::kStats:
        case Action::kSearch: case Action::kShow: case Action::kShowText: case Action::kList:
        case Action::kClientsList: case Action::kRequestList: case Action::kChangeList:
        case Action::kRetentionRead: case Action::kBackupVerify: case Action::kAuditReport:
          return true;
        default:
          return false;
      }
  }
  return false;
}

std::string RolesText(const catalog::User& user) {
  std::string out;
  for (Role r : user.roles) out += (out.empty() ? "" : ",") + std::string(ToString(r));
  return out.empty() ? "none" : out;
}

}  // namespace

const char* ToString(Action a) {
  for (const auto& [e, name] : kActionNames)
    if (e == a) return name;
  return "?";
}

std::optional<Action> ParseAction(std::string_view s) {
  for (const auto& [e, name] : kActionNames)
    if (s == name) return e;
  return std::nullopt;
}

bool RoleAllows(const catalog::User& user, Action action) {
  for (Role r : user.roles)
    if (RoleHas(r, action)) return true;
  return false;
}

Decision Decide(const catalog::User& user, Action action, const Target& target,
                bool active_grant) {
  if (user.disabled) return {false, "user " + user.name + " is disabled"};
  if (!RoleAllows(user, action))
    return {false, std::string(ToString(action)) + " needs a role user " + user.name +
                       " does not hold (roles: " + RolesText(user) + ")"};
  if (target.level && *target.level > user.clearance)
    return {false, std::string("the target is ") + ToString(*target.level) + "; user " +
                       user.name + " is cleared for " + ToString(user.clearance)};
  if (action == Action::kShowText && target.level && *target.level >= Level::kConfidential &&
      !active_grant)
    return {false, std::string("opening ") + ToString(*target.level) +
                       " content needs an approved access request"};
  return {true, "allowed"};
}

Decision DecideApproval(const catalog::User& user, std::string_view proposer,
                        const std::vector<std::string>& already_approved) {
  if (user.name == proposer)
    return {false, "user " + user.name + " proposed this and may not decide it (separation of duties)"};
  for (const std::string& u : already_approved)
    if (u == user.name) return {false, "user " + user.name + " has already approved this"};
  return {true, "allowed"};
}

Decision DecideReturn(const catalog::User& user, std::string_view requester) {
  if (user.name == requester) return {true, "the requester returns the grant"};
  for (Role r : user.roles)
    if (r == Role::kArchivist) return {true, "an archivist registers the return"};
  return {false, "only the requester " + std::string(requester) +
                     " or an archivist may return this grant (user " + user.name + " is neither)"};
}

bool SeesAllRequests(const catalog::User& user) {
  for (Role r : user.roles)
    if (r != Role::kStaff) return true;
  return false;
}

}  // namespace dangan::authz
