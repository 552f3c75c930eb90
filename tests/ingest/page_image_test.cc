#include "ingest/page_image.h"

#include <allheaders.h>  // Leptonica
#include <gtest/gtest.h>

#include "ingest/image_check.h"
#include "support/image_fixture.h"
#include "support/pdf_fixture.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

const char kLetter[] = "业务联系函\n致：上海华东机械有限公司\nArchive No. KH-2019-0042";

std::string Cut(const std::string& bytes, double fraction) {
  return bytes.substr(0, static_cast<size_t>(static_cast<double>(bytes.size()) * fraction));
}

TEST(RenderPdfPageTest, RendersAScanPdfAsGreyAtTheAskedDpi) {
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(kLetter, 150);
  ASSERT_TRUE(testing::WriteScanPdf(dir.path() / "scan.pdf", page.get(), 150));
  auto img = RenderPdfPage(dir.path() / "scan.pdf", 0, 100);
  ASSERT_OK(img);
  EXPECT_EQ(img->dpi, 100);
  EXPECT_EQ(pixGetDepth(img->pix.get()), 8);
  EXPECT_NEAR(pixGetWidth(img->pix.get()), 827, 2);   // A4: 8.27 in
  EXPECT_NEAR(pixGetHeight(img->pix.get()), 1169, 2);  // 11.69 in
}

TEST(RenderPdfPageTest, APosterPageIsRenderedAtALowerDpi) {
  EXPECT_EQ(CappedRenderDpi(8.27, 11.69, 300), 300);
  const int dpi = CappedRenderDpi(100, 100, 300);  // a 2.5 m square poster
  EXPECT_LT(dpi, 300);
  EXPECT_LE(int64_t{100} * dpi * 100 * dpi, kMaxPagePixels);
  EXPECT_GT(int64_t{100} * (dpi + 1) * 100 * (dpi + 1), kMaxPagePixels);
  EXPECT_GE(CappedRenderDpi(1e6, 1e6, 300), 1);
}

TEST(RenderPdfPageTest, AFileThatIsNoPdfIsBadDataAndAMissingPageIsAnError) {
  testing::ScopedTempDir dir;
  testing::WriteBytes(dir.path() / "junk.pdf", "%PDF-1.4\nnot really\n");
  EXPECT_EQ(RenderPdfPage(dir.path() / "junk.pdf", 0, 300).status().code(), StatusCode::kBadData);
  ASSERT_TRUE(testing::WriteTextPdf(dir.path() / "one.pdf", {"一页"}));
  EXPECT_FALSE(RenderPdfPage(dir.path() / "one.pdf", 1, 300).ok());
  EXPECT_FALSE(RenderPdfPage(dir.path() / "one.pdf", 0, 0).ok());
}

TEST(ImageFrameTest, ReadsEveryPageOfAG4TiffAtItsOwnDpi) {
  testing::ScopedTempDir dir;
  testing::ScanPix a = testing::DrawPage("第一页", 200), b = testing::DrawPage("第二页", 200),
                   c = testing::DrawPage("第三页", 200);
  const auto tiff = dir.path() / "fax.tif";
  ASSERT_TRUE(testing::WriteG4Tiff(tiff, {a.get(), b.get(), c.get()}, 200));
  ASSERT_OK(CountImageFrames(tiff));
  EXPECT_EQ(*CountImageFrames(tiff), 3);
  auto third = ReadImageFrame(tiff, 2, 300);
  ASSERT_OK(third);
  EXPECT_EQ(third->dpi, 200);
  EXPECT_EQ(pixGetDepth(third->pix.get()), 8);
  EXPECT_EQ(pixGetWidth(third->pix.get()), pixGetWidth(c.get()));
  EXPECT_FALSE(ReadImageFrame(tiff, 3, 300).ok());
}

TEST(ImageFrameTest, ReadsAnLzwTiffAJpegAndAPng) {
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(kLetter, 150);
  ASSERT_TRUE(testing::WriteLzwTiff(dir.path() / "p.tif", {page.get(), page.get()}, 150));
  ASSERT_TRUE(testing::WriteJpeg(dir.path() / "p.jpg", page.get(), 150));
  ASSERT_TRUE(testing::WritePagePng(dir.path() / "p.png", page.get(), 150));
  for (const char* name : {"p.tif", "p.jpg", "p.png"}) {
    auto img = ReadImageFrame(dir.path() / name, 0, 300);
    ASSERT_OK(img) << name;
    EXPECT_EQ(img->dpi, 150) << name;
    EXPECT_EQ(pixGetWidth(img->pix.get()), pixGetWidth(page.get())) << name;
  }
  EXPECT_EQ(*CountImageFrames(dir.path() / "p.tif"), 2);
  EXPECT_EQ(*CountImageFrames(dir.path() / "p.jpg"), 1);
}

