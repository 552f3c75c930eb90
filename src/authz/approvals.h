// Counting approvals (RECORDS §1, §6): a destruction list needs
// destruction.approvals distinct approvers, none of them its proposer. Who
// may approve at all is Decide()'s and DecideApproval()'s question (authz.h);
// this only counts what was recorded. Pure functions.
#ifndef DANGAN_AUTHZ_APPROVALS_H_
#define DANGAN_AUTHZ_APPROVALS_H_

#include <string>
#include <string_view>
#include <vector>

namespace dangan::authz {

// The approvals that count: each user once, the proposer never (a row that
// slipped past DecideApproval, e.g. edited in by hand, adds nothing).
int CountApprovals(std::string_view proposer, const std::vector<std::string>& approvers);

// True when CountApprovals reaches required (required < 1 counts as 1: a
// list is never approved by nobody).
bool ApprovalsSuffice(std::string_view proposer, const std::vector<std::string>& approvers,
                      int required);

}  // namespace dangan::authz

#endif  // DANGAN_AUTHZ_APPROVALS_H_
