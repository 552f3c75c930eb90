// End to end: change requests (RECORDS §5) on the real binary: propose,
// separation of duties, approve (applied at once, index following), reject,
// refile, level, fields, the history, renumbering with its alias, and kill -9
// at every step of a renumber.
#include "e2e_fixture.h"

namespace dangan::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kOld = "KH-2019-0042";
constexpr const char* kNew = "KH-2019-9042";

class ChangeE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    Pdf("KH-2019-0042/采购合同.pdf", {ContractSimplified()});
    Pdf("KH-2019-0042/补充协议.pdf", {"补充协议\n合同编号：HT-2023-0018\n双方同意延长交货期限。"});
    RunResult r = Run({"--json", "ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    Json({"user", "add", "chen", "--role", "archivist"});
    Json({"user", "add", "zhao", "--role", "archivist,approver"});
    Json({"user", "add", "wang", "--role", "approver"});
    Json({"user", "add", "lin", "--role", "staff"});
    for (const auto& d : List())
      if (d["title"] == "采购合同") contract_id_ = std::to_string(d["id"].get<int64_t>());
    ASSERT_FALSE(contract_id_.empty());
  }

  std::string Propose(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"change", "propose"});
    nlohmann::json c = JsonAs(user, args);
    EXPECT_EQ(c["state"], "pending") << c.dump();
    return c.contains("id") ? std::to_string(c["id"].get<int64_t>()) : "0";
  }
  nlohmann::json LogRows(const std::string& action) {
    return Json({"log", "--action", action})["rows"];
  }
  // Every file under store/ (outside staging).
  std::vector<fs::path> StoreFiles() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(home() / "store"))
      if (e.is_regular_file() && e.path().string().find("/.staging/") == std::string::npos)
        out.push_back(e.path());
    return out;
  }
  void ExpectDocumentsUnder(const std::string& archive) {
    auto docs = List();
    ASSERT_EQ(docs.size(), 2u);
    for (const auto& d : docs) {
      EXPECT_EQ(d["archive_no"], archive) << d.dump();
      EXPECT_EQ(d["state"], "indexed") << d.dump();
      EXPECT_EQ(d["stored_path"].get<std::string>().rfind("store/" + archive + "/", 0), 0u) << d.dump();
      EXPECT_TRUE(fs::exists(home() / d["stored_path"].get<std::string>())) << d.dump();
    }
    EXPECT_EQ(StoreFiles().size(), 2u);
    EXPECT_EQ(Json({"search", std::string("archive:") + archive})["total"], 2);
    EXPECT_EQ(Json({"verify"})["ok"], true);
  }

  std::string contract_id_;
};

TEST_F(ChangeE2eTest, RenumberIsDecidedByAnotherApproverAndLeavesAnAlias) {
  std::string id = Propose("zhao", {"renumber", kOld, kNew, "--reason", "集团统一编号"});
  // Separation of duties: zhao may approve, but not his own proposal.
  RunResult own = As("zhao", {"--json", "change", "approve", id});
  EXPECT_EQ(own.exit_code, 77) << own.out << own.err;
  EXPECT_EQ(own.Json()["error"]["code"], "denied");
  EXPECT_EQ(As("chen", {"change", "approve", id}).exit_code, 77) << "an archivist never approves";
  EXPECT_EQ(Json({"change", "list", "--state", "pending"})["changes"].size(), 1u);
  EXPECT_EQ(Run({"change", "list", "--json"}).Json()["changes"].size(), 1u) << "--json after the command";

  nlohmann::json done = JsonAs("wang", {"change", "approve", id});
  EXPECT_EQ(done["state"], "approved") << done.dump();
  EXPECT_EQ(done["decided_by"], "wang");
  EXPECT_EQ(done["kind"], "renumber");
  EXPECT_EQ(done["target"]["archive"], kOld);
  EXPECT_EQ(done["before"]["archive_no"], kOld);
  EXPECT_EQ(done["after"]["archive_no"], kNew);
  EXPECT_FALSE(fs::exists(home() / "store" / kOld));
  ExpectDocumentsUnder(kNew);
  EXPECT_EQ(Json({"search", std::string("archive:") + kOld})["total"], 0);
  EXPECT_EQ(Json({"clients", "show", kNew})["name"], "上海华东机电设备有限公司");

  nlohmann::json located = Json({"locate", kOld});
  ASSERT_EQ(located["matches"].size(), 1u) << located.dump();
  const nlohmann::json& m = located["matches"][0];
  EXPECT_EQ(m["archive_no"], kNew);
  EXPECT_EQ(m["documents"].size(), 2u);
  EXPECT_EQ(m["renumbered"]["to"], kNew);
  EXPECT_EQ(m["renumbered"]["reason"], "集团统一编号");
  EXPECT_EQ(std::to_string(m["renumbered"]["change"].get<int64_t>()), id);
  EXPECT_FALSE(m["renumbered"]["at"].get<std::string>().empty());
  RunResult human = Run({"locate", kOld});
  EXPECT_NE(human.out.find(std::string(kOld) + " was renumbered to " + kNew), std::string::npos)
      << human.out;

  nlohmann::json history = Json({"clients", "history", kOld});
  EXPECT_EQ(history["archive_no"], kNew);
  ASSERT_EQ(history["renumbered"].size(), 1u);
  EXPECT_EQ(history["renumbered"][0]["from"], kOld);
  ASSERT_EQ(history["changes"].size(), 1u);
  EXPECT_EQ(history["changes"][0]["before"]["archive_no"], kOld);
  EXPECT_EQ(Json({"clients", "history", kNew})["changes"].size(), 1u);

  EXPECT_EQ(LogRows("change_propose").size(), 1u);
  nlohmann::json approved = LogRows("change_approve");
  ASSERT_EQ(approved.size(), 1u);
  EXPECT_EQ(approved[0]["user"], "wang");
  EXPECT_EQ(approved[0]["detail"]["after"]["archive_no"], kNew);
  EXPECT_GE(LogRows("denied").size(), 2u);
  // A number that was given up is not given out again.
  EXPECT_EQ(As("chen", {"change", "propose", "renumber", "KH-2018-0006", kOld, "--reason", "x"})
                .exit_code, 2);
  // Decided is decided.
  EXPECT_EQ(As("wang", {"change", "approve", id}).exit_code, 2);
}

