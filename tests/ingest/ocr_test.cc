#include "ingest/ocr_engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/text_fold.h"
#include "support/image_fixture.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {

// Phrases of kContract as Folded() gives them.
const std::vector<std::string> kPhrases = {
    "采购合同", "ht-2023-0017", "上海华东机械有限公司", "91310000ma1fl4xq2b",
    "2023年3月15日", "数控机床", "北京宏泰化工有限公司", "违约金"};

const char kContract[] =
    "采购合同\n"
    "合同编号：HT-2023-0017\n"
    "甲方：上海华东机械有限公司\n"
    "统一社会信用代码：91310000MA1FL4XQ2B\n"
    "签订日期：2023年3月15日\n"
    "合同金额：人民币壹佰贰拾伍万元整\n"
    "第一条 乙方向甲方供应数控机床两台，交货地点为甲方仓库。\n"
    "第二条 甲方于验收合格后三十日内支付全部货款。\n"
    "第三条 质量标准：乙方所供货物须符合国家标准及双方约定的技术要求。\n"
    "第四条 验收：甲方应于货物到达后七日内组织验收，逾期未提出异议的视为合格。\n"
    "第五条 违约责任：任何一方违反本合同约定，应向对方支付合同金额百分之五的违约金。\n"
    "第六条 争议解决：因本合同引起的争议，双方协商解决；协商不成的，提交上海仲裁委员会仲裁。\n"
    "第七条 本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。\n"
    "甲方（盖章）：上海华东机械有限公司    乙方（盖章）：北京宏泰化工有限公司";


// One engine for the suite (creating one loads ~20 MB of models); null when
// the traineddata is not installed, and every test then skips saying why.
class OcrEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = OcrEngine::Create("chi_sim+chi_tra+eng");
    if (engine.ok()) {
      engine_ = std::move(*engine).release();
    } else {
      why_missing_ = new std::string(engine.status().ToString());
    }
    auto folder = TextFolder::Create();
    if (folder.ok()) folder_ = std::move(*folder).release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete folder_;
    delete why_missing_;
    engine_ = nullptr;
    folder_ = nullptr;
    why_missing_ = nullptr;
  }

  // Width, case and Traditional folded, all white space gone: OCR may
  // read a character in its Traditional form or split a number.
  static std::string Folded(const std::string& text) {
    std::string out;
    for (char c : folder_->Fold(text))
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
  }

  // How many of phrases the folded text holds. Tesseract misreads the odd
  // character even on clean pages, so tests ask for most, not all.
  static int Found(const std::string& text, const std::vector<std::string>& phrases) {
    const std::string folded = Folded(text);
    int found = 0;
    for (const std::string& phrase : phrases) found += folded.find(phrase) != std::string::npos;
    return found;
  }

  static Result<OcrPage> Read(testing::ScanPix pix, int dpi) {
    PageImage page;
    page.pix.reset(pix.release());
    page.dpi = dpi;
    return engine_->Recognize(page);
  }

  static OcrEngine* engine_;
  static TextFolder* folder_;
  static std::string* why_missing_;
};

OcrEngine* OcrEngineTest::engine_ = nullptr;
TextFolder* OcrEngineTest::folder_ = nullptr;
std::string* OcrEngineTest::why_missing_ = nullptr;

#define SKIP_WITHOUT_ENGINE()                                            \
  do {                                                                   \
    if (engine_ == nullptr) GTEST_SKIP() << "no OCR: " << *why_missing_; \
    ASSERT_NE(folder_, nullptr);                                         \
  } while (0)

TEST_F(OcrEngineTest, ReadsANoisyChineseContractPageWithoutSpacesBetweenHanzi) {
  SKIP_WITHOUT_ENGINE();
  testing::ScanPix page = testing::DrawPage(kContract, 300);
  testing::AddSpecks(page.get(), 1500, 1);
  auto ocr = Read(std::move(page), 300);
  ASSERT_OK(ocr);
  EXPECT_GE(Found(ocr->text, kPhrases), 6) << ocr->text;
  EXPECT_NE(ocr->text.find("采购合同"), std::string::npos) << ocr->text;
  EXPECT_EQ(RemoveCjkSpaces(ocr->text, false), ocr->text) << "spaces left between Hanzi";
  EXPECT_GT(ocr->confidence, 70);
  EXPECT_EQ(ocr->rotation_deg, 0);
}

