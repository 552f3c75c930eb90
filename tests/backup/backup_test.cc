// WriteBackup, CheckBackup and Restore on a real catalog and real files.
#include "backup/backup_writer.h"

#include <gtest/gtest.h>

#include "backup/backup_check.h"
#include "backup/restore.h"
#include "core/hash.h"
#include "support/test_util.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;
using ::dangan::testing::ReadBytes;
using ::dangan::testing::ScopedTempDir;
using ::dangan::testing::WriteBytes;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(home_.root());
    auto cat = catalog::Catalog::Open(home_.catalog(), /*create=*/true);
    ASSERT_OK(cat);
    catalog_ = std::move(cat).value();
    WriteBytes(home_.config(), "[backup]\nkeep = 3\n");
    AddDocument("KH-2019-0042", "first contract");
    AddDocument("KH-2019-0042", "second contract");
    AddDocument("", "an unfiled letter");
    ASSERT_OK(catalog_->AppendLog("admin", "test", "", "{}"));
    catalog::QuarantineItem q;
    q.source = "inbox/bad.pdf";
    q.sha256 = Sha256Hex("bad");
    q.reason = QuarantineReason::kCorrupt;
    q.detail = "truncated";
    q.at = "2026-11-29T00:00:00Z";
    q.file_name = "bad.pdf";
    auto id = catalog_->InsertQuarantine(&q);
    ASSERT_OK(id);
    WriteBytes(home_.root() / "quarantine" / std::to_string(*id) / "bad.pdf", "bad");
    WriteBytes(home_.root() / "quarantine" / std::to_string(*id) / "reason.json", "{}");
  }

  void AddDocument(const std::string& archive_no, const std::string& bytes) {
    catalog::Document d;
    d.sha256 = Sha256Hex(bytes);
    d.original_name = bytes + ".pdf";
    d.sources = {"inbox/" + d.original_name};
    d.mime = "application/pdf";
    d.size = bytes.size();
    d.pages = 1;
    if (!archive_no.empty()) d.archive_no = archive_no;
    d.title = bytes;
    d.stored_path = "store/" + (archive_no.empty() ? std::string("_unfiled") : archive_no) + "/" +
                    d.sha256 + ".pdf";
    d.ingested_at = "2026-11-29T00:00:00Z";
    WriteBytes(home_.root() / d.stored_path, bytes);
    ASSERT_OK(catalog_->Begin());
    ASSERT_OK(catalog_->InsertDocument(&d, {}));
    ASSERT_OK(catalog_->Commit());
    stored_.push_back(d.stored_path);
  }

  Result<BackupResult> Backup(int keep = 7) {
    BackupOptions options;
    options.keep = keep;
    return WriteBackup(home_, catalog_.get(), dest_, options);
  }

  ScopedTempDir dir_;
  Home home_{dir_.path() / "home"};
  fs::path dest_ = dir_.path() / "dest";
  std::unique_ptr<catalog::Catalog> catalog_;
  std::vector<std::string> stored_;
};

TEST_F(BackupTest, SecondRunCopiesNoFileAgain) {
  auto first = Backup();
  ASSERT_OK(first);
  EXPECT_EQ(first->copied, 5);  // 3 originals, the quarantined file and its reason
  EXPECT_EQ(first->files, 7);   // and the catalog and config
  EXPECT_EQ(first->manifest.log_seq, 1);
  auto second = Backup();
  ASSERT_OK(second);
  EXPECT_EQ(second->copied, 0);
  EXPECT_NE(second->manifest.generation, first->manifest.generation);
  EXPECT_EQ(ListGenerations(dest_).size(), 2u);
  auto top = ReadManifest(dest_ / kManifestName);
  ASSERT_OK(top);
  EXPECT_EQ(*top, second->manifest) << "DEST/MANIFEST.json is the newest generation's";
  auto gen = ReadManifest(ManifestPath(dest_, second->manifest.generation));
  ASSERT_OK(gen);
  EXPECT_EQ(*gen, second->manifest);
  EXPECT_EQ(Sha256File(dest_ / gen->catalog.path).value(), gen->catalog.sha256);
}

