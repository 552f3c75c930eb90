// End to end: one bad input never stops or kills an ingest. Workers that
// crash, hang or run out of memory get their input quarantined with the
// reason (fault points of a DANGAN_FAULT_INJECTION build), and the coordinator
// goes on.
#include <fstream>

#include "e2e_fixture.h"
#include "support/pdf_fixture.h"

namespace dangan::testing {
namespace {

class RobustnessE2eTest : public E2eTest {
 protected:
  std::string IngestWithFault(const std::string& fault, const std::string& extra_config) {
    {
      std::ofstream cfg(home() / "dangan.toml", std::ios::app);
      cfg << extra_config;
    }
    Pdf("合同.pdf", {ContractSimplified()});
    RunResult r = Run({"--json", "ingest", drop().string()}, {{"DANGAN_CRASH_AT", fault}});
    EXPECT_EQ(r.exit_code, 65) << r.out << r.err;
    nlohmann::json q = Json({"quarantine"});
    EXPECT_EQ(q["items"].size(), 1u) << q.dump();
    EXPECT_FALSE(std::filesystem::exists(drop() / "合同.pdf"));
    return q["items"].empty() ? "" : q["items"][0]["reason"].get<std::string>();
  }
};

TEST_F(RobustnessE2eTest, AWorkerThatCrashesQuarantinesItsInputAsCrash) {
  EXPECT_EQ(IngestWithFault("worker.segv", ""), "crash");
}

TEST_F(RobustnessE2eTest, AWorkerThatHangsIsKilledAtItsDeadline) {
  EXPECT_EQ(IngestWithFault("worker.hang", "\n[ingest]\nworker_timeout_s = 2\n"), "timeout");
}

TEST_F(RobustnessE2eTest, AWorkerThatRunsOutOfMemoryIsOom) {
#ifdef DANGAN_SANITIZE
  GTEST_SKIP() << "an AddressSanitizer build cannot limit a worker's address space";
#endif
  EXPECT_EQ(IngestWithFault("worker.oom", "\n[ingest]\nworker_memory_mb = 768\n"), "oom");
}

TEST_F(RobustnessE2eTest, WithOcrOffScansAreStoredAsNeedingOcrNotQuarantined) {
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "\n[ocr]\nlanguages = \"\"\n";
  }
  std::filesystem::create_directories(drop());
  ASSERT_TRUE(WriteImageOnlyPdf(drop() / "扫描件.pdf"));
  ASSERT_TRUE(WritePng(drop() / "IMG_0001.png", "发票 04418823"));
  nlohmann::json sum = Json({"ingest", drop().string()});
  EXPECT_EQ(sum["stored"], 2);
  EXPECT_EQ(sum["needs_ocr"], 2);
  for (const auto& d : List()) EXPECT_EQ(d["state"], "needs_ocr");
  nlohmann::json stats = Json({"stats"});
  EXPECT_EQ(stats["index_docs"], 0);
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

}  // namespace
}  // namespace dangan::testing
