// End to end: the real binary ingests a drop into a temp home.
#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "e2e_fixture.h"

namespace dangan::testing {
namespace {

const nlohmann::json* BySource(const std::vector<nlohmann::json>& docs, const std::string& tail) {
  for (const auto& d : docs)
    for (const auto& s : d["sources"])
      if (s.get<std::string>().size() >= tail.size() &&
          s.get<std::string>().compare(s.get<std::string>().size() - tail.size(), tail.size(), tail) == 0)
        return &d;
  return nullptr;
}

TEST_F(E2eTest, InitIsIdempotent) {
  nlohmann::json again = Json({"init"});
  EXPECT_EQ(again["created"], false);
  EXPECT_TRUE(std::filesystem::exists(home() / "catalog.sqlite"));
}

TEST_F(E2eTest, IngestStoresRoutesDeduplicatesAndQuarantines) {
  WriteStandardDrop();
  nlohmann::json sum = Json({"ingest", drop().string()}, {65});
  EXPECT_EQ(sum["stored"], 4);
  EXPECT_EQ(sum["duplicates"], 1);
  EXPECT_EQ(sum["quarantined"], 3);
  EXPECT_EQ(sum["indexed"], 4);
  auto docs = List();
  ASSERT_EQ(docs.size(), 4u);

  const nlohmann::json* contract = BySource(docs, "KH-2019-0042/采购合同.pdf");
  ASSERT_NE(contract, nullptr);
  EXPECT_EQ((*contract)["archive_no"], "KH-2019-0042");
  EXPECT_EQ((*contract)["routed_by"], "folder");
  EXPECT_EQ((*contract)["sources"].size(), 2u) << "the copy is recorded as a source";
  EXPECT_EQ((*contract)["doc_type"], "contract");
  EXPECT_EQ((*contract)["state"], "indexed");
  EXPECT_EQ((*contract)["fields"]["contract_no"], "HT-2023-0017");
  EXPECT_EQ((*contract)["fields"]["date"], "2023-03-15");
  EXPECT_EQ((*contract)["fields"]["uscc"], "91310000MA1FL4XQ27") << "never the department's own";
  std::string stored = (*contract)["stored_path"];
  EXPECT_EQ(stored, "store/KH-2019-0042/" + (*contract)["sha256"].get<std::string>() + ".pdf");
  struct stat st;
  ASSERT_EQ(::stat((home() / stored).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0222, 0u) << "stored originals are read-only";

  const nlohmann::json* invoice = BySource(docs, "增值稅專用發票.pdf");
  ASSERT_NE(invoice, nullptr);
  EXPECT_EQ((*invoice)["archive_no"], "KH-2018-0006");
  EXPECT_EQ((*invoice)["routed_by"], "printed_number");
  EXPECT_EQ((*invoice)["fields"]["invoice_no"], "04418823");

  const nlohmann::json* notice = BySource(docs, "Payment Reminder.pdf");
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ((*notice)["archive_no"], "KH-2017-0005");
  EXPECT_EQ((*notice)["routed_by"], "uscc");

  const nlohmann::json* orphan = BySource(docs, "无主通知.pdf");
  ASSERT_NE(orphan, nullptr);
  EXPECT_TRUE((*orphan)["archive_no"].is_null());
  EXPECT_FALSE((*orphan)["candidates"].empty());
  EXPECT_EQ(std::string((*orphan)["stored_path"]).rfind("store/_unfiled/", 0), 0u);

  nlohmann::json q = Json({"quarantine"});
  std::map<std::string, std::string> reasons;
  for (const auto& it : q["items"]) {
    std::string source = it["source"];
    reasons[source.substr(source.rfind('/') + 1)] = it["reason"];
    EXPECT_TRUE(std::filesystem::exists(home() / "quarantine" / std::to_string(it["id"].get<int>()) /
                                        "reason.json"));
  }
  EXPECT_EQ(reasons["扫描失败.pdf"], "empty");
  EXPECT_EQ(reasons["scan_0042.pdf"], "unsupported");
  EXPECT_EQ(reasons["合同-未完成.pdf"], "corrupt");

  // Nothing is left in the drop; the store and index agree.
  for (const auto& e : std::filesystem::recursive_directory_iterator(drop()))
    EXPECT_TRUE(e.is_directory()) << "left behind: " << e.path();
  nlohmann::json v = Json({"verify"});
  EXPECT_EQ(v["ok"], true) << v.dump();
  nlohmann::json stats = Json({"stats"});
  EXPECT_EQ(stats["documents"], 4);
  EXPECT_EQ(stats["index_docs"], 4);
  EXPECT_EQ(stats["unfiled"], 1);
  EXPECT_EQ(stats["quarantined"], 3);
}

TEST_F(E2eTest, IngestingTheSameDropTwiceRecordsDuplicatesOnly) {
  Pdf("a/合同.pdf", {ContractSimplified()});
  Json({"ingest", "--keep", drop().string()});
  nlohmann::json second = Json({"ingest", drop().string()});
  EXPECT_EQ(second["stored"], 0);
  EXPECT_EQ(second["duplicates"], 1);
  EXPECT_EQ(List().size(), 1u);
}

TEST_F(E2eTest, ASecondWriterWithoutAWaitGetsBusyAtOnce) {
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "[writer]\nwait_s = 0\n";  // today's behaviour before writers waited
  }
  Pdf("合同.pdf", {ContractSimplified()});
  int fd = ::open((home() / "dangan.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  RunResult r = Run({"--json", "ingest", drop().string()});
  ::close(fd);
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_EQ(r.Json()["error"]["code"], "busy");
  EXPECT_TRUE(std::filesystem::exists(drop() / "合同.pdf")) << "a refused ingest takes nothing";
  RunResult again = Run({"--json", "reindex"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(E2eTest, VerifyFindsATamperedOriginal) {
  Pdf("KH-2019-0042/合同.pdf", {ContractSimplified()});
  Json({"ingest", drop().string()});
  auto docs = List();
  ASSERT_EQ(docs.size(), 1u);
  auto file = home() / docs[0]["stored_path"].get<std::string>();
  ::chmod(file.c_str(), 0644);
  WriteBytes(file, ReadBytes(file) + "tampered");
  RunResult r = Run({"--json", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.Json()["ok"], false);
  EXPECT_NE(r.out.find("fixity"), std::string::npos) << r.out;
}

TEST_F(E2eTest, FilingAnUnfiledDocumentByHandMovesItAndReindexes) {
  Pdf("通知.pdf", {"关于年度对账的说明\n请各单位于月底前完成对账。"});
  Json({"ingest", drop().string()});
  nlohmann::json unfiled = Json({"unfiled"});
  ASSERT_EQ(unfiled["documents"].size(), 1u);
  int id = unfiled["documents"][0]["id"];
  nlohmann::json filed = Json({"file", std::to_string(id), "kh-2019-0042"});
  EXPECT_EQ(filed["archive_no"], "KH-2019-0042");
  EXPECT_EQ(filed["routed_by"], "manual");
  EXPECT_TRUE(std::filesystem::exists(home() / filed["stored_path"].get<std::string>()));
  EXPECT_EQ(Json({"verify"})["ok"], true);
  nlohmann::json hits = Json({"search", "archive:KH-2019-0042"});
  EXPECT_EQ(hits["total"], 1);
}

TEST_F(E2eTest, ClientsImportRejectsBadRowsOfAGb18030File) {
  // "KH-2020-0001,坏代码公司,91310000MA1FL4XQ2B,..." with a wrong check digit, in GB18030.
  std::string utf8 =
      "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,retention,opened\n"
      "KH-2020-0001,坏代码公司,91310000MA1FL4XQ2B,C1,enterprise,a,b,c,A,long,2020-01-01\n"
      "KH-2020-0002,好公司,91310000MA1FL4XQ27,C2,enterprise,a,b,c,A,long,2020-01-01\n";
  WriteBytes(dir_.path() / "utf8.csv", utf8);
  std::string cmd = "iconv -f UTF-8 -t GB18030 '" + (dir_.path() / "utf8.csv").string() + "' > '" +
                    (dir_.path() / "gb.csv").string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  nlohmann::json r = Json({"clients", "import", (dir_.path() / "gb.csv").string()}, {65});
  EXPECT_EQ(r["imported"], 1);
  ASSERT_EQ(r["rejected"].size(), 1u);
  EXPECT_EQ(r["rejected"][0]["line"], 2);
  EXPECT_EQ(r["encoding"], "gb18030");
  EXPECT_EQ(Json({"clients", "show", "KH-2020-0002"})["name"], "好公司");
}

TEST_F(E2eTest, JsonErrorsAreObjectsOnStdout) {
  RunResult r = Run({"--json", "show", "999"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(r.Json()["error"]["message"].is_string()) << r.out;
  RunResult bad = Run({"--json", "search", "--limit", "ten", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(bad.Json()["error"].is_object()) << bad.out;
  RunResult nohome = RunDangan(dir_.path() / "nowhere", {"--json", "stats"});
  EXPECT_NE(nohome.exit_code, 0);
  EXPECT_NE(nohome.Json()["error"]["message"].get<std::string>().find("init"), std::string::npos);
}

}  // namespace
}  // namespace dangan::testing

namespace dangan::testing {
namespace {

TEST_F(E2eTest, IngestingAFolderThatHoldsTheHomeLeavesTheHomeAlone) {
  // The default home is ./dangan-home: `ingest .` from its parent must not eat it.
  Pdf("合同.pdf", {ContractSimplified()});
  std::filesystem::rename(drop() / "合同.pdf", dir_.path() / "合同.pdf");
  nlohmann::json sum = Json({"ingest", dir_.path().string()}, {65});
  EXPECT_EQ(sum["stored"], 1) << "the contract next to the home is stored";
  EXPECT_EQ(sum["quarantined"], 1) << "clients.csv next to the home is not a document";
  EXPECT_TRUE(std::filesystem::exists(home() / "catalog.sqlite"));
  EXPECT_EQ(Json({"verify"})["ok"], true);
  RunResult inside = Run({"--json", "ingest", (home() / "store").string()});
  EXPECT_EQ(inside.exit_code, 2) << inside.out;
}

TEST_F(E2eTest, ASymlinkedDropFolderIsFollowedAndLinksInsideAreNot) {
  Pdf("real/合同.pdf", {ContractSimplified()});
  std::filesystem::create_symlink(drop() / "real", dir_.path() / "scanner-share");
  std::filesystem::create_symlink("/etc/passwd", drop() / "real" / "passwd.pdf");
  nlohmann::json sum = Json({"ingest", (dir_.path() / "scanner-share").string()}, {65});
  EXPECT_EQ(sum["stored"], 1);
  EXPECT_EQ(sum["quarantined"], 1) << "the link inside is quarantined, not followed";
  EXPECT_TRUE(std::filesystem::is_symlink(dir_.path() / "scanner-share"));
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

TEST_F(E2eTest, TheSameBadInputAgainIsNotQuarantinedTwice) {
  std::filesystem::create_directories(drop());
  WriteBytes(drop() / "扫描失败.pdf", "%PDF-1.4 cut short");
  WriteBytes(drop() / "空白.pdf", "");
  Json({"ingest", "--keep", drop().string()}, {65});
  nlohmann::json again = Json({"ingest", drop().string()}, {65});
  EXPECT_EQ(again["quarantined"], 2) << "each input's outcome is still quarantine";
  nlohmann::json q = Json({"quarantine"});
  ASSERT_EQ(q["items"].size(), 2u) << q.dump();
  for (const auto& item : q["items"]) EXPECT_EQ(item["sha256"].get<std::string>().size(), 64u);
  EXPECT_FALSE(std::filesystem::exists(drop() / "扫描失败.pdf"));
  // Other bytes under the same name are a new item.
  WriteBytes(drop() / "扫描失败.pdf", "%PDF-1.4 cut short again");
  Json({"ingest", drop().string()}, {65});
  EXPECT_EQ(Json({"quarantine"})["items"].size(), 3u);
  EXPECT_EQ(Json({"verify"})["ok"], true);
  // Released while still bad: kept as a new item, not taken for a repeat of
  // the item being released (which would leave its bytes nowhere).
  const int64_t first = q["items"][0]["id"];
  nlohmann::json released = Json({"quarantine", "--release", std::to_string(first)}, {65});
  EXPECT_EQ(released["ingest"]["quarantined"], 1) << released.dump();
  nlohmann::json after = Json({"quarantine"});
  ASSERT_EQ(after["items"].size(), 3u) << after.dump();
  for (const auto& item : after["items"]) EXPECT_NE(item["id"], first);
  EXPECT_EQ(after["items"][2]["sha256"], q["items"][0]["sha256"]);
  EXPECT_EQ(Json({"verify"})["ok"], true);
  q = after;
  // Kept bytes are held to their SHA-256 like originals.
  std::filesystem::path kept = home() / q["items"][0]["file"].get<std::string>();
  ::chmod(kept.c_str(), 0644);
  WriteBytes(kept, "altered");
  RunResult v = Run({"--json", "verify"});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_NE(v.out.find("quarantine_altered"), std::string::npos) << v.out;
}

TEST_F(E2eTest, ATooLargeInputSurvivesACrashBeforeItsQuarantineCommits) {
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "\n[ingest]\nmax_file_mb = 1\n";
  }
  std::filesystem::create_directories(drop());
  WriteBytes(drop() / "huge-scan.tif", std::string(3 << 20, 'x'));
  RunResult crashed = Run({"--json", "ingest", drop().string()},
                          {{"DANGAN_CRASH_AT", "quarantine.after_move"}});
  ASSERT_EQ(crashed.exit_code, -9) << crashed.err;
  EXPECT_TRUE(std::filesystem::exists(drop() / "huge-scan.tif")) << "not lost";
  nlohmann::json sum = Json({"ingest", drop().string()}, {65});
  EXPECT_EQ(sum["quarantined"], 1);
  nlohmann::json q = Json({"quarantine"});
  ASSERT_EQ(q["items"].size(), 1u);
  EXPECT_EQ(q["items"][0]["reason"], "too_large");
  EXPECT_FALSE(std::filesystem::exists(drop() / "huge-scan.tif"));
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

TEST_F(E2eTest, FilingByHandSurvivesACrashBetweenMoveAndCommit) {
  Pdf("通知.pdf", {"关于年度对账的说明\n请各单位于月底前完成对账。"});
  Json({"ingest", drop().string()});
  int id = Json({"unfiled"})["documents"][0]["id"];
  RunResult crashed = Run({"--json", "file", std::to_string(id), "KH-2019-0042"},
                          {{"DANGAN_CRASH_AT", "refile.after_rename"}});
  ASSERT_EQ(crashed.exit_code, -9) << crashed.err;
  nlohmann::json filed = Json({"file", std::to_string(id), "KH-2019-0042"});
  EXPECT_EQ(filed["archive_no"], "KH-2019-0042");
  EXPECT_EQ(filed["state"], "indexed");
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

}  // namespace
}  // namespace dangan::testing
