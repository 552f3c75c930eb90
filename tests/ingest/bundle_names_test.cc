#include "ingest/bundle_names.h"

#include <gtest/gtest.h>

#include <string>

namespace dangan::ingest {
namespace {

// "合同.pdf" in GBK (CP936).
const std::string kGbkContract = "\xBA\xCF\xCD\xAC.pdf";

TEST(DecodeMemberNameTest, Utf8NameIsKept) {
  EXPECT_EQ(DecodeMemberName("财务部/合同.pdf"), "财务部/合同.pdf");
  EXPECT_EQ(DecodeMemberName("plain/ascii.pdf"), "plain/ascii.pdf");
}

TEST(DecodeMemberNameTest, GbkNameIsDecoded) {
  EXPECT_EQ(DecodeMemberName(kGbkContract), "合同.pdf");
  // 房屋租賃合同: 賃 is D9 55, a GBK trail byte in the ASCII range.
  EXPECT_EQ(DecodeMemberName("\xB7\xBF\xCE\xDD\xD7\xE2\xD9U\xBA\xCF\xCD\xAC.pdf"),
            "房屋租賃合同.pdf");
}

TEST(DecodeMemberNameTest, NeitherUtf8NorGbkIsCp437) {
  // 0x80 cannot start a GB18030 sequence; in CP437 it is Ç, 0x94 is ö.
  EXPECT_EQ(DecodeMemberName("\x80"
                             "a\x94.txt"),
            "Çaö.txt");
}

TEST(NormaliseMemberNameTest, DropsDotsAndEmptyComponents) {
  std::string out;
  ASSERT_EQ(NormaliseMemberName("./a//b/./c.pdf", &out), NameCheck::kOk);
  EXPECT_EQ(out, "a/b/c.pdf");
}

TEST(NormaliseMemberNameTest, BackslashSeparatesComponents) {
  std::string out;
  ASSERT_EQ(NormaliseMemberName("dir\\sub\\x.pdf", &out), NameCheck::kOk);
  EXPECT_EQ(out, "dir/sub/x.pdf");
}

TEST(NormaliseMemberNameTest, DotDotEscapesWithEitherSeparator) {
  std::string out;
  EXPECT_EQ(NormaliseMemberName("../../etc/x.pdf", &out), NameCheck::kEscapes);
  EXPECT_EQ(NormaliseMemberName("a/../../x.pdf", &out), NameCheck::kEscapes);
  EXPECT_EQ(NormaliseMemberName("..\\..\\Temp\\evil.txt", &out), NameCheck::kEscapes);
  EXPECT_EQ(NormaliseMemberName("a/..", &out), NameCheck::kEscapes);
}

TEST(NormaliseMemberNameTest, AbsoluteNamesAreCaught) {
  std::string out;
  EXPECT_EQ(NormaliseMemberName("/etc/x.pdf", &out), NameCheck::kAbsolute);
  EXPECT_EQ(NormaliseMemberName("\\\\server\\share\\x.pdf", &out), NameCheck::kAbsolute);
  EXPECT_EQ(NormaliseMemberName("C:\\Windows\\x.pdf", &out), NameCheck::kAbsolute);
  EXPECT_EQ(NormaliseMemberName("c:x.pdf", &out), NameCheck::kAbsolute);
}

TEST(NormaliseMemberNameTest, DotsOnlyIsEmpty) {
  std::string out;
  EXPECT_EQ(NormaliseMemberName("./", &out), NameCheck::kEmpty);
  EXPECT_EQ(NormaliseMemberName("", &out), NameCheck::kEmpty);
}

TEST(NormaliseMemberNameTest, DotsInsideANameAreKept) {
  std::string out;
  ASSERT_EQ(NormaliseMemberName("a/..b/c...pdf", &out), NameCheck::kOk);
  EXPECT_EQ(out, "a/..b/c...pdf");
}

TEST(SymlinkEscapesTest, AbsoluteTargetEscapes) {
  EXPECT_TRUE(SymlinkEscapes("passwd", "/etc/passwd"));
  EXPECT_TRUE(SymlinkEscapes("x", "C:\\Windows"));
}

TEST(SymlinkEscapesTest, ClimbingAboveTheRootEscapes) {
  EXPECT_TRUE(SymlinkEscapes("link", "../outside"));
  EXPECT_TRUE(SymlinkEscapes("a/link", "../../outside"));
  EXPECT_TRUE(SymlinkEscapes("a/link", "b/../../../x"));
}

TEST(SymlinkEscapesTest, TargetsInsideDoNotEscape) {
  EXPECT_FALSE(SymlinkEscapes("a/link", "../b/file.pdf"));
  EXPECT_FALSE(SymlinkEscapes("link", "docs/file.pdf"));
  EXPECT_FALSE(SymlinkEscapes("a/b/link", "../../c"));
  EXPECT_FALSE(SymlinkEscapes("link", ""));
}

TEST(StripCompressionSuffixTest, StripsKnownSuffixes) {
  EXPECT_EQ(StripCompressionSuffix("report.pdf.gz"), "report.pdf");
  EXPECT_EQ(StripCompressionSuffix("报告.PDF.GZ"), "报告.PDF");
  EXPECT_EQ(StripCompressionSuffix("x.pdf.bz2"), "x.pdf");
  EXPECT_EQ(StripCompressionSuffix("x.pdf.xz"), "x.pdf");
  EXPECT_EQ(StripCompressionSuffix("x.pdf.zst"), "x.pdf");
  EXPECT_EQ(StripCompressionSuffix("x.pdf.lz"), "x.pdf");
  EXPECT_EQ(StripCompressionSuffix("backup.tgz"), "backup.tar");
}

TEST(StripCompressionSuffixTest, OtherNamesAreUnchanged) {
  EXPECT_EQ(StripCompressionSuffix("report.pdf"), "report.pdf");
  EXPECT_EQ(StripCompressionSuffix(".gz"), ".gz");
  EXPECT_EQ(StripCompressionSuffix("0a1b2c"), "0a1b2c");
}

}  // namespace
}  // namespace dangan::ingest
