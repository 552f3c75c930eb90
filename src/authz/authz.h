// The one authorisation module (RECORDS §1, §2): who may do what to which
// level. Every command asks Decide() once, at its start; no command checks
// roles or levels itself. Pure functions: no I/O, callable from any thread.
#ifndef DANGAN_AUTHZ_AUTHZ_H_
#define DANGAN_AUTHZ_AUTHZ_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/records.h"
#include "core/types.h"

namespace dangan::authz {

// What a command does. The spelling (ToString) is what the log records.
enum class Action {
  kInit,
  kSearch,
  kLocate,
  kShow,      // a document's metadata
  kShowText,  // opening its content (`show --text`)
  kList,
  kUnfiled,
  kFile,
  kQuarantine,
  kQuarantineRelease,
  kIngest,
  kWatch,
  kReindex,
  kVerify,
  kStats,
  kClientsImport,
  kClientsList,
  kLabel,
  kUserAdmin,
  kLogRead,
  kRequest,             // open or return an access request (RECORDS §3)
  kRequestList,         // list requests (one's own; approvers and auditors all)
  kApprove,             // decide requests, changes, destruction lists
  kChangePropose,       // RECORDS §5
  kChangeList,          // change list, clients history
  kHold,                // hold add / remove (RECORDS §6)
  kRetentionRead,       // retention due, destruction show / list
  kDestructionPropose,
  kDestructionExecute,
  kBackup,              // backup, restore (RECORDS §7)
  kBackupVerify,
  kAuditReport,         // RECORDS §8
};

const char* ToString(Action a);
std::optional<Action> ParseAction(std::string_view s);
inline constexpr Action kAllActions[] = {
    Action::kInit,        Action::kSearch,          Action::kLocate,   Action::kShow,
    Action::kShowText,    Action::kList,            Action::kUnfiled,  Action::kFile,
    Action::kQuarantine,  Action::kQuarantineRelease, Action::kIngest, Action::kWatch,
    Action::kReindex,     Action::kVerify,          Action::kStats,    Action::kClientsImport,
    Action::kClientsList, Action::kLabel,           Action::kUserAdmin, Action::kLogRead,
    Action::kRequest,     Action::kRequestList,     Action::kApprove,  Action::kChangePropose,
    Action::kChangeList,  Action::kHold,            Action::kRetentionRead,
    Action::kDestructionPropose, Action::kDestructionExecute, Action::kBackup,
    Action::kBackupVerify, Action::kAuditReport,
};

// What the action touches; every field optional.
struct Target {
  std::optional<Level> level;  // the document's effective level or the archive's
  std::optional<std::string> archive_no;
  std::optional<int64_t> doc_id;
};

struct Decision {
  bool allow = false;
  std::string reason;  // why, in words for the user; also for allow
};

// True when one of the user's roles grants the action (the role table).
bool RoleAllows(const catalog::User& user, Action action);

// Decide: roles first, then the level: a target above the user's clearance
// is denied; opening (kShowText) confidential or secret content needs an
// active approved grant (RECORDS §2) even for a cleared user. A disabled user
// is denied everything.
Decision Decide(const catalog::User& user, Action action, const Target& target,
                bool active_grant);

// Separation of duties (RECORDS §1, §5, §6): may user decide (approve or
// reject) something proposed by proposer, which already_approved users have
// approved? Never one's own; never twice. Roles are checked by Decide.
Decision DecideApproval(const catalog::User& user, std::string_view proposer,
                        const std::vector<std::string>& already_approved);

// May user return (归还, RECORDS §3) a grant held by requester? The
// requester, or an archivist registering the return; roles by Decide.
Decision DecideReturn(const catalog::User& user, std::string_view requester);

// Does user see everyone's access requests (`request list`)? Approvers,
// archivists, auditors and admins do; staff see only their own.
bool SeesAllRequests(const catalog::User& user);

}  // namespace dangan::authz

#endif  // DANGAN_AUTHZ_AUTHZ_H_
