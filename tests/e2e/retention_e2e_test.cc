// End to end: retention, legal holds and destruction (RECORDS §6) on the
// real binary: what is due, holds, separation of duties on approval, the
// destruction of originals and index entries, the record kept (JSON, PDF,
// locate), and kill -9 at each durable step of execute.
#include <fstream>
#include <set>

#include "e2e_fixture.h"
#include "ingest/pdf_extractor.h"

namespace dangan::testing {
namespace {

constexpr const char* kShortArchive = "KH-2010-0001";
constexpr const char* kAsOf = "2030-01-01";

class RetentionE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    WriteBytes(dir_.path() / "short.csv",
               "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,"
               "retention,opened\n"
               "KH-2010-0001,旧档案客户张某,,C00101,individual,,北京,010,A,short,2010-01-04\n");
    RunResult imp = Run({"--json", "clients", "import", (dir_.path() / "short.csv").string()});
    ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
    // Short archive: due 2022-01-01 and 2023-01-01; a long archive's 2011
    // contract is due only in 2042.
    Pdf(std::string(kShortArchive) + "/旧合同.pdf",
        {"设备租赁合同\n合同编号：HT-2011-0001\n签订日期：2011年3月15日\n出租方将挖掘机一台租给承租方。"});
    Pdf(std::string(kShortArchive) + "/旧通知.pdf",
        {"关于年检的通知\n日期：2012年5月6日\n请于月底前完成车辆年检。"});
    Pdf(std::string(kShortArchive) + "/旧登记表.pdf",
        {"客户信息登记表\n填表日期：2012年7月8日\n联系人变更为李四。"});
    Pdf("KH-2019-0042/长期合同.pdf",
        {"长期供货合同\n合同编号：HT-2011-0999\n签订日期：2011年4月1日\n长期供应钢材。"});
    RunResult r = Run({"--json", "ingest", drop().string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const auto& d : List()) {
      const std::string title = d["title"];
      if (title == "设备租赁合同") contract_ = d["id"];
      if (title == "关于年检的通知") notice_ = d["id"];
      if (title == "客户信息登记表") form_ = d["id"];
      if (title == "长期供货合同") long_ = d["id"];
    }
    ASSERT_GT(contract_, 0);
    ASSERT_GT(notice_, 0);
    ASSERT_GT(form_, 0);
    ASSERT_GT(long_, 0);
    Json({"user", "add", "chen", "--role", "archivist"});
    Json({"user", "add", "li", "--role", "archivist,approver"});
    Json({"user", "add", "wang", "--role", "approver"});
    Json({"user", "add", "zhao", "--role", "approver"});
  }

  std::set<int64_t> Ids(const nlohmann::json& docs) {
    std::set<int64_t> ids;
    for (const auto& d : docs) ids.insert(d["id"].get<int64_t>());
    return ids;
  }
  std::string Id(int64_t id) { return std::to_string(id); }
  // A list of the short archive's due documents proposed by li and approved
  // by wang and zhao; its id.
  std::string ApprovedList() {
    nlohmann::json list = JsonAs("li", {"destruction", "propose", "--as-of", kAsOf});
    std::string id = Id(list["id"].get<int64_t>());
    JsonAs("wang", {"destruction", "approve", id});
    nlohmann::json approved = JsonAs("zhao", {"destruction", "approve", id});
    EXPECT_EQ(approved["state"], "approved") << approved.dump();
    return id;
  }
  std::vector<std::string> StoredPaths(const std::vector<int64_t>& ids) {
    std::vector<std::string> paths;
    for (const auto& d : List())
      for (int64_t id : ids)
        if (d["id"] == id) paths.push_back(d["stored_path"]);
    return paths;
  }
  void ExpectDestroyed(const std::vector<std::string>& paths) {
    for (const std::string& p : paths)
      EXPECT_FALSE(std::filesystem::exists(home() / p)) << p << " is still there";
    std::set<int64_t> left = Ids(nlohmann::json(List()));
    EXPECT_EQ(left.count(contract_), 0u);
    EXPECT_EQ(left.count(notice_), 0u);
    EXPECT_EQ(left.count(form_), 0u);
    EXPECT_EQ(left.count(long_), 1u);
    EXPECT_EQ(Json({"search", "挖掘机"})["total"], 0) << "the index still finds a destroyed document";
    EXPECT_EQ(Json({"search", "年检"})["total"], 0);
    EXPECT_EQ(Json({"search", "钢材"})["total"], 1);
    nlohmann::json v = Json({"verify"});
    EXPECT_EQ(v["ok"], true) << v.dump();
    nlohmann::json stats = Json({"stats"});
    EXPECT_EQ(stats["documents"], 1);
    EXPECT_EQ(stats["index_docs"], 1);
  }

