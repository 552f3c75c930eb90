// Applying approved changes (RECORDS §5) on a real catalog and store: the
// renumber's folder move and rows, a renumber a crash left `applying`
// finished from what is on disk, and a folder collision refused untouched.
#include "ingest/change_apply.h"

#include <gtest/gtest.h>

#include "catalog/change_proposal.h"
#include "core/fs.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

namespace fs = std::filesystem;

// The sink the app wires to Xapian, here recording what it was handed and
// marking it indexed as CatalogIndexer does.
class RecordingSink : public catalog::DocumentSink {
 public:
  explicit RecordingSink(catalog::Catalog* catalog) : catalog_(catalog) {}
  Status Add(const catalog::Document& doc, const std::vector<catalog::Page>&) override {
    added.push_back(doc);
    return Status::Ok();
  }
  Status Flush() override {
    for (const auto& d : added) DANGAN_RETURN_IF_ERROR(catalog_->SetState(d.id, DocState::kIndexed));
    return Status::Ok();
  }
  int64_t indexed() const override { return static_cast<int64_t>(added.size()); }
  std::vector<catalog::Document> added;

 private:
  catalog::Catalog* catalog_;
};

class ChangeApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cat = catalog::Catalog::Open(home_.catalog(), true);
    ASSERT_OK(cat);
    catalog_ = std::move(cat).value();
    for (const char* no : {"KH-2019-0042", "KH-2018-0006"}) {
      catalog::Client c;
      c.archive_no = no;
      c.name = std::string("客户 ") + no;
      c.type = "individual";
      c.retention = "long";
      ASSERT_OK(catalog_->UpsertClient(c));
    }
    catalog::Document d;
    d.sha256 = "ab";
    d.original_name = "a.pdf";
    d.sources = {"inbox/a.pdf"};
    d.mime = "application/pdf";
    d.state = DocState::kIndexed;
    d.archive_no = "KH-2019-0042";
    d.routed_by = RoutedBy::kFolder;
    d.title = "合同";
    d.stored_path = "store/KH-2019-0042/ab.pdf";
    d.ingested_at = "2026-01-01T00:00:00Z";
    ASSERT_OK(catalog_->InsertDocument(&d, {}));
    doc_id_ = d.id;
    testing::WriteBytes(home_.root() / d.stored_path, "%PDF-1.4 bytes");
    auto rule = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
    ASSERT_OK(rule);
    auto c = catalog::BuildProposal(catalog_.get(), *rule,
                                    {"renumber", "KH-2019-0042", {}, "KH-2019-9042", "集团编号"});
    ASSERT_OK(c);
    change_ = std::move(c).value();
    change_.proposed_by = "chen";
    change_.proposed_at = "2026-01-01T00:00:00Z";
    ASSERT_OK(catalog_->InsertChange(&change_));
  }

  catalog::Document Doc() {
    auto d = catalog_->GetDocument(doc_id_);
    EXPECT_OK(d);
    return d.ok() && d->has_value() ? **d : catalog::Document{};
  }
  std::string State() {
    auto c = catalog_->GetChange(change_.id);
    EXPECT_OK(c);
    return c.ok() && c->has_value() ? (*c)->state : "";
  }
  void ExpectRenumbered() {
    EXPECT_EQ(State(), "approved");
    EXPECT_EQ(Doc().archive_no, "KH-2019-9042");
    EXPECT_EQ(Doc().stored_path, "store/KH-2019-9042/ab.pdf");
    EXPECT_TRUE(fs::exists(home_.root() / "store/KH-2019-9042/ab.pdf"));
    EXPECT_FALSE(fs::exists(home_.root() / "store/KH-2019-0042"));
    auto alias = catalog_->GetAlias("KH-2019-0042");
    ASSERT_OK(alias);
    ASSERT_TRUE(alias->has_value());
    EXPECT_EQ((*alias)->change_id, change_.id);
    int approvals = 0;
    catalog::LogFilter f;
    f.action = "change_approve";
    ASSERT_OK(catalog_->ForEachLogRow(f, [&](const catalog::LogRow& row) {
      ++approvals;
      EXPECT_EQ(row.user, "wang");
      EXPECT_EQ(row.target, "archive:KH-2019-0042");
      return true;
    }));
    EXPECT_EQ(approvals, 1);
  }

  testing::ScopedTempDir dir_;
  Home home_{dir_.path()};
  std::unique_ptr<catalog::Catalog> catalog_;
  int64_t doc_id_ = 0;
  catalog::Change change_;
};

TEST_F(ChangeApplyTest, RenumberMovesTheFolderAndReindexesItsDocuments) {
  RecordingSink sink(catalog_.get());
  ASSERT_OK(ApplyChange(home_, catalog_.get(), &sink, change_, "wang"));
  ExpectRenumbered();
  ASSERT_EQ(sink.added.size(), 1u);
  EXPECT_EQ(sink.added[0].archive_no, "KH-2019-9042");
  EXPECT_EQ(Doc().state, DocState::kIndexed);
}

TEST_F(ChangeApplyTest, AnInterruptedRenumberIsFinishedBeforeItsRename) {
  // Before the rename: intent recorded, folder still at the old number.
  ASSERT_OK(catalog_->DecideChange(change_.id, "applying", "wang", "2026-01-02T00:00:00Z", std::nullopt));
  auto finished = FinishInterruptedChanges(home_, catalog_.get());
  ASSERT_OK(finished);
  EXPECT_EQ(*finished, 1);
  ExpectRenumbered();
  EXPECT_EQ(Doc().state, DocState::kStored) << "reconcile's index step indexes it next";
  auto again = FinishInterruptedChanges(home_, catalog_.get());
  ASSERT_OK(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(ChangeApplyTest, AnInterruptedRenumberWhoseFolderMovedIsFinished) {
  ASSERT_OK(catalog_->DecideChange(change_.id, "applying", "wang", "2026-01-02T00:00:00Z", std::nullopt));
  fs::rename(home_.root() / "store/KH-2019-0042", home_.root() / "store/KH-2019-9042");
  auto finished = FinishInterruptedChanges(home_, catalog_.get());
  ASSERT_OK(finished);
  EXPECT_EQ(*finished, 1);
  ExpectRenumbered();
}

TEST_F(ChangeApplyTest, AnExistingTargetFolderIsNeverMergedInto) {
  testing::WriteBytes(home_.root() / "store/KH-2019-9042/stray.pdf", "x");
  RecordingSink sink(catalog_.get());
  Status s = ApplyChange(home_, catalog_.get(), &sink, change_, "wang");
  EXPECT_EQ(s.code(), StatusCode::kBadData) << s.ToString();
  EXPECT_EQ(State(), "pending");
  EXPECT_EQ(Doc().archive_no, "KH-2019-0042");
  EXPECT_TRUE(fs::exists(home_.root() / "store/KH-2019-0042/ab.pdf"));
}

}  // namespace
}  // namespace dangan::ingest
