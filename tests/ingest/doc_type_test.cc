#include "ingest/doc_type.h"

#include <gtest/gtest.h>

#include <memory>

namespace dangan::ingest {
namespace {

class DocTypeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TextFolder::Create();
    ASSERT_TRUE(folder.ok()) << folder.status().message();
    folder_ = std::move(folder).value();
  }
  std::optional<std::string> Title(const std::string& page, const std::string& own = "") {
    return FindTitle(page, folder_->ToSimplified(page), folder_->Fold(own));
  }
  DocType TypeOfTitle(const std::string& title) { return DocTypeFromTitle(folder_->Fold(title)); }

  std::unique_ptr<TextFolder> folder_;
};

TEST_F(DocTypeTest, FindsHeadingBelowLetterheadAndArchiveStamp) {
  std::string page =
      "档案编号：KH-2019-0042\n"
      "上海华东机电有限公司\n"
      "\n"
      "设备采购合同\n"
      "合同编号：HT-2023-0017 签订日期：2023年3月15日\n";
  EXPECT_EQ(Title(page, "上海华东机电有限公司"), "设备采购合同");
}

TEST_F(DocTypeTest, KeepsTheHeadingInItsOwnScript) {
  EXPECT_EQ(Title("電子發票（普通發票）\n發票號碼：24332000000015757674\n"),
            "電子發票（普通發票）");
  EXPECT_EQ(Title("檔案號 KH-2019-0023\n告知函\n致\n"), "告知函");
}

TEST_F(DocTypeTest, SkipsRunningHeadersAndLabelLines) {
  std::string page =
      "保证借款合同（合同号：JKBZ2024001）\n"
      "华东机电 · 建设工程施工合同\n"
      "合同文本\n"
      "保证借款合同\n";
  EXPECT_EQ(Title(page), "保证借款合同");
}

TEST_F(DocTypeTest, FindsEnglishHeadingsButNotNumberLines) {
  std::string page =
      "Agreement No. SA25-0005\n"
      "Xuchang Jinlong Mechanical and Electrical Equipment Co.,Ltd.\n"
      "CONSULTING SERVICES AGREEMENT\n"
      "This Agreement is made on 19 November 2025\n";
  EXPECT_EQ(Title(page, "Xuchang Jinlong Mechanical and Electrical Equipment Co.,Ltd."),
            "CONSULTING SERVICES AGREEMENT");
  EXPECT_EQ(Title("Purchase Order\nPO Number PO2023001\n"), "Purchase Order");
  EXPECT_EQ(Title("To: Dalian Xintai Co., Ltd.\nNotice of Default\n"), "Notice of Default");
}

TEST_F(DocTypeTest, ReturnsNothingWithoutHeading) {
  EXPECT_EQ(Title("本公司与贵公司的往来账项正在进行核对。\n谢谢合作。\n"), std::nullopt);
  EXPECT_EQ(Title(""), std::nullopt);
}

TEST_F(DocTypeTest, StemsFileNames) {
  EXPECT_EQ(FileNameStem("合同.pdf"), "合同");
  EXPECT_EQ(FileNameStem("a/b/发票-嘉泰.2023.pdf"), "发票-嘉泰.2023");
  EXPECT_EQ(FileNameStem("README"), "README");
}

TEST_F(DocTypeTest, ClassifiesChineseTitlesByTheirHeadWord) {
  EXPECT_EQ(TypeOfTitle("采购合同"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("补充协议（一）"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("增值税专用发票"), DocType::kInvoice);
  EXPECT_EQ(TypeOfTitle("電子發票（增值稅專用發票）"), DocType::kInvoice);
  EXPECT_EQ(TypeOfTitle("收款收据"), DocType::kInvoice);
  EXPECT_EQ(TypeOfTitle("发票开具申请表"), DocType::kForm);
  EXPECT_EQ(TypeOfTitle("到货验收单"), DocType::kForm);
  EXPECT_EQ(TypeOfTitle("验收证明书"), DocType::kForm);
  EXPECT_EQ(TypeOfTitle("催款函"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("账户变更通知书"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("关于有关情况的说明"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("销售货物或者提供应税劳务、服务清单"), DocType::kInvoice);
  EXPECT_EQ(TypeOfTitle("采购订单"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("会议纪要"), DocType::kOther);
}

TEST_F(DocTypeTest, ClassifiesEnglishTitles) {
  EXPECT_EQ(TypeOfTitle("PROFORMA INVOICE"), DocType::kInvoice);
  EXPECT_EQ(TypeOfTitle("CONTRACT FOR THE SALE OF GOODS"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("LETTER OF GUARANTEE"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("PURCHASE ORDER (PO)"), DocType::kContract);
  EXPECT_EQ(TypeOfTitle("CUSTOMER INFORMATION FORM"), DocType::kForm);
  EXPECT_EQ(TypeOfTitle("NOTICE OF OVERDUE PAYMENT"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("STATEMENT OF ACCOUNT"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("Payment Reminder"), DocType::kLetter);
  EXPECT_EQ(TypeOfTitle("Annual Report"), DocType::kOther);
}

TEST_F(DocTypeTest, ClassifiesUntitledTextByItsCueWords) {
  EXPECT_EQ(DocTypeFromText("甲乙双方经协商一致，签订本合同。本合同一式两份。"),
            DocType::kContract);
  EXPECT_EQ(
      DocTypeFromText("this invoice lists the goods shipped; the invoice is payable in 30 days."),
      DocType::kInvoice);
  EXPECT_EQ(DocTypeFromText("minutes of the meeting"), DocType::kOther);
}

}  // namespace
}  // namespace dangan::ingest
