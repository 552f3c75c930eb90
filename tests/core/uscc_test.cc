#include "core/uscc.h"

#include <gtest/gtest.h>

namespace dangan {
namespace {

TEST(UsccTest, AcceptsCodesWithTheirCheckCharacter) {
  EXPECT_TRUE(IsValidUscc("91350100M000100Y43"));   // GB 32100-2015 example
  EXPECT_TRUE(IsValidUscc("913405068909353411"));
  EXPECT_TRUE(IsValidUscc("91511323MA2LL6U795"));
}

TEST(UsccTest, RejectsAWrongCheckCharacter) {
  EXPECT_FALSE(IsValidUscc("91350100M000100Y44"));
  EXPECT_FALSE(IsValidUscc("913405068909353412"));
}

TEST(UsccTest, RejectsCharactersOutsideTheAlphabetAndWrongLengths) {
  EXPECT_FALSE(IsValidUscc("91350100M000100YI3"));  // I is not in the alphabet
  EXPECT_FALSE(IsValidUscc("91350100M000100Y4"));
  EXPECT_FALSE(IsValidUscc(""));
}

TEST(UsccTest, CheckCharacterZeroWhenTheSumIsAMultipleOf31) {
  // Build a code whose check character is computed, then confirm the round trip.
  auto check = UsccCheckChar("91110000MA0000000");
  ASSERT_TRUE(check.has_value());
  EXPECT_TRUE(IsValidUscc(std::string("91110000MA0000000") + *check));
}

TEST(UsccTest, FindsCodesInTextAndSkipsInvalidOnes) {
  auto found = FindUsccs("甲方信用代码 913405068909353411  乙方：91131024MAYEAN1214，另 913405068909353412");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "913405068909353411");
  EXPECT_EQ(found[1], "91131024MAYEAN1214");
}

TEST(UsccTest, FindsFullWidthCodesAndFixesOcrConfusionsOnlyWhenTheCheckHolds) {
  auto found = FindUsccs("纳税人识别号：９１３４０５０６８９０９３５３４１１");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "913405068909353411");
  // O for 0 where the check character still holds after the fix.
  EXPECT_EQ(FindUsccs("9134O5068909353411"), std::vector<std::string>{"913405068909353411"});
  // An O that the fix turns into a code with a wrong check character: no match.
  EXPECT_TRUE(FindUsccs("9134O5068909353412").empty());
}

}  // namespace
}  // namespace dangan

namespace dangan {
namespace {

TEST(UsccTest, MisreadCodesAfterALabelAreReportedButNeverValid) {
  std::string ocr =
      "甲方：某公司 统一社会信用代码：913405068909353411\n"
      "乙方：另一公司 统一社会信用代码：91320115MAYG6LJ98B\n"  // last character misread
      "账号：6222021001123456789\n";
  EXPECT_EQ(FindUsccs(ocr), std::vector<std::string>{"913405068909353411"});
  EXPECT_EQ(FindMisreadUsccs(ocr), std::vector<std::string>{"91320115MAYG6LJ98B"});
  EXPECT_EQ(EditDistance("91320115MAYG6LJ98B", "91320115MAYG6LJ98A"), 1);
}

}  // namespace
TEST(UsccTest, TriesTheSecondReadingOfAConfusedLetterWhenOnlyOneCombinationHolds) {
  // OCR read 0 as O twice and 8 as S: S -> 5 fails the check, S -> 8 holds.
  ASSERT_TRUE(IsValidUscc("91320506MAX0A0T81K"));
  EXPECT_EQ(FindUsccs("统一社会信用代码：91320506MAXOAOTS1K"),
            std::vector<std::string>{"91320506MAX0A0T81K"});
  // A wrong check character stays wrong whatever the letters are read as.
  EXPECT_TRUE(FindUsccs("统一社会信用代码：91320506MAXOAOTS1J").empty());
}

}  // namespace dangan
