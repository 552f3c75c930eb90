// LoginThrottle: failed logins slow down guessing. Keys are a user name and
// a client address, counted apart, so one attacker cannot lock a user out
// from everywhere cheaply, nor try many users from one address. The first
// kFreeFailures failures in a row cost nothing; after that each attempt must
// wait 1 s, 2 s, 4 s … (at most kMaxWait) after the last failure. A success
// clears the key.
#ifndef DANGAN_SERVE_LOGIN_THROTTLE_H_
#define DANGAN_SERVE_LOGIN_THROTTLE_H_

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dangan::serve {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeFailures = 5;
  static constexpr std::chrono::seconds kMaxWait{300};

  // Seconds the key must still wait before an attempt is heard (0: now).
  int64_t WaitSeconds(const std::string& key, Clock::time_point now);
  void Failed(const std::string& key, Clock::time_point now);
  void Succeeded(const std::string& key);

 private:
  struct Failures {
    int in_a_row = 0;
    Clock::time_point next_allowed;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_LOGIN_THROTTLE_H_
