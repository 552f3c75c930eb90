#include "search/snippet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.h"
#include "support/test_util.h"

namespace dangan::search {
namespace {

using ::testing::HasSubstr;

class SnippetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TextFolder::Create();
    ASSERT_OK(folder);
    folder_ = std::move(folder).value();
  }
  std::unique_ptr<TextFolder> folder_;
};

TEST_F(SnippetTest, FoldsOneCodePointPerCodePoint) {
  const std::u32string original = DecodeUtf8("ＡＢ 增值稅專用發票 Contract 乾燥");
  std::u32string folded = FoldPerCodePoint(original, *folder_);
  ASSERT_EQ(folded.size(), original.size());
  EXPECT_EQ(EncodeUtf8(folded), "ab 增值税专用发票 contract 干燥");
}

TEST_F(SnippetTest, HighlightsBigramsAcrossLineBreaksInOriginalText) {
  HighlightTerms terms = MakeHighlightTerms({"智", "智慧", "慧", "慧園", "园区", "慧园", "区"});
  std::string s = MakeSnippet({"項目：智慧園\n區建設"}, terms, *folder_);
  EXPECT_EQ(s, "項目：<b>智慧園區</b>建設");
}

TEST_F(SnippetTest, IgnoresBooleanTermsAndUsesStems) {
  HighlightTerms terms = MakeHighlightTerms({"XAKH-2019-0042", "Q7", "Zsign", "Sparty"});
  EXPECT_TRUE(terms.words.count("party"));
  EXPECT_TRUE(terms.stems.count("sign"));
  std::string s = MakeSnippet({"It was Signed by the party."}, terms, *folder_);
  EXPECT_EQ(s, "It was <b>Signed</b> by the <b>party</b>.");
}

TEST_F(SnippetTest, PicksTheBestPageAndCutsAWindow) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "lorem ipsum ";
  HighlightTerms terms = MakeHighlightTerms({"invoice"});
  std::string s = MakeSnippet({"nothing here", filler + "the invoice " + filler}, terms, *folder_,
                              80);
  EXPECT_THAT(s, HasSubstr("the <b>invoice</b> lorem"));
  EXPECT_EQ(s.rfind("…", 0), 0u);  // cut at the start
  EXPECT_EQ(DecodeUtf8(s).size() < 120u, true);
}

TEST_F(SnippetTest, NoMatchGivesTheStartOfTheFirstPage) {
  EXPECT_EQ(MakeSnippet({"a < b", "other"}, MakeHighlightTerms({}), *folder_), "a &lt; b");
}

}  // namespace
}  // namespace dangan::search
