// `dangan watch` end to end (issue 5): the real binary watching a real
// folder while files arrive the ways people and network copies bring them.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "e2e_fixture.h"
#include "support/pdf_fixture.h"

namespace dangan::testing {
namespace {

namespace fs = std::filesystem;

class WatchE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "[watch]\nsettle_s = 0.4\nindex_flush_s = 0.5\n";
    fs::create_directories(drop());
  }

  std::unique_ptr<DanganProcess> StartWatch(std::vector<std::string> dirs = {}) {
    std::vector<std::string> args = {"watch"};
    if (dirs.empty()) dirs.push_back(drop().string());
    args.insert(args.end(), dirs.begin(), dirs.end());
    return std::make_unique<DanganProcess>(home(), args, dir_.path() / "watch.log");
  }

  // SIGTERM, then the watcher must exit 0 within 30 s.
  void StopWatch(DanganProcess* p) {
    p->Signal(SIGTERM);
    std::optional<int> rc = p->Wait(30);
    ASSERT_TRUE(rc.has_value()) << "watch did not stop within 30 s of SIGTERM\n" << p->Log();
    EXPECT_EQ(*rc, 0) << p->Log();
  }

  // Polls `stats` (a reader, beside the running watcher) until documents +
  // quarantined reach want, or timeout_s passes; returns the last stats.
  nlohmann::json WaitForCounts(int documents, int quarantined, double timeout_s = 60) {
    auto give_up = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
    nlohmann::json stats;
    while (std::chrono::steady_clock::now() < give_up) {
      RunResult r = Run({"--json", "stats"});
      stats = r.Json();
      if (stats.is_object() && stats.value("documents", -1) == documents &&
          stats.value("quarantined", -1) == quarantined)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return stats;
  }

  static std::string PdfBytes(const fs::path& scratch, const std::vector<std::string>& pages) {
    EXPECT_TRUE(WriteTextPdf(scratch, pages));
    return ReadBytes(scratch);
  }

  static size_t FilesUnder(const fs::path& dir) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      n += e.is_regular_file() || e.is_symlink();
    return n;
  }
};

