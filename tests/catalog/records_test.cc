// The records-management parts of the catalog: schema v1 -> v2 migration,
// effective levels, users, and the access log's hash chain (RECORDS §1, §2, §4).
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/schema.h"
#include "support/sqlite_util.h"
#include "support/test_util.h"

namespace dangan::catalog {
namespace {

using ::dangan::testing::SqliteExec;
using ::dangan::testing::SqliteQueryOne;

class RecordsTest : public ::testing::Test {
 protected:
  std::filesystem::path db() const { return dir_.path() / "catalog.sqlite"; }

  std::unique_ptr<Catalog> OpenCatalog() {
    auto c = Catalog::Open(db(), true);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }

  // A catalog exactly as schema 1 (the code before this work) left it: only
  // migration 1 applied, one client and one filed document.
  void MakeV1Catalog() {
    std::string sql = std::string(kMigrations[0]) +
        "PRAGMA user_version=1;"
        "INSERT INTO clients(archive_no, name, type, retention, updated_at) "
        "VALUES('KH-2019-0042', '上海华东', 'enterprise', 'long', '2026-01-01T00:00:00Z');"
        "INSERT INTO documents(id, sha256, original_name, mime, size, pages, state, text_source, "
        "archive_no, routed_by, doc_type, title, stored_path, ingested_at) VALUES(7, 'ab', "
        "'a.pdf', 'application/pdf', 1, 1, 'indexed', 'text', 'KH-2019-0042', 'folder', "
        "'contract', '合同', 'store/KH-2019-0042/ab.pdf', '2026-01-01T00:00:00Z');";
    ASSERT_EQ(SqliteExec(db(), sql), "");
    ASSERT_EQ(SqliteQueryOne(db(), "PRAGMA user_version"), "1");
  }

  void AppendRows(Catalog* cat, int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_OK(cat->AppendLog("alice", "open", "doc:" + std::to_string(i),
                               R"({"level":"internal"})"));
  }

  testing::ScopedTempDir dir_;
};

TEST_F(RecordsTest, V1CatalogMigratesToTheCurrentSchemaOnFirstOpen) {
  MakeV1Catalog();
  auto cat = OpenCatalog();
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(SqliteQueryOne(db(), "PRAGMA user_version"), std::to_string(kSchemaVersion));
  auto client = cat->GetClient("KH-2019-0042");
  ASSERT_OK(client);
  ASSERT_TRUE(client->has_value());
  EXPECT_EQ((*client)->level, Level::kInternal);
  auto doc = cat->GetDocument(7);
  ASSERT_OK(doc);
  ASSERT_TRUE(doc->has_value());
  EXPECT_EQ((*doc)->level, Level::kInternal);
  EXPECT_FALSE((*doc)->own_level.has_value());
  User u;
  u.name = "alice";
  u.roles = {Role::kStaff};
  ASSERT_OK(cat->InsertUser(u));
  ASSERT_OK(cat->AppendLog("admin", "user_add", "user:alice", "{}"));
  // A second open finds nothing to migrate.
  cat.reset();
  ASSERT_NE(OpenCatalog(), nullptr);
}

TEST_F(RecordsTest, DocumentTakesTheHigherOfItsOwnAndItsArchivesLevel) {
  MakeV1Catalog();
  auto cat = OpenCatalog();
  ASSERT_NE(cat, nullptr);
  ASSERT_EQ(SqliteExec(db(), "UPDATE clients SET level = 'confidential'"), "");
  EXPECT_EQ(*cat->DocumentLevel(7), Level::kConfidential);
  ASSERT_EQ(SqliteExec(db(), "UPDATE documents SET level = 'public'"), "");  // lower: archive wins
  EXPECT_EQ(*cat->DocumentLevel(7), Level::kConfidential);
  ASSERT_EQ(SqliteExec(db(), "UPDATE documents SET level = 'secret'"), "");
  EXPECT_EQ(*cat->DocumentLevel(7), Level::kSecret);
  DocumentFilter filter;
  filter.max_level = Level::kConfidential;
  int seen = 0;
  ASSERT_OK(cat->ForEachDocument(filter, 0, [&](const Document&) { return ++seen, true; }));
  EXPECT_EQ(seen, 0);
  filter.max_level = Level::kSecret;
  ASSERT_OK(cat->ForEachDocument(filter, 0, [&](const Document&) { return ++seen, true; }));
  EXPECT_EQ(seen, 1);
}

TEST_F(RecordsTest, UnfiledDocumentHasTheDefaultLevel) {
  MakeV1Catalog();
  ASSERT_EQ(SqliteExec(db(), "UPDATE documents SET archive_no = NULL"), "");
  auto cat = OpenCatalog();
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(*cat->DocumentLevel(7), Level::kInternal);
  cat->set_default_level(Level::kConfidential);
  EXPECT_EQ(*cat->DocumentLevel(7), Level::kConfidential);
}

TEST_F(RecordsTest, UsersRoundTripWithRolesAndClearance) {
  auto cat = OpenCatalog();
  User u;
  u.name = "wang";
  u.display = "王";
  u.roles = {Role::kArchivist, Role::kApprover};
  u.clearance = Level::kConfidential;
  ASSERT_OK(cat->InsertUser(u));
  auto got = cat->GetUser("wang");
  ASSERT_OK(got);
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->roles, u.roles);
  EXPECT_EQ((*got)->clearance, Level::kConfidential);
  EXPECT_FALSE((*got)->disabled);
  u.disabled = true;
  ASSERT_OK(cat->UpdateUser(u));
  EXPECT_TRUE((*cat->GetUser("wang"))->disabled);
  u.name = "nobody";
  EXPECT_EQ(cat->UpdateUser(u).code(), StatusCode::kNotFound);
}

TEST_F(RecordsTest, LogRowsChainAndVerify) {
  auto cat = OpenCatalog();
  AppendRows(cat.get(), 5);
  std::vector<LogRow> rows;
  ASSERT_OK(cat->ForEachLogRow({}, [&](const LogRow& r) { return rows.push_back(r), true; }));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].prev_hash, kLogGenesisHash);
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, rows[i - 1].seq + 1);
    EXPECT_EQ(rows[i].prev_hash, rows[i - 1].hash);
    EXPECT_EQ(rows[i].hash, LogRowHash(rows[i]));
  }
  auto v = cat->VerifyLog();
  ASSERT_OK(v);
  EXPECT_FALSE(v->has_value());
}

