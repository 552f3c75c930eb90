#include "app/stop_signal.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace dangan::app {
namespace {

// The self-pipe: the handler may only call async-signal-safe functions.
int g_write_fd = -1;
std::atomic<int> g_count{0};

void OnSignal(int /*signo*/) {
  const int saved = errno;
  g_count.fetch_add(1);
  const char byte = 's';
  (void)!::write(g_write_fd, &byte, 1);
  errno = saved;
}

}  // namespace

Result<StopSignal> StopSignal::Install() {
  if (g_write_fd >= 0) return Status::Internal("StopSignal::Install called twice");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return Status::IoError("pipe", errno);
  g_write_fd = fds[1];
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  // Threads blocked in read/write (serve's connections) carry on; whoever
  // waits for the signal polls fd().
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) {
    if (::sigaction(signo, &sa, nullptr) != 0) return Status::IoError("sigaction", errno);
  }
  return StopSignal(fds[0]);
}

int StopSignal::count() const { return g_count.load(); }

void StopSignal::Clear() const {
  char buf[64];
  while (::read(read_fd_, buf, sizeof buf) > 0) {
  }
}

}  // namespace dangan::app
