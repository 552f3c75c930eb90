#include "core/writer_lock.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "core/clock.h"

namespace dangan {
namespace {

// Between two tries while waiting: short, so a holder that lets go is
// followed within a few milliseconds.
constexpr int kPollMs = 10;

std::string ReadContents(int fd) {
  char buf[256] = {0};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

Status BusyStatus(const std::filesystem::path& lock_file, int fd, double waited_s) {
  std::string who = ReadContents(fd);
  while (!who.empty() && (who.back() == '\n' || who.back() == '\0')) who.pop_back();
  if (who.empty() || who + "\n" == WriterLock::kReleasedMark) who = "another process";
  std::string waited =
      waited_s > 0 ? " (waited " + std::to_string(std::lround(waited_s)) + " s)" : "";
  return Status::Busy("the home is busy: " + who + " is writing to it (" + lock_file.string() +
                      ")" + waited + "; try again when it has finished");
}

// Sleeps kPollMs, or less when wake_fd becomes readable (true then).
bool SleepOrWake(int wake_fd) {
  if (wake_fd < 0) {
    ::usleep(kPollMs * 1000);
    return false;
  }
  struct pollfd p = {wake_fd, POLLIN, 0};
  return ::poll(&p, 1, kPollMs) > 0;
}

}  // namespace

std::filesystem::path WantFile(const std::filesystem::path& lock_file) {
  return lock_file.string() + ".want";
}

Result<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::filesystem::path& lock_file,
                                                        const std::string& what, Wait wait) {
  UniqueFd fd(::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return Status::IoError(lock_file.string(), errno);
  const std::filesystem::path want_file = WantFile(lock_file);
  UniqueFd want(::open(want_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!want) return Status::IoError(want_file.string(), errno);
  const double start = MonotonicSeconds();
  bool wanting = false;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return Status::IoError(lock_file.string(), errno);
    const double waited = MonotonicSeconds() - start;
    if (wait.seconds == 0 || (wait.seconds > 0 && waited >= wait.seconds))
      return BusyStatus(lock_file, fd.get(), waited);
    if (!wanting) {
      // Shared: any number of waiters at once. Never blocks (holders do not
      // lock it), so a failure here only loses the courtesy, not the wait.
      wanting = ::flock(want.get(), LOCK_SH | LOCK_NB) == 0;
    }
    if (SleepOrWake(wait.wake_fd)) return BusyStatus(lock_file, fd.get(), waited);
  }
  if (wanting) ::flock(want.get(), LOCK_UN);
  const bool previous_clean = ReadContents(fd.get()) == kReleasedMark;
  // Record who holds it, for the message a second writer gets; a name left
  // here by a holder that died says so to the next one.
  std::string me = "dangan " + what + " (pid " + std::to_string(::getpid()) + ")\n";
  if (::ftruncate(fd.get(), 0) == 0) (void)!::pwrite(fd.get(), me.data(), me.size(), 0);
  return std::unique_ptr<WriterLock>(
      new WriterLock(std::move(fd), std::move(want), previous_clean));
}

WriterLock::~WriterLock() {
  if (consistent_ && ::ftruncate(fd_.get(), 0) == 0)
    (void)!::pwrite(fd_.get(), kReleasedMark, std::strlen(kReleasedMark), 0);
  // Closing fd_ releases the flock.
}

namespace {

// Someone holds fd's file shared: our exclusive probe fails.
bool HeldByOthers(int fd) {
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
    ::flock(fd, LOCK_UN);
    return false;
  }
  return errno == EWOULDBLOCK;
}

}  // namespace

bool WriterLock::Wanted() const { return HeldByOthers(want_fd_.get()); }

bool WritersWaiting(const std::filesystem::path& lock_file) {
  UniqueFd want(::open(WantFile(lock_file).c_str(), O_RDONLY | O_CLOEXEC));
  return want && HeldByOthers(want.get());
}

Result<std::unique_ptr<WatchLock>> WatchLock::Acquire(const std::filesystem::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return Status::IoError(file.string(), errno);
  // Held() probes take it shared for a moment: a few tries tell those from
  // a running watch.
  int tries = 0;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return Status::IoError(file.string(), errno);
    if (++tries < 20) {
      ::usleep(kPollMs * 1000);
      continue;
    }
    std::string who = ReadContents(fd.get());
    while (!who.empty() && who.back() == '\n') who.pop_back();
    return Status::Busy("a watch is already running on this home: " +
                        (who.empty() ? std::string("another process") : who) + " (" +
                        file.string() + ")");
  }
  std::string me = "dangan watch (pid " + std::to_string(::getpid()) + ")\n";
  if (::ftruncate(fd.get(), 0) == 0) (void)!::pwrite(fd.get(), me.data(), me.size(), 0);
  return std::unique_ptr<WatchLock>(new WatchLock(std::move(fd)));
}

bool WatchLock::Held(const std::filesystem::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;  // never created: no watch ever ran here
  // Shared, so that two probes never see each other as a watch.
  if (::flock(fd.get(), LOCK_SH | LOCK_NB) == 0) return false;  // closing fd unlocks
  return errno == EWOULDBLOCK;
}

}  // namespace dangan
