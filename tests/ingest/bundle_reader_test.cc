#include "ingest/bundle_reader.h"

#include <gtest/gtest.h>
#include <locale.h>
#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include "bundle_reader_fixture.h"

namespace dangan::ingest {
namespace {

// --- members and names ------------------------------------------------------

TEST_F(BundleReaderTest, ZipMembersComeBackWithPathsAndBytes) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::Directory("docs/"),
                                              FixtureEntry::File("docs/a.pdf", Pdf("a")),
                                              FixtureEntry::File("b.pdf", Pdf("b"))});
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  std::map<std::string, std::string> expected{{"docs/a.pdf", Pdf("a")}, {"b.pdf", Pdf("b")}};
  EXPECT_EQ(Contents(outcome), expected);
  ASSERT_EQ(outcome.members.size(), 2u);
  EXPECT_EQ(outcome.members[0].size, Pdf("a").size());
}

TEST_F(BundleReaderTest, MemberFilesHaveGeneratedNamesInsideOutDirWithMode0600) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("合同.pdf", Pdf("a"))});
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  const fs::path& file = outcome.members[0].file;
  EXPECT_EQ(file.parent_path(), out_dir());
  EXPECT_EQ(file.string().find("合同"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(BundleReaderTest, EmptyRegularFileIsAMemberAndDirectoriesAreNot) {
  std::string tar = Make(BundleFormat::kTar, {FixtureEntry::Directory("empty-dir"),
                                              FixtureEntry::File("blank.pdf", "")});
  BundleOutcome outcome = Expand("a.tar", tar);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "blank.pdf");
  EXPECT_EQ(outcome.members[0].size, 0u);
}

TEST_F(BundleReaderTest, ZipGbkNamesWithoutUtf8FlagAreDecoded) {
  BundleOptions raw;
  raw.raw_names = true;
  // 财务部/合同.pdf in GBK.
  std::string zip =
      Make(BundleFormat::kZip,
           {FixtureEntry::File("\xB2\xC6\xCE\xF1\xB2\xBF/\xBA\xCF\xCD\xAC.pdf", Pdf("gbk"))}, raw);
  ASSERT_EQ(::dangan::testing::FirstZipEntryFlags(zip) & (1 << 11), 0) << "fixture is flagged";
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "财务部/合同.pdf");
}

TEST_F(BundleReaderTest, ZipUtf8FlaggedNamesAreKept) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("房屋租賃合同.pdf", Pdf("u"))});
  ASSERT_NE(::dangan::testing::FirstZipEntryFlags(zip) & (1 << 11), 0) << "fixture not flagged";
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "房屋租賃合同.pdf");
}

TEST_F(BundleReaderTest, ZipUtf8NamesWithoutFlagAreKept) {
  BundleOptions raw;
  raw.raw_names = true;
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("收据.pdf", Pdf("u"))}, raw);
  ASSERT_EQ(::dangan::testing::FirstZipEntryFlags(zip) & (1 << 11), 0) << "fixture is flagged";
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "收据.pdf");
}

TEST_F(BundleReaderTest, ZipCp437NamesAreDecodedWhenNotGbk) {
  BundleOptions raw;
  raw.raw_names = true;
  std::string zip = Make(BundleFormat::kZip,
                         {FixtureEntry::File("\x80"
                                             "a\x94.pdf",
                                             Pdf("c"))},
                         raw);
  BundleOutcome outcome = Expand("batch.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "Çaö.pdf");
}

TEST_F(BundleReaderTest, TarFamilyAnd7zMembersAreReturnedWithChineseNames) {
  const std::vector<FixtureEntry> entries = {FixtureEntry::File("档案/合同.pdf", Pdf("1")),
                                             FixtureEntry::File("發票.pdf", Pdf("2"))};
  const std::map<std::string, std::string> expected{{"档案/合同.pdf", Pdf("1")},
                                                    {"發票.pdf", Pdf("2")}};
  for (BundleFormat format :
       {BundleFormat::kTar, BundleFormat::kTarGz, BundleFormat::kTarXz, BundleFormat::k7z}) {
    SCOPED_TRACE(static_cast<int>(format));
    BundleOutcome outcome =
        Expand("bundle" + std::to_string(static_cast<int>(format)), Make(format, entries));
    ASSERT_TRUE(outcome.ok) << outcome.detail;
    EXPECT_EQ(Contents(outcome), expected);
    fs::remove_all(out_dir());
  }
}

TEST_F(BundleReaderTest, ThreadLocaleIsRestored) {
  locale_t before = uselocale(static_cast<locale_t>(nullptr));
  BundleOutcome outcome = Expand("a.tar", Make(BundleFormat::kTar, {FixtureEntry::File("x", "")}));
  EXPECT_TRUE(outcome.ok) << outcome.detail;
  EXPECT_EQ(uselocale(static_cast<locale_t>(nullptr)), before);
}

// --- nesting and lone compressed files --------------------------------------

TEST_F(BundleReaderTest, NestedBundleMembersArePrefixedWithTheInnerBundle) {
  std::string tar = Make(BundleFormat::kTar, {FixtureEntry::File("c.pdf", Pdf("c"))});
  std::string inner = Make(BundleFormat::kZip, {FixtureEntry::File("dir/b.pdf", Pdf("b")),
                                                FixtureEntry::File("归档.tar", tar)});
  std::string outer = Make(BundleFormat::kZip, {FixtureEntry::File("a.pdf", Pdf("a")),
                                                FixtureEntry::File("sub/inner.zip", inner)});
  BundleOutcome outcome = Expand("outer.zip", outer);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  std::map<std::string, std::string> expected{{"a.pdf", Pdf("a")},
                                              {"sub/inner.zip!dir/b.pdf", Pdf("b")},
                                              {"sub/inner.zip!归档.tar!c.pdf", Pdf("c")}};
  EXPECT_EQ(Contents(outcome), expected);
  EXPECT_EQ(FilesLeft().size(), 3u) << "nested bundle files must not stay in out_dir";
}

TEST_F(BundleReaderTest, NestingUpToMaxDepthIsAccepted) {
  std::string bundle = Make(BundleFormat::kZip, {FixtureEntry::File("deep.pdf", Pdf("d"))});
  for (int level = 2; level <= limits_.max_depth; ++level)
    bundle = Make(BundleFormat::kZip, {FixtureEntry::File("l.zip", bundle)});
  BundleOutcome outcome = Expand("outer.zip", bundle);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "l.zip!l.zip!deep.pdf");
}