// A scanner on a share writes a file in pieces with pauses shorter than the
// settle time: taken once, after the last piece, never half (a half PDF would
// be quarantined as corrupt).
TEST_F(WatchE2eTest, AFileWrittenInChunksIsTakenOnceWhenComplete) {
  auto watch = StartWatch();
  std::string bytes = PdfBytes(dir_.path() / "c.pdf", {ContractSimplified()});
  {
    std::ofstream out(drop() / "采购合同.pdf", std::ios::binary);
    const size_t piece = bytes.size() / 4 + 1;
    for (size_t at = 0; at < bytes.size(); at += piece) {
      out.write(bytes.data() + at, static_cast<std::streamsize>(std::min(piece, bytes.size() - at)));
      out.flush();
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
  nlohmann::json stats = WaitForCounts(1, 0);
  EXPECT_EQ(stats.value("documents", -1), 1) << stats.dump() << watch->Log();
  EXPECT_EQ(stats.value("quarantined", -1), 0) << stats.dump() << watch->Log();
  // What watch filed is searchable while it runs.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  nlohmann::json found;
  while (std::chrono::steady_clock::now() < give_up) {
    found = Json({"search", "离心水泵"});
    if (found.value("total", 0) == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(found.value("total", 0), 1) << found.dump();
  StopWatch(watch.get());
  EXPECT_EQ(FilesUnder(drop()), 0u);
}

// Temporary names are left alone until renamed; then the file is taken
// under its final name only.
TEST_F(WatchE2eTest, TemporaryFilesAreIgnoredUntilRenamed) {
  auto watch = StartWatch();
  WriteBytes(drop() / "Payment Reminder.pdf.part", PdfBytes(dir_.path() / "p.pdf", {NoticeEnglish()}));
  WriteBytes(drop() / "~$合同.docx", "lock");
  WriteBytes(drop() / ".DS_Store", "mac");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(Json({"stats"}).value("documents", -1), 0);
  fs::rename(drop() / "Payment Reminder.pdf.part", drop() / "Payment Reminder.pdf");
  nlohmann::json stats = WaitForCounts(1, 0);
  EXPECT_EQ(stats.value("documents", -1), 1) << watch->Log();
  StopWatch(watch.get());
  std::vector<nlohmann::json> docs = List();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].value("original_name", ""), "Payment Reminder.pdf");
  EXPECT_TRUE(fs::exists(drop() / "~$合同.docx"));
  EXPECT_TRUE(fs::exists(drop() / ".DS_Store"));
}

// A whole folder moved in (files inside raise no events of their own): every
// file is taken, and the folder's name routes them.
TEST_F(WatchE2eTest, AFolderMovedInIsTakenWholeAndRoutedByItsName) {
  auto watch = StartWatch();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  fs::path outside = dir_.path() / "staging" / "KH-2017-0005";
  fs::create_directories(outside / "附件");
  ASSERT_TRUE(WriteTextPdf(outside / "通知.pdf", {NoticeEnglish()}));
  ASSERT_TRUE(WriteTextPdf(outside / "附件" / "说明.pdf", {"关于场馆照明改造工程款项的说明。"}));
  fs::rename(outside, drop() / "KH-2017-0005");
  nlohmann::json stats = WaitForCounts(2, 0);
  EXPECT_EQ(stats.value("documents", -1), 2) << watch->Log();
  StopWatch(watch.get());
  for (const nlohmann::json& d : List()) {
    EXPECT_EQ(d.value("archive_no", ""), "KH-2017-0005") << d.dump();
    EXPECT_EQ(d.value("routed_by", ""), "folder") << d.dump();
  }
}

// Files that arrived while watch was down are taken by the start-up scan;
// a stopped watcher leaves nothing half-done for the next one.
TEST_F(WatchE2eTest, ARestartPicksUpWhatArrivedWhileStopped) {
  fs::path second = dir_.path() / "inbox2";
  fs::create_directories(second);
  auto watch = StartWatch({drop().string(), second.string()});
  Pdf("无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  EXPECT_EQ(WaitForCounts(1, 0).value("documents", -1), 1) << watch->Log();
  StopWatch(watch.get());

  ASSERT_TRUE(WriteTextPdf(second / "增值稅專用發票.pdf", {InvoiceTraditional()}));
  WriteBytes(drop() / "扫描失败.pdf", "");  // bad input: quarantined, not lost
  auto again = StartWatch({drop().string(), second.string()});
  nlohmann::json stats = WaitForCounts(2, 1);
  EXPECT_EQ(stats.value("documents", -1), 2) << again->Log();
  EXPECT_EQ(stats.value("quarantined", -1), 1) << again->Log();
  StopWatch(again.get());
  EXPECT_EQ(FilesUnder(drop()) + FilesUnder(second), 0u);
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
}

// kill -9 at different instants while the standard drop is being taken,
// then a restart: every document stored once and indexed, every bad input
// quarantined once, the drop empty, verify clean.
TEST_F(WatchE2eTest, KilledAtAnyInstantThenRestartedLosesAndDoublesNothing) {
  WriteStandardDrop();
  const size_t inputs = FilesUnder(drop());
  for (int delay_ms : {150, 600, 1100, 1700}) {
    SCOPED_TRACE("killed after " + std::to_string(delay_ms) + " ms");
    // A fresh home and drop per trial.
    ASSERT_TRUE(fs::exists(drop()));
    fs::path trial_drop = dir_.path() / ("drop-" + std::to_string(delay_ms));
    fs::copy(drop(), trial_drop, fs::copy_options::recursive);
    fs::path trial_home = dir_.path() / ("home-" + std::to_string(delay_ms));
    fs::copy(home(), trial_home, fs::copy_options::recursive);
    {
      DanganProcess watch(trial_home, {"watch", trial_drop.string()}, dir_.path() / "kill.log");
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      watch.Signal(SIGKILL);
      ASSERT_TRUE(watch.Wait(30).has_value());
    }
    DanganProcess watch(trial_home, {"watch", trial_drop.string()}, dir_.path() / "resume.log");
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (FilesUnder(trial_drop) > 0 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // the last index flush
    watch.Signal(SIGTERM);
    ASSERT_EQ(watch.Wait(30), std::optional<int>(0)) << watch.Log();
    EXPECT_EQ(FilesUnder(trial_drop), 0u);
    nlohmann::json stats = RunDangan(trial_home, {"--json", "stats"}).Json();
    // 8 inputs: 4 documents (+1 duplicate source), 3 bad inputs.
    EXPECT_EQ(stats.value("documents", -1), 4) << stats.dump();
    EXPECT_EQ(stats.value("quarantined", -1), 3) << stats.dump();
    EXPECT_EQ(stats.value("index_docs", -1), 4) << stats.dump();
    EXPECT_EQ(stats.value("sources", -1), 5) << stats.dump();
    RunResult verify = RunDangan(trial_home, {"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }
  EXPECT_EQ(inputs, 8u);
}

// Another writer waits for its turn while watch runs (watch holds the home
// only while it has work), then does its work (writer_turns_e2e_test.cc has
// the rest).
TEST_F(WatchE2eTest, AnIngestWhileWatchRunsTakesItsTurn) {
  auto watch = StartWatch();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  fs::path other = dir_.path() / "other";
  fs::create_directories(other);
  ASSERT_TRUE(WriteTextPdf(other / "增值稅專用發票.pdf", {InvoiceTraditional()}));
  RunResult r = Run({"--json", "ingest", other.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.Json().value("stored", -1), 1) << r.out;
  Pdf("无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  EXPECT_EQ(WaitForCounts(2, 0).value("documents", -1), 2) << watch->Log();
  StopWatch(watch.get());
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
}

}  // namespace
}  // namespace dangan::testing
