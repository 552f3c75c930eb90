#include "ingest/fields.h"

#include <gtest/gtest.h>

#include <memory>

namespace dangan::ingest {
namespace {

// Valid codes (GB 32100-2015 check characters), made up for these tests.
constexpr char kOwnUscc[] = "91310000MA1FL4XQ27";
constexpr char kClientUscc[] = "91440300MA5EXAMPLA";
constexpr char kOtherUscc[] = "91110108MA01ABCD1E";
// A resident ID number whose check digit happens to satisfy the USCC check.
constexpr char kIdNumberPassingUsccCheck[] = "110101199003074516";

class FieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TextFolder::Create();
    ASSERT_TRUE(folder.ok()) << folder.status().message();
    folder_ = std::move(folder).value();
    ctx_.own_uscc = kOwnUscc;
    ctx_.own_name = "上海华东机电设备有限公司";
  }
  ExtractedFields Extract(std::vector<std::string> pages, std::string_view name = "doc.pdf") {
    for (std::string& p : pages) p = CleanExtractedText(p);
    return ExtractFields(pages, name, ctx_, *folder_);
  }

  std::unique_ptr<TextFolder> folder_;
  FieldContext ctx_;
};

TEST_F(FieldsTest, ExtractsAChineseContract) {
  ExtractedFields ex =
      Extract({"上海华东机电设备有限公司\n"
               "设备采购合同\n"
               "合同编号：HD-2023-0117 签订日期：2023年3月15日\n"
               "甲方：上海华东机电设备有限公司 统一社会信用代码：" +
                   std::string(kOwnUscc) +
                   "\n"
                   "乙方：深圳南山精密仪器有限公司 统一社会信用代码：" +
                   std::string(kClientUscc) +
                   "\n"
                   "一、合同价款。本合同总价为人民币1,250,000.00元（大写：壹佰贰拾伍万元整）。\n"
                   "二、交货。乙方应于2023年4月30日前交货。\n",
               "甲方（盖章）            乙方（盖章）\n日期：2023年3月15日\n"});
  EXPECT_EQ(ex.doc_type, DocType::kContract);
  EXPECT_EQ(ex.title, "设备采购合同");
  EXPECT_EQ(ex.fields.contract_no, "HD-2023-0117");
  EXPECT_EQ(ex.fields.invoice_no, std::nullopt);
  EXPECT_EQ(ex.fields.date, "2023-03-15");
  EXPECT_EQ(ex.fields.amount, "1250000.00");
  EXPECT_EQ(ex.fields.currency, "CNY");
  EXPECT_EQ(ex.fields.uscc, kClientUscc);
}

TEST_F(FieldsTest, ExtractsATraditionalInvoiceFromTableCells) {
  ExtractedFields ex =
      Extract({"增值稅專用發票\n"
               "發票代碼：3100231130 發票號碼：04418823\n"
               "開票日期：2023年05月06日\n"
               "購買方\n名稱：深圳南山精密儀器有限公司\n"
               "納稅人識別號：" +
               std::string(kClientUscc) +
               "\n"
               "金額\n稅額\n¥1,000.00\n¥130.00\n"
               "價稅合計（大寫）\n壹仟壹佰叁拾元整\n（小寫）¥1,130.00\n"
               "銷售方\n名稱：上海華東機電設備有限公司\n納稅人識別號：" +
               std::string(kOwnUscc) + "\n"});
  EXPECT_EQ(ex.doc_type, DocType::kInvoice);
  EXPECT_EQ(ex.title, "增值稅專用發票");
  EXPECT_EQ(ex.fields.invoice_no, "04418823");
  EXPECT_EQ(ex.fields.contract_no, std::nullopt);
  EXPECT_EQ(ex.fields.date, "2023-05-06");
  EXPECT_EQ(ex.fields.amount, "1130.00");
  EXPECT_EQ(ex.fields.uscc, kClientUscc);
}

