// Wall-clock time as DESIGN §9 writes it: "2026-11-24T10:00:00Z".
#ifndef DANGAN_CORE_CLOCK_H_
#define DANGAN_CORE_CLOCK_H_

#include <string>

namespace dangan {

std::string NowIso8601Utc();
// Seconds since an arbitrary start, for durations.
double MonotonicSeconds();

}  // namespace dangan

#endif  // DANGAN_CORE_CLOCK_H_
