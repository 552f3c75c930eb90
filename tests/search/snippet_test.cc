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

// The terms of the query as the searcher sees them.
HighlightTerms TermsOf(const std::string& query) {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("en"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  return HighlightTermsOf(qp.parse_query(
      query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM));
}

TEST_F(SnippetTest, HighlightsCjkRunsAcrossLineBreaksInOriginalText) {
  // White space between CJK characters is joined (as FoldForIndex does);
  // punctuation is not.
  EXPECT_EQ(MakeSnippet({"項目：智慧園\n區建設 智，慧 智 慧"}, TermsOf("智慧园区"), *folder_),
            "項目：<b>智慧園區</b>建設 智，慧 <b>智慧</b>");
  EXPECT_EQ(MakeSnippet({"新区智慧园\n区建设"}, TermsOf("\"智慧园区\""), *folder_),
            "新区<b>智慧园区</b>建设");
}

TEST_F(SnippetTest, NumbersLightUpWholeNotTheirParts) {
  EXPECT_EQ(MakeSnippet({"合同编号：HT-2023-0005 签订日期：2023/7/14"}, TermsOf("ht-2023-0005"),
                        *folder_),
            "合同编号：<b>HT-2023-0005</b> 签订日期：2023/7/14");
  EXPECT_EQ(MakeSnippet({"档案编号 合同编号：ZL2024第008号"}, TermsOf("zl2024第008号"), *folder_),
            "档案编号 合同编号：<b>ZL2024第008号</b>");
}

TEST_F(SnippetTest, ALoneCjkCharacterLightsUp) {
  EXPECT_EQ(MakeSnippet({"甲方 乙方"}, TermsOf("乙"), *folder_), "甲方 <b>乙</b>方");
}

TEST_F(SnippetTest, IgnoresBooleanAndNegatedTermsAndUsesStems) {
  HighlightTerms terms;
  for (const char* t : {"XAKH-2019-0042", "Q7", "Zsign", "Sparty"}) terms.AddTerm(t);
  EXPECT_TRUE(terms.words.count("party"));
  EXPECT_TRUE(terms.stems.count("sign"));
  EXPECT_EQ(MakeSnippet({"It was Signed by the party."}, terms, *folder_),
            "It was <b>Signed</b> by the <b>party</b>.");
  EXPECT_EQ(MakeSnippet({"signed by the party"}, TermsOf("signing -party"), *folder_),
            "<b>signed</b> by the party");
}

TEST_F(SnippetTest, PicksTheBestPageAndCutsAWindow) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "lorem ipsum ";
  HighlightTerms terms;
  terms.AddTerm("invoice");
  std::string s =
      MakeSnippet({"nothing here", filler + "the invoice " + filler}, terms, *folder_, 80);
  EXPECT_THAT(s, HasSubstr("the <b>invoice</b> lorem"));
  EXPECT_EQ(s.rfind("…", 0), 0u);  // cut at the start
  EXPECT_EQ(DecodeUtf8(s).size() < 120u, true);
}

TEST_F(SnippetTest, NoMatchGivesTheStartOfTheFirstPage) {
  EXPECT_EQ(MakeSnippet({"a < b", "other"}, HighlightTerms(), *folder_), "a &lt; b");
}

}  // namespace
}  // namespace dangan::search
