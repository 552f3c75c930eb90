#include "core/clock.h"

#include <chrono>
#include <ctime>

namespace dangan {

std::string NowIso8601Utc() {
  std::time_t t = std::time(nullptr);
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
