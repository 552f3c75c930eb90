// End to end: the dashboard's figures in `stats --json` (issue 9): documents
// per month of their date, ingests per day over the last 30 days, and the OCR
// backlog, each checked against what `list --json` says of every document.
#include <ctime>
#include <fstream>
#include <map>

#include "e2e_fixture.h"
#include "support/scan_fixture.h"

namespace dangan::testing {
namespace {

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

using Counts = std::map<std::string, int64_t>;
using StatsE2eTest = E2eTest;

TEST_F(StatsE2eTest, MonthsDaysAndOcrBacklogAgreeWithTheList) {
  // OCR off: the scans are stored as needs_ocr, the backlog the dashboard shows.
  std::ofstream(home() / "dangan.toml", std::ios::app) << "\n[ocr]\nlanguages = \"\"\n";
  WriteStandardDrop();
  Pdf("对账函.pdf", {"对账函\n日期：2024年11月2日\n请核对往来款项。"});
  for (const char* name : {"scan_a.png", "scan_b.png"})
    ASSERT_TRUE(
        WriteScan(drop() / name,
                  {{"关于年度对账的说明\n请于月底前完成对账。"}, 300, 0, 0, "", ScanFormat::kPng}));
  Json({"ingest", drop().string()}, {0, 65});

  const std::vector<nlohmann::json> docs = List();
  Counts months, days;
  int64_t needs_ocr = 0;
  for (const auto& d : docs) {
    if (d["fields"]["date"].is_string())
      months[d["fields"]["date"].get<std::string>().substr(0, 7)]++;
    days[d["ingested_at"].get<std::string>().substr(0, 10)]++;
    if (d["state"] == "needs_ocr") ++needs_ocr;
  }
  // Else the comparisons below could agree on nothing.
  ASSERT_GE(months.size(), 2u);
  ASSERT_GE(needs_ocr, 1);

  nlohmann::json stats = Json({"stats"});
  EXPECT_EQ(stats["documents"], docs.size());
  EXPECT_EQ(stats["by_month"].get<Counts>(), months);
  EXPECT_EQ(stats["ocr_pending"], needs_ocr);
  EXPECT_EQ(stats["ocr_pending"], stats["by_state"].value("needs_ocr", 0));

  // Thirty days, today (UTC) last, the days without ingests as 0.
  auto by_day = stats["ingested_by_day"].get<Counts>();
  ASSERT_EQ(by_day.size(), 30u);
  EXPECT_EQ(by_day.rbegin()->first, TodayUtc());
  int64_t total = 0;
  for (const auto& [day, n] : by_day) {
    total += n;
    EXPECT_EQ(n, days.count(day) ? days[day] : 0) << day;
  }
  EXPECT_EQ(total, static_cast<int64_t>(docs.size()));

  // The text form says the same in a line.
  RunResult text = Run({"stats"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(std::to_string(needs_ocr) + " waiting for OCR"), std::string::npos)
      << text.out;
}

TEST_F(StatsE2eTest, AnEmptyHomeHasEmptySeries) {
  nlohmann::json stats = Json({"stats"});
  EXPECT_TRUE(stats["by_month"].empty());
  EXPECT_EQ(stats["ocr_pending"], 0);
  auto by_day = stats["ingested_by_day"].get<Counts>();
  EXPECT_EQ(by_day.size(), 30u);
  for (const auto& [day, n] : by_day) EXPECT_EQ(n, 0) << day;
}

}  // namespace
}  // namespace dangan::testing
