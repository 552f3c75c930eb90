#include "indexer/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/text_fold.h"

namespace dangan::indexer::schema {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SchemaTest, NormaliseNumberUpperCasesAndUnifiesDashes) {
  EXPECT_EQ(NormaliseNumber("ht－2023—0017"), "HT-2023-0017");
  EXPECT_EQ(NormaliseNumber(" kh-2019-0042 "), "KH-2019-0042");
  EXPECT_EQ(NormaliseNumber("25采字第005号"), "25采字第005号");
}

TEST(SchemaTest, FindsContractAndArchiveNumbers) {
  EXPECT_THAT(FindQuotedNumbers("合同编号:ht-2023-0017,档案编号 kh-2019-0042。"),
              ElementsAre("HT-2023-0017", "KH-2019-0042"));
  EXPECT_THAT(FindQuotedNumbers("ref sa/2023/001 and po202400003"),
              ElementsAre("SA/2023/001", "PO202400003"));
}

TEST(SchemaTest, FindsInvoiceNumbersOfEightToTwentyDigits) {
  EXPECT_THAT(FindQuotedNumbers("no. 04418823 号码:25332000000007220491"),
              ElementsAre("04418823", "25332000000007220491"));
  EXPECT_THAT(FindQuotedNumbers("1234567 123456789012345678901"), IsEmpty());
}

TEST(SchemaTest, FindsSerialsWithChineseCounters) {
  EXPECT_THAT(FindQuotedNumbers("合同编号:25采字第005号;zl2024第002号"),
              ElementsAre("25采字第005号", "ZL2024第002号"));
}

TEST(SchemaTest, DatesPhonesAndWordsAreNotNumbers) {
  EXPECT_THAT(FindQuotedNumbers("2023-03-15 2023/3/15 0752-83984891 a4 covid19 2023年3月15日"),
              IsEmpty());
}

TEST(SchemaTest, TraditionalSerialFoldsToTheSimplifiedTerm) {
  auto folder = TextFolder::Create();
  ASSERT_TRUE(folder.ok());
  EXPECT_THAT(FindQuotedNumbers((*folder)->Fold("合同編號：２５採字第００５號")),
              ElementsAre("25采字第005号"));
}

}  // namespace
}  // namespace dangan::indexer::schema
