// Backup, backup verify and restore (RECORDS §7) and verify's backup-age
// warning (§8) on the real binary.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <fstream>
#include <thread>

#include "e2e_fixture.h"
#include "support/pdf_fixture.h"
#include "support/sqlite_util.h"

namespace dangan::testing {
namespace {

namespace fs = std::filesystem;

class BackupE2eTest : public E2eTest {
 protected:
  fs::path dest() const { return dir_.path() / "backup"; }
  fs::path restored() const { return dir_.path() / "restored"; }

  void IngestStandardDrop() {
    WriteStandardDrop();
    RunResult r = Run({"--json", "ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 65) << r.out << r.err;  // the bad inputs are quarantined
  }

  nlohmann::json Backup() { return Json({"backup", dest().string()}); }

  RunResult BackupVerify() { return Run({"--json", "backup", "verify", dest().string()}); }

  // The JSON of `verify` in the restored home, which must pass.
  nlohmann::json VerifyRestored() {
    RunResult r = RunDangan(restored(), {"--json", "verify"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.Json();
  }

  nlohmann::json Manifest() {
    return nlohmann::json::parse(ReadBytes(dest() / "MANIFEST.json"), nullptr, false);
  }

  std::string Count(const fs::path& home, const std::string& table) {
    return SqliteQueryOne(home / "catalog.sqlite", "SELECT COUNT(*) FROM " + table);
  }
};

TEST_F(BackupE2eTest, BackupTwiceCopiesOnceThenRestoreGivesAnEqualHome) {
  IngestStandardDrop();
  Json({"user", "add", "lin", "--role", "staff"});
  nlohmann::json first = Backup();
  const nlohmann::json manifest = Manifest();
  const size_t pool_files = manifest["files"].size();
  EXPECT_GE(pool_files, 4u + 3u);  // 4 originals, 3 quarantined inputs (+ reasons)
  std::set<std::string> distinct;
  for (const auto& f : manifest["files"]) distinct.insert(f["sha256"].get<std::string>());
  EXPECT_EQ(first.value("copied", -1), static_cast<int64_t>(distinct.size()));
  EXPECT_EQ(first["generation"], manifest["generation"]);
  EXPECT_EQ(first["catalog_sha256"], manifest["catalog"]["sha256"]);
  EXPECT_EQ(first["log_head"]["hash"], manifest["log_head"]["hash"]);
  EXPECT_EQ(manifest["log_head"]["hash"],
            SqliteQueryOne(home() / "catalog.sqlite",
                           "SELECT hash FROM access_log WHERE seq = " +
                               manifest["log_head"]["seq"].dump()));

  nlohmann::json second = Backup();
  EXPECT_EQ(second.value("copied", -1), 0) << second.dump();
  EXPECT_NE(second["generation"], first["generation"]);
  // Human output states the run.
  RunResult human = Run({"backup", dest().string()});
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("copied 0"), std::string::npos) << human.out;

  RunResult check = BackupVerify();
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(check.Json().value("ok", false)) << check.out;

  // Each run is in the backups table and in the log.
  EXPECT_EQ(Count(home(), "backups"), "3");
  EXPECT_EQ(SqliteQueryOne(home() / "catalog.sqlite",
                           "SELECT COUNT(*) FROM access_log WHERE action = 'backup'"),
            "3");

  // `restore DEST --home NEW`, exactly as RECORDS writes it.
  RunResult r = Run({"--json", "restore", dest().string(), "--home", restored().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.Json().value("home", ""), restored().string());
  nlohmann::json v = VerifyRestored();
  EXPECT_TRUE(v.value("ok", false)) << v.dump();
  for (const char* table : {"documents", "clients", "sources", "pages", "quarantine", "users",
                            "requests", "changes", "tombstones"})
    EXPECT_EQ(Count(restored(), table), Count(home(), table)) << table;
  // The log up to the snapshot is there row for row, then the restore.
  const std::string head_seq = manifest["log_head"]["seq"].dump();
  const std::string rows_upto =
      "SELECT group_concat(hash) FROM (SELECT hash FROM access_log WHERE seq <= " + head_seq +
      " ORDER BY seq)";
  EXPECT_EQ(SqliteQueryOne(restored() / "catalog.sqlite", rows_upto),
            SqliteQueryOne(home() / "catalog.sqlite", rows_upto));
  EXPECT_EQ(SqliteQueryOne(restored() / "catalog.sqlite",
                           "SELECT action FROM access_log ORDER BY seq DESC LIMIT 1"),
            "restore");
  EXPECT_EQ(RunDangan(restored(), {"log", "verify"}).exit_code, 0);
  // Originals are back, read-only, and searchable.
  RunResult found = RunDangan(restored(), {"--json", "search", "离心水泵"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(found.Json().value("total", 0), 1) << found.out;
  RunResult stats_src = Run({"--json", "stats"});
  RunResult stats_new = RunDangan(restored(), {"--json", "stats"});
  EXPECT_EQ(stats_new.Json()["documents"], stats_src.Json()["documents"]);
  EXPECT_EQ(stats_new.Json()["by_state"], stats_src.Json()["by_state"]);

  // A home that is not empty is never restored over.
  RunResult again = Run({"restore", dest().string(), "--home", restored().string()});
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
}

TEST_F(BackupE2eTest, VerifyNamesADamagedAndAMissingFile) {
  IngestStandardDrop();
  Backup();
  const nlohmann::json manifest = Manifest();
  std::string damaged, deleted;
  for (const auto& f : manifest["files"]) {
    if (f.value("kind", "") != "original") continue;
    if (damaged.empty()) {
      damaged = f["path"];
    } else if (deleted.empty()) {
      deleted = f["path"];
    }
  }
  ASSERT_FALSE(deleted.empty());
  {
    fs::permissions(dest() / damaged, fs::perms::owner_write, fs::perm_options::add);
    std::fstream f(dest() / damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(100);
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x01);
    f.seekp(100);
    f.write(&c, 1);
  }
  RunResult r = BackupVerify();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = r.Json();
  ASSERT_EQ(j["problems"].size(), 1u) << r.out;
  EXPECT_EQ(j["problems"][0]["kind"], "damaged");
  EXPECT_EQ(j["problems"][0]["path"], damaged);

  fs::remove(dest() / deleted);
  RunResult human = Run({"backup", "verify", dest().string()});
  EXPECT_EQ(human.exit_code, 1);
  EXPECT_NE(human.out.find(damaged), std::string::npos) << human.out;
  EXPECT_NE(human.out.find(deleted), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("missing"), std::string::npos) << human.out;

  // Restore refuses the damaged file, naming it.
  RunResult restore = Run({"restore", dest().string(), "--home", restored().string()});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_NE(restore.err.find(damaged.substr(0, 20)), std::string::npos) << restore.err;

  // The next backup repairs the pool.
  nlohmann::json again = Backup();
  EXPECT_EQ(again.value("copied", -1), 2);
  EXPECT_EQ(BackupVerify().exit_code, 0);
}

TEST_F(BackupE2eTest, KeepPrunesOlderGenerations) {
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "[backup]\nkeep = 2\n";
  }
  IngestStandardDrop();
  std::vector<std::string> made;
  for (int i = 0; i < 3; ++i) made.push_back(Backup()["generation"]);
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dest() / "generations"))
    left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{made[1], made[2]}));
  EXPECT_EQ(BackupVerify().exit_code, 0);
  RunResult old = Run({"backup", "verify", dest().string(), "--generation", made[1]});
  EXPECT_EQ(old.exit_code, 0) << old.out << old.err;
}

TEST_F(BackupE2eTest, VerifyWarnsWhenTheLastBackupIsOldOrMissing) {
  RunResult never = Run({"--json", "verify"});
  EXPECT_EQ(never.exit_code, 0) << never.err;
  ASSERT_EQ(never.Json()["warnings"].size(), 1u) << never.out;
  EXPECT_EQ(never.Json()["warnings"][0]["kind"], "backup_age");
  EXPECT_NE(never.err.find("never been a backup"), std::string::npos) << never.err;

  Backup();
  RunResult fresh = Run({"--json", "verify"});
  EXPECT_EQ(fresh.exit_code, 0);
  EXPECT_TRUE(fresh.Json()["warnings"].empty()) << fresh.out;

  ASSERT_EQ(SqliteExec(home() / "catalog.sqlite", "UPDATE backups SET at = '2020-01-01T00:00:00Z'"),
            "");
  RunResult old = Run({"verify"});
  EXPECT_EQ(old.exit_code, 0);
  EXPECT_NE(old.err.find("backup.max_age_days"), std::string::npos) << old.err;
}

TEST_F(BackupE2eTest, DestInsideTheHomeIsRefused) {
  RunResult r = Run({"backup", (home() / "backup").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("inside the home"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(home() / "backup"));
}

TEST_F(BackupE2eTest, OnlyAdminBacksUpAndAuditorVerifies) {
  Json({"user", "add", "wu", "--role", "auditor"});
  RunResult denied = Run({"--user", "wu", "--json", "backup", dest().string()});
  EXPECT_EQ(denied.exit_code, 77) << denied.out;
  EXPECT_EQ(denied.Json()["error"]["code"], "denied");
  Backup();
  RunResult check = Run({"--user", "wu", "backup", "verify", dest().string()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

// A backup killed before its generation is complete leaves the previous one
// in force (DEST/MANIFEST.json names it, it verifies); the next run removes
// the half-written folder.
TEST_F(BackupE2eTest, AKilledBackupLeavesThePreviousGenerationInForce) {
  IngestStandardDrop();
  const std::string first = Backup()["generation"];
  for (const char* point : {"backup.before_rename", "backup.before_top_manifest"}) {
    RunResult killed = Run({"backup", dest().string()}, {{"DANGAN_CRASH_AT", point}});
    ASSERT_EQ(killed.exit_code, -9) << point << killed.err;
    EXPECT_EQ(Manifest()["generation"], first) << point;
    EXPECT_EQ(BackupVerify().exit_code, 0) << point;
  }
  const std::string next = Backup()["generation"];
  for (const auto& e : fs::directory_iterator(dest() / "generations"))
    EXPECT_FALSE(e.path().filename().string().ends_with(".partial")) << e.path();
  EXPECT_EQ(Manifest()["generation"], next);
  EXPECT_EQ(BackupVerify().exit_code, 0);
}

// A backup taken while `watch` ingests what keeps arriving is consistent: it
// verifies, and restores to a home that verifies, with the documents its
// manifest lists, searchable.
TEST_F(BackupE2eTest, BackupWhileWatchIngests) {
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "[watch]\nsettle_s = 0.2\nindex_flush_s = 0.3\n";
  }
  fs::create_directories(drop());
  DanganProcess watch(home(), {"watch", drop().string()}, dir_.path() / "watch.log");
  std::atomic<bool> stop{false};
  std::atomic<int> dropped{0};
  std::thread feeder([&] {
    for (int i = 0; !stop && i < 40; ++i) {
      fs::path tmp = dir_.path() / ("scratch" + std::to_string(i) + ".pdf");
      WriteTextPdf(tmp, {"通知第" + std::to_string(i) + "号\n离心水泵检修安排，编号 N-" +
                         std::to_string(1000 + i)});
      fs::rename(tmp, drop() / ("通知" + std::to_string(i) + ".pdf"));
      ++dropped;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  // Wait until watch has filed something, then back up while files arrive.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up &&
         Json({"stats"}).value("documents", 0) < 3)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  nlohmann::json during = Backup();
  nlohmann::json during2 = Backup();
  stop = true;
  feeder.join();
  EXPECT_TRUE(watch.running()) << "backup must not stop watch\n" << watch.Log();
  watch.Signal(SIGTERM);
  ASSERT_TRUE(watch.Wait(30).has_value()) << watch.Log();

  EXPECT_EQ(BackupVerify().exit_code, 0);
  const nlohmann::json manifest = Manifest();
  EXPECT_EQ(manifest["generation"], during2["generation"]);
  int originals = 0;
  for (const auto& f : manifest["files"]) originals += f.value("kind", "") == "original";
  EXPECT_GE(originals, 3);

  RunResult r = Run({"restore", dest().string(), "--home", restored().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json v = VerifyRestored();
  EXPECT_TRUE(v.value("ok", false)) << v.dump();
  EXPECT_EQ(Count(restored(), "documents"), std::to_string(originals));
  RunResult found = RunDangan(restored(), {"--json", "search", "离心水泵"});
  EXPECT_EQ(found.Json().value("total", -1), originals) << found.out;
}

}  // namespace
}  // namespace dangan::testing
