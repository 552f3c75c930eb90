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
  searcher_.reset();
  {
    // An index as the code before levels wrote it: no XL terms at all.
    Xapian::WritableDatabase db(index_dir().string(), Xapian::DB_OPEN);
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      Xapian::Document doc;
      try {
        doc = db.get_document(id);
      } catch (const Xapian::DocNotFoundError&) {
        continue;
      }
      for (Level l : kAllLevels) {
        std::string term = indexer::schema::BooleanTerm(indexer::schema::kPrefixLevel, ToString(l));
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
  EXPECT_TRUE(Find("合同", Level::kInternal).first.count(contract_));
  EXPECT_TRUE(Find("合同", Level::kSecret).first.count(contract_));
  EXPECT_FALSE(Find("合同", Level::kPublic).first.count(contract_));
  EXPECT_EQ(Find("合同", Level::kPublic).second, 0);
}

}  // namespace
}  // namespace dangan::search