  int64_t contract_ = 0, notice_ = 0, form_ = 0, long_ = 0;
};

TEST_F(RetentionE2eTest, DueListsWhatHasRunOutAsOfADate) {
  nlohmann::json due = JsonAs("chen", {"retention", "due", "--as-of", kAsOf});
  EXPECT_EQ(due["as_of"], kAsOf);
  EXPECT_EQ(Ids(due["documents"]), (std::set<int64_t>{contract_, notice_, form_}));
  for (const auto& d : due["documents"]) {
    EXPECT_EQ(d["class"], "short");
    EXPECT_EQ(d["archive_no"], kShortArchive);
    EXPECT_EQ(d["held"], false);
    if (d["id"] == contract_) {
      EXPECT_EQ(d["due"], "2022-01-01") << d.dump();
    } else if (d["id"] == notice_) {
      EXPECT_EQ(d["due"], "2023-01-01") << d.dump();
    }
  }
  // The period runs through 31 December: the day before, the notice is not due.
  EXPECT_EQ(Ids(Json({"retention", "due", "--as-of", "2022-12-31"})["documents"]),
            (std::set<int64_t>{contract_}));
  EXPECT_TRUE(Json({"retention", "due", "--as-of", "2021-12-31"})["documents"].empty());
  EXPECT_EQ(Ids(Json({"retention", "due", "--as-of", "2042-01-01"})["documents"]).count(long_), 1u);
  RunResult human = Run({"retention", "due", "--as-of", kAsOf});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("设备租赁合同"), std::string::npos) << human.out;
  EXPECT_EQ(Run({"retention", "due", "--as-of", "2030-02-30"}).exit_code, 2);
  // RECORDS.md writes the global --json after the command.
  RunResult trailing = Run({"retention", "due", "--as-of", kAsOf, "--json"});
  ASSERT_EQ(trailing.exit_code, 0) << trailing.out << trailing.err;
  EXPECT_EQ(trailing.Json()["documents"].size(), 3u) << trailing.out;
  // Staff have no business with retention.
  Json({"user", "add", "lin", "--role", "staff"});
  EXPECT_EQ(As("lin", {"retention", "due"}).exit_code, 77);
  // A type's own class, when longer, wins over the archive's.
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "\n[retention.by_type]\ncontract = \"long\"\n";
  }
  EXPECT_EQ(Ids(Json({"retention", "due", "--as-of", kAsOf})["documents"]),
            (std::set<int64_t>{notice_, form_}));
}

