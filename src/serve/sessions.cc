#include "serve/sessions.h"

#include <sodium.h>

namespace dangan::serve {

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool SameToken(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Session SessionStore::Create(const std::string& user) {
  Session s{RandomToken(), RandomToken(), user};
  std::lock_guard<std::mutex> guard(mu_);
  // Sweep ended sessions now and then, so the map stays the size of the
  // people logged in.
  const Clock::time_point now = Clock::now();
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = now - it->second.last_used > idle_ ? sessions_.erase(it) : std::next(it);
  }
  sessions_[s.token] = Entry{s, now};
  return s;
}

std::optional<Session> SessionStore::Find(const std::string& token) {
  std::lock_guard<std::mutex> guard(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  const Clock::time_point now = Clock::now();
  if (now - it->second.last_used > idle_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second.session;
}

void SessionStore::Remove(const std::string& token) {
  std::lock_guard<std::mutex> guard(mu_);
  sessions_.erase(token);
}

}  // namespace dangan::serve
