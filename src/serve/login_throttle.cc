#include "serve/login_throttle.h"

#include <algorithm>

namespace dangan::serve {

int64_t LoginThrottle::WaitSeconds(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> guard(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end() || now >= it->second.next_allowed) return 0;
  auto left = std::chrono::ceil<std::chrono::seconds>(it->second.next_allowed - now);
  return std::max<int64_t>(1, left.count());
}

void LoginThrottle::Failed(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> guard(mu_);
  Failures& f = failures_[key];
  ++f.in_a_row;
  if (f.in_a_row < kFreeFailures) return;
  const int doublings = std::min(f.in_a_row - kFreeFailures, 16);
  const std::chrono::seconds wait =
      std::min<std::chrono::seconds>(std::chrono::seconds(int64_t{1} << doublings), kMaxWait);
  f.next_allowed = now + wait;
}

void LoginThrottle::Succeeded(const std::string& key) {
  std::lock_guard<std::mutex> guard(mu_);
  failures_.erase(key);
}

}  // namespace dangan::serve