TEST_F(FieldsTest, ReadsValuesPrintedBelowTheirLabels) {
  ExtractedFields ex = Extract(
      {"COMMERCIAL INVOICE\n"
       "Invoice No.\n\n77120345\n\nInvoice Date\n\n12 June 2024\n\n"
       "Contract No.\n\nSC/2024/0031\n\n"
       "Buyer: Shenzhen Nanshan Precision Instruments Co., Ltd.\n"
       "Buyer USCC: " +
       std::string(kClientUscc) +
       "\n"
       "Unit Price\n18.57\nAmount\n18,570.00\n"
       "Subtotal: US$18,570.00\nTOTAL\n\nUS$20,984.10\n"
       "SAY TOTAL US DOLLARS TWENTY THOUSAND NINE HUNDRED AND EIGHTY-FOUR AND CENTS TEN ONLY\n"});
  EXPECT_EQ(ex.doc_type, DocType::kInvoice);
  EXPECT_EQ(ex.fields.invoice_no, "77120345");
  EXPECT_EQ(ex.fields.contract_no, "SC/2024/0031");
  EXPECT_EQ(ex.fields.date, "2024-06-12");
  EXPECT_EQ(ex.fields.amount, "20984.10");
  EXPECT_EQ(ex.fields.currency, "USD");
}

TEST_F(FieldsTest, PrefersTheLetterDateOverDeadlinesAndEvents) {
  ExtractedFields ex = Extract(
      {"催款函\n"
       "深圳南山精密仪器有限公司：\n"
       "我司于2024年1月5日向贵方交付货物，贵方尚欠货款人民币86,000.00元（大写：捌万陆仟元整）。\n"
       "请于2024年3月1日前付清。\n"
       "上海华东机电设备有限公司\n"
       "二〇二四年二月十日\n"});
  EXPECT_EQ(ex.doc_type, DocType::kLetter);
  EXPECT_EQ(ex.fields.date, "2024-02-10");
  EXPECT_EQ(ex.fields.amount, "86000.00");
  EXPECT_EQ(ex.fields.uscc, std::nullopt);
  EXPECT_EQ(ex.fields.contract_no, std::nullopt);
}

TEST_F(FieldsTest, TakesTheSigningDateFromRunningText) {
  ExtractedFields ex =
      Extract({"委托合同\n本合同由双方于2021年6月8日签订，有效期至2022年6月7日。\n"});
  EXPECT_EQ(ex.fields.date, "2021-06-08");
  ex =
      Extract({"LEASE AGREEMENT\nThis Agreement is made on 3 May 2022 for a term ending "
               "on 2 May 2024.\n"});
  EXPECT_EQ(ex.fields.date, "2022-05-03");
}

TEST_F(FieldsTest, TakesAContractCitedInALetter) {
  ExtractedFields ex =
      Extract({"律师函\n"
               "委托人与贵方签订了编号为GX2022-0002的合同，贵方至今未付款。\n"
               "2023年3月8日\n"});
  EXPECT_EQ(ex.fields.contract_no, "GX2022-0002");
}

TEST_F(FieldsTest, PrefersTheContractsOwnNumberOverOneItCites) {
  ExtractedFields ex = Extract(
      {"DEED OF GUARANTEE\n"
       "No. GA-2023-006\n"
       "No. 1460 Qinling Road, Minhang District, Shanghai\n"
       "WHEREAS the parties have entered into Contract No. HT-2023-0006 (the \"Main Contract\")\n"
       "Date: 26 April 2023\n"});
  EXPECT_EQ(ex.doc_type, DocType::kContract);
  EXPECT_EQ(ex.fields.contract_no, "GA-2023-006");
  EXPECT_EQ(ex.fields.date, "2023-04-26");
}

TEST_F(FieldsTest, DoesNotTakeHouseNumbersForContractNumbers) {
  ExtractedFields ex = Extract({
      "SERVICE AGREEMENT\n"
      "Client: Wuxi Hexin Feed Co., Ltd. Address:\n"
      "No.\n"
      "12B Binhu Road, Wuxi\n"
      "No. 12B, Lane 5, Xuhui District\n"});
  EXPECT_EQ(ex.fields.contract_no, std::nullopt);
}

