#include "ingest/pdf_extractor.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "ingest/detect.h"
#include "ingest/image_check.h"
#include "support/pdf_fixture.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

TEST(PdfExtractorTest, ExtractsEachPageInItsOwnScript) {
  testing::ScopedTempDir dir;
  auto pdf = dir.path() / "c.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(pdf, {"採購合同\n合同編號：HT-2023-0017", "Page two in English"}));
  PdfOutcome out = ExtractPdf(pdf);
  ASSERT_FALSE(out.quarantine.has_value()) << out.detail;
  ASSERT_EQ(out.pages.size(), 2u);
  EXPECT_NE(out.pages[0].text.find("採購合同"), std::string::npos) << out.pages[0].text;
  EXPECT_NE(out.pages[0].text.find("HT-2023-0017"), std::string::npos);
  EXPECT_FALSE(out.pages[0].needs_ocr);
  EXPECT_NE(out.pages[1].text.find("English"), std::string::npos);
}

TEST(PdfExtractorTest, AnImageOnlyPageNeedsOcr) {
  testing::ScopedTempDir dir;
  auto pdf = dir.path() / "scan.pdf";
  ASSERT_TRUE(testing::WriteImageOnlyPdf(pdf));
  PdfOutcome out = ExtractPdf(pdf);
  ASSERT_FALSE(out.quarantine.has_value()) << out.detail;
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_TRUE(out.pages[0].needs_ocr);
}

TEST(PdfExtractorTest, ATruncatedPdfIsCorruptEvenIfPagesCouldBeRecovered) {
  testing::ScopedTempDir dir;
  auto pdf = dir.path() / "c.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(pdf, {"合同第一页", "第二页", "第三页"}));
  std::string bytes = testing::ReadBytes(pdf);
  testing::WriteBytes(dir.path() / "cut.pdf", bytes.substr(0, bytes.size() * 7 / 10));
  PdfOutcome out = ExtractPdf(dir.path() / "cut.pdf");
  EXPECT_EQ(out.quarantine, QuarantineReason::kCorrupt);
}

TEST(PdfExtractorTest, GarbageWithAPdfHeaderIsCorrupt) {
  testing::ScopedTempDir dir;
  testing::WriteBytes(dir.path() / "g.pdf", "%PDF-1.7\n" + std::string(4000, 'q') + "\n%%EOF\n");
  EXPECT_EQ(ExtractPdf(dir.path() / "g.pdf").quarantine, QuarantineReason::kCorrupt);
}

TEST(PdfExtractorTest, AUserPasswordIsEncrypted) {
  testing::ScopedTempDir dir;
  auto pdf = dir.path() / "c.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(pdf, {"机密合同"}));
  auto locked = dir.path() / "locked.pdf";
  std::string cmd = "qpdf --encrypt secret owner 256 -- '" + pdf.string() + "' '" + locked.string() +
                    "' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "qpdf is not installed (apt-get install qpdf)";
  EXPECT_EQ(ExtractPdf(locked).quarantine, QuarantineReason::kEncrypted);
}

TEST(DetectTest, DetectsByContentNotByName) {
  testing::ScopedTempDir dir;
  auto pdf = dir.path() / "looks-like.txt";
  ASSERT_TRUE(testing::WriteTextPdf(pdf, {"合同"}));
  testing::WriteBytes(dir.path() / "fake.pdf", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(200, '\0'));
  auto d = Detector::Create();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*(*d)->MimeOfFile(pdf), "application/pdf");
  EXPECT_EQ(KindOfMime(*(*d)->MimeOfFile(dir.path() / "fake.pdf")), FileKind::kUnsupported);
}

TEST(ImageCheckTest, ACompletePngPassesAndAHalfPngIsCorrupt) {
  testing::ScopedTempDir dir;
  auto png = dir.path() / "s.png";
  ASSERT_TRUE(testing::WritePng(png, "发票 Invoice"));
  EXPECT_FALSE(CheckImage(png, "image/png").quarantine.has_value());
  std::string bytes = testing::ReadBytes(png);
  testing::WriteBytes(dir.path() / "half.png", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(CheckImage(dir.path() / "half.png", "image/png").quarantine, QuarantineReason::kCorrupt);
}

}  // namespace
}  // namespace dangan::ingest
