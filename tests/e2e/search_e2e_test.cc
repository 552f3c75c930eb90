// End to end: search, locate, show and reindex on the real binary.
#include "e2e_fixture.h"

namespace dangan::testing {
namespace {

class SearchE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    WriteStandardDrop();
    RunResult r = Run({"--json", "ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 65) << r.err;
  }
  std::vector<std::string> Titles(const nlohmann::json& result) {
    std::vector<std::string> out;
    for (const auto& h : result["hits"]) out.push_back(h["title"]);
    return out;
  }
  int64_t IdOf(const std::string& tail) {
    for (const auto& d : List())
      for (const auto& s : d["sources"])
        if (s.get<std::string>().find(tail) != std::string::npos) return d["id"];
    return -1;
  }
};

TEST_F(SearchE2eTest, TraditionalQueryFindsSimplifiedTextAndTheOtherWayRound) {
  nlohmann::json r = Json({"search", "採購合同"});
  ASSERT_GE(r["total"].get<int>(), 1);
  EXPECT_EQ(r["hits"][0]["id"], IdOf("KH-2019-0042/采购合同.pdf"));
  nlohmann::json r2 = Json({"search", "船用钢板焊接"});
  ASSERT_GE(r2["total"].get<int>(), 1);
  EXPECT_EQ(r2["hits"][0]["id"], IdOf("增值稅專用發票.pdf"));
  // The snippet is in the document's own script, the match highlighted.
  std::string snippet = r2["hits"][0]["snippet"];
  EXPECT_NE(snippet.find("<b>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("鋼"), std::string::npos) << snippet;
}

TEST_F(SearchE2eTest, EnglishStemmingAndFieldsAndFacets) {
  nlohmann::json r = Json({"search", "reminding renovations"});
  ASSERT_EQ(r["total"], 1);
  EXPECT_EQ(r["hits"][0]["id"], IdOf("Payment Reminder.pdf"));
  nlohmann::json c = Json({"search", "type:contract year:2023"});
  ASSERT_EQ(c["total"], 1);
  EXPECT_EQ(c["facets"]["doc_type"]["contract"], 1);
  nlohmann::json a = Json({"search", "amount:1000000..2000000"});
  ASSERT_EQ(a["total"], 1);
  nlohmann::json neg = Json({"search", "合同 -水泵"});
  for (const auto& h : neg["hits"]) EXPECT_NE(h["id"], IdOf("KH-2019-0042/采购合同.pdf"));
}

TEST_F(SearchE2eTest, LocateFindsArchiveContractAndInvoiceNumbers) {
  nlohmann::json arch = Json({"locate", "KH-2018-0006"});
  ASSERT_FALSE(arch["matches"].empty());
  EXPECT_EQ(arch["matches"][0]["kind"], "archive");
  EXPECT_EQ(arch["matches"][0]["client"]["name"], "南京市康泰船舶工程有限责任公司");
  EXPECT_EQ(arch["matches"][0]["documents"].size(), 1u);
  nlohmann::json contract = Json({"locate", "HT-2023-0017"});
  ASSERT_FALSE(contract["matches"].empty());
  EXPECT_EQ(contract["matches"][0]["documents"][0]["id"], IdOf("KH-2019-0042/采购合同.pdf"));
  nlohmann::json invoice = Json({"locate", "04418823"});
  ASSERT_FALSE(invoice["matches"].empty());
  nlohmann::json none = Json({"locate", "ZZ-1999-0001"});
  EXPECT_TRUE(none["matches"].empty());
}

TEST_F(SearchE2eTest, ReindexRebuildsTheSameAnswers) {
  nlohmann::json before = Json({"search", "通知"});
  nlohmann::json re = Json({"reindex"});
  EXPECT_EQ(re["documents"], 4);
  nlohmann::json after = Json({"search", "通知"});
  EXPECT_EQ(Titles(before), Titles(after));
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

TEST_F(SearchE2eTest, HumanOutputIsReadableChinese) {
  RunResult r = Run({"search", "采购"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("采购合同"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("KH-2019-0042"), std::string::npos) << r.out;
  RunResult show = Run({"show", std::to_string(IdOf("KH-2019-0042/采购合同.pdf"))});
  EXPECT_NE(show.out.find("HT-2023-0017"), std::string::npos) << show.out;
}

TEST_F(SearchE2eTest, AMalformedQueryIsAUsageError) {
  RunResult r = Run({"--json", "search", "date:2023-13-45..x"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(r.Json()["error"].is_object());
}

}  // namespace
}  // namespace dangan::testing
