#include "search/query_text.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace dangan::search {
namespace {

class QueryTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TextFolder::Create();
    ASSERT_OK(folder);
    folder_ = std::move(folder).value();
  }
  std::string Fold(const std::string& q) { return FoldQueryText(q, *folder_); }
  std::unique_ptr<TextFolder> folder_;
};

TEST_F(QueryTextTest, KeepsOperatorsAndFoldsTheRest) {
  EXPECT_EQ(Fold("合同 AND 發票 OR Signed NOT ＸＹＺ"), "合同 AND 发票 OR signed NOT xyz");
  EXPECT_EQ(Fold("a NEAR/3 b ADJ c"), "a NEAR/3 b ADJ c");
}

TEST_F(QueryTextTest, OperatorsInsideQuotesAreWords) {
  EXPECT_EQ(Fold("\"Terms AND Conditions\" OR x"), "\"terms and conditions\" OR x");
}

TEST_F(QueryTextTest, ChineseQuotesSpacesAndFieldsFold) {
  EXPECT_EQ(Fold("“智慧園區”　Type：Contract"), "\"智慧园区\" type:contract");
  EXPECT_EQ(Fold("（合同 OR 协议）－催告"), "(合同 OR 协议)-催告");
}

TEST_F(QueryTextTest, OnlyExclusionsBecomeNot) {
  EXPECT_EQ(Fold("-合同"), "NOT 合同");
  EXPECT_EQ(Fold("-合同 －發票 -\"a b\""), "NOT 合同 NOT 发票 NOT \"a b\"");
  EXPECT_EQ(Fold("采购 -合同"), "采购 -合同");
  EXPECT_EQ(Fold("-"), "-");
}

}  // namespace
}  // namespace dangan::search
