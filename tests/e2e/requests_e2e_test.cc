// End to end: access requests and grants (RECORDS §2, §3) and the audit
// report (§8) on the real binary: a confidential document opens only under
// an approved, unexpired, unreturned grant, and every step is in the log.
#include <cstdio>

#include "core/clock.h"
#include "e2e_fixture.h"
#include "support/sqlite_util.h"

namespace dangan::testing {
namespace {

constexpr const char* kSecretArchive = "KH-2020-0077";

class RequestsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    std::string csv =
        "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,retention,"
        "opened,level\n"
        "KH-2020-0077,机要档案客户,,C00077,individual,,杭州,0571,A,long,2020-02-02,confidential\n";
    WriteBytes(dir_.path() / "secret.csv", csv);
    ASSERT_EQ(Run({"clients", "import", (dir_.path() / "secret.csv").string()}).exit_code, 0);
    Pdf("KH-2019-0042/采购合同.pdf", {ContractSimplified()});
    Pdf(std::string(kSecretArchive) + "/机要合同.pdf",
        {"机要合同\n合同编号：HT-2020-0770\n签订日期：2020年2月2日\n甲方委托乙方保管涉密图纸。"});
    RunResult r = Run({"ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    Json({"user", "add", "zhou", "--role", "staff", "--clearance", "confidential"});
    Json({"user", "add", "lin", "--role", "staff"});
    Json({"user", "add", "wang", "--role", "approver"});
    Json({"user", "add", "li", "--role", "staff,approver", "--clearance", "confidential"});
    Json({"user", "add", "chen", "--role", "archivist"});
    Json({"user", "add", "shen", "--role", "auditor"});
    for (const auto& d : List()) {
      if (d["archive_no"] == kSecretArchive) secret_ = std::to_string(d["id"].get<int64_t>());
      if (d["archive_no"] == "KH-2019-0042") internal_ = std::to_string(d["id"].get<int64_t>());
    }
    ASSERT_FALSE(secret_.empty());
    ASSERT_FALSE(internal_.empty());
  }

  // A request's id from `request open --json`.
  std::string OpenRequest(const std::string& user, const std::vector<std::string>& what) {
    std::vector<std::string> args = {"request", "open"};
    args.insert(args.end(), what.begin(), what.end());
    nlohmann::json j = JsonAs(user, args);
    EXPECT_EQ(j["state"], "pending") << j.dump();
    return j.contains("id") ? std::to_string(j["id"].get<int64_t>()) : "0";
  }
  int ShowText(const std::string& user, const std::string& doc) {
    return As(user, {"show", "--text", doc}).exit_code;
  }
  nlohmann::json LogRows(const std::vector<std::string>& filter) {
    std::vector<std::string> args = {"log"};
    args.insert(args.end(), filter.begin(), filter.end());
    return Json(args)["rows"];
  }
  std::filesystem::path db() const { return home() / "catalog.sqlite"; }

  std::string secret_;
  std::string internal_;
};

TEST_F(RequestsE2eTest, AConfidentialDocumentOpensOnlyWhileAnApprovedGrantRuns) {
  EXPECT_EQ(ShowText("zhou", secret_), 77);  // cleared, but no grant
  nlohmann::json req = JsonAs("zhou", {"request", "open", "--doc", secret_, "--purpose",
                                       "核对保管协议"});
  EXPECT_EQ(req["state"], "pending");
  EXPECT_EQ(req["requester"], "zhou");
  EXPECT_EQ(req["target"], nlohmann::json({{"doc", std::stoll(secret_)}}));
  EXPECT_EQ(req["days"], 7);  // access.default_days
  EXPECT_TRUE(req["expires_at"].is_null());
  for (const char* key : {"id", "requester", "target", "purpose", "state", "days", "decided_by",
                          "decided_at", "reason", "expires_at", "created_at"})
    EXPECT_TRUE(req.contains(key)) << key;
  const std::string id = std::to_string(req["id"].get<int64_t>());
  EXPECT_EQ(ShowText("zhou", secret_), 77);  // pending grants nothing

  // zhou may not approve (no role); lin may not return what is not hers.
  EXPECT_EQ(As("zhou", {"request", "approve", id}).exit_code, 77);
  nlohmann::json ok = JsonAs("wang", {"request", "approve", id});
  EXPECT_EQ(ok["state"], "approved");
  EXPECT_EQ(ok["decided_by"], "wang");
  auto decided = ParseUtc(ok["decided_at"].get<std::string>());
  auto expires = ParseUtc(ok["expires_at"].get<std::string>());
  ASSERT_TRUE(decided && expires) << ok.dump();
  EXPECT_EQ(*expires - *decided, 7 * 86400);

  RunResult text = As("zhou", {"show", "--text", secret_});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("涉密图纸"), std::string::npos);
  EXPECT_EQ(ShowText("li", secret_), 77);  // the grant is zhou's alone

