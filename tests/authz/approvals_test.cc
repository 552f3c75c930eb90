#include "authz/approvals.h"

#include <gtest/gtest.h>

#include "authz/authz.h"

namespace dangan::authz {
namespace {

catalog::User Approver(const std::string& name) {
  catalog::User u;
  u.name = name;
  u.roles = {Role::kApprover};
  return u;
}

TEST(ApprovalsTest, DistinctApproversOtherThanTheProposerCount) {
  EXPECT_EQ(CountApprovals("li", {}), 0);
  EXPECT_EQ(CountApprovals("li", {"wang"}), 1);
  EXPECT_EQ(CountApprovals("li", {"wang", "zhao"}), 2);
  EXPECT_EQ(CountApprovals("li", {"wang", "wang"}), 1) << "counted once";
  EXPECT_EQ(CountApprovals("li", {"li", "wang"}), 1) << "the proposer never counts";
  EXPECT_EQ(CountApprovals("li", {"", "wang"}), 1);
}

TEST(ApprovalsTest, EnoughWhenTheRequiredNumberIsReached) {
  EXPECT_FALSE(ApprovalsSuffice("li", {"wang"}, 2));
  EXPECT_TRUE(ApprovalsSuffice("li", {"wang", "zhao"}, 2));
  EXPECT_FALSE(ApprovalsSuffice("li", {"wang", "li"}, 2));
  EXPECT_FALSE(ApprovalsSuffice("li", {"wang", "wang"}, 2));
  EXPECT_TRUE(ApprovalsSuffice("li", {"wang", "zhao", "sun"}, 3));
  EXPECT_TRUE(ApprovalsSuffice("li", {"wang"}, 1));
  EXPECT_FALSE(ApprovalsSuffice("li", {}, 0)) << "never approved by nobody";
}

TEST(ApprovalsTest, TheGateAndTheCountAgree) {
  // What DecideApproval lets through is exactly what CountApprovals counts.
  std::vector<std::string> recorded;
  for (const char* name : {"li", "wang", "wang", "zhao"}) {
    if (DecideApproval(Approver(name), "li", recorded).allow) recorded.push_back(name);
  }
  EXPECT_EQ(recorded, (std::vector<std::string>{"wang", "zhao"}));
  EXPECT_EQ(CountApprovals("li", recorded), 2);
}

}  // namespace
}  // namespace dangan::authz
