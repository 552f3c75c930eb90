#include "authz/approvals.h"

#include <algorithm>
#include <set>

namespace dangan::authz {

int CountApprovals(std::string_view proposer, const std::vector<std::string>& approvers) {
  std::set<std::string_view> distinct;
  for (const std::string& u : approvers)
    if (!u.empty() && u != proposer) distinct.insert(u);
  return static_cast<int>(distinct.size());
}

bool ApprovalsSuffice(std::string_view proposer, const std::vector<std::string>& approvers,
                      int required) {
  return CountApprovals(proposer, approvers) >= std::max(required, 1);
}

}  // namespace dangan::authz
