// Writers taking turns with a running `watch` (issue 9: `serve` files,
// releases, approves and destroys while watch runs on the same home): watch
// holds dangan.lock only while it has work and lets a waiting writer in; a
// writer that still cannot have the home within writer.wait_s exits 75
// naming the holder.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "e2e_fixture.h"
#include "support/pdf_fixture.h"

extern char** environ;

namespace dangan::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

class WriterTurnsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    fs::create_directories(drop());
  }
  void AppendConfig(const std::string& text) {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << text;
  }

  std::unique_ptr<DanganProcess> StartWatch() {
    return std::make_unique<DanganProcess>(home(), std::vector<std::string>{"watch", drop().string()},
                                           dir_.path() / "watch.log");
  }
  void StopWatch(DanganProcess* p) {
    p->Signal(SIGTERM);
    std::optional<int> rc = p->Wait(30);
    ASSERT_TRUE(rc.has_value()) << "watch did not stop within 30 s of SIGTERM\n" << p->Log();
    EXPECT_EQ(*rc, 0) << p->Log();
  }
  // Polls `stats` until documents reach want (and the drop is empty), or
  // timeout_s passes; returns the last stats.
  nlohmann::json WaitForDocuments(int documents, double timeout_s = 120) {
    const auto give_up = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
    nlohmann::json stats;
    while (Clock::now() < give_up) {
      stats = Run({"--json", "stats"}).Json();
      if (stats.is_object() && stats.value("documents", -1) == documents && FilesUnder(drop()) == 0)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return stats;
  }
  static size_t FilesUnder(const fs::path& dir) {
    size_t n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec))
      n += it->is_regular_file();
    return n;
  }
  // A text PDF of its own (its own bytes, so never a duplicate), written
  // outside the drop and renamed in, as a copy program does.
  void DropNumbered(const std::string& tag, int n) {
    fs::path tmp = dir_.path() / ("tmp-" + tag + std::to_string(n) + ".pdf");
    ASSERT_TRUE(WriteTextPdf(tmp, {"会议纪要 " + tag + " 第" + std::to_string(n) +
                                   " 号\n关于仓库盘点安排的说明，编号 " + tag + std::to_string(n) + "。"}));
    fs::rename(tmp, drop() / (tag + "-" + std::to_string(n) + ".pdf"));
  }
  // A writing command, with how long it took.
  RunResult Timed(const std::vector<std::string>& args, double* seconds) {
    const auto start = Clock::now();
    RunResult r = Run(args);
    *seconds = SecondsSince(start);
    return r;
  }
};