TEST_F(ChangeE2eTest, ClientChangeRejectedThenApprovedAndAStaleOneRefused) {
  RunResult bad = As("chen", {"--json", "change", "propose", "client", "KH-2018-0006", "--set",
                              "uscc=91320115MAYG6LJ98B", "--reason", "更正"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.Json()["error"]["message"].get<std::string>().find("check digit"), std::string::npos);
  EXPECT_EQ(As("lin", {"change", "propose", "client", "KH-2018-0006", "--set", "phone=1",
                       "--reason", "x"}).exit_code, 77);

  std::string rejected = Propose("chen", {"client", "KH-2018-0006", "--set", "phone=025-8888",
                                          "--reason", "客户来函"});
  EXPECT_EQ(As("wang", {"change", "reject", rejected}).exit_code, 2) << "a rejection needs a reason";
  nlohmann::json r = JsonAs("wang", {"change", "reject", rejected, "--reason", "无书面依据"});
  EXPECT_EQ(r["state"], "rejected");
  EXPECT_EQ(r["reject_reason"], "无书面依据");
  EXPECT_EQ(Json({"clients", "show", "KH-2018-0006"})["phone"], "025");
  EXPECT_EQ(LogRows("change_reject").size(), 1u);

  std::string first = Propose("chen", {"client", "KH-2018-0006", "--set", "phone=025-8888",
                                       "--set", "credit_rating=AAA", "--reason", "客户来函"});
  std::string stale = Propose("chen", {"client", "KH-2018-0006", "--set", "phone=025-9999",
                                       "--reason", "另一份来函"});
  JsonAs("wang", {"change", "approve", first});
  EXPECT_EQ(Json({"clients", "show", "KH-2018-0006"})["phone"], "025-8888");
  RunResult refused = As("wang", {"--json", "change", "approve", stale});
  EXPECT_EQ(refused.exit_code, 65) << refused.out << refused.err;
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("phone"), std::string::npos);
  EXPECT_EQ(Json({"clients", "show", "KH-2018-0006"})["phone"], "025-8888");

  nlohmann::json history = Json({"clients", "history", "KH-2018-0006"});
  ASSERT_EQ(history["changes"].size(), 1u) << history.dump();
  EXPECT_EQ(history["changes"][0]["before"]["phone"], "025");
  EXPECT_EQ(history["changes"][0]["after"]["phone"], "025-8888");
  EXPECT_EQ(history["changes"][0]["reason"], "客户来函");
  EXPECT_EQ(Json({"change", "list", "--state", "rejected"})["changes"].size(), 1u);
  EXPECT_EQ(Json({"change", "list"})["changes"].size(), 3u);
  EXPECT_EQ(Run({"change", "list", "--state", "maybe"}).exit_code, 2);
}