TEST_F(OcrEngineTest, StraightensASkewedScan) {
  SKIP_WITHOUT_ENGINE();
  testing::ScanPix upright = testing::DrawPage(kContract, 200);
  testing::ScanPix skewed = testing::Skewed(upright.get(), 2.5);
  testing::AddSpecks(skewed.get(), 800, 2);
  auto ocr = Read(std::move(skewed), 200);
  ASSERT_OK(ocr);
  EXPECT_NEAR(ocr->skew_deg, -2.5, 0.3);
  EXPECT_GE(Found(ocr->text, kPhrases), 6) << ocr->text;
}

class TurnedPageTest : public OcrEngineTest, public ::testing::WithParamInterface<int> {};

TEST_P(TurnedPageTest, ComesOutUpright) {
  SKIP_WITHOUT_ENGINE();
  testing::ScanPix upright = testing::DrawPage(kContract, 200);
  testing::ScanPix turned = testing::Turned(upright.get(), GetParam() / 90);
  auto ocr = Read(std::move(turned), 200);
  ASSERT_OK(ocr);
  EXPECT_GE(Found(ocr->text, kPhrases), 6) << "turned " << GetParam() << ":\n" << ocr->text;
  // Undoing a clockwise turn of N degrees is a turn of 360 - N, unless
  // Tesseract's layout took the lines for vertical text and read them so.
  if (ocr->rotation_deg != 0) {
    EXPECT_EQ(ocr->rotation_deg, 360 - GetParam());
  }
}

INSTANTIATE_TEST_SUITE_P(QuarterTurns, TurnedPageTest, ::testing::Values(90, 180, 270));

TEST_F(OcrEngineTest, ReadsAnEnglishJpegAtItsOwnDpi) {
  SKIP_WITHOUT_ENGINE();
  testing::ScopedTempDir dir;
  testing::ScanPix page = testing::DrawPage(
      "INVOICE\nInvoice No. INV-2023-0042\nDate: 15 March 2023\nTotal: USD 12,500.00", 200);
  ASSERT_TRUE(testing::WriteJpeg(dir.path() / "invoice.jpg", page.get(), 200, 75));
  auto img = ReadImageFrame(dir.path() / "invoice.jpg", 0, 300);
  ASSERT_OK(img);
  EXPECT_EQ(img->dpi, 200);
  auto ocr = engine_->Recognize(*img);
  ASSERT_OK(ocr);
  const std::string text = Folded(ocr->text);
  for (const char* phrase : {"invoice", "no.inv-2023-0042", "15march2023", "12,500.00"})
    EXPECT_NE(text.find(phrase), std::string::npos) << phrase << " not in:\n" << ocr->text;
}

TEST_F(OcrEngineTest, AnEmptyPageImageIsAnError) {
  SKIP_WITHOUT_ENGINE();
  EXPECT_EQ(engine_->Recognize(PageImage{}).status().code(), StatusCode::kInvalidArgument);
}

TEST(OcrEngineCreateTest, MissingTrainedDataIsUnsupportedAndNamed) {
  auto engine = OcrEngine::Create("eng+zz_nonexistent");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(engine.status().message().find(".traineddata"), std::string::npos)
      << engine.status().message();
}

TEST(OcrEngineCreateTest, ALanguageListThatIsNoListIsInvalid) {
  for (const char* bad : {"", "chi_sim++eng", "../etc/passwd", "+eng"})
    EXPECT_EQ(OcrEngine::Create(bad).status().code(), StatusCode::kInvalidArgument) << bad;
}

}  // namespace
}  // namespace dangan::ingest
