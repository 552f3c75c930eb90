#include "core/retention.h"

#include <fmt/format.h>

#include <algorithm>

namespace dangan {
namespace {

namespace chr = std::chrono;

// The value of s[pos, pos+n) when all of it is ASCII digits, else -1.
int Digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

const char* ToString(RetentionClass c) {
  switch (c) {
    case RetentionClass::kShort: return "short";
    case RetentionClass::kLong: return "long";
    case RetentionClass::kPermanent: return "permanent";
  }
  return "?";
}

std::optional<RetentionClass> ParseRetentionClass(std::string_view s) {
  if (s == "short") return RetentionClass::kShort;
  if (s == "long") return RetentionClass::kLong;
  if (s == "permanent") return RetentionClass::kPermanent;
  return std::nullopt;
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  Date date{chr::year(y), chr::month(static_cast<unsigned>(m)), chr::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Date TodayUtc() { return Date{chr::floor<chr::days>(chr::system_clock::now())}; }

RetentionClass Longer(RetentionClass a, RetentionClass b) { return std::max(a, b); }

std::optional<Date> RetentionStart(const std::optional<std::string>& doc_date,
                                   std::string_view ingested_at) {
  std::optional<Date> from = doc_date ? ParseIsoDate(*doc_date) : std::nullopt;
  if (!from) from = ParseIsoDate(ingested_at);
  if (!from) return std::nullopt;
  return Date{from->year() + chr::years(1), chr::January, chr::day(1)};
}

Date AddYears(Date d, int years) {
  Date later = d + chr::years(years);
  // sys_days of an invalid day-of-month counts on past the month's end
  // ([time.cal.ymd.nonmembers]): 29 February 2025 is 1 March 2025.
  if (!later.ok()) return Date{chr::sys_days(later)};
  return later;
}

std::optional<Date> DueDate(RetentionClass c, Date start, const RetentionYears& years) {
  switch (c) {
    case RetentionClass::kShort: return AddYears(start, years.short_years);
    case RetentionClass::kLong: return AddYears(start, years.long_years);
    case RetentionClass::kPermanent: return std::nullopt;
  }
  return std::nullopt;
}

RetentionOutcome EvaluateRetention(std::optional<RetentionClass> archive_class,
                                   std::optional<RetentionClass> type_class,
                                   const std::optional<std::string>& doc_date,
                                   std::string_view ingested_at, const RetentionYears& years,
                                   Date as_of) {
  RetentionOutcome out;
  out.retention_class = archive_class.value_or(RetentionClass::kPermanent);
  if (type_class) out.retention_class = Longer(out.retention_class, *type_class);
  out.start = RetentionStart(doc_date, ingested_at);
  if (out.start) out.due = DueDate(out.retention_class, *out.start, years);
  out.is_due = out.due.has_value() && as_of >= *out.due;
  return out;
}

}  // namespace dangan