TEST_F(FieldsTest, ReadsChineseNumbersWithBracketedYears) {
  ExtractedFields ex =
      Extract({"技术开发合同\n合同编号\n(2022)沪技字第004号\n签约时间\n二〇二二年五月六日\n"});
  EXPECT_EQ(ex.fields.contract_no, "（2022）沪技字第004号");
  ex = Extract({"委托合同\n编号：沪技〔2023〕15号\n"});
  EXPECT_EQ(ex.fields.contract_no, "沪技〔2023〕15号");
}

TEST_F(FieldsTest, ReadsReferenceNumbersOfEnglishContracts) {
  ExtractedFields ex =
      Extract({"Equipment Lease Agreement\nReference No. LA/24/0001\nDated Jan 5, 2024\n"
               "1. The Lessee shall pay a total rent of RMB 120,000.00 by February 1, 2024.\n"});
  EXPECT_EQ(ex.doc_type, DocType::kContract);
  EXPECT_EQ(ex.fields.contract_no, "LA/24/0001");
  EXPECT_EQ(ex.fields.date, "2024-01-05");
  EXPECT_EQ(ex.fields.amount, "120000.00");
}

TEST_F(FieldsTest, FindsNumbersAColumnOfCellsBelowTheirLabels) {
  // pdftotext reads a two-column table a column at a time.
  ExtractedFields ex =
      Extract({"收款凭证\n收据编号\n付款单位\n金额（大写）\n91254018\n苏州新材料科技有限公司\n"
               "玖万肆仟伍佰贰拾玖元柒角贰\n分\n开具日期\n2022/6/5\n"});
  EXPECT_EQ(ex.doc_type, DocType::kInvoice);
  EXPECT_EQ(ex.title, "收款凭证");
  EXPECT_EQ(ex.fields.invoice_no, "91254018");
  EXPECT_EQ(ex.fields.amount, "94529.72");
  EXPECT_EQ(ex.fields.date, "2022-06-05");
}

TEST_F(FieldsTest, TakesABareAgreementReferenceOnlyWithLettersAndDigits) {
  EXPECT_EQ(Extract({"INVOICE\nRe: Agreement RJ2024010\n"}).fields.contract_no, "RJ2024010");
  EXPECT_EQ(Extract({"INVOICE\nthe agreement 2024 terms\n"}).fields.contract_no, std::nullopt);
}

TEST_F(FieldsTest, NeverReturnsTheOwnUsccOrAnIdNumber) {
  ExtractedFields ex =
      Extract({"客户信息登记表\n"
               "登记日期：2022/7/1\n"
               "客户名称：王小明\n"
               "身份证号码：" +
               std::string(kIdNumberPassingUsccCheck) +
               "\n"
               "登记单位：上海华东机电设备有限公司 统一社会信用代码：" +
               std::string(kOwnUscc) + "\n"});
  EXPECT_EQ(ex.doc_type, DocType::kForm);
  EXPECT_EQ(ex.fields.uscc, std::nullopt);
  EXPECT_EQ(ex.fields.date, "2022-07-01");
  EXPECT_EQ(ex.fields.amount, std::nullopt);
  EXPECT_EQ(ex.fields.currency, std::nullopt);
}

TEST_F(FieldsTest, TakesTheFirstCounterpartyWhenTwoAreNamed) {
  ExtractedFields ex =
      Extract({"三方协议\n"
               "甲方：上海华东机电设备有限公司 统一社会信用代码：" +
               std::string(kOwnUscc) +
               "\n"
               "乙方：深圳南山精密仪器有限公司 统一社会信用代码：" +
               std::string(kClientUscc) +
               "\n"
               "丙方：北京海淀科技有限公司 统一社会信用代码：" +
               std::string(kOtherUscc) + "\n"});
  EXPECT_EQ(ex.fields.uscc, kClientUscc);
}

