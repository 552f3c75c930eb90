// Bundles that must be refused whole (DESIGN §4.3, §5): unsafe, bombs,
// encrypted, corrupt. Each leaves out_dir empty.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bundle_reader_fixture.h"

namespace dangan::ingest {
namespace {

// --- unsafe_bundle ----------------------------------------------------------

TEST_F(BundleReaderTest, DotDotMemberIsUnsafeAndEarlierMembersAreRemoved) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("good.pdf", Pdf("g")),
                                              FixtureEntry::File("../../etc/x.pdf", Pdf("x"))});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kUnsafeBundle,
                "member ../../etc/x.pdf escapes the bundle");
}

TEST_F(BundleReaderTest, WindowsDotDotMemberIsUnsafe) {
  std::string zip =
      Make(BundleFormat::kZip, {FixtureEntry::File("..\\..\\Temp\\evil.pdf", Pdf("x"))});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kUnsafeBundle, "escapes the bundle");
}

TEST_F(BundleReaderTest, AbsoluteMemberIsUnsafe) {
  for (BundleFormat format : {BundleFormat::kZip, BundleFormat::kTar}) {
    std::string bundle = Make(format, {FixtureEntry::File("/etc/x.pdf", Pdf("x"))});
    ExpectRefused(Expand("abs" + std::to_string(static_cast<int>(format)), bundle),
                  QuarantineReason::kUnsafeBundle, "member /etc/x.pdf has an absolute path");
  }
}

TEST_F(BundleReaderTest, WindowsDriveMemberIsUnsafe) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("C:\\Windows\\x.pdf", "x")});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kUnsafeBundle, "absolute path");
}

TEST_F(BundleReaderTest, SymlinkOutOfTheBundleIsUnsafe) {
  std::string tar = Make(BundleFormat::kTar, {FixtureEntry::File("docs/合同.pdf", Pdf("c")),
                                              FixtureEntry::Symlink("passwd", "/etc/passwd"),
                                              FixtureEntry::File("passwd", "root::0:0\n")});
  ExpectRefused(Expand("a.tar", tar), QuarantineReason::kUnsafeBundle,
                "member passwd is a symlink to /etc/passwd");
}

TEST_F(BundleReaderTest, ZipSymlinkClimbingOutIsUnsafe) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::Symlink("a/link", "../../outside")});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kUnsafeBundle, "outside the bundle");
}

TEST_F(BundleReaderTest, FileThroughASymlinkIsUnsafeEvenWhenTheLinkPointsInside) {
  std::string tar = Make(BundleFormat::kTar,
                         {FixtureEntry::Directory("real"), FixtureEntry::Symlink("docs", "real"),
                          FixtureEntry::File("docs/a.pdf", Pdf("a"))});
  ExpectRefused(Expand("a.tar", tar), QuarantineReason::kUnsafeBundle,
                "member docs/a.pdf goes through symlink docs");
}

TEST_F(BundleReaderTest, SymlinkInsideIsSkippedNotReturned) {
  std::string tar = Make(BundleFormat::kTar, {FixtureEntry::File("a.pdf", Pdf("a")),
                                              FixtureEntry::Symlink("b/link.pdf", "../a.pdf")});
  BundleOutcome outcome = Expand("a.tar", tar);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "a.pdf");
}

TEST_F(BundleReaderTest, HardlinkOutOfTheBundleIsUnsafe) {
  for (const char* target : {"../../etc/shadow", "/etc/shadow"}) {
    std::string tar = Make(BundleFormat::kTar, {FixtureEntry::Hardlink("shadow", target)});
    ExpectRefused(Expand("a.tar", tar), QuarantineReason::kUnsafeBundle,
                  std::string("is a hard link to ") + target);
  }
}

TEST_F(BundleReaderTest, HardlinkInsideIsNotAMember) {
  std::string tar = Make(BundleFormat::kTar, {FixtureEntry::File("a.pdf", Pdf("a")),
                                              FixtureEntry::Hardlink("copy.pdf", "a.pdf")});
  BundleOutcome outcome = Expand("a.tar", tar);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  ASSERT_EQ(outcome.members.size(), 1u);
  EXPECT_EQ(outcome.members[0].path, "a.pdf");
}

TEST_F(BundleReaderTest, UnsafeNestedBundleMakesTheOuterUnsafe) {
  std::string inner = Make(BundleFormat::kZip, {FixtureEntry::File("../x.pdf", Pdf("x"))});
  std::string outer = Make(BundleFormat::kZip, {FixtureEntry::File("ok.pdf", Pdf("o")),
                                                FixtureEntry::File("inner.zip", inner)});
  ExpectRefused(Expand("outer.zip", outer), QuarantineReason::kUnsafeBundle,
                "member inner.zip!../x.pdf escapes the bundle");
}

