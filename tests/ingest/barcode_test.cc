#include "ingest/barcode.h"

#include <allheaders.h>  // Leptonica
#include <gtest/gtest.h>

#include "support/image_fixture.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

PageImage PageOf(testing::ScanPix pix, int dpi) {
  PageImage page;
  page.pix.reset(pix.release());
  page.dpi = dpi;
  return page;
}

TEST(BarcodeTest, DecodesAQrCodeOnACoverSheet) {
  testing::ScanPix sheet = testing::DrawPage("档案封面\n档案编号：KH-2019-0042", 200);
  ASSERT_TRUE(testing::DrawQrCode(sheet.get(), "KH-2019-0042", 1000, 150, 8));
  testing::AddSpecks(sheet.get(), 300, 7);
  EXPECT_EQ(DecodeBarcodes(PageOf(std::move(sheet), 200)),
            std::vector<std::string>{"KH-2019-0042"});
}

TEST(BarcodeTest, DecodesAQrCodeThroughAScannedPdfTurnedOnItsSide) {
  testing::ScopedTempDir dir;
  testing::ScanPix sheet = testing::DrawPage("Archive cover sheet", 200);
  ASSERT_TRUE(testing::DrawQrCode(sheet.get(), "KH-2020-0117", 300, 600, 7));
  testing::ScanPix turned = testing::Turned(sheet.get(), 1);
  ASSERT_TRUE(testing::WriteScanPdf(dir.path() / "cover.pdf", turned.get(), 200));
  auto page = RenderPdfPage(dir.path() / "cover.pdf", 0, 200);
  ASSERT_OK(page);
  EXPECT_EQ(DecodeBarcodes(*page), std::vector<std::string>{"KH-2020-0117"});
}

TEST(BarcodeTest, APageWithoutCodesGivesNothingAndTwoCopiesGiveOneText) {
  testing::ScanPix plain = testing::DrawPage("没有条码的页面", 150);
  EXPECT_TRUE(DecodeBarcodes(PageOf(std::move(plain), 150)).empty());
  EXPECT_TRUE(DecodeBarcodes(PageImage{}).empty());

  testing::ScanPix twice = testing::DrawPage("", 150);
  ASSERT_TRUE(testing::DrawQrCode(twice.get(), "KH-2019-0042", 100, 100, 6));
  ASSERT_TRUE(testing::DrawQrCode(twice.get(), "KH-2019-0042", 100, 900, 6));
  EXPECT_EQ(DecodeBarcodes(PageOf(std::move(twice), 150)),
            std::vector<std::string>{"KH-2019-0042"});
}

}  // namespace
}  // namespace dangan::ingest
