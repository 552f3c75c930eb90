// Access requests (RECORDS §3): the state rules at chosen instants, the
// catalog's guarded transitions, the grant lookup and its index, and the
// audit figures over requests (RECORDS §8).
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/request_rules.h"
#include "support/sqlite_util.h"
#include "support/test_util.h"

namespace dangan::catalog {
namespace {

using ::dangan::testing::SqliteExec;

constexpr const char* kT0 = "2026-11-24T10:00:00Z";

AccessRequest Approved(const std::string& at, int days) {
  AccessRequest r;
  r.id = 5;
  r.requester = "lin";
  r.doc_id = 42;
  r.days = days;
  r.state = RequestState::kApproved;
  r.decided_by = "wang";
  r.decided_at = at;
  r.expires_at = *GrantExpiry(at, days);
  return r;
}

TEST(RequestRulesTest, AGrantLastsExactlyItsDaysFromTheApproval) {
  EXPECT_EQ(*GrantExpiry(kT0, 7), "2026-12-01T10:00:00Z");
  EXPECT_EQ(*GrantExpiry("2026-12-30T23:59:59Z", 2), "2027-01-01T23:59:59Z");
  AccessRequest r = Approved(kT0, 7);
  EXPECT_EQ(EffectiveState(r, kT0), RequestState::kApproved);
  EXPECT_TRUE(IsActiveGrant(r, "2026-12-01T09:59:59Z"));
  // The instant it expires, it no longer grants.
  EXPECT_EQ(EffectiveState(r, "2026-12-01T10:00:00Z"), RequestState::kExpired);
  EXPECT_FALSE(IsActiveGrant(r, "2026-12-01T10:00:00Z"));
  EXPECT_FALSE(IsActiveGrant(r, "2027-06-01T00:00:00Z"));
}

TEST(RequestRulesTest, DaysOutsideTheRangeAndBadTimesAreRefused) {
  EXPECT_EQ(CheckRequestDays(0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckRequestDays(-3).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckRequestDays(kMaxRequestDays + 1).code(), StatusCode::kInvalidArgument);
  EXPECT_OK(CheckRequestDays(1));
  EXPECT_OK(CheckRequestDays(kMaxRequestDays));
  EXPECT_FALSE(GrantExpiry("yesterday", 3).ok());
  EXPECT_FALSE(GrantExpiry(kT0, 0).ok());
}

TEST(RequestRulesTest, OnlyPendingIsDecidedAndOnlyActiveGrantsReturned) {
  AccessRequest pending;
  pending.id = 1;
  EXPECT_OK(CheckDecidable(pending, kT0));
  Status s = CheckReturnable(pending, kT0);
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_NE(s.message().find("not been approved"), std::string::npos) << s.message();

  AccessRequest approved = Approved(kT0, 3);
  s = CheckDecidable(approved, kT0);
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_NE(s.message().find("request 5 is approved"), std::string::npos) << s.message();
  EXPECT_OK(CheckReturnable(approved, "2026-11-25T00:00:00Z"));
  s = CheckReturnable(approved, "2026-11-28T00:00:00Z");
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_NE(s.message().find("expired"), std::string::npos) << s.message();
  EXPECT_EQ(CheckDecidable(approved, "2026-11-28T00:00:00Z").code(), StatusCode::kConflict);

  for (RequestState st : {RequestState::kRejected, RequestState::kReturned}) {
    AccessRequest done = Approved(kT0, 3);
    done.state = st;
    EXPECT_EQ(EffectiveState(done, "2030-01-01T00:00:00Z"), st);  // never "expired"
    EXPECT_EQ(CheckDecidable(done, kT0).code(), StatusCode::kConflict);
    EXPECT_EQ(CheckReturnable(done, kT0).code(), StatusCode::kConflict);
  }
  EXPECT_EQ(RequestTargetText(approved), "doc:42");
  AccessRequest archive;
  archive.archive_no = "KH-2019-0042";
  EXPECT_EQ(RequestTargetText(archive), "archive:KH-2019-0042");
}

class RequestCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Catalog::Open(db(), true);
    ASSERT_OK(c);
    cat_ = std::move(c).value();
  }
  std::filesystem::path db() const { return dir_.path() / "catalog.sqlite"; }