TEST_F(BundleReaderTest, NestingBeyondMaxDepthMakesTheWholeBundleABomb) {
  std::string bundle = Make(BundleFormat::kZip, {FixtureEntry::File("deep.pdf", Pdf("d"))});
  for (int level = 2; level <= limits_.max_depth + 1; ++level)
    bundle = Make(BundleFormat::kZip, {FixtureEntry::File("l.zip", bundle)});
  std::string outer_with_good_member =
      Make(BundleFormat::kZip,
           {FixtureEntry::File("ok.pdf", Pdf("ok")), FixtureEntry::File("n.zip", bundle)});
  ExpectRefused(Expand("outer.zip", outer_with_good_member), QuarantineReason::kBomb,
                "n.zip!l.zip!l.zip");
}

TEST_F(BundleReaderTest, LoneGzipIsABundleOfOneMemberNamedWithoutSuffix) {
  std::string gz = Make(BundleFormat::kGzip, {FixtureEntry::File("data", Pdf("g"))});
  BundleOutcome outcome = Expand("report.pdf.gz", gz);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  std::map<std::string, std::string> expected{{"report.pdf", Pdf("g")}};
  EXPECT_EQ(Contents(outcome), expected);
}

TEST_F(BundleReaderTest, GzipInsideZipIsExpandedUnderItsOwnName) {
  std::string gz = Make(BundleFormat::kGzip, {FixtureEntry::File("data", Pdf("g"))});
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("扫描/报告.pdf.gz", gz)});
  BundleOutcome outcome = Expand("a.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  std::map<std::string, std::string> expected{{"扫描/报告.pdf.gz!报告.pdf", Pdf("g")}};
  EXPECT_EQ(Contents(outcome), expected);
}

TEST_F(BundleReaderTest, GzipInsideGzipIsANestedBundleNotAFilterLayer) {
  std::string inner = Make(BundleFormat::kGzip, {FixtureEntry::File("data", Pdf("g"))});
  std::string outer = Make(BundleFormat::kGzip, {FixtureEntry::File("data", inner)});
  BundleOutcome outcome = Expand("report.pdf.gz.gz", outer);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  std::map<std::string, std::string> expected{{"report.pdf.gz!report.pdf", Pdf("g")}};
  EXPECT_EQ(Contents(outcome), expected);
}

TEST_F(BundleReaderTest, MacMetadataFolderIsSkipped) {
  std::string zip =
      Make(BundleFormat::kZip,
           {FixtureEntry::File("a.pdf", Pdf("a")), FixtureEntry::Directory("__MACOSX/"),
            FixtureEntry::File("__MACOSX/._a.pdf", std::string("\0\5\26\7", 4))});
  BundleOutcome outcome = Expand("mac.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "a.pdf");
}

TEST_F(BundleReaderTest, TarGbkNamesAreDecoded) {
  BundleOptions raw;
  raw.raw_names = true;
  std::string tar =
      Make(BundleFormat::kTar, {FixtureEntry::File("\xBA\xCF\xCD\xAC.pdf", Pdf("t"))}, raw);
  BundleOutcome outcome = Expand("old.tar", tar);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "合同.pdf");
}

}  // namespace
}  // namespace dangan::ingest
