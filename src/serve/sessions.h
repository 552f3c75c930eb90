// SessionStore: the web logins of one `serve` process (in memory: a restart
// logs everyone out). A session is found by the cookie's random token and
// carries its own random CSRF token, which every state-changing request
// must echo in X-CSRF-Token (the cookie alone is not enough).
#ifndef DANGAN_SERVE_SESSIONS_H_
#define DANGAN_SERVE_SESSIONS_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace dangan::serve {

struct Session {
  std::string token;  // the cookie's value
  std::string csrf;
  std::string user;
};

class SessionStore {
 public:
  using Clock = std::chrono::steady_clock;

  // A session unused for idle ends by itself.
  explicit SessionStore(std::chrono::seconds idle) : idle_(idle) {}

  Session Create(const std::string& user);
  // The live session with this token (its idle clock restarts), or nullopt.
  std::optional<Session> Find(const std::string& token);
  void Remove(const std::string& token);

 private:
  struct Entry {
    Session session;
    Clock::time_point last_used;
  };
  const std::chrono::seconds idle_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> sessions_;
};

// 32 random bytes from libsodium, as 64 hex digits.
std::string RandomToken();

// Constant-time comparison of two tokens.
bool SameToken(const std::string& a, const std::string& b);

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_SESSIONS_H_
