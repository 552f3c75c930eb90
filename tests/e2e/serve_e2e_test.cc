// End to end: `dangan serve` on a real home, spoken to over HTTP with
// cpp-httplib's client (issue 9): the contract (same JSON as the CLI), every
// denial path (401, 403 role, 403 CSRF, 404 for hidden ids, 429 after failed
// logins), security headers, originals with Range, upload then search,
// readers that follow the index, the OpenAPI description against the
// routes, and SIGTERM.
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "core/hash.h"
#include "e2e_fixture.h"
#include "support/pdf_fixture.h"

namespace dangan::testing {
namespace {

constexpr char kPassword[] = "correct horse battery";

// A query parameter's value, percent-encoded.
std::string Q(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class ServeTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    // Users (RECORDS §1): staff at internal clearance, staff cleared for
    // confidential, an archivist, an approver and an auditor.
    AddUser("lin", "staff", "internal");
    AddUser("zhou", "staff", "confidential");
    AddUser("chen", "archivist", "secret");
    AddUser("wang", "approver", "secret");
    AddUser("sun", "auditor", "secret");
    // A confidential archive beside the standard drop.
    WriteBytes(dir_.path() / "secret.csv",
               "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,"
               "retention,opened,level\n"
               "KH-2020-0077,机要档案客户,,C00077,individual,,杭州,0571,A,short,2020-02-02,"
               "confidential\n");
    Json({"clients", "import", (dir_.path() / "secret.csv").string()});
    WriteStandardDrop();
    Pdf("KH-2020-0077/机要合同.pdf",
        {"机要合同\n合同编号：HT-2001-0770\n签订日期：2001年2月2日\n甲方委托乙方保管涉密图纸。"});
    RunResult ingest = Run({"--json", "ingest", drop().string()});
    ASSERT_TRUE(ingest.exit_code == 0 || ingest.exit_code == 65) << ingest.err;
    for (const auto& d : List()) {
      const std::string title = d["title"];
      if (title.find("机要") != std::string::npos) secret_doc_ = d["id"];
      if (title.find("采购合同") != std::string::npos) contract_doc_ = d["id"];
    }
    ASSERT_GT(secret_doc_, 0);
    ASSERT_GT(contract_doc_, 0);
    StartServer();
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& clearance) {
    Json({"user", "add", name, "--role", role, "--clearance", clearance});
    RunResult pw = RunWithStdin({"user", "passwd", name}, std::string(kPassword) + "\n");
    ASSERT_EQ(pw.exit_code, 0) << pw.err;
  }

  // `dangan user passwd` reads the password from stdin.
  RunResult RunWithStdin(const std::vector<std::string>& args, const std::string& input) {
    const auto in = dir_.path() / "stdin.txt";
    WriteBytes(in, input);
    std::string cmd = "'" + DanganBinary() + "' --home '" + home().string() + "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " < '" + in.string() + "' 2>&1";
    RunResult r;
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.err.append(buf, n);
    const int status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }

  void StartServer() {
    log_ = dir_.path() / "serve.log";
    server_ = std::make_unique<DanganProcess>(
        home(), std::vector<std::string>{"serve", "--listen", "127.0.0.1:0"}, log_);
    const std::regex listening(R"(on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::smatch m;
      const std::string text = server_->Log();
      if (std::regex_search(text, m, listening)) port_ = std::stoi(m[1].str());
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_GT(port_, 0) << "serve did not start:\n" << server_->Log();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120);
    return c;
  }

  struct Login {
    std::string cookie;  // "dangan_session=…"
    std::string csrf;
    nlohmann::json me;
  };

  Login LogIn(const std::string& user, const std::string& password = kPassword) {
    auto c = Client();
    nlohmann::json body = {{"user", user}, {"password", password}};
    auto res = c.Post("/api/v1/login", body.dump(), "application/json");
    Login l;
    EXPECT_TRUE(res) << "no answer";
    if (!res) return l;
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    l.cookie = set_cookie.substr(0, set_cookie.find(';'));
    l.me = nlohmann::json::parse(res->body, nullptr, false);
    if (l.me.is_object() && l.me.contains("csrf")) l.csrf = l.me["csrf"];
    return l;
  }

