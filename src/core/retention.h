// Retention arithmetic (保管期限, RECORDS §6): classes, the start of a
// document's period and the day it runs out. Pure functions on calendar
// dates (proleptic Gregorian, no time zone): no I/O, callable from any thread.
//
// A document's period starts on 1 January of the year after its date (its
// ingest date when it has none) and runs a whole number of years; it is due
// from the first day after the period, as_of >= start + years. Permanent
// material is never due.
#ifndef DANGAN_CORE_RETENTION_H_
#define DANGAN_CORE_RETENTION_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dangan {

// Ordered: a greater class keeps material longer.
enum class RetentionClass { kShort = 0, kLong = 1, kPermanent = 2 };

const char* ToString(RetentionClass c);
std::optional<RetentionClass> ParseRetentionClass(std::string_view s);

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD", or an ISO 8601 timestamp whose first ten characters are one
// ("2026-11-24T10:00:00Z"); nullopt unless it is a real calendar date.
std::optional<Date> ParseIsoDate(std::string_view s);
std::string FormatIsoDate(Date d);
// Today's date in UTC.
Date TodayUtc();

struct RetentionYears {
  int short_years = 10;
  int long_years = 30;
};

RetentionClass Longer(RetentionClass a, RetentionClass b);

// 1 January of the year after doc_date, else after ingested_at's date when
// doc_date is absent or not a date; nullopt when neither is a date.
std::optional<Date> RetentionStart(const std::optional<std::string>& doc_date,
                                   std::string_view ingested_at);

// The same month and day `years` later. 29 February in a year that has none
// becomes 1 March: a period in years ends on the month's last day when the
// end month lacks the day (民法典 §202), so it is due the day after.
Date AddYears(Date d, int years);

// The first day the material is due; nullopt for kPermanent.
std::optional<Date> DueDate(RetentionClass c, Date start, const RetentionYears& years);

struct RetentionOutcome {
  RetentionClass retention_class = RetentionClass::kPermanent;
  std::optional<Date> start;  // nullopt: no date to count from
  std::optional<Date> due;    // nullopt: never (permanent, or no start)
  bool is_due = false;        // as_of >= due
};

// A document's retention as of as_of. Its class is the longer of its
// archive's and its type's (type_class nullopt: the type has no class of its
// own); an archive without a known class counts as permanent, so nothing is
// ever destroyed on a guess.
RetentionOutcome EvaluateRetention(std::optional<RetentionClass> archive_class,
                                   std::optional<RetentionClass> type_class,
                                   const std::optional<std::string>& doc_date,
                                   std::string_view ingested_at, const RetentionYears& years,
                                   Date as_of);

}  // namespace dangan

#endif  // DANGAN_CORE_RETENTION_H_
