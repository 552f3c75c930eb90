#include "search/searcher.h"

#include "search_fixture.h"

namespace dangan::search {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using SearcherTest = SearchFixture;

TEST_F(SearcherTest, TraditionalQueryFindsSimplifiedDocument) {
  EXPECT_THAT(Ids("浦東新區智慧園區"), ElementsAre(contract_));
}

TEST_F(SearcherTest, SimplifiedQueryFindsTraditionalDocument) {
  EXPECT_THAT(Ids("石首市农田水利"), ElementsAre(traditional_));
  EXPECT_THAT(Ids("烤漆展示柜 委托"), ElementsAre(traditional_));
}

TEST_F(SearcherTest, PhraseMatchesAcrossLineBreak) {
  EXPECT_THAT(Ids("\"智慧园区建设\""), ElementsAre(contract_));
  EXPECT_THAT(Ids("“智慧園區建設”"), ElementsAre(contract_));  // Chinese quotes too
  EXPECT_THAT(Ids("\"园区智慧\""), IsEmpty());
}

TEST_F(SearcherTest, EnglishStemmingFindsOtherInflections) {
  EXPECT_THAT(Ids("signing"), ElementsAre(english_));
  EXPECT_THAT(Ids("Party SIGNS"), ElementsAre(english_));
  EXPECT_THAT(Ids("ＳＩＧＮＥＤ"), ElementsAre(english_));  // full width
}

TEST_F(SearcherTest, ArchiveField) {
  EXPECT_THAT(IdSet("archive:kh-2019-0042"), UnorderedElementsAre(contract_, english_, letter_));
  EXPECT_THAT(IdSet("archive:KH-2020-0007 OR archive:KH-2019-0042 type:other"),
              UnorderedElementsAre(traditional_));
}

TEST_F(SearcherTest, ClientFieldResolvesNamePartCodeArchiveAndScript) {
  const std::set<int64_t> huadong = {contract_, english_, letter_};
  EXPECT_EQ(IdSet("client:华东"), huadong);
  EXPECT_EQ(IdSet("client:華東機械"), huadong);
  EXPECT_EQ(IdSet("client:c00017"), huadong);
  EXPECT_EQ(IdSet("client:KH-2019-0042"), huadong);
  EXPECT_EQ(IdSet("client:91310000MA1FL4XQ2B"), huadong);
  EXPECT_THAT(IdSet("client:长荣"), UnorderedElementsAre(traditional_));
  EXPECT_THAT(Ids("client:不存在的客户"), IsEmpty());
  EXPECT_THAT(Ids("client:张三"), IsEmpty());  // a client without documents
}

TEST_F(SearcherTest, TypeYearSourceFields) {
  EXPECT_THAT(Ids("type:invoice"), ElementsAre(invoice_));
  EXPECT_THAT(IdSet("year:2023"), UnorderedElementsAre(contract_, letter_));
  EXPECT_THAT(IdSet("type:contract year:2023"), UnorderedElementsAre(contract_));
  EXPECT_THAT(Ids("source:OCR"), ElementsAre(invoice_));
}

TEST_F(SearcherTest, DateRanges) {
  EXPECT_THAT(Ids("date:2023-01-01..2023-06-30"), ElementsAre(contract_));
  EXPECT_THAT(IdSet("date:2023..2024"), UnorderedElementsAre(contract_, letter_, invoice_));
  EXPECT_THAT(IdSet("date:2023-09-01.."), UnorderedElementsAre(letter_, invoice_));
  EXPECT_THAT(IdSet("date:..2021-12-31"), UnorderedElementsAre(traditional_));
}

TEST_F(SearcherTest, AmountRanges) {
  EXPECT_THAT(IdSet("amount:10000..500000"), UnorderedElementsAre(traditional_, english_));
  EXPECT_THAT(Ids("amount:1000000.."), ElementsAre(contract_));
}

TEST_F(SearcherTest, NumberFields) {
  EXPECT_THAT(Ids("contract:ht-2023-0017"), ElementsAre(contract_));  // the field, not quotes
  EXPECT_THAT(Ids("contract:SC/2022/0002"), ElementsAre(english_));
  EXPECT_THAT(Ids("invoice:33079631"), ElementsAre(invoice_));
  EXPECT_THAT(Ids("uscc:91310000ma1fl4xq2b"), ElementsAre(contract_));
}

TEST_F(SearcherTest, TitleField) {
  EXPECT_THAT(IdSet("合同"), UnorderedElementsAre(contract_, letter_));
  EXPECT_THAT(Ids("title:合同"), ElementsAre(contract_));
  EXPECT_THAT(Ids("title:contract"), ElementsAre(english_));
}

TEST_F(SearcherTest, NotAndMinusExclude) {
  EXPECT_THAT(Ids("合同 -催告"), ElementsAre(contract_));
  EXPECT_THAT(Ids("合同 NOT 催告"), ElementsAre(contract_));
  EXPECT_THAT(IdSet("NOT archive:KH-2019-0042"), UnorderedElementsAre(traditional_, invoice_));
  EXPECT_THAT(IdSet("-合同 -發票"), UnorderedElementsAre(english_));
}

TEST_F(SearcherTest, OrAndParenthesesSurviveFolding) {
  EXPECT_THAT(IdSet("(催告 OR Signed) archive:KH-2019-0042"),
              UnorderedElementsAre(letter_, english_));
  EXPECT_THAT(IdSet("发票 OR 催告"), UnorderedElementsAre(invoice_, letter_, traditional_));
  EXPECT_THAT(Ids("发票 AND 催告"), IsEmpty());
}

TEST_F(SearcherTest, PlainWordsMustAllMatch) {
  EXPECT_THAT(Ids("催告 signed"), IsEmpty());
  EXPECT_THAT(Ids("HT-2023-0017 催告"), ElementsAre(letter_));
}

TEST_F(SearcherTest, FacetsCountAllMatches) {
  auto r = Run("", SortOrder::kRelevance, /*limit=*/1);
  ASSERT_OK(r);
  EXPECT_EQ(r->total, 5);
  EXPECT_EQ(r->hits.size(), 1u);
  using Counts = std::map<std::string, int64_t>;
  EXPECT_EQ(r->facets["doc_type"],
            (Counts{{"contract", 2}, {"invoice", 1}, {"letter", 1}, {"other", 1}}));
  EXPECT_EQ(r->facets["year"], (Counts{{"2021", 1}, {"2022", 1}, {"2023", 2}, {"2024", 1}}));
  EXPECT_EQ(r->facets["client"],
            (Counts{{"上海华东机械有限公司", 3}, {"長榮環保科技有限公司", 1}}));
  auto some = Run("archive:KH-2019-0042", SortOrder::kRelevance, 1);
  ASSERT_OK(some);
  EXPECT_EQ(some->facets["doc_type"], (Counts{{"contract", 2}, {"letter", 1}}));
}

TEST_F(SearcherTest, SortsByDateAndAmountDescending) {
  EXPECT_THAT(Ids("archive:KH-2019-0042", SortOrder::kDate),
              ElementsAre(letter_, contract_, english_));
  EXPECT_THAT(Ids("archive:KH-2019-0042", SortOrder::kAmount),
              ElementsAre(contract_, english_, letter_));
}

TEST_F(SearcherTest, OffsetAndHitFields) {
  SearchOptions o;
  o.query = "archive:KH-2019-0042";
  o.sort = SortOrder::kDate;
  o.limit = 1;
  o.offset = 1;
  auto r = searcher_->Search(o);
  ASSERT_OK(r);
  ASSERT_EQ(r->hits.size(), 1u);
  const Hit& h = r->hits[0];
  EXPECT_EQ(h.rank, 2);
  EXPECT_EQ(h.id, contract_);
  EXPECT_EQ(h.archive_no, "KH-2019-0042");
  EXPECT_EQ(h.client, "上海华东机械有限公司");
  EXPECT_EQ(h.title, "采购合同");
  EXPECT_EQ(h.doc_type, "contract");
  EXPECT_EQ(h.date, "2023-03-15");
  EXPECT_EQ(h.amount, "1250000.00");
  EXPECT_EQ(h.sha256.size(), 64u);
  EXPECT_THAT(h.stored_path, HasSubstr("store/KH-2019-0042/"));
  EXPECT_EQ(r->offset, 1);
  EXPECT_EQ(r->total, 3);
}

TEST_F(SearcherTest, SnippetHighlightsInOriginalScript) {
  auto r = Run("石首市农田水利");
  ASSERT_OK(r);
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_THAT(r->hits[0].snippet, HasSubstr("<b>石首市農田水利</b>"));
  auto across = Run("\"智慧园区建设\"");
  ASSERT_OK(across);
  ASSERT_EQ(across->hits.size(), 1u);
  EXPECT_THAT(across->hits[0].snippet, HasSubstr("<b>智慧园区建设</b>"));
  auto english = Run("signing");
  ASSERT_OK(english);
  ASSERT_EQ(english->hits.size(), 1u);
  EXPECT_THAT(english->hits[0].snippet, HasSubstr("was <b>signed</b> by"));
}

TEST_F(SearcherTest, SnippetEscapesHtml) {
  auto r = Run("33079631");
  ASSERT_OK(r);
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_THAT(r->hits[0].snippet, HasSubstr("<b>33079631</b>"));
  EXPECT_THAT(r->hits[0].snippet, HasSubstr("&lt;script&gt;&amp;"));
  EXPECT_THAT(r->hits[0].snippet, ::testing::Not(HasSubstr("<script>")));
}

TEST_F(SearcherTest, MalformedQueryIsInvalidArgument) {
  for (const char* q : {"合同 AND (", "AND", "date:2023-13-45..2024-01-01", "date:soon..later"}) {
    auto r = Run(q);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument)
        << q << ": " << r.status().ToString();
  }
}

