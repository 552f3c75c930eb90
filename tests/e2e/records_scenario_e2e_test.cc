// End to end: RECORDS.md's whole scenario on the real binary, in the order a
// department lives it — users, a classified archive, a borrowing request
// approved and returned, a renumber, a hold and a two-approver destruction,
// backup, damage, verify and restore — and the access log showing every step.
#include "e2e_fixture.h"
#include "support/sqlite_util.h"

namespace dangan::testing {
namespace {

class RecordsScenarioTest : public E2eTest {
 protected:
  int64_t IdOf(const std::string& archive_no) {
    for (const auto& d : List())
      if (d["archive_no"] == archive_no) return d["id"];
    return 0;
  }
  size_t LogCount(const std::string& action) {
    return Json({"log", "--action", action})["rows"].size();
  }
};

TEST_F(RecordsScenarioTest, TheDepartmentsRulesEndToEnd) {
  // §1 users: an archivist, staff at two clearances, two approvers, an auditor.
  Json({"user", "add", "chen", "--role", "archivist", "--clearance", "secret"});
  Json({"user", "add", "lin", "--role", "staff"});
  Json({"user", "add", "zhou", "--role", "staff", "--clearance", "confidential"});
  Json({"user", "add", "wang", "--role", "approver", "--clearance", "secret"});
  Json({"user", "add", "zhao", "--role", "approver", "--clearance", "secret"});
  Json({"user", "add", "sun", "--role", "auditor", "--clearance", "secret"});

  // §2 a classified archive, invisible below its level.
  WriteBytes(dir_.path() / "secret.csv",
             "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,"
             "retention,opened,level\n"
             "KH-2020-0077,机要档案客户,,C00077,individual,,杭州,0571,A,short,2020-02-02,"
             "confidential\n");
  Json({"clients", "import", (dir_.path() / "secret.csv").string()});
  Pdf("KH-2019-0042/采购合同.pdf", {ContractSimplified()});
  Pdf("KH-2020-0077/机要合同.pdf",
      {"机要合同\n合同编号：HT-2001-0770\n签订日期：2001年2月2日\n甲方委托乙方保管涉密图纸。"});
  Pdf("KH-2020-0077/保管协议.pdf",
      {"保管协议\n合同编号：HT-2001-0771\n签订日期：2001年3月3日\n双方约定图纸保管期限。"});
  ASSERT_EQ(JsonAs("chen", {"ingest", drop().string()})["stored"], 3);
  EXPECT_EQ(JsonAs("lin", {"search", "涉密图纸"})["total"], 0);
  EXPECT_EQ(JsonAs("zhou", {"search", "涉密图纸"})["total"], 1);
  int64_t secret_doc = 0;
  for (const auto& d : List())
    if (d["title"].get<std::string>().find("机要") != std::string::npos) secret_doc = d["id"];
  ASSERT_GT(secret_doc, 0);
  const std::string doc = std::to_string(secret_doc);

  // §3 a borrowing request: denied before approval, approved by another
  // user, opened, returned; the requester cannot approve it.
  EXPECT_EQ(As("zhou", {"show", "--text", doc}).exit_code, 77);
  nlohmann::json req = JsonAs("zhou", {"request", "open", "--doc", doc, "--purpose", "审计核对",
                                   "--days", "3"});
  EXPECT_EQ(req["state"], "pending");
  const std::string rid = std::to_string(req["id"].get<int64_t>());
  EXPECT_EQ(As("zhou", {"request", "approve", rid}).exit_code, 77);
  nlohmann::json approved = JsonAs("wang", {"request", "approve", rid});
  EXPECT_EQ(approved["state"], "approved");
  EXPECT_EQ(approved["decided_by"], "wang");
  RunResult open = Run({"--user", "zhou", "show", "--text", doc});
  EXPECT_EQ(open.exit_code, 0) << open.err;
  EXPECT_NE(open.out.find("涉密图纸"), std::string::npos);
  EXPECT_EQ(JsonAs("zhou", {"request", "return", rid})["state"], "returned");
  EXPECT_EQ(As("zhou", {"show", "--text", doc}).exit_code, 77);

  // §5 a renumber, approved by someone other than its proposer; the old
  // number still locates the archive.
  nlohmann::json change = JsonAs("chen", {"change", "propose", "renumber", "KH-2020-0077",
                                      "KH-2020-0078", "--reason", "编号重复"});
  const std::string cid = std::to_string(change["id"].get<int64_t>());
  EXPECT_EQ(As("chen", {"change", "approve", cid}).exit_code, 77);
  EXPECT_EQ(JsonAs("wang", {"change", "approve", cid})["state"], "approved");
  nlohmann::json old_no = JsonAs("sun", {"locate", "KH-2020-0077"});
  EXPECT_NE(old_no.dump().find("KH-2020-0078"), std::string::npos) << old_no.dump();
  EXPECT_EQ(JsonAs("zhou", {"search", "涉密图纸"})["hits"][0]["archive_no"], "KH-2020-0078");

  // §6 a hold spares one document of the due archive; two distinct
  // approvers, neither the proposer, approve the destruction list.
  int64_t held = 0;
  for (const auto& d : List())
    if (d["title"].get<std::string>().find("保管协议") != std::string::npos) held = d["id"];
  ASSERT_GT(held, 0);
  JsonAs("chen", {"hold", "add", std::to_string(held), "--reason", "诉讼保全"});
  nlohmann::json list = JsonAs("chen", {"destruction", "propose", "--as-of", "2100-01-01",
                                    "--archive", "KH-2020-0078"});
  const std::string lid = std::to_string(list["id"].get<int64_t>());
  ASSERT_EQ(list["documents"].size(), 1u) << list.dump();
  EXPECT_EQ(As("chen", {"destruction", "approve", lid}).exit_code, 77);
  JsonAs("wang", {"destruction", "approve", lid});
  EXPECT_EQ(As("wang", {"destruction", "approve", lid}).exit_code, 77);
  EXPECT_EQ(As("chen", {"destruction", "execute", lid}).exit_code == 0, false);
  JsonAs("zhao", {"destruction", "approve", lid});
  JsonAs("chen", {"destruction", "execute", lid});
  nlohmann::json record = JsonAs("sun", {"destruction", "show", lid});
  EXPECT_EQ(record["state"], "executed");
  EXPECT_EQ(record["approvals"].size(), 2u);
  EXPECT_EQ(JsonAs("zhou", {"search", "涉密图纸"})["total"], 0);
  EXPECT_EQ(JsonAs("zhou", {"search", "保管期限"})["total"], 1);
  EXPECT_NE(JsonAs("sun", {"locate", "HT-2001-0770"}).dump().find("destroyed"), std::string::npos);
  EXPECT_EQ(Run({"verify"}).exit_code, 0);

  // §4 the log has every step, and its chain verifies.
  for (const char* action : {"request_open", "request_approve", "request_return", "open",
                             "change_propose", "change_approve", "hold_add",
                             "destruction_propose", "destruction_approve",
                             "destruction_execute", "denied"})
    EXPECT_GT(LogCount(action), 0u) << action;
  EXPECT_EQ(JsonAs("sun", {"log", "verify"})["ok"], true);

  // §7 backup, damage detected, restore verifies with everything there.
  const std::filesystem::path dest = dir_.path() / "offsite";
  Json({"backup", dest.string()});
  EXPECT_EQ(Run({"backup", "verify", dest.string()}).exit_code, 0);
  const std::filesystem::path restored = dir_.path() / "restored";
  RunResult rest = RunDangan(home(), {"restore", dest.string(), "--home", restored.string()});
  ASSERT_EQ(rest.exit_code, 0) << rest.out << rest.err;
  EXPECT_EQ(RunDangan(restored, {"verify"}).exit_code, 0);
  EXPECT_EQ(RunDangan(restored, {"--user", "zhou", "--json", "search", "保管期限"}).Json()["total"],
            1);
  EXPECT_NE(RunDangan(restored, {"--json", "locate", "HT-2001-0770"}).out.find("destroyed"),
            std::string::npos);
  EXPECT_EQ(RunDangan(restored, {"--json", "log", "verify"}).Json()["ok"], true);
  // A flipped byte in the backup's copy of an original (its pool, files/) is caught.
  bool damaged = false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dest / "files")) {
    if (e.is_regular_file()) {
      std::filesystem::permissions(e.path(), std::filesystem::perms::owner_write,
                                   std::filesystem::perm_options::add);
      std::string bytes = ReadBytes(e.path());
      bytes[bytes.size() / 2] ^= 1;
      WriteBytes(e.path(), bytes);
      damaged = true;
      break;
    }
  }
  ASSERT_TRUE(damaged);
  EXPECT_EQ(Run({"backup", "verify", dest.string()}).exit_code, 1);

  // §8 the auditor's report.
  nlohmann::json audit = JsonAs("sun", {"audit", "report"});
  EXPECT_EQ(audit["requests"]["by_state"]["returned"], 1) << audit.dump();
  EXPECT_EQ(audit["changes"]["total"], 1) << audit.dump();
  EXPECT_EQ(audit["destructions"]["documents_destroyed"], 1) << audit.dump();
  EXPECT_EQ(audit["log_verify"]["ok"], true) << audit.dump();
  EXPECT_FALSE(audit["backup"]["last_at"].is_null()) << audit.dump();
}

}  // namespace
}  // namespace dangan::testing
