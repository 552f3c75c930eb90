// UTC times as dangan writes them: parsing, formatting, and the arithmetic a
// grant's expiry (RECORDS §3) and a backup's age rely on.
#include <gtest/gtest.h>

#include "core/clock.h"

namespace dangan {
namespace {

TEST(ClockTest, UtcTimesRoundTripAndDatesMeanMidnight) {
  auto t = ParseUtc("2026-11-24T10:00:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatUtc(*t), "2026-11-24T10:00:00Z");
  auto d = ParseUtc("2026-11-24");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*t - *d, 10 * 3600);
  EXPECT_EQ(*ParseUtc("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(NowIso8601Utc().size(), 20u);
  EXPECT_TRUE(ParseUtc(NowIso8601Utc()).has_value());
}

TEST(ClockTest, MalformedOrImpossibleTimesAreRefused) {
  for (const char* bad : {"", "2026-11-24T10:00:00", "2026-11-24 10:00:00Z", "2026-02-30",
                          "2026-13-01", "2026-11-24T25:00:00Z", "24/11/2026", "2026-11-24Z",
                          "2026-1-240"})
    EXPECT_FALSE(ParseUtc(bad).has_value()) << bad;
}

TEST(ClockTest, AddingDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(FormatUtc(*ParseUtc("2026-12-28T09:30:00Z") + 7 * 86400), "2027-01-04T09:30:00Z");
  EXPECT_EQ(FormatUtc(*ParseUtc("2028-02-28T00:00:00Z") + 86400), "2028-02-29T00:00:00Z");
  EXPECT_EQ(FormatUtc(*ParseUtc("2027-02-28T00:00:00Z") + 86400), "2027-03-01T00:00:00Z");
}

}  // namespace
}  // namespace dangan
