#include "ingest/input_walker.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace dangan::ingest {
namespace {

TEST(InputWalkerTest, ListsFilesBelowTheDropWithSourcesAndNearestFolderFirst) {
  testing::ScopedTempDir dir;
  auto inbox = dir.path() / "inbox";
  testing::WriteBytes(inbox / "KH-2019-0042" / "scans" / "b.pdf", "x");
  testing::WriteBytes(inbox / "a.pdf", "y");
  auto inputs = ListInputs({inbox});
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 2u);
  EXPECT_EQ((*inputs)[0].source, "inbox/KH-2019-0042/scans/b.pdf");
  EXPECT_EQ((*inputs)[0].folders, (std::vector<std::string>{"scans", "KH-2019-0042", "inbox"}));
  EXPECT_EQ((*inputs)[1].source, "inbox/a.pdf");
}

TEST(InputWalkerTest, ASingleFileKeepsItsFolderName) {
  testing::ScopedTempDir dir;
  testing::WriteBytes(dir.path() / "KH-2019-0042" / "c.pdf", "z");
  auto inputs = ListInputs({dir.path() / "KH-2019-0042" / "c.pdf"});
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_EQ((*inputs)[0].source, "KH-2019-0042/c.pdf");
  EXPECT_EQ((*inputs)[0].folders, std::vector<std::string>{"KH-2019-0042"});
}

TEST(InputWalkerTest, SymlinksAreListedNotFollowed) {
  testing::ScopedTempDir dir;
  auto inbox = dir.path() / "inbox";
  testing::WriteBytes(dir.path() / "outside" / "secret.pdf", "s");
  std::filesystem::create_directories(inbox);
  std::filesystem::create_directory_symlink(dir.path() / "outside", inbox / "link");
  auto inputs = ListInputs({inbox});
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_TRUE((*inputs)[0].is_symlink);
}

TEST(InputWalkerTest, AMissingPathIsNotFound) {
  auto inputs = ListInputs({"/nonexistent/dangan-drop"});
  ASSERT_FALSE(inputs.ok());
  EXPECT_EQ(inputs.status().code(), StatusCode::kNotFound);
}

TEST(InputWalkerTest, MemberFoldersAreInnermostFirst) {
  EXPECT_EQ(MemberFolders("a/b/c.pdf"), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(MemberFolders("KH-2019-0042/inner.zip!d/e.pdf"),
            (std::vector<std::string>{"d", "KH-2019-0042"}));
  EXPECT_TRUE(MemberFolders("c.pdf").empty());
}

}  // namespace
}  // namespace dangan::ingest