// --- bomb -------------------------------------------------------------------

TEST_F(BundleReaderTest, TotalOverMaxExpandedBytesIsBomb) {
  limits_.max_expanded_bytes = kMiB;
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("1.bin", Noise(400 << 10, 1)),
                                              FixtureEntry::File("2.bin", Noise(400 << 10, 2)),
                                              FixtureEntry::File("3.bin", Noise(400 << 10, 3))});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kBomb, "1 MiB");
}

TEST_F(BundleReaderTest, StreamedBytesOverMaxExpandedAreBombWithoutDeclaredSize) {
  limits_.max_expanded_bytes = kMiB;
  std::string gz = Make(BundleFormat::kGzip, {FixtureEntry::File("data", Noise(3 * kMiB))});
  ExpectRefused(Expand("noise.bin.gz", gz), QuarantineReason::kBomb,
                "bundle expands past 1 MiB (at member noise.bin)");
}

TEST_F(BundleReaderTest, DeclaredRatioOverMaxIsBombBeforeWriting) {
  std::string zip =
      Make(BundleFormat::kZip, {FixtureEntry::File("zeros.pdf", std::string(8 * kMiB, '\0'))});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kBomb,
                "member zeros.pdf declares 8388608 bytes");
}

TEST_F(BundleReaderTest, StreamedRatioOverMaxIsBomb) {
  // Not zeros from byte 0: libarchive's tar reader takes a leading zero block
  // for an empty tar (then the bundle "holds no entries": corrupt).
  std::string gz = Make(BundleFormat::kGzip,
                        {FixtureEntry::File("data", Pdf("z") + std::string(16 * kMiB, '\0'))});
  ExpectRefused(Expand("zeros.pdf.gz", gz), QuarantineReason::kBomb,
                "member zeros.pdf expands over 200 times");
}

TEST_F(BundleReaderTest, RatioIsMeasuredOnTheMembersOwnCompressedBytes) {
  // The bundle file is big enough for the declared size to pass; the zeros
  // member alone, streamed, is far over the ratio.
  std::string zip =
      Make(BundleFormat::kZip, {FixtureEntry::File("noise.bin", Noise(3 * kMiB)),
                                FixtureEntry::File("zeros.pdf", std::string(4 * kMiB, '\0'))});
  ExpectRefused(Expand("a.zip", zip), QuarantineReason::kBomb,
                "member zeros.pdf expands over 200 times");
}

// Text-like bytes that compress a few times over, never 200 times: words
// of a small vocabulary picked by a xorshift stream.
std::string Prose(size_t size, uint64_t seed) {
  static const char* const kWords[] = {"合同", "contract", "甲方", "amount", "乙方", "2024",
                                       "付款", "invoice",  "日期", "client", "档案", "page"};
  std::string text;
  while (text.size() < size) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    text += kWords[(seed >> 32) % 12];
    text += (seed >> 40) % 9 == 0 ? '\n' : ' ';
  }
  text.resize(size);
  return text;
}

TEST_F(BundleReaderTest, SolidArchiveMembersAreJudgedOnTheBundlesRatio) {
  // libarchive writes a 7z as one solid stream: the later members' compressed
  // bytes are read while an earlier one is, so alone they seem to come from
  // nothing. The bundle as a whole compresses a few times over: honest.
  std::vector<FixtureEntry> entries;
  entries.reserve(6);
  for (int i = 0; i < 6; ++i)
    entries.push_back(FixtureEntry::File(std::to_string(i) + ".txt", Prose(3 * kMiB / 2, i + 1)));
  BundleOutcome outcome = Expand("solid.7z", Make(BundleFormat::k7z, entries));
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  EXPECT_EQ(outcome.members.size(), 6u);
}

TEST_F(BundleReaderTest, ABombMemberInASolidArchiveStillTipsTheBundleOver) {
  std::string bundle =
      Make(BundleFormat::k7z, {FixtureEntry::File("1.txt", Prose(kMiB, 1)),
                               FixtureEntry::File("zeros.pdf", Pdf("z") + std::string(48 * kMiB, '\0'))});
  // Refused on its declared size or while streamed, whichever comes first.
  ExpectRefused(Expand("bomb.7z", bundle), QuarantineReason::kBomb, "member zeros.pdf");
}

TEST_F(BundleReaderTest, RatioRuleSparesMembersUpTo1MiBAndIncompressibleOnes) {
  std::string zip =
      Make(BundleFormat::kZip, {FixtureEntry::File("zeros.bin", std::string(kMiB, '\0')),
                                FixtureEntry::File("noise.bin", Noise(3 * kMiB))});
  BundleOutcome outcome = Expand("a.zip", zip);
  ASSERT_TRUE(outcome.ok) << outcome.detail;
  EXPECT_EQ(outcome.members.size(), 2u);
}

