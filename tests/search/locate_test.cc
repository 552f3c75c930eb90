#include "search/locate.h"

#include "search_fixture.h"

namespace dangan::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class LocateTest : public SearchFixture {
 protected:
  void SetUp() override {
    SearchFixture::SetUp();
    auto rule = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
    ASSERT_OK(rule);
    rule_.emplace(std::move(rule).value());
  }

  Result<LocateResult> Run(const std::string& number, bool with_index = true) {
    return Locate(number, catalog(), *rule_, with_index ? searcher_.get() : nullptr);
  }

  static std::vector<int64_t> DocIds(const LocateMatch& m) {
    std::vector<int64_t> ids;
    for (const catalog::Document& d : m.documents) ids.push_back(d.id);
    return ids;
  }

  std::optional<ArchiveNumberRule> rule_;
};

TEST_F(LocateTest, ArchiveNumberListsFiledDocumentsAndClient) {
  auto r = Run("ｋｈ－2019－0042");  // full width, lower case
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  const LocateMatch& m = r->matches[0];
  EXPECT_EQ(m.kind, "archive");
  EXPECT_EQ(m.archive_no, "KH-2019-0042");
  ASSERT_TRUE(m.client.has_value());
  EXPECT_EQ(m.client->name, "上海华东机械有限公司");
  EXPECT_THAT(DocIds(m), ElementsAre(contract_, english_, letter_));
}

TEST_F(LocateTest, ArchiveWithoutDocumentsStillShowsTheClient) {
  auto r = Run("KH-2021-0003");
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_EQ(r->matches[0].client->name, "张三");
  EXPECT_THAT(r->matches[0].documents, IsEmpty());
}

TEST_F(LocateTest, ContractNumberFindsItsFieldAndQuotations) {
  auto r = Run("ht-2023-0017");
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);  // matches the archive pattern, but no such archive
  const LocateMatch& m = r->matches[0];
  EXPECT_EQ(m.kind, "contract_no");
  EXPECT_EQ(m.archive_no, "KH-2019-0042");
  ASSERT_TRUE(m.client.has_value());
  EXPECT_THAT(DocIds(m), ElementsAre(contract_, letter_));  // letter only quotes it
}

TEST_F(LocateTest, WithoutIndexOnlyFieldsCount) {
  auto r = Run("HT-2023-0017", /*with_index=*/false);
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_THAT(DocIds(r->matches[0]), ElementsAre(contract_));
}

TEST_F(LocateTest, InvoiceNumberOfUnfiledDocument) {
  auto r = Run("33079631");
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_EQ(r->matches[0].kind, "invoice_no");
  EXPECT_FALSE(r->matches[0].archive_no.has_value());
  EXPECT_FALSE(r->matches[0].client.has_value());
  EXPECT_THAT(DocIds(r->matches[0]), ElementsAre(invoice_));
}

TEST_F(LocateTest, NumberOnlyQuotedInTextIsFound) {
  auto r = Run("04418823");
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_EQ(r->matches[0].kind, "invoice_no");
  EXPECT_EQ(r->matches[0].archive_no, "KH-2020-0007");
  EXPECT_THAT(DocIds(r->matches[0]), ElementsAre(traditional_));
}

TEST_F(LocateTest, TraditionalSerialFindsSimplifiedField) {
  testing::DocSpec s;
  s.title = "採購合同";
  s.archive_no = "KH-2020-0007";
  s.pages = {"採購合同 合同編號：25採字第005號"};
  s.fields.contract_no = "25采字第005号";  // fields are stored folded (DESIGN §4.5)
  int64_t id = AddDocument(s);
  ASSERT_OK(indexer::Reindex(catalog(), home(), folder(), 500, nullptr));
  auto searcher = Searcher::Open(index_dir(), catalog(), folder());
  ASSERT_OK(searcher);
  auto r = Locate("25採字第005號", catalog(), *rule_, searcher->get());
  ASSERT_OK(r);
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_EQ(r->matches[0].kind, "contract_no");
  EXPECT_THAT(DocIds(r->matches[0]), ElementsAre(id));
}

TEST_F(LocateTest, UnknownNumberIsEmptyNotAnError) {
  for (const char* n : {"ZZ-2099-9999", "99999999", "NO-SUCH"}) {
    auto r = Run(n);
    ASSERT_OK(r);
    EXPECT_THAT(r->matches, IsEmpty()) << n;
  }
  EXPECT_EQ(Run("  ").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangan::search
