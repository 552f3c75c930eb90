// Change requests (RECORDS §5): what a proposal accepts and refuses, the
// before values it captures, the approval's re-check, and the catalog side
// of a renumber (rows, paths, alias).
#include "catalog/change_proposal.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_util.h"

namespace dangan::catalog {
namespace {

constexpr const char* kPattern = "[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}";

class ChangeProposalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cat = Catalog::Open(dir_.path() / "catalog.sqlite", true);
    ASSERT_OK(cat);
    catalog_ = std::move(cat).value();
    auto rule = ArchiveNumberRule::Create(kPattern);
    ASSERT_OK(rule);
    rule_ = std::make_unique<ArchiveNumberRule>(std::move(rule).value());
    Client c;
    c.archive_no = "KH-2019-0042";
    c.name = "上海华东机电设备有限公司";
    c.uscc = "91310000MA1FL4XQ27";
    c.type = "enterprise";
    c.retention = "long";
    c.opened = "2019-01-02";
    ASSERT_OK(catalog_->UpsertClient(c));
    c.archive_no = "KH-2018-0006";
    c.name = "南京市康泰船舶工程有限责任公司";
    c.uscc = "91320115MAYG6LJ98A";
    ASSERT_OK(catalog_->UpsertClient(c));
    Document d;
    d.sha256 = "ab";
    d.original_name = "a.pdf";
    d.sources = {"inbox/a.pdf"};
    d.mime = "application/pdf";
    d.state = DocState::kIndexed;
    d.archive_no = "KH-2019-0042";
    d.routed_by = RoutedBy::kFolder;
    d.title = "采购合同";
    d.fields.contract_no = "HT-2023-0017";
    d.stored_path = "store/KH-2019-0042/ab.pdf";
    d.ingested_at = "2026-01-01T00:00:00Z";
    ASSERT_OK(catalog_->InsertDocument(&d, {}));
    doc_id_ = std::to_string(d.id);
  }

  Result<Change> Propose(const std::string& kind, const std::string& target,
                         std::vector<std::string> sets, const std::string& value = "") {
    return BuildProposal(catalog_.get(), *rule_, {kind, target, std::move(sets), value, "客户来函"});
  }
  void ExpectRefused(const Result<Change>& r, StatusCode code, const std::string& words) {
    ASSERT_FALSE(r.ok()) << "accepted: " << r->after;
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(words), std::string::npos) << r.status().message();
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<ArchiveNumberRule> rule_;
  std::string doc_id_;
};

TEST_F(ChangeProposalTest, ClientChangeCapturesBeforeAndAfter) {
  auto c = Propose("client", "kh-2019-0042", {"phone=021-5555", "retention=permanent"});
  ASSERT_OK(c);
  EXPECT_EQ(c->target, "KH-2019-0042");
  EXPECT_EQ(nlohmann::json::parse(c->before),
            nlohmann::json::parse(R"({"phone":"","retention":"long"})"));
  EXPECT_EQ(nlohmann::json::parse(c->after),
            nlohmann::json::parse(R"({"phone":"021-5555","retention":"permanent"})"));
  EXPECT_EQ(c->state, "pending");
}

TEST_F(ChangeProposalTest, BadKeysAndValuesAreRefusedWithTheirReason) {
  ExpectRefused(Propose("client", "KH-2019-0042", {"colour=red"}), StatusCode::kInvalidArgument,
                "colour is not a client field");
  ExpectRefused(Propose("client", "KH-2019-0042", {"phone"}), StatusCode::kInvalidArgument,
                "KEY=VALUE");
  ExpectRefused(Propose("client", "KH-2019-0042", {}), StatusCode::kInvalidArgument, "--set");
  ExpectRefused(Propose("client", "KH-2019-0042", {"phone=1", "phone=2"}),
                StatusCode::kInvalidArgument, "twice");
  // The last character is the check digit: 7 is right, 8 is not.
  ExpectRefused(Propose("client", "KH-2019-0042", {"uscc=91310000MA1FL4XQ28"}),
                StatusCode::kInvalidArgument, "check digit");
  ExpectRefused(Propose("client", "KH-2019-0042", {"retention=forever"}),
                StatusCode::kInvalidArgument, "short, long, permanent");
  ExpectRefused(Propose("client", "KH-2019-0042", {"opened=2023-02-30"}),
                StatusCode::kInvalidArgument, "YYYY-MM-DD");
  ExpectRefused(Propose("client", "KH-2019-0042", {"uscc="}), StatusCode::kInvalidArgument,
                "missing uscc");
  ExpectRefused(Propose("client", "KH-2019-0042", {"phone="}), StatusCode::kInvalidArgument,
                "nothing");
  ExpectRefused(Propose("client", "KH-2099-0001", {"phone=1"}), StatusCode::kNotFound,
                "no client");
  ExpectRefused(Propose("fields", doc_id_, {"amount=12,5"}), StatusCode::kInvalidArgument, "decimal");
  ExpectRefused(Propose("fields", doc_id_, {"doc_type=poem"}), StatusCode::kInvalidArgument,
                "contract, invoice");
  ExpectRefused(Propose("fields", doc_id_, {"title="}), StatusCode::kInvalidArgument,
                "cannot be cleared");
  ExpectRefused(Propose("fields", "999", {"title=x"}), StatusCode::kNotFound, "no document 999");
  ExpectRefused(Propose("level", "KH-2019-0042", {}, "top"), StatusCode::kInvalidArgument,
                "public, internal");
  ExpectRefused(Propose("level", doc_id_, {}, "public"), StatusCode::kInvalidArgument,
                "not below");
  ExpectRefused(Propose("refile", doc_id_, {}, "KH-2019-0042"), StatusCode::kInvalidArgument,
                "already filed");
  ExpectRefused(Propose("teleport", doc_id_, {}, "x"), StatusCode::kInvalidArgument, "no change kind");
  auto no_reason = BuildProposal(catalog_.get(), *rule_, {"level", doc_id_, {}, "secret", "  "});
  ExpectRefused(no_reason, StatusCode::kInvalidArgument, "--reason");
}

