// StopSignal: SIGTERM, SIGINT and SIGHUP turned into a readable descriptor,
// so a long-running command (watch, later serve) can poll() for them next to
// its other work and stop between steps instead of mid-write.
#ifndef DANGAN_APP_STOP_SIGNAL_H_
#define DANGAN_APP_STOP_SIGNAL_H_

#include "core/status.h"

namespace dangan::app {

class StopSignal {
 public:
  // Installs the handlers (once per process; a second call is kInternal).
  static Result<StopSignal> Install();
  // Readable once a signal came; stays readable until Clear().
  int fd() const { return read_fd_; }
  // Signals received so far (a second one means "stop now").
  int count() const;
  // Empties the descriptor (the count stays).
  void Clear() const;

 private:
  explicit StopSignal(int read_fd) : read_fd_(read_fd) {}
  int read_fd_;
};

}  // namespace dangan::app

#endif  // DANGAN_APP_STOP_SIGNAL_H_