  int64_t Open(const std::string& who, std::optional<int64_t> doc,
               std::optional<std::string> archive, const std::string& at = kT0) {
    AccessRequest r;
    r.requester = who;
    r.doc_id = doc;
    r.archive_no = std::move(archive);
    r.purpose = "核对合同";
    r.days = 7;
    r.created_at = at;
    auto id = cat_->InsertRequest(&r);
    EXPECT_OK(id);
    return id.ok() ? *id : 0;
  }
  std::optional<int64_t> Grant(const std::string& who, std::optional<int64_t> doc,
                               std::optional<std::string> archive, const std::string& now) {
    auto g = cat_->ActiveGrant(who, doc, archive, now);
    EXPECT_OK(g);
    return g.ok() ? *g : std::nullopt;
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<Catalog> cat_;
};

TEST_F(RequestCatalogTest, TransitionsChangeARowOnlyFromTheStateTheyExpect) {
  int64_t id = Open("lin", 42, std::nullopt);
  auto r = cat_->GetRequest(id);
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->state, RequestState::kPending);
  EXPECT_EQ((*r)->doc_id, 42);
  EXPECT_FALSE((*r)->archive_no.has_value());
  // A return before approval changes nothing.
  EXPECT_EQ(cat_->ReturnRequest(id, "lin", kT0).code(), StatusCode::kConflict);
  ASSERT_OK(cat_->ApproveRequest(id, "wang", kT0, 3, *GrantExpiry(kT0, 3)));
  // A second decision (a second approver racing) loses.
  EXPECT_EQ(cat_->ApproveRequest(id, "zhao", kT0, 9, "2027-01-01T00:00:00Z").code(),
            StatusCode::kConflict);
  EXPECT_EQ(cat_->RejectRequest(id, "zhao", kT0, "no").code(), StatusCode::kConflict);
  r = cat_->GetRequest(id);
  EXPECT_EQ((*r)->decided_by, "wang");
  EXPECT_EQ((*r)->days, 3);
  EXPECT_EQ((*r)->expires_at, "2026-11-27T10:00:00Z");
  // Returning after expiry is refused by the same guard.
  EXPECT_EQ(cat_->ReturnRequest(id, "lin", "2026-11-27T10:00:00Z").code(), StatusCode::kConflict);
  ASSERT_OK(cat_->ReturnRequest(id, "lin", "2026-11-25T10:00:00Z"));
  r = cat_->GetRequest(id);
  EXPECT_EQ((*r)->state, RequestState::kReturned);
  EXPECT_EQ((*r)->returned_by, "lin");
  EXPECT_EQ(cat_->ReturnRequest(id, "lin", "2026-11-25T11:00:00Z").code(), StatusCode::kConflict);

