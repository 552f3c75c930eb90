#include "ingest/store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/hash.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

TEST(StoreTest, ClaimCopiesAndHashesLeavingTheInput) {
  testing::ScopedTempDir dir;
  Store store(Home(dir.path() / "home"));
  testing::WriteBytes(dir.path() / "in.pdf", "contract bytes");
  auto c = store.Claim(dir.path() / "in.pdf");
  ASSERT_OK(c);
  EXPECT_EQ(c->sha256, Sha256Hex("contract bytes"));
  EXPECT_EQ(c->size, 14u);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "in.pdf"));
  EXPECT_EQ(testing::ReadBytes(c->staging), "contract bytes");
}

TEST(StoreTest, FiledOriginalIsNamedByHashReadOnlyUnderItsArchive) {
  testing::ScopedTempDir dir;
  Home home(dir.path() / "home");
  Store store(home);
  testing::WriteBytes(dir.path() / "in.pdf", "bytes");
  auto c = store.Claim(dir.path() / "in.pdf");
  ASSERT_OK(c);
  auto path = store.FileOriginal(*c, "KH-2019-0042", "pdf");
  ASSERT_OK(path);
  EXPECT_EQ(*path, "store/KH-2019-0042/" + Sha256Hex("bytes") + ".pdf");
  struct stat st;
  ASSERT_EQ(::stat((home.root() / *path).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0444u);
  EXPECT_FALSE(std::filesystem::exists(c->staging));
  auto unfiled = store.Claim(dir.path() / "in.pdf");
  ASSERT_OK(unfiled);
  auto p2 = store.FileOriginal(*unfiled, "", "pdf");
  ASSERT_OK(p2);
  EXPECT_EQ(p2->rfind("store/_unfiled/", 0), 0u);
}

TEST(StoreTest, QuarantineKeepsBytesAndReason) {
  testing::ScopedTempDir dir;
  Home home(dir.path() / "home");
  Store store(home);
  testing::WriteBytes(dir.path() / "bad.pdf", "%PDF-garbage");
  catalog::QuarantineItem item;
  item.id = 7;
  item.source = "inbox/bad.pdf";
  item.reason = QuarantineReason::kCorrupt;
  item.detail = "cut";
  item.file_name = "bad.pdf";
  ASSERT_OK(store.Quarantine(item, dir.path() / "bad.pdf", Store::Bytes::kInput));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "bad.pdf"))
      << "an input stays until its quarantine row commits";
  EXPECT_EQ(testing::ReadBytes(home.quarantine() / "7" / "bad.pdf"), "%PDF-garbage");
  EXPECT_NE(testing::ReadBytes(home.quarantine() / "7" / "reason.json").find("\"corrupt\""),
            std::string::npos);
}

TEST(StoreTest, AQuarantinedStagingCopyIsMoved) {
  testing::ScopedTempDir dir;
  Home home(dir.path() / "home");
  Store store(home);
  testing::WriteBytes(dir.path() / "in.zip", "PK not really");
  auto c = store.Claim(dir.path() / "in.zip");
  ASSERT_OK(c);
  catalog::QuarantineItem item;
  item.id = 3;
  item.reason = QuarantineReason::kCorrupt;
  item.file_name = "in.zip";
  ASSERT_OK(store.Quarantine(item, c->staging, Store::Bytes::kStagingCopy));
  EXPECT_FALSE(std::filesystem::exists(c->staging));
  EXPECT_EQ(testing::ReadBytes(home.quarantine() / "3" / "in.zip"), "PK not really");
}

TEST(StoreTest, AnInputReplacedAfterItWasTakenIsNotRemoved) {
  testing::ScopedTempDir dir;
  Store store(Home(dir.path() / "home"));
  testing::WriteBytes(dir.path() / "Scan0001.jpg", "first scan");
  auto c = store.Claim(dir.path() / "Scan0001.jpg");
  ASSERT_OK(c);
  std::filesystem::remove(dir.path() / "Scan0001.jpg");
  testing::WriteBytes(dir.path() / "Scan0001.jpg", "second scan, same name");
  bool kept = false;
  ASSERT_OK(RemoveInput(dir.path() / "Scan0001.jpg", c->input, &kept));
  EXPECT_TRUE(kept);
  EXPECT_EQ(testing::ReadBytes(dir.path() / "Scan0001.jpg"), "second scan, same name");
}

TEST(StoreTest, ArchiveNumbersThatAreNotOneFolderNameAreRefused) {
  EXPECT_TRUE(IsSafeFolderName("KH-2019-0042"));
  EXPECT_FALSE(IsSafeFolderName("../x"));
  EXPECT_FALSE(IsSafeFolderName(".."));
  EXPECT_FALSE(IsSafeFolderName("a/b"));
}

TEST(StoreTest, ClearStagingRemovesLeftovers) {
  testing::ScopedTempDir dir;
  Home home(dir.path() / "home");
  Store store(home);
  testing::WriteBytes(home.staging() / "claim-1", "half");
  testing::WriteBytes(home.staging() / "bundle-2" / "m", "member");
  auto n = store.ClearStaging();
  ASSERT_OK(n);
  EXPECT_TRUE(std::filesystem::is_empty(home.staging()));
}

}  // namespace
}  // namespace dangan::ingest