TEST(ImageFrameTest, AFileWithoutAResolutionGetsTheDefault) {
  testing::ScopedTempDir dir;
  ASSERT_TRUE(testing::WritePng(dir.path() / "cairo.png", "发票 Invoice"));  // no pHYs chunk
  auto img = ReadImageFrame(dir.path() / "cairo.png", 0, 240);
  ASSERT_OK(img);
  EXPECT_EQ(img->dpi, 240);
  EXPECT_EQ(pixGetDepth(img->pix.get()), 8);  // RGB became grey
}

TEST(ImageFrameTest, AJpegCutInHalfIsBadData) {
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(kLetter, 150);
  ASSERT_TRUE(testing::WriteJpeg(dir.path() / "whole.jpg", page.get(), 150));
  testing::WriteBytes(dir.path() / "half.jpg", Cut(testing::ReadBytes(dir.path() / "whole.jpg"), 0.5));
  ASSERT_OK(ReadImageFrame(dir.path() / "whole.jpg", 0, 300));
  auto half = ReadImageFrame(dir.path() / "half.jpg", 0, 300);
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.status().code(), StatusCode::kBadData) << half.status().ToString();
}

TEST(ImageFrameTest, CutPngAndTiffAreBadDataAndGarbageIsNoImage) {
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(kLetter, 150);
  ASSERT_TRUE(testing::WritePagePng(dir.path() / "p.png", page.get(), 150));
  ASSERT_TRUE(testing::WriteG4Tiff(dir.path() / "p.tif", {page.get(), page.get()}, 150));
  for (const char* name : {"p.png", "p.tif"}) {
    const auto cut = dir.path() / (std::string("cut-") + name);
    testing::WriteBytes(cut, Cut(testing::ReadBytes(dir.path() / name), 0.6));
    auto img = ReadImageFrame(cut, 0, 300);
    auto second = ReadImageFrame(cut, 1, 300);
    EXPECT_TRUE(!img.ok() || !second.ok()) << name;
    if (!img.ok()) {
      EXPECT_EQ(img.status().code(), StatusCode::kBadData) << img.status().ToString();
    }
  }
  testing::WriteBytes(dir.path() / "junk.jpg", "definitely not an image");
  EXPECT_EQ(CountImageFrames(dir.path() / "junk.jpg").status().code(), StatusCode::kBadData);
  EXPECT_EQ(ReadImageFrame(dir.path() / "junk.jpg", 0, 300).status().code(), StatusCode::kBadData);
}

TEST(ImageCheckTest, TruncatedJpegPngAndTiffAreCorruptAndPagesAreFrames) {
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(kLetter, 150);
  ASSERT_TRUE(testing::WriteJpeg(dir.path() / "p.jpg", page.get(), 150));
  ASSERT_TRUE(testing::WritePagePng(dir.path() / "p.png", page.get(), 150));
  ASSERT_TRUE(testing::WriteG4Tiff(dir.path() / "p.tif", {page.get(), page.get(), page.get()}, 150));
  const std::pair<const char*, const char*> kinds[] = {
      {"p.jpg", "image/jpeg"}, {"p.png", "image/png"}, {"p.tif", "image/tiff"}};
  for (const auto& [name, mime] : kinds) {
    ImageCheck whole = CheckImage(dir.path() / name, mime);
    EXPECT_FALSE(whole.quarantine.has_value()) << name << ": " << whole.detail;
    const auto cut = dir.path() / (std::string("cut-") + name);
    testing::WriteBytes(cut, Cut(testing::ReadBytes(dir.path() / name), 0.5));
    ImageCheck bad = CheckImage(cut, mime);
    EXPECT_EQ(bad.quarantine, QuarantineReason::kCorrupt) << name;
    EXPECT_FALSE(bad.detail.empty()) << name;
  }
  EXPECT_EQ(CheckImage(dir.path() / "p.tif", "image/tiff").pages, 3);
}

}  // namespace
}  // namespace dangan::ingest