  int64_t other = Open("lin", std::nullopt, "KH-2019-0042");
  ASSERT_OK(cat_->RejectRequest(other, "wang", kT0, "目的不明"));
  r = cat_->GetRequest(other);
  EXPECT_EQ((*r)->state, RequestState::kRejected);
  EXPECT_EQ((*r)->reason, "目的不明");
  EXPECT_FALSE((*r)->expires_at.has_value());
  EXPECT_FALSE(cat_->GetRequest(999)->has_value());
}

TEST_F(RequestCatalogTest, AGrantCoversItsDocumentOrItsArchiveForItsRequesterUntilExpiry) {
  int64_t on_doc = Open("lin", 42, std::nullopt);
  int64_t on_archive = Open("lin", std::nullopt, "KH-2020-0077");
  Open("lin", 43, std::nullopt);  // stays pending
  EXPECT_EQ(Grant("lin", 42, "KH-2019-0042", kT0), std::nullopt);  // not approved yet
  ASSERT_OK(cat_->ApproveRequest(on_doc, "wang", kT0, 1, *GrantExpiry(kT0, 1)));
  ASSERT_OK(cat_->ApproveRequest(on_archive, "wang", kT0, 10, *GrantExpiry(kT0, 10)));
  EXPECT_EQ(Grant("lin", 42, "KH-2019-0042", kT0), on_doc);
  EXPECT_EQ(Grant("lin", 42, std::nullopt, kT0), on_doc);
  EXPECT_EQ(Grant("zhou", 42, "KH-2019-0042", kT0), std::nullopt);  // someone else's grant
  EXPECT_EQ(Grant("lin", 43, "KH-2019-0042", kT0), std::nullopt);   // pending covers nothing
  EXPECT_EQ(Grant("lin", 44, "KH-2020-0077", kT0), on_archive);     // any document of the archive
  EXPECT_EQ(Grant("lin", std::nullopt, "KH-2020-0077", kT0), on_archive);
  // A day later the document grant has run out; the archive one has not.
  EXPECT_EQ(Grant("lin", 42, "KH-2019-0042", "2026-11-25T10:00:00Z"), std::nullopt);
  EXPECT_EQ(Grant("lin", 44, "KH-2020-0077", "2026-11-25T10:00:00Z"), on_archive);
  ASSERT_OK(cat_->ReturnRequest(on_archive, "lin", "2026-11-25T10:00:00Z"));
  EXPECT_EQ(Grant("lin", 44, "KH-2020-0077", "2026-11-25T10:00:01Z"), std::nullopt);
}

TEST_F(RequestCatalogTest, TheGrantLookupIsOneQueryOnTheGrantIndex) {
  for (int i = 0; i < 50; ++i) Open(i % 2 ? "lin" : "zhou", i, std::nullopt);
  ASSERT_EQ(SqliteExec(db(), "ANALYZE"), "");
  std::string error;
  std::string plan = testing::SqliteQueryPlan(db(), kActiveGrantSql, &error);
  ASSERT_EQ(error, "");
  EXPECT_NE(plan.find("USING INDEX requests_grant"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN requests"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;  // no sort step either
}

TEST_F(RequestCatalogTest, ListComputesExpiredAndFiltersByRequester) {
  int64_t a = Open("lin", 42, std::nullopt);
  int64_t b = Open("lin", 43, std::nullopt);
  int64_t c = Open("zhou", 44, std::nullopt);
  ASSERT_OK(cat_->ApproveRequest(a, "wang", kT0, 1, *GrantExpiry(kT0, 1)));
  ASSERT_OK(cat_->ApproveRequest(b, "wang", kT0, 30, *GrantExpiry(kT0, 30)));
  const std::string later = "2026-11-26T00:00:00Z";
  auto all = cat_->ListRequests({}, later);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, c);  // newest first
  auto expired = cat_->ListRequests({std::nullopt, RequestState::kExpired}, later);
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ((*expired)[0].id, a);
  EXPECT_EQ(EffectiveState((*expired)[0], later), RequestState::kExpired);
  auto approved = cat_->ListRequests({std::nullopt, RequestState::kApproved}, later);
  ASSERT_EQ(approved->size(), 1u);
  EXPECT_EQ((*approved)[0].id, b);
  auto zhou = cat_->ListRequests({std::string("zhou"), std::nullopt}, later);
  ASSERT_EQ(zhou->size(), 1u);
  EXPECT_EQ((*zhou)[0].id, c);
  auto pending = cat_->ListRequests({std::string("lin"), RequestState::kPending}, later);
  EXPECT_TRUE(pending->empty());
}

TEST_F(RequestCatalogTest, AuditCountsRequestsByStateAndOverdueReturnsInThePeriod) {
  int64_t a = Open("lin", 42, std::nullopt);
  int64_t b = Open("lin", 43, std::nullopt);
  Open("zhou", 44, std::nullopt);
  Open("zhou", 45, std::nullopt, "2026-10-01T00:00:00Z");  // before the period
  ASSERT_OK(cat_->ApproveRequest(a, "wang", kT0, 1, *GrantExpiry(kT0, 1)));
  ASSERT_OK(cat_->RejectRequest(b, "wang", kT0, "no"));
  ASSERT_OK(cat_->AppendLog("lin", "open", "doc:42", R"({"level":"confidential"})"));
  ASSERT_OK(cat_->AppendLog("lin", "open", "doc:42", R"({"level":"confidential"})"));
  ASSERT_OK(cat_->AppendLog("zhou", "denied", "doc:42", R"({"level":"confidential"})"));
  AuditPeriod period{"2026-11-01T00:00:00Z", "9999-12-31T23:59:59Z"};
  auto f = cat_->Audit(period, "2026-11-30T00:00:00Z");
  ASSERT_OK(f);
  EXPECT_EQ(f->requests_opened, 3);
  EXPECT_EQ(f->requests_by_state["expired"], 1);
  EXPECT_EQ(f->requests_by_state["rejected"], 1);
  EXPECT_EQ(f->requests_by_state["pending"], 1);
  ASSERT_EQ(f->overdue.size(), 1u);
  EXPECT_EQ(f->overdue[0].id, a);
  ASSERT_EQ(f->openings.size(), 1u);
  EXPECT_EQ(f->openings[0].user, "lin");
  EXPECT_EQ(f->openings[0].level, "confidential");
  EXPECT_EQ(f->openings[0].count, 2);
  ASSERT_EQ(f->denials.size(), 1u);
  EXPECT_EQ(f->log_rows, 3);
  EXPECT_FALSE(f->last_backup.has_value());
  // The other helpers' tables are read as migration 3 made them.
  ASSERT_EQ(SqliteExec(db(),
                       "INSERT INTO changes(kind, target, before, after, reason, state, "
                       "proposed_by, proposed_at) VALUES('level', '42', '{}', '{}', 'r', "
                       "'pending', 'li', '2026-11-20T00:00:00Z');"
                       "INSERT INTO backups(at, dest, generation, files, copied, bytes, "
                       "catalog_sha256, log_head) VALUES('2026-11-28T00:00:00Z', '/mnt/b', "
                       "'g1', 3, 3, 100, 'x', 'y');"),
            "");
  f = cat_->Audit(period, "2026-11-30T00:00:00Z");
  ASSERT_OK(f);
  ASSERT_EQ(f->changes.size(), 1u);
  EXPECT_EQ(f->changes[0].kind, "level");
  ASSERT_TRUE(f->last_backup.has_value());
  EXPECT_EQ(f->last_backup->dest, "/mnt/b");
  // Before the approval nothing had expired yet: the overdue list is "as of now".
  f = cat_->Audit(period, kT0);
  EXPECT_TRUE(f->overdue.empty());
}

}  // namespace
}  // namespace dangan::catalog
