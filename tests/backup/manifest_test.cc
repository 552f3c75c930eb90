// The manifest's JSON, the pool's incremental decision, verified copies and
// the backup-age rule.
#include "backup/manifest.h"

#include <gtest/gtest.h>

#include "backup/backup_age.h"
#include "backup/pool.h"
#include "core/hash.h"
#include "support/test_util.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;
using ::dangan::testing::ReadBytes;
using ::dangan::testing::ScopedTempDir;
using ::dangan::testing::WriteBytes;

Manifest Sample() {
  Manifest m;
  m.generation = "20261129T094414Z";
  m.created_at = "2026-11-29T09:44:14Z";
  m.home = "/srv/dangan";
  m.catalog = {"generations/20261129T094414Z/catalog.sqlite", Sha256Hex("cat"), 3, "", "", 0};
  m.config = ManifestFile{"generations/20261129T094414Z/dangan.toml", Sha256Hex("cfg"), 3, "",
                          "", 0};
  m.log_seq = 12;
  m.log_head = Sha256Hex("head");
  m.files.push_back({PoolPath(Sha256Hex("a")), Sha256Hex("a"), 1,
                     "store/KH-2019-0042/" + Sha256Hex("a") + ".pdf", "original", 7});
  m.files.push_back({PoolPath(Sha256Hex("q")), Sha256Hex("q"), 1, "quarantine/3/reason.json",
                     "quarantine", 0});
  return m;
}

TEST(ManifestTest, RoundTripsThroughJson) {
  Manifest m = Sample();
  auto back = ManifestFromJson(ManifestToJson(m));
  ASSERT_OK(back);
  EXPECT_EQ(*back, m);
}

TEST(ManifestTest, WrittenAndReadFromDisk) {
  ScopedTempDir dir;
  ASSERT_OK(WriteManifest(dir.path() / kManifestName, Sample()));
  auto back = ReadManifest(dir.path() / kManifestName);
  ASSERT_OK(back);
  EXPECT_EQ(*back, Sample());
  // No temporary file is left beside it.
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) n += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(n, 1);
}

TEST(ManifestTest, RejectsWhatIsNotAManifest) {
  EXPECT_EQ(ManifestFromJson("not json").status().code(), StatusCode::kBadData);
  EXPECT_EQ(ManifestFromJson(R"({"format": "other"})").status().code(), StatusCode::kBadData);
  std::string text = ManifestToJson(Sample());
  // A path that climbs out of DEST is refused (restore writes where it says).
  std::string evil = text;
  evil.replace(evil.find("store/KH-2019-0042"), 18, "../../../etc/passwd");
  EXPECT_EQ(ManifestFromJson(evil).status().code(), StatusCode::kBadData);
  std::string bad_sha = text;
  const std::string field = "\"sha256\": \"" + Sha256Hex("a");
  ASSERT_NE(bad_sha.find(field), std::string::npos) << bad_sha;
  bad_sha.replace(bad_sha.find(field), field.size(), "\"sha256\": \"" + std::string(64, 'Z'));
  EXPECT_EQ(ManifestFromJson(bad_sha).status().code(), StatusCode::kBadData);
}

TEST(ManifestTest, PathsOfTheLayout) {
  const std::string sha = Sha256Hex("x");
  EXPECT_EQ(PoolPath(sha), "files/" + sha.substr(0, 2) + "/" + sha);
  EXPECT_EQ(GenerationPath("G"), "generations/G");
  EXPECT_EQ(ManifestPath("/d", ""), fs::path("/d/MANIFEST.json"));
  EXPECT_EQ(ManifestPath("/d", "G"), fs::path("/d/generations/G/MANIFEST.json"));
}

TEST(ManifestTest, ListsOnlyCompleteGenerationsOldestFirst) {
  ScopedTempDir dir;
  WriteBytes(dir.path() / "generations/20261129T100000Z/MANIFEST.json", "{}");
  WriteBytes(dir.path() / "generations/20261128T100000Z/MANIFEST.json", "{}");
  WriteBytes(dir.path() / "generations/20261130T100000Z.partial/MANIFEST.json", "{}");
  WriteBytes(dir.path() / "generations/20261131T100000Z/catalog.sqlite", "x");  // no manifest
  EXPECT_EQ(ListGenerations(dir.path()),
            (std::vector<std::string>{"20261128T100000Z", "20261129T100000Z"}));
}

TEST(PoolTest, DecidesWhatToCopyByHash) {
  ScopedTempDir dir;
  const std::string sha = Sha256Hex("contents");
  const fs::path file = dir.path() / PoolPath(sha);
  EXPECT_EQ(CheckPoolFile(file, sha), PoolState::kMissing);
  WriteBytes(file, "contents");
  EXPECT_EQ(CheckPoolFile(file, sha), PoolState::kPresent);
  WriteBytes(file, "contentz");  // same size, other bytes: never trusted by size
  EXPECT_EQ(CheckPoolFile(file, sha), PoolState::kDamaged);
}

TEST(PoolTest, CopyVerifiedReplacesOnlyWithTheRightBytes) {
  ScopedTempDir dir;
  const fs::path src = dir.path() / "src.pdf";
  WriteBytes(src, "original bytes");
  const fs::path dst = dir.path() / "pool/ab/dst";
  auto bad = CopyVerified(src, dst, Sha256Hex("something else"));
  EXPECT_EQ(bad.status().code(), StatusCode::kBadData);
  EXPECT_FALSE(fs::exists(dst));
  EXPECT_EQ(std::distance(fs::directory_iterator(dst.parent_path()), fs::directory_iterator()), 0)
      << "the temporary copy is removed";
  auto ok = CopyVerified(src, dst, Sha256Hex("original bytes"));
  ASSERT_OK(ok);
  EXPECT_EQ(ok->sha256, Sha256Hex("original bytes"));
  EXPECT_EQ(ReadBytes(dst), "original bytes");
}

TEST(BackupAgeTest, WarnsWhenOldOrNever) {
  auto now = ParseIso8601Utc("2026-11-29T10:00:00Z");
  ASSERT_TRUE(now.has_value());
  EXPECT_TRUE(BackupAgeWarning(std::nullopt, 7, *now).has_value());
  EXPECT_FALSE(BackupAgeWarning("2026-11-28T10:00:00Z", 7, *now).has_value());
  EXPECT_FALSE(BackupAgeWarning("2026-11-22T10:00:00Z", 7, *now).has_value());  // exactly 7 days
  auto old = BackupAgeWarning("2026-11-20T10:00:00Z", 7, *now);
  ASSERT_TRUE(old.has_value());
  EXPECT_NE(old->find("9.0 days"), std::string::npos) << *old;
  EXPECT_TRUE(BackupAgeWarning("yesterday", 7, *now).has_value());
}

}  // namespace
}  // namespace dangan::backup