TEST_F(BackupTest, ADamagedPoolFileIsCopiedAgain) {
  auto first = Backup();
  ASSERT_OK(first);
  const ManifestFile& f = first->manifest.files.front();
  fs::permissions(dest_ / f.path, fs::perms::owner_write, fs::perm_options::add);
  WriteBytes(dest_ / f.path, "rotten");
  auto check = CheckBackup(dest_, "", nullptr);
  ASSERT_OK(check);
  ASSERT_EQ(check->problems.size(), 1u);
  EXPECT_EQ(check->problems[0].kind, "damaged");
  EXPECT_EQ(check->problems[0].path, f.path);
  auto second = Backup();
  ASSERT_OK(second);
  EXPECT_EQ(second->copied, 1);
  check = CheckBackup(dest_, "", nullptr);
  ASSERT_OK(check);
  EXPECT_TRUE(check->problems.empty());
}

TEST_F(BackupTest, CheckNamesMissingFilesAndAMissingManifest) {
  auto first = Backup();
  ASSERT_OK(first);
  fs::remove(dest_ / first->manifest.files[1].path);
  auto check = CheckBackup(dest_, "", nullptr);
  ASSERT_OK(check);
  ASSERT_EQ(check->problems.size(), 1u);
  EXPECT_EQ(check->problems[0].kind, "missing");
  EXPECT_NE(check->problems[0].detail.find(first->manifest.files[1].home_path), std::string::npos);
  fs::remove(dest_ / kManifestName);
  check = CheckBackup(dest_, "", nullptr);
  ASSERT_OK(check);
  ASSERT_EQ(check->problems.size(), 1u);
  EXPECT_EQ(check->problems[0].kind, "manifest");
}

TEST_F(BackupTest, KeepPrunesOlderGenerationsAndUnlistedFiles) {
  WriteBytes(dest_ / "generations/20000101T000000Z.partial/catalog.sqlite", "killed run");
  WriteBytes(dest_ / "files/zz/stray", "no manifest lists this");
  std::vector<std::string> made;
  for (int i = 0; i < 3; ++i) {
    auto r = Backup(/*keep=*/2);
    ASSERT_OK(r);
    made.push_back(r->manifest.generation);
  }
  EXPECT_EQ(ListGenerations(dest_), (std::vector<std::string>{made[1], made[2]}));
  EXPECT_FALSE(fs::exists(dest_ / "generations/20000101T000000Z.partial"));
  EXPECT_FALSE(fs::exists(dest_ / "files/zz/stray"));
  EXPECT_FALSE(fs::exists(dest_ / GenerationPath(made[0])));
  auto check = CheckBackup(dest_, made[1], nullptr);
  ASSERT_OK(check);
  EXPECT_TRUE(check->problems.empty());
}

TEST_F(BackupTest, RestoreBringsBackEveryFileChecked) {
  auto first = Backup();
  ASSERT_OK(first);
  Home restored(dir_.path() / "restored");
  auto m = RestoreCatalog(dest_, "", restored);
  ASSERT_OK(m);
  auto files = RestoreFiles(dest_, *m, restored, nullptr);
  ASSERT_OK(files);
  EXPECT_EQ(files->files, 7);
  for (const std::string& p : stored_)
    EXPECT_EQ(ReadBytes(restored.root() / p), ReadBytes(home_.root() / p)) << p;
  EXPECT_EQ(ReadBytes(restored.config()), ReadBytes(home_.config()));
  auto cat = catalog::Catalog::Open(restored.catalog(), false);
  ASSERT_OK(cat);
  auto stats = (*cat)->GetStats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->documents, 3);
  EXPECT_EQ(stats->quarantined, 1);
  // A home that is not empty is refused.
  EXPECT_EQ(RestoreCatalog(dest_, "", restored).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(BackupTest, RestoreRefusesADamagedFile) {
  auto first = Backup();
  ASSERT_OK(first);
  const ManifestFile& f = first->manifest.files.front();
  fs::permissions(dest_ / f.path, fs::perms::owner_write, fs::perm_options::add);
  WriteBytes(dest_ / f.path, "rotten");
  Home restored(dir_.path() / "restored");
  auto m = RestoreCatalog(dest_, "", restored);
  ASSERT_OK(m);
  auto files = RestoreFiles(dest_, *m, restored, nullptr);
  EXPECT_EQ(files.status().code(), StatusCode::kBadData);
  EXPECT_NE(files.status().message().find(f.path), std::string::npos) << files.status().message();
}

}  // namespace
}  // namespace dangan::backup
