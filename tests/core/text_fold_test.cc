#include "core/text_fold.h"

#include <gtest/gtest.h>

namespace dangan {
namespace {

TEST(TextFoldTest, FoldsTraditionalToSimplified) {
  auto folder = TextFolder::Create();
  ASSERT_TRUE(folder.ok()) << folder.status().ToString();
  EXPECT_EQ((*folder)->Fold("廠房租賃合同"), "厂房租赁合同");
  EXPECT_EQ((*folder)->Fold("增值稅專用發票"), "增值税专用发票");
}

TEST(TextFoldTest, FoldsWidthAndCase) {
  auto folder = TextFolder::Create();
  ASSERT_TRUE(folder.ok());
  EXPECT_EQ((*folder)->Fold("ＡＢＣ１２３　Contract"), "abc123 contract");
}

TEST(TextFoldTest, WidthAndCaseFoldKeepsCodePointCount) {
  std::string in = "ＡＢ Ｃ合同Ｘ";
  std::string out = FoldWidthAndCase(in);
  EXPECT_EQ(out, "ab c合同x");
}

TEST(TextFoldTest, RemovesSpacesBetweenCjkButKeepsLineBreaksUnlessAsked) {
  EXPECT_EQ(RemoveCjkSpaces("采 购 合 同 HT 2023", false), "采购合同 HT 2023");
  EXPECT_EQ(RemoveCjkSpaces("采购合\n同", false), "采购合\n同");
  EXPECT_EQ(RemoveCjkSpaces("采购合\n  同", true), "采购合同");
  EXPECT_EQ(RemoveCjkSpaces("word \n 合同", true), "word \n 合同");
}

TEST(TextFoldTest, CleanRemovesControlCharactersAndRepairsUtf8) {
  std::string bad = std::string("ab\x01") + std::string(1, '\0') + "c\xff" + "合 同\r\n";
  EXPECT_EQ(CleanExtractedText(bad), "abc\xEF\xBF\xBD合同\n");
}

}  // namespace
}  // namespace dangan