TEST_F(RetentionE2eTest, ProposeApproveExecuteAndTheRecordKept) {
  // A hold keeps the form out of every list.
  nlohmann::json hold = JsonAs("chen", {"hold", "add", Id(form_), "--reason", "诉讼保全 case 2029-17"});
  EXPECT_EQ(hold["target"]["doc"], form_);
  nlohmann::json due = Json({"retention", "due", "--as-of", kAsOf});
  for (const auto& d : due["documents"]) {
    EXPECT_EQ(d["held"], d["id"] == form_) << d.dump();
  }
  EXPECT_EQ(As("wang", {"hold", "add", Id(notice_), "--reason", "x"}).exit_code, 77)
      << "an approver does not place holds";

  nlohmann::json list = JsonAs("li", {"destruction", "propose", "--as-of", kAsOf});
  const std::string id = Id(list["id"].get<int64_t>());
  EXPECT_EQ(list["state"], "proposed");
  EXPECT_EQ(list["proposed_by"], "li");
  EXPECT_EQ(Ids(list["documents"]), (std::set<int64_t>{contract_, notice_}));
  EXPECT_TRUE(list["approvals"].empty());
  // Already on an open list: a second proposal finds nothing new.
  EXPECT_EQ(As("li", {"destruction", "propose", "--as-of", kAsOf}).exit_code, 66);

  // Separation of duties: the proposer may not approve, even as an approver.
  RunResult own = As("li", {"--json", "destruction", "approve", id});
  EXPECT_EQ(own.exit_code, 77) << own.out << own.err;
  EXPECT_EQ(own.Json()["error"]["code"], "denied");
  EXPECT_EQ(As("chen", {"destruction", "approve", id}).exit_code, 77) << "no approver role";
  nlohmann::json one = JsonAs("wang", {"destruction", "approve", id});
  EXPECT_EQ(one["state"], "proposed") << "one approval is not enough";
  ASSERT_EQ(one["approvals"].size(), 1u);
  EXPECT_EQ(one["approvals"][0]["user"], "wang");
  EXPECT_EQ(As("wang", {"destruction", "approve", id}).exit_code, 77) << "counted once";
  RunResult early = As("chen", {"destruction", "execute", id});
  EXPECT_EQ(early.exit_code, 2) << early.out << early.err;
  std::vector<std::string> paths = StoredPaths({contract_, notice_});
  ASSERT_EQ(paths.size(), 2u);
  for (const std::string& p : paths) EXPECT_TRUE(std::filesystem::exists(home() / p));
  nlohmann::json two = JsonAs("zhao", {"destruction", "approve", id});
  EXPECT_EQ(two["state"], "approved") << two.dump();

  EXPECT_EQ(As("wang", {"destruction", "execute", id}).exit_code, 77) << "archivists execute";
  nlohmann::json done = JsonAs("chen", {"destruction", "execute", id});
  EXPECT_EQ(done["state"], "executed");
  for (const std::string& p : paths)
    EXPECT_FALSE(std::filesystem::exists(home() / p)) << p << " is still there";
  EXPECT_EQ(Json({"search", "挖掘机"})["total"], 0);
  EXPECT_EQ(Json({"search", "年检"})["total"], 0);
  EXPECT_EQ(Json({"search", "登记表"})["total"], 1) << "the held form is still there";
  nlohmann::json v = Json({"verify"});
  EXPECT_EQ(v["ok"], true) << v.dump();
  EXPECT_EQ(Json({"stats"})["documents"], 2);

  // The record: tombstones with their hash and approvers.
  nlohmann::json shown = JsonAs("wang", {"destruction", "show", id});
  EXPECT_EQ(shown["state"], "executed");
  EXPECT_EQ(shown["proposed_by"], "li");
  ASSERT_EQ(shown["approvals"].size(), 2u);
  ASSERT_EQ(shown["documents"].size(), 2u);
  for (const auto& t : shown["documents"]) {
    EXPECT_EQ(t["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(t["approvers"].size(), 2u);
    EXPECT_EQ(t["executed_by"], "chen");
    EXPECT_FALSE(t["executed_at"].is_null());
    EXPECT_EQ(t["list"], std::stoll(id));
    if (t["id"] == contract_) {
      EXPECT_EQ(t["contract_no"], "HT-2011-0001");
      EXPECT_EQ(t["title"], "设备租赁合同");
      EXPECT_EQ(t["date"], "2011-03-15");
      EXPECT_EQ(t["doc_type"], "contract");
    }
  }
  const auto pdf = dir_.path() / "销毁记录.pdf";
  RunResult printed = Run({"destruction", "show", id, "--pdf", pdf.string()});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("销毁记录"), std::string::npos) << printed.out;
  ingest::PdfOutcome text = ingest::ExtractPdf(pdf);
  ASSERT_FALSE(text.quarantine.has_value()) << text.detail;
  std::string all;
  for (const auto& page : text.pages) all += page.text;
  EXPECT_NE(all.find("销毁"), std::string::npos) << all;
  EXPECT_NE(all.find("设备租赁合同"), std::string::npos) << all;
  EXPECT_NE(all.find("zhao"), std::string::npos) << all;

  // locate reports the tombstone of a destroyed contract number.
  nlohmann::json found = Json({"locate", "HT-2011-0001"});
  ASSERT_EQ(found["matches"].size(), 1u) << found.dump();
  EXPECT_TRUE(found["matches"][0]["documents"].empty());
  ASSERT_EQ(found["matches"][0]["destroyed"].size(), 1u) << found.dump();
  EXPECT_EQ(found["matches"][0]["destroyed"][0]["id"], contract_);
  RunResult human = Run({"locate", "HT-2011-0001"});
  EXPECT_NE(human.out.find("destroyed"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("设备租赁合同"), std::string::npos) << human.out;

  // Again: nothing left to do. Every step is in the log.
  EXPECT_EQ(As("chen", {"destruction", "execute", id}).exit_code, 0);
  std::multiset<std::string> actions;
  const nlohmann::json log = Json({"log"});
  for (const auto& r : log["rows"]) actions.insert(r["action"].get<std::string>());
  EXPECT_EQ(actions.count("hold_add"), 1u);
  EXPECT_EQ(actions.count("destruction_propose"), 1u);
  EXPECT_EQ(actions.count("destruction_approve"), 2u);
  EXPECT_EQ(actions.count("destruction_execute"), 1u);
  EXPECT_GE(actions.count("denied"), 4u);
  EXPECT_EQ(Run({"log", "verify"}).exit_code, 0);
}

TEST_F(RetentionE2eTest, AHoldPlacedAfterApprovalSparesTheDocument) {
  const std::string id = ApprovedList();
  // An archive hold after approval covers every document of the archive.
  JsonAs("chen", {"hold", "add", kShortArchive, "--reason", "审计 audit"});
  nlohmann::json holds = Json({"hold", "list"})["holds"];
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0]["target"]["archive"], kShortArchive);
  nlohmann::json done = JsonAs("chen", {"destruction", "execute", id});
  EXPECT_EQ(done["state"], "executed");
  EXPECT_TRUE(done["documents"].empty()) << done.dump();
  EXPECT_EQ(done["spared"].size(), 3u) << done.dump();
  EXPECT_NE(done["spared"][0]["reason"].get<std::string>().find("held"), std::string::npos);
  EXPECT_EQ(List().size(), 4u);
  EXPECT_EQ(Json({"verify"})["ok"], true);
  // Lifted, the documents are due again and go on a new list.
  EXPECT_EQ(As("chen", {"hold", "remove", kShortArchive, "--reason", "审计结束"}).exit_code, 0);
  EXPECT_EQ(As("chen", {"hold", "remove", kShortArchive}).exit_code, 66) << "none left in force";
  EXPECT_TRUE(Json({"hold", "list"})["holds"].empty());
  EXPECT_EQ(Json({"hold", "list", "--all"})["holds"].size(), 1u);
  nlohmann::json again = JsonAs("li", {"destruction", "propose", "--as-of", kAsOf});
  EXPECT_EQ(again["documents"].size(), 3u);
}

