#include "indexer/index_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include "indexer/schema.h"
#include "support/catalog_fixture.h"

namespace dangan::indexer {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class IndexWriterTest : public testing::CatalogFixture {
 protected:
  int64_t AddContract() {
    testing::DocSpec spec;
    spec.title = "采购合同";
    spec.archive_no = "KH-2019-0042";
    spec.pages = {"采购合同\n合同编号：HT-2023-0017\n发票号码 04418823，见 25采字第005号",
                  "The contract was signed."};
    spec.fields.contract_no = "ht-2023-0017";
    spec.fields.invoice_no = "04418823";
    spec.fields.date = "2023-03-15";
    spec.fields.amount = "1250000.00";
    spec.fields.uscc = "91310000ma1fl4xq2b";
    return AddDocument(spec);
  }

  Result<catalog::Document> Get(int64_t id) {
    auto d = catalog()->GetDocument(id);
    if (!d.ok()) return d.status();
    return **d;
  }
};

TEST_F(IndexWriterTest, ReplaceByIdKeepsOneDocumentAndCommitReportsIt) {
  AddClient("KH-2019-0042", "上海华东机械有限公司");
  int64_t id = AddContract();
  auto writer = IndexWriter::Open(index_dir(), folder());
  ASSERT_OK(writer);
  auto doc = Get(id);
  ASSERT_OK(doc);
  ASSERT_OK((*writer)->Replace(*doc, {}, "上海华东机械有限公司"));
  ASSERT_OK((*writer)->Replace(*doc, {}, "上海华东机械有限公司"));
  EXPECT_EQ((*writer)->pending(), 2u);
  auto committed = (*writer)->Commit();
  ASSERT_OK(committed);
  EXPECT_THAT(*committed, ElementsAre(id));
  EXPECT_EQ((*writer)->pending(), 0u);
  auto count = (*writer)->DocCount();
  ASSERT_OK(count);
  EXPECT_EQ(*count, 1u);
  auto again = (*writer)->Commit();
  ASSERT_OK(again);
  EXPECT_THAT(*again, IsEmpty());
}

TEST_F(IndexWriterTest, DeleteRemovesAndAllIdsSortsNumerically) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 11; ++i) {
    testing::DocSpec spec;
    spec.title = "函" + std::to_string(i);
    ids.push_back(AddDocument(spec));
  }
  auto writer = IndexWriter::Open(index_dir(), folder());
  ASSERT_OK(writer);
  for (int64_t id : ids) {
    auto doc = Get(id);
    ASSERT_OK(doc);
    ASSERT_OK((*writer)->Replace(*doc, {}, ""));
  }
  ASSERT_OK((*writer)->Delete(ids[0]));
  auto committed = (*writer)->Commit();
  ASSERT_OK(committed);
  EXPECT_EQ(committed->size(), 10u);
  auto all = (*writer)->AllIds();
  ASSERT_OK(all);
  EXPECT_EQ(*all, std::vector<int64_t>(ids.begin() + 1, ids.end()));  // 10 after 9
}

TEST_F(IndexWriterTest, SecondWriterGetsBusy) {
  auto first = IndexWriter::Open(index_dir(), folder());
  ASSERT_OK(first);
  auto second = IndexWriter::Open(index_dir(), folder());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy) << second.status().ToString();
}

TEST_F(IndexWriterTest, WritesSchemaTermsValuesAndData) {
  AddClient("KH-2019-0042", "上海华东机械有限公司");
  int64_t id = AddContract();
  {
    auto writer = IndexWriter::Open(index_dir(), folder());
    ASSERT_OK(writer);
    auto doc = Get(id);
    ASSERT_OK(doc);
    auto pages = catalog()->GetPages(id);
    ASSERT_OK(pages);
    ASSERT_OK((*writer)->Replace(*doc, *pages, "上海华东机械有限公司"));
    ASSERT_OK((*writer)->Commit());
  }
  Xapian::Database db(index_dir().string());
  Xapian::PostingIterator p = db.postlist_begin(schema::IdTerm(id));
  ASSERT_NE(p, db.postlist_end(schema::IdTerm(id)));
  Xapian::Document xdoc = db.get_document(*p);
  std::vector<std::string> terms(xdoc.termlist_begin(), xdoc.termlist_end());
  for (const char* t : {"XAKH-2019-0042", "XTcontract", "XY2023", "XU91310000MA1FL4XQ2B",
                        "XKHT-2023-0017", "XI04418823", "XStext", "XMapplication/pdf",
                        "XNHT-2023-0017", "XN04418823", "XN25采字第005号", "S采购", "Zsign"})
    EXPECT_THAT(terms, Contains(t));
  EXPECT_THAT(terms, Contains("采购"));
  EXPECT_THAT(terms, ::testing::Not(Contains("Z采购")));  // CJK n-grams are not stemmed
  EXPECT_EQ(xdoc.get_value(schema::kSlotDate), "20230315");
  EXPECT_EQ(Xapian::sortable_unserialise(xdoc.get_value(schema::kSlotAmount)), 1250000.0);
  EXPECT_EQ(xdoc.get_value(schema::kSlotArchive), "KH-2019-0042");
  EXPECT_EQ(xdoc.get_value(schema::kSlotDocType), "contract");
  EXPECT_EQ(xdoc.get_value(schema::kSlotYear), "2023");
  EXPECT_EQ(xdoc.get_value(schema::kSlotClient), "上海华东机械有限公司");
  EXPECT_NE(xdoc.get_data().find("\"stored_path\":\"store/KH-2019-0042/"), std::string::npos);
}

}  // namespace
}  // namespace dangan::indexer
