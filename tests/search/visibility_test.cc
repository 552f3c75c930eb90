// Search visibility (RECORDS §2): the clearance filter on the real index, and
// indexes written before documents carried a level term.
#include <xapian.h>

#include "indexer/schema.h"
#include "search/search_fixture.h"
#include "support/sqlite_util.h"

namespace dangan::search {
namespace {

class RecordsVisibilityTest : public SearchFixture {
 protected:
  // Ids (full and partial hits) and total for query as a user cleared for max.
  std::pair<std::set<int64_t>, int64_t> Find(const std::string& query, std::optional<Level> max) {
    SearchOptions o;
    o.query = query;
    o.max_level = max;
    auto r = searcher_->Search(o);
    EXPECT_OK(r);
    std::set<int64_t> ids;
    if (!r.ok()) return {ids, -1};
    for (const Hit& h : r->hits) ids.insert(h.id);
    return {ids, r->total};
  }
  void Reopen() {
    searcher_.reset();
    auto s = Searcher::Open(index_dir(), catalog(), folder());
    ASSERT_OK(s);
    searcher_ = std::move(s).value();
  }
  // Makes KH-2019-0042 confidential and rebuilds the index from the catalog.
  void MakeArchiveConfidential() {
    ASSERT_EQ(testing::SqliteExec(home() / "catalog.sqlite",
                                  "UPDATE clients SET level = 'confidential' "
                                  "WHERE archive_no = 'KH-2019-0042'"),
              "");
    searcher_.reset();
    ASSERT_OK(indexer::Reindex(catalog(), home(), folder(), 500, nullptr));
    Reopen();
  }
  // Rewrites the index as the code before levels wrote it: no XL terms at all.
  void StripLevelTerms() {
    searcher_.reset();
    {
      Xapian::WritableDatabase db(index_dir().string(), Xapian::DB_OPEN);
      for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
        Xapian::Document doc;
        try {
          doc = db.get_document(id);
        } catch (const Xapian::DocNotFoundError&) {
          continue;
        }
        for (Level l : kAllLevels) {
          std::string term =
              indexer::schema::BooleanTerm(indexer::schema::kPrefixLevel, ToString(l));
          try {
            doc.remove_term(term);
          } catch (const Xapian::InvalidArgumentError&) {
          }
        }
        db.replace_document(id, doc);
      }
      db.commit();
      EXPECT_EQ(db.get_termfreq("XLinternal"), 0u);
    }
    Reopen();
  }
  // The ids of the documents the catalog holds at level (the index's truth).
  std::set<int64_t> AtLevel(Level level) {
    std::set<int64_t> ids;
    for (int64_t id : {contract_, traditional_, english_, invoice_, letter_}) {
      auto d = catalog()->GetDocument(id);
      EXPECT_OK(d);
      if (d.ok() && *d && (*d)->level == level) ids.insert(id);
    }
    return ids;
  }
};

TEST_F(RecordsVisibilityTest, DocumentsAboveTheClearanceAreNeitherHitsNorCounted) {
  MakeArchiveConfidential();
  auto [all, all_total] = Find("合同", std::nullopt);
  EXPECT_TRUE(all.count(contract_)) << "contract should match 合同";
  auto [low, low_total] = Find("合同", Level::kInternal);
  EXPECT_FALSE(low.count(contract_));
  EXPECT_FALSE(low.count(letter_));
  EXPECT_LT(low_total, all_total);
  auto [high, high_total] = Find("合同", Level::kConfidential);
  EXPECT_EQ(high, all);
  EXPECT_EQ(high_total, all_total);
  // Facets count only what the user may find.
  SearchOptions o;
  o.query = "";
  o.max_level = Level::kInternal;
  auto r = searcher_->Search(o);
  ASSERT_OK(r);
  EXPECT_FALSE(r->facets["client"].count("上海华东机械有限公司")) << r->total;
  // Public clearance finds none of the internal documents either.
  EXPECT_EQ(Find("发票", Level::kPublic).second, 0);
}

TEST_F(RecordsVisibilityTest, IndexWithoutLevelTermsCountsDocumentsAsInternal) {
  StripLevelTerms();
  EXPECT_TRUE(Find("合同", Level::kInternal).first.count(contract_));
  EXPECT_TRUE(Find("合同", Level::kSecret).first.count(contract_));
  EXPECT_FALSE(Find("合同", Level::kPublic).first.count(contract_));
  EXPECT_EQ(Find("合同", Level::kPublic).second, 0);
}

// level:NAME (the web UI's level filter): exactly the documents the catalog
// holds at that level, combined with words like any field, and never a way
// around the clearance filter.
TEST_F(RecordsVisibilityTest, LevelFieldFindsExactlyThatLevel) {
  MakeArchiveConfidential();
  const std::set<int64_t> confidential = AtLevel(Level::kConfidential);
  const std::set<int64_t> internal = AtLevel(Level::kInternal);
  ASSERT_FALSE(confidential.empty());
  ASSERT_FALSE(internal.empty());
  for (Level l : kAllLevels) {
    auto [ids, total] = Find(std::string("level:") + ToString(l), std::nullopt);
    EXPECT_EQ(ids, AtLevel(l)) << ToString(l);
    EXPECT_EQ(total, static_cast<int64_t>(AtLevel(l).size())) << ToString(l);
  }
  // Folded like every query: case and full width do not matter.
  EXPECT_EQ(Find("LEVEL:Confidential", std::nullopt).first, confidential);
  EXPECT_EQ(Find("level:ｉｎｔｅｒｎａｌ", std::nullopt).first, internal);
  // With words: the intersection.
  std::set<int64_t> words = Find("合同", std::nullopt).first;
  std::set<int64_t> both;
  for (int64_t id : words)
    if (confidential.count(id)) both.insert(id);
  ASSERT_FALSE(both.empty());
  EXPECT_EQ(Find("合同 level:confidential", std::nullopt).first, both);
  EXPECT_EQ(Find("合同 -level:confidential", std::nullopt).first.count(*both.begin()), 0u);
  // The clearance filter still applies on top.
  auto [hidden, hidden_total] = Find("level:confidential", Level::kInternal);
  EXPECT_TRUE(hidden.empty());
  EXPECT_EQ(hidden_total, 0);
  EXPECT_EQ(Find("level:confidential", Level::kSecret).first, confidential);
  EXPECT_EQ(Find("level:internal", Level::kPublic).second, 0);
}

TEST_F(RecordsVisibilityTest, UnknownLevelIsInvalidArgument) {
  for (const char* q : {"level:topsecret", "level:机密", "合同 level:internals", "level:1"}) {
    SearchOptions o;
    o.query = q;
    auto r = searcher_->Search(o);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument)
        << q << ": " << r.status().ToString();
  }
}

TEST_F(RecordsVisibilityTest, LevelInternalFindsDocumentsIndexedWithoutLevel) {
  StripLevelTerms();
  auto [internal, total] = Find("level:internal", std::nullopt);
  EXPECT_EQ(internal.size(), 5u);
  EXPECT_EQ(total, 5);
  EXPECT_EQ(Find("level:public", std::nullopt).second, 0);
  EXPECT_EQ(Find("level:confidential", Level::kSecret).second, 0);
  EXPECT_EQ(Find("level:internal", Level::kPublic).second, 0);
}

}  // namespace
}  // namespace dangan::search
