#include "ingest/field_parsers.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace dangan::ingest {
namespace {

// "amount currency" of text read as one amount, or "none".
std::string Amount(std::string_view text) {
  std::optional<Money> m = ParseAmount(text);
  return m ? m->amount + " " + m->currency : "none";
}

TEST(FieldParsersTest, ParsesChineseDigitDates) {
  EXPECT_EQ(ParseDate("2023年3月15日"), "2023-03-15");
  EXPECT_EQ(ParseDate("2023年03月05日"), "2023-03-05");
  EXPECT_EQ(ParseDate("2023 年 3 月 15 日"), "2023-03-15");
  EXPECT_EQ(ParseDate("２０２３年３月１５日"), "2023-03-15");
}

TEST(FieldParsersTest, ParsesChineseNumeralDates) {
  EXPECT_EQ(ParseDate("二〇二三年三月十五日"), "2023-03-15");
  EXPECT_EQ(ParseDate("二〇二一年十二月三十一日"), "2021-12-31");
  EXPECT_EQ(ParseDate("二○二四年一月二十日"), "2024-01-20");
  EXPECT_EQ(ParseDate("二零一九年十月一日"), "2019-10-01");
}

TEST(FieldParsersTest, ParsesNumericDates) {
  EXPECT_EQ(ParseDate("2023-03-15"), "2023-03-15");
  EXPECT_EQ(ParseDate("2023/3/15"), "2023-03-15");
  EXPECT_EQ(ParseDate("2023.03.15"), "2023-03-15");
  EXPECT_EQ(ParseDate("15/03/2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("15.03.2023"), "2023-03-15");
}

TEST(FieldParsersTest, ReadsMonthFirstWhenTheDayCannotBeAMonth) {
  EXPECT_EQ(ParseDate("03/15/2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("04/03/2023"), "2023-03-04");  // day first when both could be
}

TEST(FieldParsersTest, ParsesEnglishDates) {
  EXPECT_EQ(ParseDate("15 March 2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("March 15, 2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("Mar. 15, 2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("Mar 5 2023"), "2023-03-05");
  EXPECT_EQ(ParseDate("15th March, 2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("15-Mar-2023"), "2023-03-15");
  EXPECT_EQ(ParseDate("Sept. 1, 2022"), "2022-09-01");
  EXPECT_EQ(ParseDate("DECEMBER 31, 2020"), "2020-12-31");
}

TEST(FieldParsersTest, ToleratesOcrConfusionsInDates) {
  EXPECT_EQ(ParseDate("2O23年3月l5日"), "2023-03-15");
  EXPECT_EQ(ParseDate("2023-O3-15"), "2023-03-15");
  EXPECT_EQ(ParseDate("2022年 9月 lO日"), "2022-09-10");  // a day of confusables only
  EXPECT_EQ(ParseDate("Oct. 1O, 2O21"), "2021-10-10");
}

TEST(FieldParsersTest, RejectsImpossibleDates) {
  EXPECT_EQ(ParseDate("2023年2月30日"), std::nullopt);
  EXPECT_EQ(ParseDate("2023-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("2021-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(ParseDate("1850-01-01"), std::nullopt);
  EXPECT_EQ(ParseDate("Maybe 15, 2023"), std::nullopt);
  EXPECT_EQ(ParseDate("2023年3月15日前"), std::nullopt);  // not all of it
}

TEST(FieldParsersTest, FindsDatesInRunningTextWithOffsets) {
  std::u32string text = FoldForFields(DecodeUtf8("签订日期：2023年3月15日，交货期至2023-04-30止"));
  std::vector<DateMatch> found = FindDates(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].iso, "2023-03-15");
  EXPECT_EQ(found[0].begin, 5u);
  EXPECT_EQ(found[0].end, 15u);
  EXPECT_EQ(found[1].iso, "2023-04-30");
}

TEST(FieldParsersTest, DoesNotReadDatesInsideLongerNumbers) {
  EXPECT_TRUE(FindDates(U"account 6222020231203150012").empty());
  EXPECT_TRUE(FindDates(U"HT12023-03-159").empty());
}

TEST(FieldParsersTest, ParsesChineseCapitalAmount) {
  EXPECT_EQ(ParseChineseCapitalAmount("人民币壹佰贰拾伍万元整"), "1250000.00");
  EXPECT_EQ(ParseChineseCapitalAmount("壹拾元整"), "10.00");
  EXPECT_EQ(ParseChineseCapitalAmount("拾万元整"), "100000.00");
}

TEST(FieldParsersTest, ParsesChineseCapitalAmountWithJiaoAndFen) {
  EXPECT_EQ(ParseChineseCapitalAmount("叁拾伍万伍仟捌佰玖拾陆元壹角壹分"), "355896.11");
  EXPECT_EQ(ParseChineseCapitalAmount("壹佰零贰万陆仟玖佰贰拾陆元零陆分"), "1026926.06");
  EXPECT_EQ(ParseChineseCapitalAmount("贰拾叁万零玖佰伍拾玖元肆角伍分"), "230959.45");
  EXPECT_EQ(ParseChineseCapitalAmount("壹拾柒万肆仟零肆拾叁元玖角"), "174043.90");
}

TEST(FieldParsersTest, ParsesChineseCapitalAmountWithYiAndZero) {
  EXPECT_EQ(ParseChineseCapitalAmount("壹亿贰仟万元整"), "120000000.00");
  EXPECT_EQ(ParseChineseCapitalAmount("贰亿零伍万元正"), "200050000.00");
  EXPECT_EQ(ParseChineseCapitalAmount("壹仟零伍元整"), "1005.00");
}

TEST(FieldParsersTest, ParsesTraditionalCapitalAmount) {
  EXPECT_EQ(ParseChineseCapitalAmount("人民幣壹佰肆拾壹萬貳仟玖佰元整"), "1412900.00");
  EXPECT_EQ(ParseChineseCapitalAmount("叄萬零貳佰圓玖角柒分"), "30200.97");
}

TEST(FieldParsersTest, ParsesSmallNumeralAmounts) {
  EXPECT_EQ(ParseChineseCapitalAmount("一百二十五万元"), "1250000.00");
  EXPECT_EQ(ParseChineseCapitalAmount("三千五百元整"), "3500.00");
}

TEST(FieldParsersTest, RejectsCapitalRunsThatAreNotMoney) {
  EXPECT_EQ(ParseChineseCapitalAmount("壹拾贰"), std::nullopt);  // no 元
  EXPECT_EQ(ParseChineseCapitalAmount("元整"), std::nullopt);
  EXPECT_EQ(ParseChineseCapitalAmount("壹拾贰元叁"), std::nullopt);  // 叁 of what
}

TEST(FieldParsersTest, ParsesAmountsWithCurrencyMarkers) {
  EXPECT_EQ(Amount("¥1,250,000.00"), "1250000.00 CNY");
  EXPECT_EQ(Amount("RMB 5,000"), "5000.00 CNY");
  EXPECT_EQ(Amount("RMB5000"), "5000.00 CNY");
  EXPECT_EQ(Amount("USD 12,345.6"), "12345.60 USD");
  EXPECT_EQ(Amount("US$112,400.27"), "112400.27 USD");
  EXPECT_EQ(Amount("HK$3,000.00"), "3000.00 HKD");
  EXPECT_EQ(Amount("€59,437.20"), "59437.20 EUR");
  EXPECT_EQ(Amount("￥８,８００.００"), "8800.00 CNY");
  EXPECT_EQ(Amount("人民币1,406,600.00元"), "1406600.00 CNY");
  EXPECT_EQ(Amount("12.5万元"), "125000.00 CNY");
  EXPECT_EQ(Amount("3,000.00 USD"), "3000.00 USD");
  EXPECT_EQ(Amount("人民币壹佰贰拾伍万元整"), "1250000.00 CNY");
  EXPECT_EQ(Amount("（大写）壹佰贰拾伍万元整"), "none");  // not all of it is the amount
  EXPECT_EQ(Amount("美元壹万元整"), "10000.00 USD");
  EXPECT_EQ(Amount("1,234.50"), "1234.50 ");  // money-like, currency unsaid
  EXPECT_EQ(Amount("¥43O,OO0.0O"), "430000.00 CNY");  // OCR's O for 0
}

// The one amount FindAmounts sees in text as "amount currency", else "none"
// (or how many it saw).
std::string Found(std::u32string_view text) {
  std::vector<AmountMatch> found = FindAmounts(FoldForFields(text));
  if (found.size() != 1) return found.empty() ? "none" : std::to_string(found.size()) + " found";
  return FormatCents(found[0].cents) + " " + found[0].currency;
}

TEST(FieldParsersTest, ReadsTheWaysOcrMisprintsMoney) {
  // ¥ read as Y, y or #, touching the number.
  EXPECT_EQ(Found(U"（小写）Y8,480.20"), "8480.20 CNY");
  EXPECT_EQ(Found(U"（小写） y866,314.89"), "866314.89 CNY");
  EXPECT_EQ(Found(U"-#367,200.00)"), "367200.00 CNY");
  // Dots for the commas, with a marker and two decimals.
  EXPECT_EQ(Amount("人民币527.370.00元"), "527370.00 CNY");
  EXPECT_EQ(Found(U"Y10.641.68"), "10641.68 CNY");
  // A blank after the comma or after the point.
  EXPECT_EQ(Amount("人民币441, 589.51元"), "441589.51 CNY");
  EXPECT_EQ(Amount("人民币11,209. 48元"), "11209.48 CNY");
}

TEST(FieldParsersTest, DoesNotTakeOcrLookalikesForMoneyElsewhere) {
  EXPECT_EQ(Found(U"第#12项"), "none");  // an item number
  EXPECT_EQ(Found(U"Y2024"), "none");
  EXPECT_EQ(Found(U"by 2,000.00"), "2000.00 ");  // the y of a word marks nothing
  EXPECT_EQ(Found(U"10.641.68"), "none");        // dotted, but nothing says money
  EXPECT_EQ(Found(U"¥1.234.5"), "none");
  EXPECT_EQ(Found(U"192.168.10.20"), "none");
  EXPECT_EQ(Amount("人民币441, 589元"), "none");  // ", " is a list, not a group
}

TEST(FieldParsersTest, RejectsNumbersThatAreNotMoney) {
  EXPECT_EQ(Amount("0.05%"), "none");
  EXPECT_EQ(Amount("20mA"), "none");
  EXPECT_EQ(Amount("14481739284724487831"), "none");
  EXPECT_EQ(Amount("1.234.567"), "none");
  EXPECT_EQ(Amount("2023"), "none");  // a bare number is not money
}

TEST(FieldParsersTest, ReadsCapitalAmountBrokenOverLines) {
  std::u32string text = FoldForFields(DecodeUtf8("人民币玖拾陆万柒仟柒佰元玖\n角肆分\n道外区"));
  std::vector<AmountMatch> found = FindAmounts(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].form, AmountForm::kCapital);
  EXPECT_EQ(found[0].cents, 96770094);
  EXPECT_EQ(found[0].currency, "CNY");
}

TEST(FieldParsersTest, ParsesEnglishAmountWords) {
  EXPECT_EQ(Amount("SAY TOTAL USD ONE HUNDRED AND TWELVE THOUSAND FOUR HUNDRED AND CENTS "
                   "TWENTY-SEVEN ONLY"),
            "112400.27 USD");
  EXPECT_EQ(Amount("say RMB TWO MILLION NINE HUNDRED AND FORTY THOUSAND TWO HUNDRED AND FIVE "
                   "AND FORTY-ONE CENTS only"),
            "2940205.41 CNY");
  EXPECT_EQ(Amount("in words: EUR SIX HUNDRED AND FIFTEEN THOUSAND EIGHT HUNDRED only"),
            "615800.00 EUR");
  EXPECT_EQ(Amount("say hello"), "none");
}

TEST(FieldParsersTest, MarksBareMoneyLikeNumbersAsUnmarked) {
  std::vector<AmountMatch> found = FindAmounts(U"数量 200 单价 91.58 金额 18,316.00");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_FALSE(found[0].marked);
  EXPECT_EQ(found[1].cents, 1831600);
}

TEST(FieldParsersTest, FormatsCents) {
  EXPECT_EQ(FormatCents(125000000), "1250000.00");
  EXPECT_EQ(FormatCents(5), "0.05");
}

}  // namespace
}  // namespace dangan::ingest
