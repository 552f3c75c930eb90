// The one authorisation module (RECORDS §1, §2): who may do what to which
// level. Every command asks Decide() once, at its start; no command checks
// roles or levels itself. Pure functions: no I/O, callable from any thread.
#ifndef DANGAN_AUTHZ_AUTHZ_H_
#define DANGAN_AUTHZ_AUTHZ_H_

#include <optional>
#include <string>
#include <string_view>

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
  kRequest,  // ask for access (RECORDS §3; later work)
  kApprove,  // decide requests, changes, destruction lists (later work)
};

const char* ToString(Action a);
std::optional<Action> ParseAction(std::string_view s);
inline constexpr Action kAllActions[] = {
    Action::kInit,        Action::kSearch,          Action::kLocate,   Action::kShow,
    Action::kShowText,    Action::kList,            Action::kUnfiled,  Action::kFile,
    Action::kQuarantine,  Action::kQuarantineRelease, Action::kIngest, Action::kWatch,
    Action::kReindex,     Action::kVerify,          Action::kStats,    Action::kClientsImport,
    Action::kClientsList, Action::kLabel,           Action::kUserAdmin, Action::kLogRead,
    Action::kRequest,     Action::kApprove,
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

}  // namespace dangan::authz

#endif  // DANGAN_AUTHZ_AUTHZ_H_