// The standard drop is taken before the writers come, files keep arriving
// while they run and after: every writer gets its turn (exit 0) while watch
// runs, and watch takes everything.
TEST_F(WriterTurnsE2eTest, FileReleaseAndApproveSucceedWhileWatchRuns) {
  AppendConfig("[watch]\nsettle_s = 0.3\nindex_flush_s = 0.5\n");
  Json({"user", "add", "chen", "--role", "archivist"});
  Json({"user", "add", "wang", "--role", "approver"});
  WriteStandardDrop();  // 4 documents (+1 duplicate), 3 quarantined
  auto watch = StartWatch();
  nlohmann::json stats = WaitForDocuments(4);
  ASSERT_EQ(stats.value("documents", -1), 4) << stats.dump() << watch->Log();
  ASSERT_EQ(stats.value("quarantined", -1), 3) << stats.dump();

  nlohmann::json unfiled = Json({"unfiled"});
  ASSERT_EQ(unfiled["documents"].size(), 1u) << unfiled.dump();
  const std::string unfiled_id = std::to_string(unfiled["documents"][0]["id"].get<int64_t>());
  std::string quarantined_id, quarantined_file, contract_id;
  nlohmann::json items = Json({"quarantine"})["items"];
  for (const auto& q : items) {
    if (q["source"].get<std::string>().find("未完成") == std::string::npos) continue;
    quarantined_id = std::to_string(q["id"].get<int64_t>());
    quarantined_file = q["file"];
  }
  for (const auto& d : List())
    if (d["title"] == "采购合同") contract_id = std::to_string(d["id"].get<int64_t>());
  ASSERT_FALSE(quarantined_id.empty()) << items.dump();
  ASSERT_FALSE(contract_id.empty());
  // The archivist mends the truncated PDF (the whole contract, re-scanned).
  fs::permissions(home() / quarantined_file, fs::perms::owner_write, fs::perm_options::add);
  ASSERT_TRUE(WriteTextPdf(home() / quarantined_file, {"采购合同（补扫）\n合同编号：HT-2023-0020"}));
  nlohmann::json change = JsonAs("chen", {"change", "propose", "fields", contract_id, "--set",
                                          "contract_no=HT-2023-0099", "--reason", "OCR 误读"});
  const std::string change_id = std::to_string(change["id"].get<int64_t>());

  constexpr int kDuring = 30;
  std::thread dropper([&] {
    for (int i = 0; i < kDuring; ++i) {
      DropNumbered("during", i);
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
  });
  double took = 0;
  RunResult filed = Timed({"--json", "file", unfiled_id, "KH-2019-0042"}, &took);
  EXPECT_EQ(filed.exit_code, 0) << filed.err;
  EXPECT_EQ(filed.Json().value("archive_no", ""), "KH-2019-0042") << filed.out;
  EXPECT_LT(took, 30) << "file waited past writer.wait_s";
  RunResult released = Timed({"--json", "quarantine", "--release", quarantined_id}, &took);
  EXPECT_EQ(released.exit_code, 0) << released.err;
  EXPECT_EQ(released.Json().value("released", 0), std::stoi(quarantined_id)) << released.out;
  EXPECT_EQ(released.Json()["ingest"].value("stored", 0), 1) << released.out;
  EXPECT_LT(took, 30);
  RunResult approved = Timed({"--user", "wang", "--json", "change", "approve", change_id}, &took);
  EXPECT_EQ(approved.exit_code, 0) << approved.err;
  EXPECT_EQ(approved.Json().value("state", ""), "approved") << approved.out;
  EXPECT_LT(took, 30);
  dropper.join();
  for (int i = 0; i < 3; ++i) DropNumbered("after", i);

  // 4 before, the mended one released, kDuring during and 3 after.
  constexpr int kAll = 4 + 1 + kDuring + 3;
  stats = WaitForDocuments(kAll);
  EXPECT_EQ(stats.value("documents", -1), kAll) << stats.dump() << watch->Log();
  EXPECT_EQ(stats.value("quarantined", -1), 2) << stats.dump();
  // What watch filed after the writers' turns is searchable while it runs.
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  nlohmann::json found;
  while (Clock::now() < give_up) {
    found = Json({"search", "after2"});
    if (found.value("total", 0) == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(found.value("total", 0), 1) << found.dump();
  StopWatch(watch.get());

  EXPECT_EQ(FilesUnder(drop()), 0u);
  stats = Json({"stats"});
  EXPECT_EQ(stats.value("index_docs", -1), kAll) << stats.dump();
  EXPECT_EQ(Json({"show", unfiled_id}).value("archive_no", ""), "KH-2019-0042");
  EXPECT_EQ(Json({"show", contract_id})["fields"].value("contract_no", ""), "HT-2023-0099");
  EXPECT_EQ(Json({"search", "contract:HT-2023-0099"})["total"], 1);
  RunResult verify = Run({"--json", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

// Watch busy with a large drop still lets a waiting writer in part-way,
// rather than after the whole drop.
TEST_F(WriterTurnsE2eTest, AWaitingWriterGetsInWhileWatchWorksThroughALargeDrop) {
  AppendConfig("[watch]\nsettle_s = 0.3\nindex_flush_s = 1\n[writer]\nwait_s = 60\n");
  Pdf("无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  Json({"ingest", drop().string()});
  nlohmann::json unfiled = Json({"unfiled"});
  ASSERT_EQ(unfiled["documents"].size(), 1u);
  const std::string id = std::to_string(unfiled["documents"][0]["id"].get<int64_t>());
  constexpr int kDrop = 300;
  for (int i = 0; i < kDrop; ++i) DropNumbered("bulk", i);
  auto watch = StartWatch();
  // Watch is at work on the drop.
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < give_up && Run({"--json", "stats"}).Json().value("documents", 0) < 3)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  double took = 0;
  RunResult filed = Timed({"--json", "file", id, "KH-2019-0042"}, &took);
  const size_t left = FilesUnder(drop());
  EXPECT_EQ(filed.exit_code, 0) << filed.err << watch->Log();
  std::printf("file got its turn after %.2f s with %zu of %d inputs still in the drop\n", took,
              left, kDrop);
  EXPECT_GT(left, 0u) << "the writer only got in after watch had taken the whole drop";
  nlohmann::json stats = WaitForDocuments(kDrop + 1, 300);
  EXPECT_EQ(stats.value("documents", -1), kDrop + 1) << stats.dump() << watch->Log();
  StopWatch(watch.get());
  EXPECT_EQ(Json({"stats"}).value("index_docs", -1), kDrop + 1);
  EXPECT_EQ(Json({"show", id}).value("archive_no", ""), "KH-2019-0042");
}

// A holder that keeps the home past writer.wait_s: the writer waits that
// long, then exits 75 naming it. The holder is util-linux flock(1) writing a
// holder line the way a dangan writer does.
TEST_F(WriterTurnsE2eTest, AWriterThatCannotGetTheLockInTimeExits75NamingTheHolder) {
  AppendConfig("[writer]\nwait_s = 1\n");
  Pdf("无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  Json({"ingest", drop().string()});
  const std::string id = std::to_string(Json({"unfiled"})["documents"][0]["id"].get<int64_t>());
  const std::string lock = (home() / "dangan.lock").string();
  const std::string script = "printf 'dangan reindex (pid %s)\\n' $$ > '" + lock + "'; exec sleep 60";
  // -o: the lock stays with flock(1) itself, so killing it frees the home.
  std::vector<std::string> argv_s = {"flock", "-o", lock, "sh", "-c", script};
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Its own process group, so that the sleep goes with it.
  posix_spawnattr_t attr;
  ASSERT_EQ(::posix_spawnattr_init(&attr), 0);
  ASSERT_EQ(::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP), 0);
  ASSERT_EQ(::posix_spawnattr_setpgroup(&attr, 0), 0);
  pid_t holder = -1;
  ASSERT_EQ(::posix_spawnp(&holder, "flock", nullptr, &attr, argv.data(), environ), 0);
  ::posix_spawnattr_destroy(&attr);
  // Until the holder has written its line.
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < give_up && ReadBytes(lock).find("reindex") == std::string::npos)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));

  double took = 0;
  RunResult r = Timed({"file", id, "KH-2019-0042"}, &took);
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_NE(r.err.find("dangan reindex (pid"), std::string::npos) << r.err;
  EXPECT_GE(took, 1.0) << "it did not wait writer.wait_s";
  EXPECT_LT(took, 20);

  ::kill(-holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  // The holder gone, the same command goes through.
  RunResult again = Run({"--json", "file", id, "KH-2019-0042"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

// One watch per home: a second is refused at once, naming the first.
TEST_F(WriterTurnsE2eTest, ASecondWatchIsRefusedClearly) {
  auto watch = StartWatch();
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < give_up && watch->Log().find("watch started") == std::string::npos)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  RunResult r = RunDangan(home(), {"watch", drop().string()}, {}, 20);
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_NE(r.err.find("watch"), std::string::npos) << r.err;
  StopWatch(watch.get());
}

}  // namespace
}  // namespace dangan::testing