TEST_F(SearcherTest, DocumentsQuotingFindsNumbersInText) {
  auto ids = searcher_->DocumentsQuoting("ht－2023－0017");
  ASSERT_OK(ids);
  EXPECT_THAT(*ids, ElementsAre(contract_, letter_));
  auto invoice = searcher_->DocumentsQuoting("04418823");
  ASSERT_OK(invoice);
  EXPECT_THAT(*invoice, ElementsAre(traditional_));
  auto none = searcher_->DocumentsQuoting("XX-0000-0000");
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

TEST(SearcherOpenTest, NoIndexIsNotFound) {
  testing::ScopedTempDir dir;
  auto folder = TextFolder::Create();
  ASSERT_OK(folder);
  auto s = Searcher::Open(dir.path() / "index", nullptr, folder->get());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace dangan::search

namespace dangan::search {
namespace {

TEST_F(SearcherTest, PlainWordsThatMatchNothingWholeFindPartialHitsLast) {
  // A scan whose OCR misread one character has only part of the phrase.
  auto r = Run("付款催告函 智慧园区", SortOrder::kRelevance);
  ASSERT_OK(r);
  ASSERT_FALSE(r->hits.empty());
  for (const Hit& h : r->hits) EXPECT_TRUE(h.partial) << "no document has every word";
  EXPECT_EQ(r->total, 0);
  // Syntax means exactly what it says: no partial hits.
  auto quoted = Run("\"付款催告函 智慧园区\"", SortOrder::kRelevance);
  ASSERT_OK(quoted);
  EXPECT_TRUE(quoted->hits.empty());
}

}  // namespace
}  // namespace dangan::search
