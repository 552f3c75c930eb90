// End to end, after SQLite's crash9.test (STYLE §8): the ingest is killed at
// each durable step of DESIGN §4 in turn, then run again; every time the
// home must end up with every document stored once, indexed, every bad input
// quarantined once, the drop empty and `verify` ok.
#include "e2e_fixture.h"

namespace dangan::testing {
namespace {

class CrashE2eTest : public E2eTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(CrashE2eTest, KilledAtACrashPointThenResumedLosesAndDoublesNothing) {
  WriteStandardDrop();
  RunResult crashed = Run({"--json", "ingest", drop().string()}, {{"DANGAN_CRASH_AT", GetParam()}});
  ASSERT_EQ(crashed.exit_code, -9) << "the crash point was not reached: " << crashed.err;
  RunResult again = Run({"--json", "ingest", drop().string()});
  ASSERT_TRUE(again.exit_code == 0 || again.exit_code == 65) << again.err;
  auto docs = List();
  EXPECT_EQ(docs.size(), 4u);
  size_t sources = 0;
  for (const auto& d : docs) {
    EXPECT_EQ(d["state"], "indexed") << d.dump();
    sources += d["sources"].size();
  }
  EXPECT_EQ(sources, 5u) << "the copy is recorded once as a duplicate source";
  EXPECT_EQ(Json({"quarantine"})["items"].size(), 3u);
  for (const auto& e : std::filesystem::recursive_directory_iterator(drop()))
    EXPECT_TRUE(e.is_directory()) << "left behind: " << e.path();
  nlohmann::json v = Json({"verify"});
  EXPECT_EQ(v["ok"], true) << v.dump();
  EXPECT_EQ(Json({"stats"})["index_docs"], 4);
}

INSTANTIATE_TEST_SUITE_P(EveryDurableStep, CrashE2eTest,
                         ::testing::Values("claim.after_copy", "file.after_rename",
                                           "file.after_commit", "quarantine.after_move",
                                           "quarantine.after_commit",
                                           "index.after_commit"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace dangan::testing