TEST_F(ChangeProposalTest, FieldChangesAreNormalisedAndMayClearAField) {
  auto c = Propose("fields", doc_id_, {"currency=cny", "contract_no=", "uscc=91320115mayg6lj98a"});
  ASSERT_OK(c);
  EXPECT_EQ(nlohmann::json::parse(c->after),
            nlohmann::json::parse(
                R"({"currency":"CNY","contract_no":null,"uscc":"91320115MAYG6LJ98A"})"));
  EXPECT_EQ(nlohmann::json::parse(c->before),
            nlohmann::json::parse(R"({"currency":null,"contract_no":"HT-2023-0017","uscc":null})"));
}

TEST_F(ChangeProposalTest, RenumberNeedsAFreeWellFormedNumber) {
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, "KH-2018-0006"),
                StatusCode::kInvalidArgument, "already an archive's number");
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, "KH-19-42"), StatusCode::kInvalidArgument,
                "not an archive number");
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, "../KH-2019-0043"),
                StatusCode::kInvalidArgument, "not an archive number");
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, "KH-2019-0043/x"),
                StatusCode::kInvalidArgument, "not an archive number");
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, ".staging"),
                StatusCode::kInvalidArgument, "not an archive number");
  ExpectRefused(Propose("renumber", "KH-2019-0042", {}, "kh-2019-0042"),
                StatusCode::kInvalidArgument, "already has that number");
  auto ok = Propose("renumber", "KH-2019-0042", {}, "kh－2019－9042");
  ASSERT_OK(ok);
  EXPECT_EQ(nlohmann::json::parse(ok->after)["archive_no"], "KH-2019-9042");
}

TEST_F(ChangeProposalTest, RenumberMovesRowsAndPathsAndLeavesAnAlias) {
  auto c = Propose("renumber", "KH-2019-0042", {}, "KH-2019-9042");
  ASSERT_OK(c);
  c->proposed_by = "chen";
  c->proposed_at = "2026-01-01T00:00:00Z";
  ASSERT_OK(catalog_->InsertChange(&*c));
  ASSERT_OK(catalog_->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog_->RenumberArchive("KH-2019-0042", "KH-2019-9042", c->id,
                                                     "2026-01-02T00:00:00Z", "客户来函"));
    return catalog_->MarkArchiveForReindex("KH-2019-9042");
  }));
  auto doc = catalog_->GetDocument(std::stoll(doc_id_));
  ASSERT_OK(doc);
  EXPECT_EQ((*doc)->archive_no, "KH-2019-9042");
  EXPECT_EQ((*doc)->stored_path, "store/KH-2019-9042/ab.pdf");
  EXPECT_EQ((*doc)->state, DocState::kStored);
  auto old_client = catalog_->GetClient("KH-2019-0042");
  ASSERT_OK(old_client);
  EXPECT_FALSE(old_client->has_value());
  auto resolved = catalog_->ResolveArchiveNo("KH-2019-0042");
  ASSERT_OK(resolved);
  EXPECT_EQ(*resolved, "KH-2019-9042");
  auto aliases = catalog_->AliasesOf("KH-2019-9042");
  ASSERT_OK(aliases);
  ASSERT_EQ(aliases->size(), 1u);
  EXPECT_EQ((*aliases)[0].reason, "客户来函");
  // The old number is never given out again, and a proposal on it reaches the archive.
  ExpectRefused(Propose("renumber", "KH-2018-0006", {}, "KH-2019-0042"),
                StatusCode::kInvalidArgument, "numbers are not reused");
  auto via_old = Propose("client", "KH-2019-0042", {"phone=1"});
  ASSERT_OK(via_old);
  EXPECT_EQ(via_old->target, "KH-2019-9042");
  // The approval's re-check: the renumber was applied, its before no longer holds.
  Status again = CheckStillCurrent(catalog_.get(), *c);
  EXPECT_EQ(again.code(), StatusCode::kBadData) << again.ToString();
}

TEST_F(ChangeProposalTest, ApprovalRefusesARecordThatChangedSinceTheProposal) {
  auto c = Propose("client", "KH-2019-0042", {"phone=021-5555"});
  ASSERT_OK(c);
  ASSERT_OK(CheckStillCurrent(catalog_.get(), *c));
  ASSERT_OK(catalog_->SetClientColumns("KH-2019-0042", {{"phone", "021-6666"}}));
  Status s = CheckStillCurrent(catalog_.get(), *c);
  EXPECT_EQ(s.code(), StatusCode::kBadData);
  EXPECT_NE(s.message().find("phone"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("021-6666"), std::string::npos) << s.message();
}

TEST_F(ChangeProposalTest, ColumnSettersTakeOnlyTheirFields) {
  EXPECT_EQ(catalog_->SetClientColumns("KH-2019-0042", {{"archive_no", "X"}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(catalog_->SetDocumentColumns(std::stoll(doc_id_), {{"stored_path", "/etc"}}).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangan::catalog