TEST_F(RecordsTest, LogAppendInsideATransactionRollsBackWithIt) {
  auto cat = OpenCatalog();
  Status s = cat->Transaction([&] {
    auto row = cat->AppendLog("alice", "file", "doc:1", "{}");
    if (!row.ok()) return row.status();
    return Status::Internal("the recorded act failed");
  });
  EXPECT_FALSE(s.ok());
  int n = 0;
  ASSERT_OK(cat->ForEachLogRow({}, [&](const LogRow&) { return ++n, true; }));
  EXPECT_EQ(n, 0);
}

TEST_F(RecordsTest, EditedRowInTheMiddleIsNamed) {
  auto cat = OpenCatalog();
  AppendRows(cat.get(), 5);
  ASSERT_EQ(SqliteExec(db(), "UPDATE access_log SET user = 'mallory' WHERE seq = 3"), "");
  auto v = cat->VerifyLog();
  ASSERT_OK(v);
  ASSERT_TRUE(v->has_value());
  EXPECT_EQ((*v)->seq, 3);
}

TEST_F(RecordsTest, EditedDetailIsNamed) {
  auto cat = OpenCatalog();
  AppendRows(cat.get(), 4);
  ASSERT_EQ(SqliteExec(db(), R"(UPDATE access_log SET detail = '{"level":"public"}' WHERE seq = 2)"), "");
  auto v = cat->VerifyLog();
  ASSERT_OK(v);
  ASSERT_TRUE(v->has_value());
  EXPECT_EQ((*v)->seq, 2);
}

TEST_F(RecordsTest, DeletedRowIsNamedByTheRowAfterIt) {
  auto cat = OpenCatalog();
  AppendRows(cat.get(), 5);
  ASSERT_EQ(SqliteExec(db(), "DELETE FROM access_log WHERE seq = 3"), "");
  auto v = cat->VerifyLog();
  ASSERT_OK(v);
  ASSERT_TRUE(v->has_value());
  EXPECT_EQ((*v)->seq, 4);
  EXPECT_NE((*v)->why.find("row 3 is missing"), std::string::npos) << (*v)->why;
}

TEST_F(RecordsTest, RehashedEditStillBreaksTheNextRow) {
  auto cat = OpenCatalog();
  AppendRows(cat.get(), 4);
  // A forger who recomputes row 2's own hash still breaks row 3's prev_hash.
  std::vector<LogRow> rows;
  ASSERT_OK(cat->ForEachLogRow({}, [&](const LogRow& r) { return rows.push_back(r), true; }));
  LogRow forged = rows[1];
  forged.user = "mallory";
  forged.hash = LogRowHash(forged);
  ASSERT_EQ(SqliteExec(db(), "UPDATE access_log SET user = 'mallory', hash = '" + forged.hash +
                                 "' WHERE seq = 2"), "");
  auto v = cat->VerifyLog();
  ASSERT_OK(v);
  ASSERT_TRUE(v->has_value());
  EXPECT_EQ((*v)->seq, 3);
}

TEST_F(RecordsTest, LogFilterSelectsByUserActionTargetAndArchive) {
  auto cat = OpenCatalog();
  ASSERT_OK(cat->AppendLog("alice", "open", "doc:1", R"({"archive_no":"KH-2019-0042"})"));
  ASSERT_OK(cat->AppendLog("bob", "search", "", R"({"query":"合同"})"));
  ASSERT_OK(cat->AppendLog("bob", "open", "doc:2", R"({"archive_no":"KH-2018-0006"})"));
  auto count = [&](const LogFilter& f) {
    int n = 0;
    EXPECT_OK(cat->ForEachLogRow(f, [&](const LogRow&) { return ++n, true; }));
    return n;
  };
  LogFilter by_user;
  by_user.user = "bob";
  EXPECT_EQ(count(by_user), 2);
  LogFilter by_action;
  by_action.action = "open";
  EXPECT_EQ(count(by_action), 2);
  LogFilter by_doc;
  by_doc.target = "doc:2";
  EXPECT_EQ(count(by_doc), 1);
  LogFilter by_archive;
  by_archive.archive = "KH-2019-0042";
  EXPECT_EQ(count(by_archive), 1);
}

}  // namespace
}  // namespace dangan::catalog
