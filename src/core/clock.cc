#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace dangan {

std::string NowIso8601Utc() { return FormatUtc(std::time(nullptr)); }

std::optional<int64_t> ParseUtc(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  std::string str(text);
  if (text.size() == 10) {
    if (std::sscanf(str.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3) return std::nullopt;
  } else if (text.size() == 20) {
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &used) !=
        6)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (used != static_cast<int>(text.size())) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t t = timegm(&tm);
  // timegm normalises 2026-02-30 to March: such a date is not a date.
  if (FormatUtc(t).compare(0, text.size() == 10 ? 10 : 19, str, 0, text.size() == 10 ? 10 : 19) !=
      0)
    return std::nullopt;
  return static_cast<int64_t>(t);
}

std::string FormatUtc(int64_t epoch_s) {
  std::time_t t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

double MonotonicSeconds() {
  using namespace std::chrono;  // NOLINT(google-build-using-namespace): local, for the literal
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace dangan
