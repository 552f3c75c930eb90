// End to end: users, clearance and visibility, opening and denial, and the
// access log (RECORDS §1, §2, §4) on the real binary.
#include "e2e_fixture.h"
#include "support/sqlite_util.h"

namespace dangan::testing {
namespace {

constexpr const char* kSecretArchive = "KH-2020-0077";

class RecordsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    // A confidential archive: its client row carries the optional level column.
    std::string csv =
        "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,retention,"
        "opened,level\n"
        "KH-2020-0077,机要档案客户,,C00077,individual,,杭州,0571,A,long,2020-02-02,confidential\n";
    WriteBytes(dir_.path() / "secret.csv", csv);
    RunResult imp = Run({"--json", "clients", "import", (dir_.path() / "secret.csv").string()});
    ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
    Pdf("KH-2019-0042/采购合同.pdf", {ContractSimplified()});
    Pdf(std::string(kSecretArchive) + "/机要合同.pdf",
        {"机要合同\n合同编号：HT-2020-0770\n签订日期：2020年2月2日\n甲方委托乙方保管涉密图纸。"});
    RunResult r = Run({"--json", "ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    Json({"user", "add", "lin", "--role", "staff", "--display", "林"});
    Json({"user", "add", "zhou", "--role", "staff", "--clearance", "confidential"});
    for (const auto& d : List()) {
      if (d["archive_no"] == kSecretArchive) secret_id_ = d["id"];
      if (d["archive_no"] == "KH-2019-0042") internal_id_ = d["id"];
    }
    ASSERT_GT(secret_id_, 0);
    ASSERT_GT(internal_id_, 0);
  }

  std::vector<nlohmann::json> ListAs(const std::string& user) {
    RunResult r = As(user, {"--json", "list"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<nlohmann::json> docs;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) docs.push_back(nlohmann::json::parse(line, nullptr, false));
    return docs;
  }
  nlohmann::json LogRows(const std::vector<std::string>& filter) {
    std::vector<std::string> args = {"log"};
    args.insert(args.end(), filter.begin(), filter.end());
    return Json(args)["rows"];
  }

  int64_t secret_id_ = 0;
  int64_t internal_id_ = 0;
};

TEST_F(RecordsE2eTest, ConfidentialArchiveIsInvisibleBelowItsLevel) {
  nlohmann::json low = JsonAs("lin", {"search", "合同"});
  nlohmann::json high = JsonAs("zhou", {"search", "合同"});
  nlohmann::json admin = Json({"search", "合同"});
  EXPECT_EQ(low["total"].get<int>() + 1, high["total"].get<int>()) << low.dump() << high.dump();
  EXPECT_EQ(high["total"], admin["total"]);
  for (const auto& h : low["hits"]) EXPECT_NE(h["archive_no"], kSecretArchive) << h.dump();
  EXPECT_FALSE(low["facets"]["client"].contains("机要档案客户")) << low["facets"].dump();
  EXPECT_TRUE(high["facets"]["client"].contains("机要档案客户")) << high["facets"].dump();
  // A query that only the confidential document matches.
  EXPECT_EQ(JsonAs("lin", {"search", "涉密图纸"})["total"], 0);
  EXPECT_EQ(JsonAs("zhou", {"search", "涉密图纸"})["total"], 1);

  auto has_secret = [&](const std::vector<nlohmann::json>& docs) {
    for (const auto& d : docs)
      if (d["id"] == secret_id_) return true;
    return false;
  };
  EXPECT_FALSE(has_secret(ListAs("lin")));
  EXPECT_TRUE(has_secret(ListAs("zhou")));
  EXPECT_EQ(ListAs("lin").size() + 1, ListAs("zhou").size());
  // Every search is registered with its query text.
  nlohmann::json rows = LogRows({"--user", "lin", "--action", "search"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["detail"]["query"], "合同");
}

TEST_F(RecordsE2eTest, StaffOpensAnInternalDocumentAndTheOpeningIsLogged) {
  RunResult r = As("lin", {"show", "--text", std::to_string(internal_id_)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("采购合同"), std::string::npos);
  nlohmann::json rows = LogRows({"--action", "open"});
  ASSERT_EQ(rows.size(), 1u) << rows.dump();
  EXPECT_EQ(rows[0]["user"], "lin");
  EXPECT_EQ(rows[0]["target"], "doc:" + std::to_string(internal_id_));
  EXPECT_EQ(rows[0]["detail"]["level"], "internal");
  for (const char* key : {"seq", "at", "user", "action", "target", "detail", "hash"})
    EXPECT_TRUE(rows[0].contains(key)) << key;
  EXPECT_EQ(rows[0].size(), 7u) << rows[0].dump();
  EXPECT_EQ(LogRows({"--doc", std::to_string(internal_id_)}).size(), 1u);
}

TEST_F(RecordsE2eTest, OpeningConfidentialContentIsDeniedWithoutAGrant) {
  // zhou is cleared for it, but opening needs an approved request (RECORDS §2).
  RunResult r = As("zhou", {"--json", "show", "--text", std::to_string(secret_id_)});
  EXPECT_EQ(r.exit_code, 77) << r.out << r.err;
  nlohmann::json j = r.Json();
  EXPECT_EQ(j["error"]["code"], "denied") << r.out;
  EXPECT_NE(j["error"]["message"].get<std::string>().find("approved access request"),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("涉密图纸"), std::string::npos);
  // Its metadata zhou may see; lin (internal) may not even see that.
  EXPECT_EQ(As("zhou", {"show", std::to_string(secret_id_)}).exit_code, 0);
  EXPECT_EQ(As("lin", {"show", std::to_string(secret_id_)}).exit_code, 77);
  nlohmann::json denied = LogRows({"--action", "denied"});
  ASSERT_EQ(denied.size(), 2u) << denied.dump();
  EXPECT_EQ(denied[0]["user"], "zhou");
  EXPECT_EQ(denied[0]["target"], "doc:" + std::to_string(secret_id_));
  EXPECT_EQ(denied[0]["detail"]["action"], "show_text");
  EXPECT_EQ(denied[1]["user"], "lin");
  EXPECT_EQ(LogRows({"--archive", kSecretArchive}).size(), 2u);
  EXPECT_TRUE(LogRows({"--action", "open"}).empty());
}

TEST_F(RecordsE2eTest, RolesAreEnforcedAndUnknownOrDisabledUsersDenied) {
  RunResult ingest = As("lin", {"--json", "ingest", drop().string()});
  EXPECT_EQ(ingest.exit_code, 77) << ingest.out << ingest.err;
  EXPECT_EQ(ingest.Json()["error"]["code"], "denied");
  EXPECT_EQ(As("lin", {"user", "list"}).exit_code, 77);
  EXPECT_EQ(As("lin", {"log"}).exit_code, 77);
  EXPECT_EQ(As("ghost", {"search", "合同"}).exit_code, 77);
  EXPECT_EQ(Run({"search", "合同"}, {{"DANGAN_USER", "ghost"}}).exit_code, 77);
  EXPECT_EQ(Run({"search", "合同"}, {{"DANGAN_USER", "lin"}}).exit_code, 0);
  Json({"user", "set", "lin", "--disabled"});
  EXPECT_EQ(As("lin", {"search", "合同"}).exit_code, 77);
  Json({"user", "set", "lin", "--enabled", "--role", "staff,auditor"});
  EXPECT_EQ(As("lin", {"log", "verify"}).exit_code, 0);
  nlohmann::json users = Json({"user", "list"})["users"];
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0]["name"], "admin");
  EXPECT_EQ(users[0]["clearance"], "secret");
  EXPECT_EQ(LogRows({"--action", "user_set"}).size(), 2u);
  // `init` again keeps admin as it was and adds nobody.
  EXPECT_EQ(Run({"init"}).exit_code, 0);
  EXPECT_EQ(Json({"user", "list"})["users"].size(), 3u);
}

TEST_F(RecordsE2eTest, LocateTellsTheLevelButNotTheContent) {
  nlohmann::json low = JsonAs("lin", {"locate", kSecretArchive});
  ASSERT_EQ(low["matches"].size(), 1u) << low.dump();
  const nlohmann::json& m = low["matches"][0];
  EXPECT_EQ(m["level"], "confidential");
  EXPECT_TRUE(m["client"].is_null());
  EXPECT_TRUE(m["documents"].empty());
  ASSERT_EQ(m["hidden_documents"].size(), 1u);
  EXPECT_EQ(low.dump().find("机要"), std::string::npos) << low.dump();
  nlohmann::json high = JsonAs("zhou", {"locate", kSecretArchive});
  EXPECT_EQ(high["matches"][0]["documents"].size(), 1u);
  EXPECT_EQ(LogRows({"--action", "locate"}).size(), 2u);
}

TEST_F(RecordsE2eTest, LogVerifyNamesAnEditedRow) {
  As("lin", {"search", "合同"});
  As("lin", {"show", "--text", std::to_string(internal_id_)});
  As("lin", {"search", "发票"});
  RunResult ok = Run({"log", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  nlohmann::json open = LogRows({"--action", "open"});
  ASSERT_EQ(open.size(), 1u);
  int64_t seq = open[0]["seq"];
  ASSERT_EQ(SqliteExec(home() / "catalog.sqlite",
                       "UPDATE access_log SET user = 'nobody' WHERE seq = " + std::to_string(seq)),
            "");
  RunResult bad = Run({"log", "verify"});
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("row " + std::to_string(seq)), std::string::npos) << bad.out;
  nlohmann::json j = Json({"log", "verify"}, {1});
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["broken"]["seq"], seq);
  nlohmann::json v = Json({"verify"}, {1});
  bool named = false;
  for (const auto& p : v["problems"]) named |= p["kind"] == "log_chain";
  EXPECT_TRUE(named) << v.dump();
}

TEST_F(RecordsE2eTest, LogListsAsCsvAndByTime) {
  As("lin", {"search", "合同"});
  RunResult csv = Run({"log", "--csv", "--action", "search"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("seq,at,user,action,target,detail,hash\n", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find(",lin,search,"), std::string::npos) << csv.out;
  EXPECT_TRUE(LogRows({"--since", "2999-01-01T00:00:00Z"}).empty());
  EXPECT_FALSE(LogRows({"--until", "2999-01-01T00:00:00Z"}).empty());
  // One row for the ingest run, with its counts.
  nlohmann::json ingest = LogRows({"--action", "ingest"});
  ASSERT_EQ(ingest.size(), 1u);
  EXPECT_EQ(ingest[0]["detail"]["stored"], 2);
}

TEST_F(RecordsE2eTest, FilingAnUnfiledDocumentIsAnArchivistsActAndLogged) {
  Pdf("later/无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  ASSERT_EQ(Run({"ingest", (drop() / "later").string()}).exit_code, 0);
  nlohmann::json unfiled = Json({"unfiled"})["documents"];
  ASSERT_EQ(unfiled.size(), 1u);
  const std::string id = std::to_string(unfiled[0]["id"].get<int64_t>());
  Json({"user", "add", "chen", "--role", "archivist"});
  EXPECT_EQ(As("lin", {"file", id, "KH-2019-0042"}).exit_code, 77);
  // chen (internal) may not file it into the confidential archive either.
  EXPECT_EQ(As("chen", {"file", id, kSecretArchive}).exit_code, 77);
  RunResult ok = As("chen", {"file", id, "KH-2019-0042"});
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  nlohmann::json rows = LogRows({"--action", "file"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["user"], "chen");
  EXPECT_EQ(rows[0]["target"], "doc:" + id);
  EXPECT_EQ(rows[0]["detail"]["archive_no"], "KH-2019-0042");
  EXPECT_EQ(LogRows({"--action", "denied", "--user", "chen"}).size(), 1u);
  EXPECT_EQ(LogRows({"--action", "ingest"}).size(), 2u);
}

}  // namespace
}  // namespace dangan::testing