TEST_F(RetentionE2eTest, ARejectedListFreesItsDocuments) {
  nlohmann::json list = JsonAs("li", {"destruction", "propose", "--as-of", kAsOf, "--archive",
                                      kShortArchive});
  const std::string id = Id(list["id"].get<int64_t>());
  EXPECT_EQ(As("wang", {"destruction", "reject", id}).exit_code, 2) << "a reason is required";
  nlohmann::json rejected = JsonAs("wang", {"destruction", "reject", id, "--reason", "重新核对"});
  EXPECT_EQ(rejected["state"], "rejected");
  EXPECT_EQ(rejected["reason"], "重新核对");
  EXPECT_EQ(As("zhao", {"destruction", "approve", id}).exit_code, 2);
  EXPECT_EQ(As("chen", {"destruction", "execute", id}).exit_code, 2);
  nlohmann::json next = JsonAs("li", {"destruction", "propose", "--as-of", kAsOf});
  EXPECT_EQ(next["documents"].size(), 3u);
  EXPECT_EQ(Json({"destruction", "list"})["lists"].size(), 2u);
  EXPECT_EQ(Run({"destruction", "show", "99"}).exit_code, 66);
}

// kill -9 at each durable step of execute, then any writer start: every
// document is either kept whole or destroyed whole, verify is ok.
class DestructionCrashE2eTest : public RetentionE2eTest,
                                public ::testing::WithParamInterface<const char*> {};

TEST_P(DestructionCrashE2eTest, KilledWhileExecutingThenFinished) {
  const std::string id = ApprovedList();
  std::vector<std::string> paths = StoredPaths({contract_, notice_, form_});
  ASSERT_EQ(paths.size(), 3u);
  RunResult crashed = As("chen", {"destruction", "execute", id}, {{"DANGAN_CRASH_AT", GetParam()}});
  ASSERT_EQ(crashed.exit_code, -9) << "the crash point was not reached: " << crashed.err;
  const bool committed = std::string(GetParam()) != "destruction.before_commit";
  nlohmann::json state = Json({"destruction", "show", id});
  EXPECT_EQ(state["state"], committed ? "executed" : "approved");
  if (std::string(GetParam()) == "destruction.after_commit") {
    // Before any writer starts, verify names what is left to finish.
    nlohmann::json v = Json({"verify"}, {1});
    for (const auto& p : v["problems"]) {
      EXPECT_EQ(p["kind"], "destruction_unfinished") << p.dump();
    }
    EXPECT_FALSE(v["problems"].empty());
  }
  // The next writer start finishes (or, before the commit, redoes) it; the
  // files are never taken back in.
  std::filesystem::create_directories(dir_.path() / "empty");
  RunResult ingest = Run({"--json", "ingest", (dir_.path() / "empty").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  RunResult again = As("chen", {"--json", "destruction", "execute", id});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  ExpectDestroyed(paths);
  nlohmann::json record = Json({"destruction", "show", id});
  EXPECT_EQ(record["documents"].size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(EveryDurableStep, DestructionCrashE2eTest,
                         ::testing::Values("destruction.before_commit", "destruction.after_commit",
                                           "destruction.after_unlink",
                                           "destruction.after_index_commit"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace dangan::testing
