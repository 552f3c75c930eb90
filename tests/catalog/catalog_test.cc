#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace dangan::catalog {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Catalog::Open(dir_.path() / "catalog.sqlite", true);
    ASSERT_OK(c);
    cat_ = std::move(c).value();
  }

  Document MakeDoc(const std::string& sha) {
    Document d;
    d.sha256 = sha;
    d.original_name = "采购合同.pdf";
    d.sources = {"inbox/KH-2019-0042/采购合同.pdf"};
    d.mime = "application/pdf";
    d.size = 1234;
    d.pages = 2;
    d.archive_no = "KH-2019-0042";
    d.routed_by = RoutedBy::kFolder;
    d.doc_type = DocType::kContract;
    d.title = "采购合同";
    d.fields.contract_no = "HT-2023-0017";
    d.fields.amount = "1250000.00";
    d.stored_path = "store/KH-2019-0042/" + sha + ".pdf";
    d.ingested_at = "2026-11-24T10:00:00Z";
    return d;
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<Catalog> cat_;
};

TEST_F(CatalogTest, InsertedDocumentReadsBackWithPagesSourcesAndFields) {
  Document d = MakeDoc(std::string(64, 'a'));
  ASSERT_OK(cat_->Begin());
  ASSERT_OK(cat_->InsertDocument(&d, {{1, "第一页", TextSource::kText, -1}, {2, "page two", TextSource::kText, -1}}));
  ASSERT_OK(cat_->AddSource(d.id, "inbox/copy.pdf", true));
  ASSERT_OK(cat_->Commit());
  auto got = cat_->GetDocument(d.id);
  ASSERT_OK(got);
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->title, "采购合同");
  EXPECT_EQ((*got)->fields.contract_no, "HT-2023-0017");
  EXPECT_FALSE((*got)->fields.invoice_no.has_value());
  ASSERT_EQ((*got)->sources.size(), 2u);
  EXPECT_EQ((*got)->sources[1], "inbox/copy.pdf");
  auto pages = cat_->GetPages(d.id);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[0].text, "第一页");
}

TEST_F(CatalogTest, UpdateDocumentRewritesTextRoutingAndPagesInOneGo) {
  Document d = MakeDoc(std::string(64, '9'));
  d.archive_no.reset();
  d.state = DocState::kNeedsOcr;
  d.text_source = TextSource::kNone;
  d.candidates = {{"", "unfiled", "nothing found"}};
  ASSERT_OK(cat_->InsertDocument(&d, {{1, "", TextSource::kNone, -1}}));
  d.archive_no = "KH-2019-0042";
  d.routed_by = RoutedBy::kUscc;
  d.candidates.clear();
  d.state = DocState::kStored;
  d.text_source = TextSource::kOcr;
  d.fields.invoice_no = "04418823";
  ASSERT_OK(cat_->Transaction([&] {
    return cat_->UpdateDocument(d, {{1, "发票 04418823", TextSource::kOcr, 91.5}});
  }));
  auto got = cat_->GetDocument(d.id);
  ASSERT_OK(got);
  EXPECT_EQ((*got)->archive_no, "KH-2019-0042");
  EXPECT_EQ((*got)->text_source, TextSource::kOcr);
  EXPECT_TRUE((*got)->candidates.empty());
  EXPECT_EQ((*got)->fields.invoice_no, "04418823");
  auto pages = cat_->GetPages(d.id);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].text_source, TextSource::kOcr);
  EXPECT_DOUBLE_EQ((*pages)[0].confidence, 91.5);
}

TEST_F(CatalogTest, AFailedTransactionLeavesNothingBehind) {
  Document d = MakeDoc(std::string(64, '8'));
  Status s = cat_->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(cat_->InsertDocument(&d, {}).status());
    return Status::IoError("disk full (simulated)");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(cat_->FindDocumentBySha(d.sha256)->has_value());
}

TEST_F(CatalogTest, ShaIsUniqueSoAnOriginalIsCataloguedOnce) {
  Document a = MakeDoc(std::string(64, 'b'));
  Document b = MakeDoc(std::string(64, 'b'));
  ASSERT_OK(cat_->InsertDocument(&a, {}));
  EXPECT_FALSE(cat_->InsertDocument(&b, {}).ok());
  auto found = cat_->FindDocumentBySha(std::string(64, 'b'));
  ASSERT_OK(found);
  EXPECT_EQ(**found, a.id);
}

TEST_F(CatalogTest, RollbackLeavesNoRow) {
  Document d = MakeDoc(std::string(64, 'c'));
  ASSERT_OK(cat_->Begin());
  ASSERT_OK(cat_->InsertDocument(&d, {}));
  cat_->Rollback();
  auto found = cat_->FindDocumentBySha(d.sha256);
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_F(CatalogTest, StatsCountStatesUnfiledAndQuarantine) {
  Document a = MakeDoc(std::string(64, 'd'));
  Document b = MakeDoc(std::string(64, 'e'));
  b.archive_no.reset();
  b.state = DocState::kNeedsOcr;
  ASSERT_OK(cat_->InsertDocument(&a, {}));
  ASSERT_OK(cat_->InsertDocument(&b, {}));
  QuarantineItem q;
  q.source = "inbox/bad.pdf";
  q.reason = QuarantineReason::kCorrupt;
  q.file_name = "bad.pdf";
  ASSERT_OK(cat_->InsertQuarantine(&q));
  auto stats = cat_->GetStats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->unfiled, 1);
  EXPECT_EQ(stats->quarantined, 1);
  EXPECT_EQ(stats->by_state["needs_ocr"], 1);
  ASSERT_OK(cat_->MarkReleased(q.id));
  EXPECT_EQ(cat_->GetStats()->quarantined, 0);
}

TEST_F(CatalogTest, ReopeningKeepsDataAndSchemaVersion) {
  Document d = MakeDoc(std::string(64, 'f'));
  ASSERT_OK(cat_->InsertDocument(&d, {}));
  cat_.reset();
  auto again = Catalog::Open(dir_.path() / "catalog.sqlite", false);
  ASSERT_OK(again);
  EXPECT_EQ(*(*again)->MaxDocumentId(), d.id);
}

TEST_F(CatalogTest, OpeningAMissingCatalogWithoutCreateIsNotFound) {
  auto c = Catalog::Open(dir_.path() / "nope.sqlite", false);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace dangan::catalog