TEST_F(FieldsTest, ToleratesOcrNoise) {
  ExtractedFields ex =
      Extract({"购 销 合 同\n"
               "合同编号：ＨＴ－２Ｏ２３－００１７\n"
               "签订日期：2O23年3月l5日\n"
               "乙方统一社会信用代码：" +
               std::string("91440300MA5EXAMPLA") +
               "\n"
               "合同总价：人民币（大写）叁拾伍万伍仟捌佰玖拾陆元壹角壹分（￥355,896.11）\n"});
  EXPECT_EQ(ex.title, "购销合同");
  EXPECT_EQ(ex.fields.contract_no, "HT-2023-0017");
  EXPECT_EQ(ex.fields.date, "2023-03-15");
  EXPECT_EQ(ex.fields.amount, "355896.11");
  EXPECT_EQ(ex.fields.uscc, kClientUscc);
}

// OCR misreads a capital numeral now and then (捌 as 拐, 柒 as 染): what is
// left of the 大写 is a plausible fragment, and the figures written beside
// it are the amount.
TEST_F(FieldsTest, FiguresBesideAGarbledCapitalAmountWin) {
  EXPECT_EQ(Extract({"增值税专用发票\n价税合计（大写） 拐仟肆佰拐拾元贰角 （小写）¥8,480.20\n"})
                .fields.amount,
            "8480.20");
  EXPECT_EQ(Extract({"催款函\n贵方尚欠我司货款人民币1,690,700.00元\n（大写：壹佰陆拾玖万零染佰元整），"
                     "已超过约定的付款期限。\n"})
                .fields.amount,
            "1690700.00");
  // Tax beside it is not the amount.
  EXPECT_EQ(Extract({"维保合同\n合同总额：¥286,294.40（人民币贰拾抽万陆仟贰佰玖拾肆元肆角），"
                     "其中税额¥16,205.34\n"})
                .fields.amount,
            "286294.40");
}

TEST_F(FieldsTest, ACapitalAmountTheFiguresRepeatStillWins) {
  // The figures beside it disagree (a unit price), the figures elsewhere agree.
  EXPECT_EQ(Extract({"采购合同\n单价¥1,250.00\n合同总价：人民币壹拾贰万伍仟元整\n"
                     "合计：125,000.00\n"})
                .fields.amount,
            "125000.00");
  // No figures at all: the capital amount alone.
  EXPECT_EQ(Extract({"收据\n今收到货款人民币叁万伍仟元整\n"}).fields.amount, "35000.00");
}

TEST_F(FieldsTest, ReadsOcrLettersInNumbersAsDigits) {
  ExtractedFields ex =
      Extract({"补充协议\n编号：BCl9OOO4\n"
               "乙方统一社会信用代码：9l440300MA5EXAMPLA\n"
               "採購訂單號 PO2O23OO04\n"});
  EXPECT_EQ(ex.fields.contract_no, "BC190004");
  EXPECT_EQ(ex.fields.uscc, kClientUscc);
  EXPECT_EQ(Extract({"INVOICE\nPO No. PO2O23OO04\n"}).fields.contract_no, "PO20230004");
}

TEST_F(FieldsTest, FallsBackToTheFileNameForTitle) {
  ExtractedFields ex = Extract({"本页无正文\n"}, "inbox/扫描件_0042.pdf");
  EXPECT_EQ(ex.title, "扫描件_0042");
  EXPECT_EQ(ex.doc_type, DocType::kOther);
  EXPECT_EQ(ex.fields.date, std::nullopt);
}

TEST_F(FieldsTest, HandlesNoPages) {
  ExtractedFields ex = Extract({}, "empty.pdf");
  EXPECT_EQ(ex.title, "empty");
  EXPECT_EQ(ex.doc_type, DocType::kOther);
  EXPECT_EQ(ex.fields.amount, std::nullopt);
}

}  // namespace
}  // namespace dangan::ingest