TEST_F(ChangeE2eTest, RefileMovesTheOriginalAndTheIndexFollows) {
  // Moving a filed document is a change, not `file`.
  EXPECT_EQ(As("chen", {"file", contract_id_, "KH-2018-0006"}).exit_code, 2);
  std::string id = Propose("chen", {"refile", contract_id_, "KH-2018-0006", "--reason", "归档错误"});
  JsonAs("wang", {"change", "approve", id});
  nlohmann::json doc = Json({"show", contract_id_});
  EXPECT_EQ(doc["archive_no"], "KH-2018-0006");
  EXPECT_EQ(doc["state"], "indexed");
  EXPECT_TRUE(fs::exists(home() / doc["stored_path"].get<std::string>()));
  ASSERT_EQ(doc["changes"].size(), 1u);
  EXPECT_EQ(doc["changes"][0]["kind"], "refile");
  EXPECT_EQ(doc["changes"][0]["before"]["archive_no"], kOld);
  EXPECT_EQ(Json({"search", "archive:KH-2018-0006 采购"})["total"], 1);
  EXPECT_EQ(Json({"search", std::string("archive:") + kOld})["total"], 1);
  EXPECT_EQ(Json({"clients", "history", kOld})["changes"].size(), 1u);
  EXPECT_NE(Run({"show", contract_id_}).out.find("refile"), std::string::npos);
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

TEST_F(ChangeE2eTest, RaisingALevelHidesTheDocumentFromALowClearanceSearch) {
  EXPECT_EQ(JsonAs("lin", {"search", "离心水泵"})["total"], 1);
  // chen (internal) may not classify past his own clearance.
  EXPECT_EQ(As("chen", {"change", "propose", "level", contract_id_, "secret", "--reason", "x"})
                .exit_code, 77);
  Json({"user", "set", "chen", "--clearance", "confidential"});
  Json({"user", "set", "wang", "--clearance", "confidential"});
  std::string id = Propose("chen", {"level", contract_id_, "confidential", "--reason", "涉及报价"});
  JsonAs("wang", {"change", "approve", id});
  EXPECT_EQ(JsonAs("lin", {"search", "离心水泵"})["total"], 0);
  EXPECT_EQ(Json({"search", "离心水泵"})["total"], 1);
  EXPECT_EQ(Json({"show", contract_id_})["changes"][0]["after"]["level"], "confidential");
  // A whole archive's level, and a field correction the index follows.
  std::string archive = Propose("chen", {"level", "KH-2019-0042", "confidential", "--reason", "客户要求"});
  JsonAs("wang", {"change", "approve", archive});
  EXPECT_EQ(JsonAs("lin", {"search", "补充协议"})["total"], 0);
  std::string fields = Propose("chen", {"fields", contract_id_, "--set", "contract_no=HT-2023-0099",
                                        "--set", "date=2023-03-16", "--reason", "OCR 误读"});
  JsonAs("wang", {"change", "approve", fields});
  EXPECT_EQ(Json({"show", contract_id_})["fields"]["contract_no"], "HT-2023-0099");
  EXPECT_EQ(Json({"search", "contract:HT-2023-0099"})["total"], 1);
  EXPECT_EQ(Json({"search", "contract:HT-2023-0017"})["total"], 0);
  EXPECT_EQ(JsonAs("lin", {"change", "list"}, {77}).contains("error"), true);
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

// kill -9 at each step of an approved renumber, then the next writer start:
// the archive is wholly renumbered (the approval was recorded before the
// first move), every original is there once, the index follows, verify ok.
class RenumberCrashE2eTest : public ChangeE2eTest,
                             public ::testing::WithParamInterface<const char*> {};

TEST_P(RenumberCrashE2eTest, KilledMidRenumberEndsWhollyRenumbered) {
  std::string id = Propose("chen", {"renumber", kOld, kNew, "--reason", "集团统一编号"});
  RunResult crashed = As("wang", {"change", "approve", id}, {{"DANGAN_CRASH_AT", GetParam()}});
  ASSERT_EQ(crashed.exit_code, -9) << "the crash point was not reached: " << crashed.err;
  fs::create_directories(dir_.path() / "empty");
  RunResult next = Run({"--json", "ingest", (dir_.path() / "empty").string()});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  nlohmann::json changes = Json({"change", "list"})["changes"];
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["state"], "approved") << changes.dump();
  EXPECT_FALSE(fs::exists(home() / "store" / kOld));
  ExpectDocumentsUnder(kNew);
  EXPECT_EQ(Json({"locate", kOld})["matches"][0]["renumbered"]["to"], kNew);
  EXPECT_EQ(LogRows("change_approve").size(), 1u);
  EXPECT_EQ(Json({"log", "verify"}).value("ok", true), true);
}

INSTANTIATE_TEST_SUITE_P(EveryStep, RenumberCrashE2eTest,
                         ::testing::Values("renumber.after_intent", "renumber.after_rename",
                                           "renumber.after_commit", "index.after_commit"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

// A refile killed after its move and before its commit is not approved: the
// original goes back, the change stays pending and can be approved again.
TEST_F(ChangeE2eTest, RefileKilledBeforeItsCommitLeavesTheOldState) {
  std::string id = Propose("chen", {"refile", contract_id_, "KH-2018-0006", "--reason", "归档错误"});
  RunResult crashed = As("wang", {"change", "approve", id}, {{"DANGAN_CRASH_AT", "refile.after_rename"}});
  ASSERT_EQ(crashed.exit_code, -9) << crashed.err;
  fs::create_directories(dir_.path() / "empty");
  ASSERT_EQ(Run({"ingest", (dir_.path() / "empty").string()}).exit_code, 0);
  EXPECT_EQ(Json({"show", contract_id_})["archive_no"], kOld);
  EXPECT_EQ(Json({"verify"})["ok"], true);
  EXPECT_EQ(Json({"change", "list"})["changes"][0]["state"], "pending");
  JsonAs("wang", {"change", "approve", id});
  EXPECT_EQ(Json({"show", contract_id_})["archive_no"], "KH-2018-0006");
  EXPECT_EQ(StoreFiles().size(), 2u);
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

}  // namespace
}  // namespace dangan::testing
