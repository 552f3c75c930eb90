// The authorisation matrix (RECORDS §1, §2): every role × level × grant state
// × action, against a table written out here independently of authz.cc.
#include "authz/authz.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "authz/password.h"

namespace dangan::authz {
namespace {

// Which roles may do each action at all (the role table of RECORDS §1).
const std::map<Action, std::set<Role>>& ExpectedRoles() {
  using R = Role;
  static const std::map<Action, std::set<Role>> table = {
      {Action::kInit, {R::kAdmin}},
      {Action::kSearch, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kLocate, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kShow, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kShowText, {R::kAdmin, R::kArchivist, R::kStaff, R::kAuditor}},
      {Action::kList, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kUnfiled, {R::kAdmin, R::kArchivist}},
      {Action::kFile, {R::kAdmin, R::kArchivist}},
      {Action::kQuarantine, {R::kAdmin, R::kArchivist}},
      {Action::kQuarantineRelease, {R::kAdmin, R::kArchivist}},
      {Action::kIngest, {R::kAdmin, R::kArchivist}},
      {Action::kWatch, {R::kAdmin, R::kArchivist}},
      {Action::kReindex, {R::kAdmin, R::kArchivist}},
      {Action::kVerify, {R::kAdmin, R::kArchivist, R::kAuditor}},
      {Action::kStats, {R::kAdmin, R::kArchivist, R::kAuditor}},
      {Action::kClientsImport, {R::kAdmin, R::kArchivist}},
      {Action::kClientsList, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kLabel, {R::kAdmin, R::kArchivist}},
      {Action::kUserAdmin, {R::kAdmin}},
      {Action::kLogRead, {R::kAdmin, R::kAuditor}},
      {Action::kRequest, {R::kArchivist, R::kStaff}},
      {Action::kRequestList, {R::kAdmin, R::kArchivist, R::kStaff, R::kApprover, R::kAuditor}},
      {Action::kApprove, {R::kApprover}},
      {Action::kChangePropose, {R::kAdmin, R::kArchivist}},
      {Action::kChangeList, {R::kAdmin, R::kArchivist, R::kApprover, R::kAuditor}},
      {Action::kHold, {R::kAdmin, R::kArchivist}},
      {Action::kRetentionRead, {R::kAdmin, R::kArchivist, R::kApprover, R::kAuditor}},
      {Action::kDestructionPropose, {R::kAdmin, R::kArchivist}},
      {Action::kDestructionExecute, {R::kAdmin, R::kArchivist}},
      {Action::kBackup, {R::kAdmin}},
      {Action::kBackupVerify, {R::kAdmin, R::kAuditor}},
      {Action::kAuditReport, {R::kAdmin, R::kAuditor}},
  };
  return table;
}

constexpr Role kRoles[] = {Role::kAdmin, Role::kArchivist, Role::kStaff, Role::kApprover,
                           Role::kAuditor};

catalog::User MakeUser(Role role, Level clearance) {
  catalog::User u;
  u.name = "u";
  u.roles = {role};
  u.clearance = clearance;
  return u;
}

TEST(AuthzMatrixTest, EveryRoleLevelGrantAndActionDecidesAsTheTableSays) {
  ASSERT_EQ(ExpectedRoles().size(), std::size(kAllActions));
  int cases = 0;
  for (Action action : kAllActions) {
    const std::set<Role>& roles = ExpectedRoles().at(action);
    for (Role role : kRoles)
      for (Level clearance : kAllLevels)
        for (Level level : kAllLevels)
          for (bool grant : {false, true}) {
            bool expect = roles.count(role) > 0 && level <= clearance &&
                          !(action == Action::kShowText && level >= Level::kConfidential && !grant);
            Decision d = Decide(MakeUser(role, clearance), action, Target{level, {}, 42}, grant);
            EXPECT_EQ(d.allow, expect)
                << ToString(action) << " role=" << ToString(role) << " clearance="
                << ToString(clearance) << " level=" << ToString(level) << " grant=" << grant
                << " reason=" << d.reason;
            ++cases;
          }
  }
  EXPECT_EQ(cases, static_cast<int>(std::size(kAllActions)) * 5 * 4 * 4 * 2);
}

TEST(AuthzMatrixTest, NoTargetLevelMeansOnlyTheRoleDecides) {
  for (Action action : kAllActions)
    for (Role role : kRoles)
      EXPECT_EQ(Decide(MakeUser(role, Level::kPublic), action, {}, false).allow,
                ExpectedRoles().at(action).count(role) > 0)
          << ToString(action) << " " << ToString(role);
}

TEST(AuthzMatrixTest, SeveralRolesAddUp) {
  catalog::User u = MakeUser(Role::kStaff, Level::kInternal);
  EXPECT_FALSE(Decide(u, Action::kIngest, {}, false).allow);
  u.roles.push_back(Role::kArchivist);
  EXPECT_TRUE(Decide(u, Action::kIngest, {}, false).allow);
}

TEST(AuthzMatrixTest, DisabledUserIsDeniedEverything) {
  catalog::User u = MakeUser(Role::kAdmin, Level::kSecret);
  u.disabled = true;
  for (Action action : kAllActions) {
    Decision d = Decide(u, action, {}, true);
    EXPECT_FALSE(d.allow) << ToString(action);
    EXPECT_NE(d.reason.find("disabled"), std::string::npos);
  }
}

TEST(AuthzMatrixTest, ConfidentialOpeningWithoutGrantSaysAnApprovedRequestIsNeeded) {
  Decision d = Decide(MakeUser(Role::kStaff, Level::kSecret), Action::kShowText,
                      Target{Level::kConfidential, {}, 1}, false);
  EXPECT_FALSE(d.allow);
  EXPECT_NE(d.reason.find("needs an approved access request"), std::string::npos) << d.reason;
}

TEST(AuthzMatrixTest, ActionsRoundTripTheirSpelling) {
  for (Action a : kAllActions) EXPECT_EQ(ParseAction(ToString(a)), a);
  EXPECT_EQ(ToString(Action::kShowText), std::string("show_text"));
  EXPECT_FALSE(ParseAction("approve_own").has_value());
}

TEST(AuthzLevelTest, LevelsParseAndCompareInOrder) {
  EXPECT_EQ(ParseLevel("public"), Level::kPublic);
  EXPECT_EQ(ParseLevel("internal"), Level::kInternal);
  EXPECT_EQ(ParseLevel("confidential"), Level::kConfidential);
  EXPECT_EQ(ParseLevel("secret"), Level::kSecret);
  EXPECT_FALSE(ParseLevel("Secret").has_value());
  EXPECT_FALSE(ParseLevel("").has_value());
  EXPECT_LT(Level::kPublic, Level::kInternal);
  EXPECT_LT(Level::kInternal, Level::kConfidential);
  EXPECT_LT(Level::kConfidential, Level::kSecret);
  for (Level l : kAllLevels) EXPECT_EQ(ParseLevel(ToString(l)), l);
  for (Role r : kRoles) EXPECT_EQ(ParseRole(ToString(r)), r);
}

TEST(AuthzPasswordTest, Argon2idHashChecksTheRightPasswordOnly) {
  auto hash = HashPassword("correct horse");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(CheckPassword(*hash, "correct horse"));
  EXPECT_FALSE(CheckPassword(*hash, "correct horse "));
  EXPECT_FALSE(HashPassword("").ok());
}

TEST(AuthzApprovalTest, NobodyDecidesTheirOwnProposalOrApprovesTwice) {
  catalog::User a = MakeUser(Role::kApprover, Level::kSecret);
  a.name = "li";
  EXPECT_FALSE(DecideApproval(a, "li", {}).allow);
  EXPECT_TRUE(DecideApproval(a, "wang", {}).allow);
  EXPECT_TRUE(DecideApproval(a, "wang", {"zhao"}).allow);
  Decision twice = DecideApproval(a, "wang", {"zhao", "li"});
  EXPECT_FALSE(twice.allow);
  EXPECT_NE(twice.reason.find("already"), std::string::npos);
}

TEST(AuthzRequestTest, TheRequesterOrAnArchivistReturnsAGrant) {
  catalog::User lin = MakeUser(Role::kStaff, Level::kInternal);
  lin.name = "lin";
  EXPECT_TRUE(DecideReturn(lin, "lin").allow);
  Decision other = DecideReturn(lin, "zhou");
  EXPECT_FALSE(other.allow);
  EXPECT_NE(other.reason.find("zhou"), std::string::npos) << other.reason;
  catalog::User chen = MakeUser(Role::kArchivist, Level::kPublic);
  chen.name = "chen";
  EXPECT_TRUE(DecideReturn(chen, "zhou").allow);  // registering the return (归还)
  for (Role r : {Role::kApprover, Role::kAuditor, Role::kAdmin}) {
    catalog::User u = MakeUser(r, Level::kSecret);
    u.name = "someone";
    EXPECT_FALSE(DecideReturn(u, "zhou").allow) << ToString(r);
  }
}

TEST(AuthzRequestTest, StaffSeeTheirOwnRequestsEveryOtherRoleSeesAll) {
  EXPECT_FALSE(SeesAllRequests(MakeUser(Role::kStaff, Level::kSecret)));
  for (Role r : {Role::kApprover, Role::kAuditor, Role::kAdmin, Role::kArchivist})
    EXPECT_TRUE(SeesAllRequests(MakeUser(r, Level::kPublic))) << ToString(r);
  catalog::User both = MakeUser(Role::kStaff, Level::kInternal);
  both.roles.push_back(Role::kApprover);
  EXPECT_TRUE(SeesAllRequests(both));
}

}  // namespace
}  // namespace dangan::authz