TEST_F(BundleReaderTest, MemberCountOverMaxIsBomb) {
  limits_.max_members = 5;
  std::vector<FixtureEntry> entries;
  entries.reserve(6);
  for (int i = 0; i < 6; ++i) entries.push_back(FixtureEntry::File(std::to_string(i), "x"));
  ExpectRefused(Expand("a.tar", Make(BundleFormat::kTar, entries)), QuarantineReason::kBomb,
                "more than 5 members");
}

// --- encrypted --------------------------------------------------------------

class EncryptedZipTest : public BundleReaderTest,
                         public ::testing::WithParamInterface<const char*> {};

TEST_P(EncryptedZipTest, MembersNeedingAPasswordAreEncrypted) {
  BundleOptions options;
  options.zip_encryption = GetParam();
  auto zip = MakeBundle(
      BundleFormat::kZip,
      {FixtureEntry::File("scan01.pdf", Pdf("s")), FixtureEntry::File("scan02.pdf", Pdf("t"))},
      options);
  if (!zip.ok() && zip.status().code() == StatusCode::kUnsupported)
    GTEST_SKIP() << "this libarchive cannot write " << GetParam() << ": "
                 << zip.status().ToString();
  ASSERT_OK(zip);
  ASSERT_NE(::dangan::testing::FirstZipEntryFlags(*zip) & 1, 0) << "fixture not encrypted";
  ExpectRefused(Expand("encrypted.zip", *zip), QuarantineReason::kEncrypted,
                "member scan01.pdf is encrypted");
}

INSTANTIATE_TEST_SUITE_P(Schemes, EncryptedZipTest, ::testing::Values("zipcrypt", "aes256"));

// --- corrupt ----------------------------------------------------------------

TEST_F(BundleReaderTest, ZipCutBeforeItsCentralDirectoryIsCorrupt) {
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("1.pdf", Noise(100 << 10, 1)),
                                              FixtureEntry::File("2.pdf", Noise(100 << 10, 2))});
  ExpectRefused(Expand("cut.zip", zip.substr(0, zip.size() * 55 / 100)), QuarantineReason::kCorrupt,
                "central directory");
}

TEST_F(BundleReaderTest, ZipWithDamagedMemberDataIsCorrupt) {
  BundleOptions stored;
  stored.store = true;
  std::string zip = Make(BundleFormat::kZip, {FixtureEntry::File("1.pdf", Noise(4096))}, stored);
  zip[30 + 5 + 2000] ^= 0x5A;  // inside the data: header (30) + name (5) + 2000
  ExpectRefused(Expand("crc.zip", zip), QuarantineReason::kCorrupt, "member 1.pdf");
}

TEST_F(BundleReaderTest, TruncatedTarFamilyAnd7zAreCorrupt) {
  const std::vector<FixtureEntry> entries = {FixtureEntry::File("1.pdf", Noise(64 << 10, 1)),
                                             FixtureEntry::File("2.pdf", Noise(64 << 10, 2))};
  for (BundleFormat format :
       {BundleFormat::kTar, BundleFormat::kTarGz, BundleFormat::kTarXz, BundleFormat::k7z}) {
    SCOPED_TRACE(static_cast<int>(format));
    std::string bundle = Make(format, entries);
    ExpectRefused(Expand("cut" + std::to_string(static_cast<int>(format)),
                         bundle.substr(0, bundle.size() * 6 / 10)),
                  QuarantineReason::kCorrupt, "");
  }
}

TEST_F(BundleReaderTest, BytesOfNoArchiveFormatAreCorrupt) {
  ExpectRefused(Expand("random.zip", Noise(10000)), QuarantineReason::kCorrupt,
                "not a readable zip, tar, 7z or rar archive");
}

TEST_F(BundleReaderTest, BundleWithoutEntriesIsCorrupt) {
  // libarchive reads a 7z whose index is damaged as empty: an empty bundle
  // is refused rather than consumed with nothing stored.
  for (BundleFormat format : {BundleFormat::k7z, BundleFormat::kTarGz}) {
    SCOPED_TRACE(static_cast<int>(format));
    ExpectRefused(Expand("empty" + std::to_string(static_cast<int>(format)), Make(format, {})),
                  QuarantineReason::kCorrupt, "holds no entries");
  }
  ExpectRefused(Expand("empty.zip", Make(BundleFormat::kZip, {})), QuarantineReason::kCorrupt, "");
}

}  // namespace
}  // namespace dangan::ingest
