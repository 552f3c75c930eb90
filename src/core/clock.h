// Wall-clock time as DESIGN §9 writes it: "2026-11-24T10:00:00Z".
#ifndef DANGAN_CORE_CLOCK_H_
#define DANGAN_CORE_CLOCK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dangan {

std::string NowIso8601Utc();
// Seconds since an arbitrary start, for durations.
double MonotonicSeconds();

// Seconds since the Unix epoch of "YYYY-MM-DDTHH:MM:SSZ", or of "YYYY-MM-DD"
// (its midnight, UTC); nullopt for anything else or an impossible date.
std::optional<int64_t> ParseUtc(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ" of seconds since the epoch. Strings of this one
// form compare in time order, so the catalog compares them as text.
std::string FormatUtc(int64_t epoch_s);

}  // namespace dangan

#endif  // DANGAN_CORE_CLOCK_H_
