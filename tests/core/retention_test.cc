#include "core/retention.h"

#include <gtest/gtest.h>

namespace dangan {
namespace {

Date D(const char* iso) {
  auto d = ParseIsoDate(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(Date{});
}

const RetentionYears kYears{10, 30};

TEST(RetentionTest, ClassesParseAndTheLongerWins) {
  EXPECT_EQ(ParseRetentionClass("short"), RetentionClass::kShort);
  EXPECT_EQ(ParseRetentionClass("permanent"), RetentionClass::kPermanent);
  EXPECT_FALSE(ParseRetentionClass("forever").has_value());
  EXPECT_STREQ(ToString(RetentionClass::kLong), "long");
  EXPECT_EQ(Longer(RetentionClass::kShort, RetentionClass::kLong), RetentionClass::kLong);
  EXPECT_EQ(Longer(RetentionClass::kPermanent, RetentionClass::kShort), RetentionClass::kPermanent);
}

TEST(RetentionTest, DatesParseOnlyWhenReal) {
  EXPECT_EQ(FormatIsoDate(D("2024-02-29")), "2024-02-29");
  EXPECT_EQ(FormatIsoDate(D("2026-11-24T10:00:00Z")), "2026-11-24");
  EXPECT_FALSE(ParseIsoDate("2023-02-29").has_value());  // not a leap year
  EXPECT_FALSE(ParseIsoDate("2023-13-01").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-1-5").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-01-05x").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
  EXPECT_FALSE(ParseIsoDate("tomorrow!!").has_value());
}

TEST(RetentionTest, ThePeriodStartsOnTheFirstOfJanuaryAfterTheDocumentsDate) {
  EXPECT_EQ(RetentionStart(std::string("2013-06-30"), "2026-11-24T10:00:00Z"), D("2014-01-01"));
  EXPECT_EQ(RetentionStart(std::string("2013-01-01"), "2026-11-24T10:00:00Z"), D("2014-01-01"));
  EXPECT_EQ(RetentionStart(std::string("2012-12-31"), "2026-11-24T10:00:00Z"), D("2013-01-01"));
  // No date, or one that is not a date: the ingest date counts.
  EXPECT_EQ(RetentionStart(std::nullopt, "2026-11-24T10:00:00Z"), D("2027-01-01"));
  EXPECT_EQ(RetentionStart(std::string("2023-02-30"), "2026-11-24T10:00:00Z"), D("2027-01-01"));
  EXPECT_FALSE(RetentionStart(std::nullopt, "").has_value());
}

TEST(RetentionTest, AddingYearsOverALeapDayEndsOnTheFirstOfMarch) {
  EXPECT_EQ(AddYears(D("2024-02-29"), 1), D("2025-03-01"));
  EXPECT_EQ(AddYears(D("2024-02-29"), 4), D("2028-02-29"));
  EXPECT_EQ(AddYears(D("2023-02-28"), 1), D("2024-02-28"));
  EXPECT_EQ(AddYears(D("2014-01-01"), 10), D("2024-01-01"));
  EXPECT_EQ(AddYears(D("2000-03-01"), 100), D("2100-03-01"));
}

TEST(RetentionTest, DueDatesByClassAndPermanentIsNeverDue) {
  EXPECT_EQ(DueDate(RetentionClass::kShort, D("2014-01-01"), kYears), D("2024-01-01"));
  EXPECT_EQ(DueDate(RetentionClass::kLong, D("2014-01-01"), kYears), D("2044-01-01"));
  EXPECT_FALSE(DueDate(RetentionClass::kPermanent, D("2014-01-01"), kYears).has_value());
  RetentionOutcome p = EvaluateRetention(RetentionClass::kPermanent, std::nullopt,
                                         std::string("1900-01-01"), "", kYears, D("9999-12-31"));
  EXPECT_FALSE(p.is_due);
  EXPECT_FALSE(p.due.has_value());
}

TEST(RetentionTest, DueFromTheFirstDayAfterThePeriod) {
  // A short document dated 2013-06-30: the period is 2014-01-01 .. 2023-12-31.
  auto at = [](const char* as_of) {
    return EvaluateRetention(RetentionClass::kShort, std::nullopt, std::string("2013-06-30"),
                             "2013-07-01T00:00:00Z", kYears, D(as_of));
  };
  EXPECT_FALSE(at("2023-12-31").is_due);
  EXPECT_TRUE(at("2024-01-01").is_due);
  EXPECT_TRUE(at("2090-01-01").is_due);
  EXPECT_EQ(at("2024-01-01").due, D("2024-01-01"));
  EXPECT_EQ(at("2024-01-01").start, D("2014-01-01"));
  // A document dated on a leap day starts like any other: 1 January next year.
  RetentionOutcome leap = EvaluateRetention(RetentionClass::kShort, std::nullopt,
                                            std::string("2016-02-29"), "", kYears, D("2027-01-01"));
  EXPECT_EQ(leap.due, D("2027-01-01"));
  EXPECT_TRUE(leap.is_due);
}

TEST(RetentionTest, TheLongerOfArchiveAndTypeDecides) {
  auto eval = [](std::optional<RetentionClass> archive, std::optional<RetentionClass> type) {
    return EvaluateRetention(archive, type, std::string("2000-05-05"), "", kYears, D("2020-01-01"));
  };
  EXPECT_TRUE(eval(RetentionClass::kShort, std::nullopt).is_due);
  RetentionOutcome invoice = eval(RetentionClass::kShort, RetentionClass::kLong);
  EXPECT_EQ(invoice.retention_class, RetentionClass::kLong);
  EXPECT_FALSE(invoice.is_due);
  EXPECT_EQ(invoice.due, D("2031-01-01"));
  // A type class shorter than the archive's does not shorten it.
  EXPECT_EQ(eval(RetentionClass::kLong, RetentionClass::kShort).retention_class,
            RetentionClass::kLong);
  // An archive without a known class is never destroyed on a guess.
  EXPECT_EQ(eval(std::nullopt, RetentionClass::kShort).retention_class, RetentionClass::kPermanent);
  EXPECT_FALSE(eval(std::nullopt, std::nullopt).is_due);
}

TEST(RetentionTest, MissingDatesUseTheIngestDateOrAreNeverDue) {
  RetentionOutcome by_ingest = EvaluateRetention(RetentionClass::kShort, std::nullopt, std::nullopt,
                                                 "2001-03-04T08:00:00Z", kYears, D("2012-01-01"));
  EXPECT_EQ(by_ingest.start, D("2002-01-01"));
  EXPECT_TRUE(by_ingest.is_due);
  RetentionOutcome none = EvaluateRetention(RetentionClass::kShort, std::nullopt, std::nullopt,
                                            "garbage", kYears, D("9999-01-01"));
  EXPECT_FALSE(none.start.has_value());
  EXPECT_FALSE(none.is_due);
}

TEST(RetentionTest, AsOfInTheFutureAndConfiguredYears) {
  RetentionYears one{1, 2};
  RetentionOutcome o = EvaluateRetention(RetentionClass::kLong, std::nullopt,
                                         std::string("2030-07-01"), "", one, D("2033-01-01"));
  EXPECT_EQ(o.due, D("2033-01-01"));
  EXPECT_TRUE(o.is_due);
  EXPECT_GT(FormatIsoDate(TodayUtc()), "2020-01-01");
}

}  // namespace
}  // namespace dangan