  httplib::Headers Auth(const Login& l, bool csrf = true) {
    httplib::Headers h = {{"Cookie", l.cookie}};
    if (csrf) h.emplace("X-CSRF-Token", l.csrf);
    return h;
  }

  httplib::Result Get(const Login& l, const std::string& path, httplib::Headers extra = {}) {
    auto c = Client();
    httplib::Headers h = Auth(l, false);
    h.insert(extra.begin(), extra.end());
    return c.Get(path, h);
  }

  httplib::Result Post(const Login& l, const std::string& path, const nlohmann::json& body,
                       bool csrf = true) {
    auto c = Client();
    return c.Post(path, Auth(l, csrf), body.dump(), "application/json");
  }

  static nlohmann::json Body(const httplib::Result& r) {
    return r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
  }

  size_t LogRows(const std::string& action, const std::string& user) {
    return Json({"log", "--action", action, "--user", user})["rows"].size();
  }

  std::unique_ptr<DanganProcess> server_;
  std::filesystem::path log_;
  int port_ = 0;
  int64_t secret_doc_ = 0;
  int64_t contract_doc_ = 0;
};

TEST_F(ServeTest, LoginSetsASafeCookieAndEveryAnswerCarriesSecurityHeaders) {
  auto c = Client();
  auto health = c.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  for (const httplib::Result* r : {&health}) {
    const std::string csp = (*r)->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
    EXPECT_EQ((*r)->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE((*r)->get_header_value("Referrer-Policy").empty());
  }
  auto res =
      c.Post("/api/v1/login", nlohmann::json{{"user", "lin"}, {"password", kPassword}}.dump(),
             "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("dangan_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP on loopback";
  nlohmann::json me = Body(res);
  EXPECT_EQ(me["user"], "lin");
  EXPECT_EQ(me["clearance"], "internal");
  EXPECT_EQ(me["roles"], nlohmann::json::array({"staff"}));
  EXPECT_EQ(me["csrf"].get<std::string>().size(), 64u);
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").empty(), false);

  // Behind the TLS proxy the cookie is Secure.
  auto tls =
      c.Post("/api/v1/login", {{"X-Forwarded-Proto", "https"}},
             nlohmann::json{{"user", "lin"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(tls);
  EXPECT_NE(tls->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);

  // The session works, logout ends it.
  Login l = LogIn("lin");
  auto who = Get(l, "/api/v1/me");
  ASSERT_TRUE(who);
  EXPECT_EQ(who->status, 200);
  EXPECT_EQ(Body(who)["user"], "lin");
  EXPECT_EQ(Post(l, "/api/v1/logout", nlohmann::json::object())->status, 204);
  EXPECT_EQ(Get(l, "/api/v1/me")->status, 401);
  EXPECT_GE(LogRows("login", "lin"), 2u);
}

TEST_F(ServeTest, WithoutASessionEveryCallIs401) {
  auto c = Client();
  for (const char* path : {"/api/v1/search?q=合同", "/api/v1/me", "/api/v1/stats", "/api/v1/log",
                           "/api/v1/documents/1", "/api/v1/documents/1/original", "/api/v1/unfiled",
                           "/api/v1/quarantine", "/api/v1/requests", "/api/v1/clients"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_EQ(Body(r)["error"]["code"], "unauthenticated") << path;
  }
  auto post = c.Post("/api/v1/requests", R"({"doc": 1, "purpose": "x"})", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 401);
  // A forged cookie is no session either.
  auto forged = c.Get("/api/v1/me", {{"Cookie", "dangan_session=" + std::string(64, 'a')}});
  EXPECT_EQ(forged->status, 401);
}

TEST_F(ServeTest, FailedLoginsAreLoggedAndSlowedAfterFive) {
  auto c = Client();
  for (int i = 0; i < 5; ++i) {
    auto r = c.Post("/api/v1/login", nlohmann::json{{"user", "lin"}, {"password", "guess"}}.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << "attempt " << i + 1;
  }
  // The sixth, even with the right password, must wait.
  auto r = c.Post("/api/v1/login", nlohmann::json{{"user", "lin"}, {"password", kPassword}}.dump(),
                  "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429) << r->body;
  EXPECT_GE(std::stoi(r->get_header_value("Retry-After")), 1);
  EXPECT_EQ(Body(r)["error"]["code"], "throttled");
  // An unknown user gets the same 401 as a wrong password.
  auto unknown =
      c.Post("/api/v1/login", nlohmann::json{{"user", "nobody"}, {"password", "guess"}}.dump(),
             "application/json");
  // The address is throttled too after five failures from it.
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->status == 401 || unknown->status == 429) << unknown->status;
  EXPECT_GE(LogRows("denied", "lin"), 5u);
  // Behind the proxy, addresses come from X-Forwarded-For: guessing from one
  // address does not slow logins from another.
  for (int i = 0; i < 5; ++i) {
    c.Post("/api/v1/login", {{"X-Forwarded-For", "10.0.0.1"}},
           nlohmann::json{{"user", "guess" + std::to_string(i)}, {"password", "x"}}.dump(),
           "application/json");
  }
  auto from_a =
      c.Post("/api/v1/login", {{"X-Forwarded-For", "10.0.0.1"}},
             nlohmann::json{{"user", "zhou"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(from_a);
  EXPECT_EQ(from_a->status, 429);
  auto from_b =
      c.Post("/api/v1/login", {{"X-Forwarded-For", "10.0.0.2"}},
             nlohmann::json{{"user", "zhou"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(from_b);
  EXPECT_EQ(from_b->status, 200) << from_b->body;
  // After the wait, the right password works again.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto later =
      c.Post("/api/v1/login", nlohmann::json{{"user", "lin"}, {"password", kPassword}}.dump(),
             "application/json");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200) << later->body;
}

TEST_F(ServeTest, StateChangingCallsNeedTheCsrfToken) {
  Login zhou = LogIn("zhou");
  const nlohmann::json ask = {{"doc", secret_doc_}, {"purpose", "审计核对"}, {"days", 3}};
  auto without = Post(zhou, "/api/v1/requests", ask, /*csrf=*/false);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 403);
  EXPECT_EQ(Body(without)["error"]["code"], "csrf");
  auto c = Client();
  auto wrong =
      c.Post("/api/v1/requests", {{"Cookie", zhou.cookie}, {"X-CSRF-Token", std::string(64, '0')}},
             ask.dump(), "application/json");
  EXPECT_EQ(wrong->status, 403);
  // Another session's token is wrong too.
  Login lin = LogIn("lin");
  auto other = c.Post("/api/v1/requests", {{"Cookie", zhou.cookie}, {"X-CSRF-Token", lin.csrf}},
                      ask.dump(), "application/json");
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(Json({"request", "list"})["requests"].size(), 0u) << "nothing was created";
  auto with = Post(zhou, "/api/v1/requests", ask);
  ASSERT_TRUE(with);
  EXPECT_EQ(with->status, 200) << with->body;
  EXPECT_EQ(Body(with)["state"], "pending");
}

TEST_F(ServeTest, SearchGivesTheCliJsonAndFindsTraditionalAndSimplified) {
  Login lin = LogIn("lin");
  auto simplified = Get(lin, "/api/v1/search?q=" + Q("采购合同"));
  ASSERT_TRUE(simplified);
  ASSERT_EQ(simplified->status, 200) << simplified->body;
  nlohmann::json web = Body(simplified);
  nlohmann::json cli = JsonAs("lin", {"search", "采购合同"});
  ASSERT_GE(web["total"].get<int>(), 1);
  EXPECT_EQ(web["total"], cli["total"]);
  ASSERT_EQ(web["hits"].size(), cli["hits"].size());
  for (size_t i = 0; i < web["hits"].size(); ++i) {
    EXPECT_EQ(web["hits"][i]["id"], cli["hits"][i]["id"]);
    EXPECT_EQ(web["hits"][i]["snippet"], cli["hits"][i]["snippet"]);
  }
  EXPECT_EQ(web["facets"], cli["facets"]);
  auto traditional = Get(lin, "/api/v1/search?q=" + Q("採購合同"));
  ASSERT_EQ(traditional->status, 200);
  EXPECT_EQ(Body(traditional)["hits"][0]["id"], web["hits"][0]["id"]);
  // Hidden above clearance: lin (internal) does not find the confidential contract.
  auto hidden = Get(lin, "/api/v1/search?q=" + Q("涉密图纸"));
  EXPECT_EQ(Body(hidden)["total"], 0);
  Login zhou = LogIn("zhou");
  EXPECT_EQ(Body(Get(zhou, "/api/v1/search?q=" + Q("涉密图纸")))["total"], 1);
  // A malformed query or sort is a 400 with the parser's words.
  auto bad = Get(lin, "/api/v1/search?q=x&sort=price");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["code"], "usage");
  EXPECT_EQ(Get(lin, "/api/v1/search?q=x&limit=abc")->status, 400);
  // Every search is logged under the web user.
  EXPECT_GE(LogRows("search", "lin"), 3u);
}

TEST_F(ServeTest, HiddenDocumentsAre404ExactlyLikeMissingOnes) {
  Login lin = LogIn("lin");
  const std::string secret = std::to_string(secret_doc_);
  for (const std::string suffix : {"", "/text", "/original"}) {
    auto hidden = Get(lin, "/api/v1/documents/" + secret + suffix);
    auto missing = Get(lin, "/api/v1/documents/987654" + suffix);
    ASSERT_TRUE(hidden);
    ASSERT_TRUE(missing);
    EXPECT_EQ(hidden->status, 404) << suffix << " " << hidden->body;
    EXPECT_EQ(missing->status, 404) << suffix;
    nlohmann::json h = Body(hidden);
    nlohmann::json m = Body(missing);
    EXPECT_EQ(h["error"]["code"], m["error"]["code"]);
    std::string hm = h["error"]["message"];
    std::string mm = m["error"]["message"];
    EXPECT_EQ(hm.replace(hm.find(secret), secret.size(), "N"),
              mm.replace(mm.find("987654"), 6, "N"));
  }
  auto archive = Get(lin, "/api/v1/clients/KH-2020-0077");
  EXPECT_EQ(archive->status, 404) << archive->body;
  // The attempt is still in the access log as a denial.
  EXPECT_GE(LogRows("denied", "lin"), 1u);
}

TEST_F(ServeTest, RolesAreEnforcedAnd403IsLogged) {
  Login lin = LogIn("lin");
  const size_t before = LogRows("denied", "lin");
  auto file = Post(lin, "/api/v1/documents/" + std::to_string(contract_doc_) + "/file",
                   {{"archive_no", "KH-2018-0006"}});
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 403) << file->body;
  EXPECT_EQ(Body(file)["error"]["code"], "denied");
  EXPECT_EQ(Get(lin, "/api/v1/log")->status, 403);
  EXPECT_EQ(Get(lin, "/api/v1/audit/report")->status, 403);
  EXPECT_EQ(Get(lin, "/api/v1/quarantine")->status, 403);
  EXPECT_EQ(LogRows("denied", "lin"), before + 4);
  Login sun = LogIn("sun");
  auto log = Get(sun, "/api/v1/log?action=denied");
  ASSERT_EQ(log->status, 200);
  EXPECT_GE(Body(log)["rows"].size(), 4u);
  auto pdf = Get(sun, "/api/v1/audit/report?format=pdf");
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body.substr(0, 300);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  auto csv = Get(sun, "/api/v1/log?format=csv&user=lin");
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv->body.find("denied"), std::string::npos);
}

TEST_F(ServeTest, OriginalsComeByteForByteWithRangesAndEachReadingIsLogged) {
  Login lin = LogIn("lin");
  nlohmann::json doc = JsonAs("lin", {"show", std::to_string(contract_doc_)});
  const std::string bytes = ReadBytes(home() / doc["stored_path"].get<std::string>());
  const std::string path = "/api/v1/documents/" + std::to_string(contract_doc_) + "/original";
  const size_t logged = LogRows("download", "lin");
  auto whole = Get(lin, path);
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  EXPECT_EQ(whole->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(Sha256Hex(whole->body), doc["sha256"]);
  EXPECT_EQ(whole->body, bytes);
  EXPECT_NE(whole->get_header_value("Content-Disposition").find("filename*=UTF-8''"),
            std::string::npos);
  auto part = Get(lin, path, {{"Range", "bytes=100-199"}});
  ASSERT_EQ(part->status, 206);
  EXPECT_EQ(part->body, bytes.substr(100, 100));
  auto tail = Get(lin, path, {{"Range", "bytes=-10"}});
  ASSERT_EQ(tail->status, 206);
  EXPECT_EQ(tail->body, bytes.substr(bytes.size() - 10));
  auto beyond = Get(lin, path, {{"Range", "bytes=" + std::to_string(bytes.size() + 10) + "-"}});
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 416);
  auto past_end =
      Get(lin, path, {{"Range", "bytes=" + std::to_string(bytes.size() - 5) + "-99999999"}});
  ASSERT_TRUE(past_end);
  ASSERT_EQ(past_end->status, 206);
  EXPECT_EQ(past_end->body, bytes.substr(bytes.size() - 5));
  EXPECT_EQ(LogRows("download", "lin"), logged + 1)
      << "one reading, one row (ranges after the start)";
}

TEST_F(ServeTest, ConfidentialOriginalOpensOnlyUnderAGrantFromAnotherUser) {
  Login zhou = LogIn("zhou");
  Login wang = LogIn("wang");
  const std::string path = "/api/v1/documents/" + std::to_string(secret_doc_) + "/original";
  auto refused = Get(zhou, path);
  ASSERT_EQ(refused->status, 403) << refused->body;  // cleared, visible, but no grant
  auto ask =
      Post(zhou, "/api/v1/requests", {{"doc", secret_doc_}, {"purpose", "核对"}, {"days", 2}});
  ASSERT_EQ(ask->status, 200) << ask->body;
  const std::string id = std::to_string(Body(ask)["id"].get<int64_t>());
  auto self = Post(zhou, "/api/v1/requests/" + id + "/approve", nlohmann::json::object());
  EXPECT_EQ(self->status, 403) << "never one's own";
  auto inbox = Get(wang, "/api/v1/requests?state=pending");
  ASSERT_EQ(inbox->status, 200);
  ASSERT_EQ(Body(inbox)["requests"].size(), 1u);
  auto approved = Post(wang, "/api/v1/requests/" + id + "/approve", nlohmann::json::object());
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(Body(approved)["state"], "approved");
  auto again = Post(wang, "/api/v1/requests/" + id + "/approve", nlohmann::json::object());
  EXPECT_EQ(again->status, 409) << "not pending any more";
  auto opened = Get(zhou, path);
  ASSERT_EQ(opened->status, 200) << opened->body;
  auto returned = Post(zhou, "/api/v1/requests/" + id + "/return", nlohmann::json::object());
  ASSERT_EQ(returned->status, 200) << returned->body;
  EXPECT_EQ(Get(zhou, path)->status, 403);
}

TEST_F(ServeTest, ArchivistFilesTheUnfiledAndReleasesQuarantine) {
  Login chen = LogIn("chen");
  auto unfiled = Get(chen, "/api/v1/unfiled");
  ASSERT_EQ(unfiled->status, 200) << unfiled->body;
  nlohmann::json docs = Body(unfiled)["documents"];
  ASSERT_FALSE(docs.empty());
  const int64_t id = docs[0]["id"];
  auto filed = Post(chen, "/api/v1/documents/" + std::to_string(id) + "/file",
                    {{"archive_no", "KH-2017-0005"}});
  ASSERT_EQ(filed->status, 200) << filed->body;
  EXPECT_EQ(Body(filed)["archive_no"], "KH-2017-0005");
  EXPECT_EQ(JsonAs("chen", {"show", std::to_string(id)})["archive_no"], "KH-2017-0005");
  auto archive = Get(chen, "/api/v1/clients/KH-2017-0005");
  ASSERT_EQ(archive->status, 200);
  bool listed = false;
  const nlohmann::json archive_json = Body(archive);  // outlives the loop
  for (const auto& d : archive_json["documents"]) listed |= d["id"] == id;
  EXPECT_TRUE(listed) << "doc " << id << " in " << archive->body;
  auto quarantine = Get(chen, "/api/v1/quarantine");
  ASSERT_EQ(quarantine->status, 200);
  const nlohmann::json items = Body(quarantine)["items"];
  ASSERT_FALSE(items.empty());
  for (const auto& item : items) EXPECT_FALSE(item["reason"].get<std::string>().empty());
}

TEST_F(ServeTest, UploadIngestsAndTheSearchFindsItWithoutRestart) {
  Login chen = LogIn("chen");
  const auto pdf = dir_.path() / "upload" / "维修合同.pdf";
  std::filesystem::create_directories(pdf.parent_path());
  ASSERT_TRUE(WriteTextPdf(pdf, {"维修合同\n合同编号：HT-2024-0555\n签订日期：2024年6月1日\n"
                                 "乙方负责锅炉房蒸汽管道的年度维修保养。"}));
  // Search first so a pooled searcher is open on the old index.
  EXPECT_EQ(Body(Get(chen, "/api/v1/search?q=" + Q("蒸汽管道")))["total"], 0);
  auto c = Client();
  httplib::MultipartFormDataItems items = {
      {"files", ReadBytes(pdf), "维修合同.pdf", "application/pdf"},
      {"files", "not a pdf at all", "broken.pdf", "application/pdf"}};
  auto up = c.Post("/api/v1/upload?archive_no=KH-2019-0042", Auth(chen), items);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 200) << up->body;
  nlohmann::json result = Body(up);
  ASSERT_EQ(result["files"].size(), 2u);
  EXPECT_EQ(result["files"][0]["status"], "indexed") << result.dump();
  EXPECT_EQ(result["files"][0]["archive_no"], "KH-2019-0042");
  EXPECT_EQ(result["files"][1]["status"], "quarantined") << result.dump();
  EXPECT_FALSE(result["files"][1]["reason"].get<std::string>().empty());
  auto found = Get(chen, "/api/v1/search?q=" + Q("蒸汽管道"));
  ASSERT_EQ(Body(found)["total"], 1) << found->body;
  EXPECT_EQ(Body(found)["hits"][0]["id"], result["files"][0]["doc_id"]);
  // Staff may not upload; nothing is written.
  Login lin = LogIn("lin");
  auto denied = c.Post("/api/v1/upload", Auth(lin), items);
  EXPECT_EQ(denied->status, 403);
  // And an ingest by another process is seen too (readers follow the index).
  Pdf("KH-2018-0006/验收单.pdf", {"验收单\n签订日期：2024年7月1日\n冷却塔填料更换验收合格。"});
  Json({"ingest", drop().string()}, {0, 65});
  EXPECT_EQ(Body(Get(chen, "/api/v1/search?q=" + Q("冷却塔")))["total"], 1);
}

// serve and watch share the home: the web files, uploads and approves while
// watch holds its turns (writers wait for dangan.lock, writer.wait_s).
TEST_F(ServeTest, WritesThroughTheWebWhileWatchRuns) {
  DanganProcess watch(home(), {"watch"}, dir_.path() / "watch.log");
  // Watch is up once it has reconciled and is watching the inbox.
  for (int i = 0; i < 200 && watch.Log().find("watch started") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(watch.running()) << watch.Log();
  Login chen = LogIn("chen");
  // Something arriving for watch at the same time.
  const auto folder = dir_.path() / "stage" / "KH-2018-0006";
  std::filesystem::create_directories(folder);
  ASSERT_TRUE(WriteTextPdf(folder / "验收报告.pdf",
                           {"验收报告\n签订日期：2024年8月1日\n消防水泵房设备验收合格。"}));
  std::filesystem::rename(folder, home() / "inbox" / "KH-2018-0006");  // moved in whole
  auto unfiled = Get(chen, "/api/v1/unfiled");
  const nlohmann::json docs = Body(unfiled)["documents"];
  ASSERT_FALSE(docs.empty());
  auto filed =
      Post(chen, "/api/v1/documents/" + std::to_string(docs[0]["id"].get<int64_t>()) + "/file",
           {{"archive_no", "KH-2017-0005"}});
  ASSERT_TRUE(filed);
  EXPECT_EQ(filed->status, 200) << filed->body;
  const auto pdf = dir_.path() / "up" / "巡检记录.pdf";
  std::filesystem::create_directories(pdf.parent_path());
  ASSERT_TRUE(WriteTextPdf(pdf, {"巡检记录\n签订日期：2024年9月1日\n配电室巡检发现电缆沟积水。"}));
  httplib::MultipartFormDataItems items = {
      {"files", ReadBytes(pdf), "巡检记录.pdf", "application/pdf"}};
  auto up = Client().Post("/api/v1/upload?archive_no=KH-2019-0042", Auth(chen), items);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 200) << up->body;
  EXPECT_EQ(Body(up)["files"][0]["status"], "indexed") << up->body;
  // What watch took is found through the web too.
  int total = 0;
  for (int i = 0; i < 200 && total == 0; ++i) {
    total = Body(Get(chen, "/api/v1/search?q=" + Q("消防水泵房")))["total"];
    if (total == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(total, 1) << watch.Log();
  EXPECT_EQ(Body(Get(chen, "/api/v1/search?q=" + Q("电缆沟积水")))["total"], 1);
  watch.Signal(SIGTERM);
  EXPECT_EQ(watch.Wait(60), std::optional<int>(0)) << watch.Log();
}

// Every path and method of the OpenAPI description answers (not the
// "no such API path" 404), and 200 answers carry the schema's required keys.
TEST_F(ServeTest, OpenApiDescribesTheRoutesTheServerHas) {
  Login admin_like = LogIn("chen");
  auto spec_res = Client().Get("/api/v1/openapi.json");
  ASSERT_EQ(spec_res->status, 200);
  nlohmann::json spec = Body(spec_res);
  ASSERT_EQ(spec["openapi"].get<std::string>().substr(0, 2), "3.");
  ASSERT_GE(spec["paths"].size(), 30u);
  const std::map<std::string, std::string> values = {{"{id}", std::to_string(contract_doc_)},
                                                     {"{number}", "KH-2019-0042"},
                                                     {"{archive_no}", "KH-2019-0042"}};
  int checked = 0;
  for (const auto& [path, ops] : spec["paths"].items()) {
    std::string url = "/api/v1" + path;
    for (const auto& [key, value] : values) {
      size_t at = url.find(key);
      if (at != std::string::npos) url.replace(at, key.size(), value);
    }
    for (const auto& [method, op] : ops.items()) {
      httplib::Result r = method == "get"
                              ? Get(admin_like, url + (path == "/search" ? "?q=" + Q("合同") : ""))
                              : Post(admin_like, url, nlohmann::json::object());
      ASSERT_TRUE(r) << method << " " << url;
      nlohmann::json body = Body(r);
      const bool no_route =
          r->status == 404 && body.is_object() &&
          body["error"]["message"].get<std::string>().rfind("no such API path", 0) == 0;
      EXPECT_FALSE(no_route) << method << " " << url;
      EXPECT_TRUE(op["responses"].contains(std::to_string(r->status)) ||
                  (r->status == 204 && op["responses"].contains("204")))
          << method << " " << url << " answered " << r->status << " " << r->body.substr(0, 200);
      auto schema = op["responses"]["200"]["content"]["application/json"]["schema"];
      if (r->status == 200 && body.is_object() && schema.contains("$ref")) {
        std::string name =
            schema["$ref"].get<std::string>().substr(strlen("#/components/schemas/"));
        schema = spec["components"]["schemas"][name];
      }
      if (r->status == 200 && body.is_object() && schema.contains("required")) {
        for (const auto& k : schema["required"]) {
          EXPECT_TRUE(body.contains(k)) << url << " lacks " << k;
        }
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 35);
  auto unknown = Get(admin_like, "/api/v1/no/such/thing");
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(ServeTest, SigtermLetsTheServerFinishAndExitZero) {
  Login lin = LogIn("lin");
  std::thread slow([&] {
    auto r = Get(lin, "/api/v1/search?q=" + Q("合同"));
    EXPECT_TRUE(r);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  server_->Signal(SIGTERM);
  slow.join();
  auto code = server_->Wait(30);
  ASSERT_TRUE(code.has_value()) << server_->Log();
  EXPECT_EQ(*code, 0) << server_->Log();
  EXPECT_NE(server_->Log().find("serve: stopped"), std::string::npos);
}

}  // namespace
}  // namespace dangan::testing