  RunResult again = As("wang", {"--json", "request", "approve", id});
  EXPECT_EQ(again.exit_code, 1) << again.out;
  EXPECT_EQ(again.Json()["error"]["code"], "conflict");
  EXPECT_NE(again.Json()["error"]["message"].get<std::string>().find("approved"),
            std::string::npos);
  EXPECT_EQ(As("lin", {"request", "return", id}).exit_code, 77);
  nlohmann::json back = JsonAs("zhou", {"request", "return", id});
  EXPECT_EQ(back["state"], "returned");
  EXPECT_EQ(back["returned_by"], "zhou");
  EXPECT_EQ(ShowText("zhou", secret_), 77);
  EXPECT_EQ(As("zhou", {"request", "return", id}).exit_code, 1);

  // The register holds every step, under the document.
  nlohmann::json rows = LogRows({"--doc", secret_});
  // Denials (zhou's own attempts, li's opening, lin's return) are between.
  std::vector<std::string> steps;
  for (const auto& r : rows)
    if (r["action"] != "denied") steps.push_back(r["action"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"request_open", "request_approve", "open",
                                              "request_return"}))
      << rows.dump();
  EXPECT_EQ(LogRows({"--action", "denied", "--doc", secret_}).size(), 6u) << rows.dump();
  nlohmann::json open = LogRows({"--action", "open"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["detail"]["request"], std::stoll(id));
  EXPECT_EQ(open[0]["detail"]["level"], "confidential");
  nlohmann::json approve = LogRows({"--action", "request_approve"});
  ASSERT_EQ(approve.size(), 1u);
  EXPECT_EQ(approve[0]["user"], "wang");
  EXPECT_EQ(approve[0]["detail"]["requester"], "zhou");
  EXPECT_EQ(approve[0]["detail"]["archive_no"], kSecretArchive);
  EXPECT_EQ(LogRows({"--action", "request_return"})[0]["user"], "zhou");
  EXPECT_EQ(LogRows({"--archive", kSecretArchive, "--action", "request_open"}).size(), 1u);
  EXPECT_EQ(Run({"log", "verify"}).exit_code, 0);
}

TEST_F(RequestsE2eTest, NobodyApprovesTheirOwnRequest) {
  std::string id = OpenRequest("li", {"--doc", secret_, "--purpose", "自查"});
  RunResult own = As("li", {"--json", "request", "approve", id});
  EXPECT_EQ(own.exit_code, 77) << own.out;
  EXPECT_NE(own.Json()["error"]["message"].get<std::string>().find("separation of duties"),
            std::string::npos) << own.out;
  EXPECT_EQ(As("li", {"request", "reject", id, "--reason", "x"}).exit_code, 77);
  nlohmann::json denied = LogRows({"--action", "denied", "--user", "li"});
  ASSERT_EQ(denied.size(), 2u) << denied.dump();
  EXPECT_EQ(denied[0]["detail"]["action"], "approve");
  EXPECT_EQ(JsonAs("wang", {"request", "approve", id})["state"], "approved");
  EXPECT_EQ(ShowText("li", secret_), 0);
}

TEST_F(RequestsE2eTest, AGrantStopsByItselfWhenItExpires) {
  std::string id = OpenRequest("zhou", {"--doc", secret_, "--purpose", "复核", "--days", "3"});
  nlohmann::json ok = JsonAs("wang", {"request", "approve", id, "--days", "1"});
  EXPECT_EQ(ok["days"], 1);
  auto decided = ParseUtc(ok["decided_at"].get<std::string>());
  auto expires = ParseUtc(ok["expires_at"].get<std::string>());
  ASSERT_TRUE(decided && expires) << ok.dump();
  EXPECT_EQ(*expires - *decided, 86400);
  EXPECT_EQ(ShowText("zhou", secret_), 0);
  // Two days on: the same row, its times moved back as a clock would move on.
  ASSERT_EQ(SqliteExec(db(), "UPDATE requests SET decided_at = '2026-01-01T08:00:00Z', "
                             "expires_at = '2026-01-02T08:00:00Z' WHERE id = " + id),
            "");
  EXPECT_EQ(ShowText("zhou", secret_), 77);
  nlohmann::json expired = JsonAs("zhou", {"request", "list", "--state", "expired"});
  ASSERT_EQ(expired["requests"].size(), 1u) << expired.dump();
  EXPECT_EQ(expired["requests"][0]["state"], "expired");
  EXPECT_TRUE(JsonAs("zhou", {"request", "list", "--state", "approved"})["requests"].empty());
  RunResult late = As("zhou", {"--json", "request", "return", id});
  EXPECT_EQ(late.exit_code, 1) << late.out;
  EXPECT_NE(late.out.find("expired"), std::string::npos) << late.out;
  EXPECT_EQ(As("wang", {"request", "approve", id}).exit_code, 1);
}

TEST_F(RequestsE2eTest, AnArchiveGrantCoversItsDocumentsAndAnArchivistRegistersTheReturn) {
  std::string id = OpenRequest("zhou", {"--archive", "kh-2020-0077", "--purpose", "年度检查"});
  RunResult listed = As("wang", {"request", "list", "--state", "pending", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  nlohmann::json list = listed.Json();
  ASSERT_EQ(list["requests"].size(), 1u);
  EXPECT_EQ(list["requests"][0]["target"], nlohmann::json({{"archive", kSecretArchive}}));
  JsonAs("wang", {"request", "approve", id});
  EXPECT_EQ(ShowText("zhou", secret_), 0);
  nlohmann::json back = JsonAs("chen", {"request", "return", id});
  EXPECT_EQ(back["state"], "returned");
  EXPECT_EQ(back["returned_by"], "chen");
  EXPECT_EQ(ShowText("zhou", secret_), 77);
  EXPECT_EQ(LogRows({"--action", "request_return"})[0]["user"], "chen");
}

TEST_F(RequestsE2eTest, RequestsAreCheckedListedAndRejected) {
  // lin (internal) may not even ask for confidential material.
  RunResult above = As("lin", {"--json", "request", "open", "--doc", secret_, "--purpose", "x"});
  EXPECT_EQ(above.exit_code, 77) << above.out;
  EXPECT_NE(above.out.find("cleared for internal"), std::string::npos) << above.out;
  EXPECT_EQ(LogRows({"--action", "denied", "--user", "lin"}).size(), 1u);
  // Usage errors.
  EXPECT_EQ(As("lin", {"request", "open", "--purpose", "x"}).exit_code, 2);
  EXPECT_EQ(As("lin", {"request", "open", "--doc", internal_, "--archive", "KH-2019-0042",
                       "--purpose", "x"}).exit_code, 2);
  EXPECT_EQ(As("lin", {"request", "open", "--doc", internal_}).exit_code, 2);
  EXPECT_EQ(As("lin", {"request", "open", "--doc", internal_, "--purpose", "x", "--days", "0"})
                .exit_code, 2);
  EXPECT_EQ(As("lin", {"request", "open", "--archive", "KH-1999-0001", "--purpose", "x"})
                .exit_code, 66);
  EXPECT_EQ(As("lin", {"request", "list", "--state", "lost"}).exit_code, 2);
  EXPECT_EQ(As("wang", {"request", "approve", "999"}).exit_code, 66);

  std::string mine = OpenRequest("lin", {"--archive", "KH-2019-0042", "--purpose", "查合同"});
  std::string theirs = OpenRequest("zhou", {"--doc", internal_, "--purpose", "查合同"});
  EXPECT_EQ(As("wang", {"request", "reject", mine}).exit_code, 2);  // --reason is required
  nlohmann::json no = JsonAs("wang", {"request", "reject", mine, "--reason", "用途不明"});
  EXPECT_EQ(no["state"], "rejected");
  EXPECT_EQ(no["reason"], "用途不明");
  EXPECT_EQ(As("lin", {"request", "return", mine}).exit_code, 1);  // nothing to return

  nlohmann::json lins = JsonAs("lin", {"request", "list"});  // staff: their own only
  ASSERT_EQ(lins["requests"].size(), 1u);
  EXPECT_EQ(lins["requests"][0]["id"], std::stoll(mine));
  EXPECT_EQ(JsonAs("wang", {"request", "list"})["requests"].size(), 2u);
  EXPECT_EQ(JsonAs("shen", {"request", "list"})["requests"].size(), 2u);
  EXPECT_EQ(JsonAs("zhou", {"request", "list", "--mine"})["requests"][0]["id"],
            std::stoll(theirs));
  EXPECT_EQ(JsonAs("wang", {"request", "list", "--state", "rejected"})["requests"].size(), 1u);
  RunResult human = As("wang", {"request", "list"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("rejected"), std::string::npos) << human.out;
  EXPECT_EQ(LogRows({"--action", "request_reject"})[0]["detail"]["reason"], "用途不明");
}

TEST_F(RequestsE2eTest, TheAuditReportCountsWhatHappened) {
  const size_t documents = List().size();
  // One grant used and returned, one left to expire, one pending, one rejected.
  std::string used = OpenRequest("zhou", {"--doc", secret_, "--purpose", "a"});
  JsonAs("wang", {"request", "approve", used});
  ASSERT_EQ(ShowText("zhou", secret_), 0);
  ASSERT_EQ(ShowText("zhou", secret_), 0);
  JsonAs("zhou", {"request", "return", used});
  std::string late = OpenRequest("li", {"--doc", secret_, "--purpose", "b"});
  JsonAs("wang", {"request", "approve", late});
  ASSERT_EQ(SqliteExec(db(), "UPDATE requests SET expires_at = '2026-01-02T08:00:00Z' WHERE id = " +
                                 late),
            "");
  OpenRequest("zhou", {"--archive", kSecretArchive, "--purpose", "c"});
  std::string no = OpenRequest("lin", {"--doc", internal_, "--purpose", "d"});
  JsonAs("wang", {"request", "reject", no, "--reason", "r"});
  ASSERT_EQ(ShowText("lin", internal_), 0);
  ASSERT_EQ(ShowText("lin", secret_), 77);

  EXPECT_EQ(As("lin", {"audit", "report"}).exit_code, 77);
  EXPECT_EQ(As("wang", {"audit", "report"}).exit_code, 77);
  EXPECT_EQ(As("shen", {"audit", "report", "--from", "2026-13-01"}).exit_code, 2);
  const std::string pdf = (dir_.path() / "audit.pdf").string();
  nlohmann::json a = JsonAs("shen", {"audit", "report", "--pdf", pdf});
  EXPECT_EQ(a["generated_by"], "shen");
  EXPECT_TRUE(a["period"]["from"].is_null());
  EXPECT_EQ(a["documents"]["ingested"], documents);
  EXPECT_EQ(a["documents"]["unfiled"], 0);
  EXPECT_EQ(a["documents"]["quarantined"], 0);
  EXPECT_EQ(a["requests"]["opened"], 4);
  EXPECT_EQ(a["requests"]["by_state"],
            nlohmann::json({{"pending", 1}, {"approved", 0}, {"rejected", 1}, {"returned", 1},
                            {"expired", 1}}));
  ASSERT_EQ(a["requests"]["overdue"].size(), 1u);
  EXPECT_EQ(a["requests"]["overdue"][0]["id"], std::stoll(late));
  EXPECT_EQ(a["requests"]["overdue"][0]["requester"], "li");
  EXPECT_EQ(a["openings"]["total"], 3);
  EXPECT_EQ(a["openings"]["by_user"],
            nlohmann::json::parse(R"([{"user":"lin","level":"internal","count":1},
                                      {"user":"zhou","level":"confidential","count":2}])"));
  // lin's opening of the secret document, and lin's and wang's report attempts.
  EXPECT_EQ(a["denials"]["total"], 3);
  EXPECT_EQ(a["changes"]["total"], 0);
  EXPECT_EQ(a["destructions"]["documents_destroyed"], 0);
  EXPECT_EQ(a["verify"]["ok"], true) << a["verify"].dump();
  EXPECT_EQ(a["log_verify"]["ok"], true);
  EXPECT_GT(a["log_verify"]["rows"].get<int>(), 10);
  EXPECT_TRUE(a["backup"]["last_at"].is_null());

  // RECORDS §8 writes --json after the command: it works there too.
  RunResult trailing = As("shen", {"audit", "report", "--json"});
  ASSERT_EQ(trailing.exit_code, 0) << trailing.err;
  EXPECT_EQ(trailing.Json()["requests"]["opened"], 4) << trailing.out;

  // A period before all of it counts nothing; the report itself is logged.
  nlohmann::json past = JsonAs("shen", {"audit", "report", "--from", "2020-01-01", "--to",
                                        "2020-12-31"});
  EXPECT_EQ(past["period"]["to"], "2020-12-31T23:59:59Z");
  EXPECT_EQ(past["documents"]["ingested"], 0);
  EXPECT_EQ(past["requests"]["opened"], 0);
  EXPECT_EQ(past["openings"]["total"], 0);
  EXPECT_EQ(LogRows({"--action", "audit_report"}).size(), 3u);

  // The printable report.
  std::string cmd = "pdftotext -enc UTF-8 '" + pdf + "' -";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
  ASSERT_EQ(::pclose(p), 0) << "pdftotext failed on " << pdf;
  EXPECT_NE(text.find("档案检查报告"), std::string::npos) << text;
  EXPECT_NE(text.find("Audit report"), std::string::npos) << text;
  EXPECT_NE(text.find("部门负责人"), std::string::npos) << text;

  // A tampered log shows in the report; the report is still made.
  ASSERT_EQ(SqliteExec(db(), "UPDATE access_log SET user = 'nobody' WHERE seq = 3"), "");
  nlohmann::json bad = JsonAs("shen", {"audit", "report"});
  EXPECT_EQ(bad["log_verify"]["ok"], false);
  EXPECT_EQ(bad["log_verify"]["broken"]["seq"], 3);
  EXPECT_EQ(bad["verify"]["ok"], false);
}

}  // namespace
}  // namespace dangan::testing
