#include "core/archive_no.h"

#include <gtest/gtest.h>

namespace dangan {
namespace {

ArchiveNumberRule DefaultRule() {
  auto r = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
  EXPECT_TRUE(r.ok());
  return *r;
}

TEST(ArchiveNoTest, NormalisesCaseDashesWidthAndSpaces) {
  auto rule = DefaultRule();
  EXPECT_EQ(rule.Normalise("KH-2019-0042"), "KH-2019-0042");
  EXPECT_EQ(rule.Normalise("kh-2019-0042"), "KH-2019-0042");
  EXPECT_EQ(rule.Normalise("KH_2016_0007"), "KH-2016-0007");
  EXPECT_EQ(rule.Normalise("ＫＨ－２０２３－０００５"), "KH-2023-0005");
  EXPECT_EQ(rule.Normalise("KH — 2019 – 0042"), "KH-2019-0042");
}

TEST(ArchiveNoTest, FixesOcrConfusionsInDigitGroupsOnly) {
  auto rule = DefaultRule();
  EXPECT_EQ(rule.Normalise("KH-2O19-OO42"), "KH-2019-0042");
  EXPECT_EQ(rule.Normalise("KH-2019-l0|2"), "KH-2019-1012");
  EXPECT_EQ(rule.Normalise("KH-2S19-0B42"), "KH-2519-0842");
}

TEST(ArchiveNoTest, RejectsWhatIsNotAnArchiveNumber) {
  auto rule = DefaultRule();
  EXPECT_FALSE(rule.Normalise("KH-19-0042"));
  EXPECT_FALSE(rule.Normalise("K-2019-0042"));
  EXPECT_FALSE(rule.Normalise("KHABC-2019-0042"));
  EXPECT_FALSE(rule.Normalise("2019-0042"));
  EXPECT_FALSE(rule.Normalise(""));
}

TEST(ArchiveNoTest, FindsNumbersInText) {
  auto rule = DefaultRule();
  auto found = rule.FindAll("档案编号：KH-2019-0042 签订日期 2023-03-15；另见 ＫＨ－２０２３－０００５。");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].number, "KH-2019-0042");
  EXPECT_EQ(found[1].number, "KH-2023-0005");
}

TEST(ArchiveNoTest, FindsNumbersWithSpacesAroundDashes) {
  auto found = DefaultRule().FindAll("Archive No.: KH - 2019 - 0042\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].number, "KH-2019-0042");
}

TEST(ArchiveNoTest, ABadPatternIsAnError) {
  EXPECT_FALSE(ArchiveNumberRule::Create("[A-Z").ok());
}

}  // namespace
TEST(ArchiveNoTest, ReadsADashOcrTookForADot) {
  auto rule = ArchiveNumberRule::Create("KH-[0-9]{4}-[0-9]{4}");
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(rule->Normalise("KH-2024.0028"), "KH-2024-0028");
  std::vector<std::string> numbers;
  for (const auto& f : rule->FindAll("档案编号 : KH-2024.0028\n见 KH-2019-0042.Next, KH-2020-0001."))
    numbers.push_back(f.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"KH-2024-0028", "KH-2019-0042", "KH-2020-0001"}));
  // A dotted pattern is matched as written, never turned into dashes.
  auto dotted = ArchiveNumberRule::Create("DA\\.[0-9]{4}\\.[0-9]{3}");
  ASSERT_TRUE(dotted.ok());
  EXPECT_EQ(dotted->Normalise("DA.2024.001"), "DA.2024.001");
}

}  // namespace dangan
