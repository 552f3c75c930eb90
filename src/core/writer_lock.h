// WriterLock: HOME/dangan.lock held with flock(2) by the one process that may
// write the catalog, store and index (DESIGN §2). A second writer waits for it
// (writer.wait_s), then gets kBusy with a message naming the holder. The
// kernel drops the lock when the process dies, even on kill -9.
//
// Taking turns (issue 9: `serve` writes while `watch` runs). flock is not
// fair, so a waiter says that it waits: it holds LOCK.want (dangan.lock.want)
// shared for as long as it waits, and drops it once it holds LOCK or gives
// up. A holder that keeps the lock for long (watch) asks Wanted() between
// operations and, when true, finishes what it has in hand and lets go.
// A waiter killed while waiting drops its shared lock with its process, so
// no stale "wanted" survives it.
//
// What the file says: the holder writes its name into LOCK ("dangan file
// (pid 12)") once it holds it, and on a release after a consistent run
// writes kReleasedMark back. So a holder finds the mark there exactly when
// the one before it ended cleanly; anything else (a name: killed, or it
// failed half-way) means reconciliation (ingest/reconcile.h) is due.
#ifndef DANGAN_CORE_WRITER_LOCK_H_
#define DANGAN_CORE_WRITER_LOCK_H_

#include <filesystem>
#include <memory>
#include <string>

#include "core/fs.h"
#include "core/status.h"

namespace dangan {

class WriterLock {
 public:
  struct Wait {
    double seconds = 0;  // 0: kBusy at once when held; < 0: no deadline
    int wake_fd = -1;    // waiting ends (kBusy) when this becomes readable
  };
  // what: the command taking the lock ("ingest"), recorded for the message a
  // second writer gets. Two open(2)s and a flock: cheap enough to take and
  // release many times in a long-running process; every fd is closed with
  // the WriterLock.
  static Result<std::unique_ptr<WriterLock>> Acquire(const std::filesystem::path& lock_file,
                                                     const std::string& what, Wait wait);
  static Result<std::unique_ptr<WriterLock>> Acquire(const std::filesystem::path& lock_file,
                                                     const std::string& what) {
    return Acquire(lock_file, what, Wait{});
  }
  // Releases the lock (see the file comment for what it leaves in it).
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  // The holder before this one released the lock after a consistent run.
  bool previous_clean() const { return previous_clean_; }
  // This holder left (or found and kept) the home consistent: on release the
  // next holder is told so. Set by whoever ran reconciliation, and implied
  // when the previous holder was clean.
  void MarkConsistent() { consistent_ = true; }
  // This holder fails half-way: the next holder must reconcile.
  void MarkInconsistent() { consistent_ = false; }
  // Another process is waiting for the lock. Two syscalls; call it between
  // operations, not in a tight loop.
  bool Wanted() const;

  static constexpr const char* kReleasedMark = "released\n";

 private:
  WriterLock(UniqueFd fd, UniqueFd want_fd, bool previous_clean)
      : fd_(std::move(fd)), want_fd_(std::move(want_fd)), previous_clean_(previous_clean),
        consistent_(previous_clean) {}
  UniqueFd fd_;
  UniqueFd want_fd_;  // LOCK.want, not locked by us while we hold LOCK
  bool previous_clean_;
  bool consistent_;
};

// LOCK.want, where waiters for LOCK say so.
std::filesystem::path WantFile(const std::filesystem::path& lock_file);
// Some process waits for LOCK now (for a holder that has just let go and
// would otherwise race the waiters to take it again).
bool WritersWaiting(const std::filesystem::path& lock_file);

// HOME/dangan.watch.lock, held exclusively by a running `watch` for its
// whole life (one watch per home). Invariant: while it is held, everything
// in store/.staging that no dangan.lock holder put there belongs to that
// watch, which keeps claimed files there between its turns with
// dangan.lock; so reconciliation leaves staging alone while it is held, and
// the watch clears staging itself at its start and stop (holding both).
// A watch killed with -9 drops it; the next writer's reconciliation then
// clears what it left.
class WatchLock {
 public:
  // kBusy naming the running watch when there is one.
  static Result<std::unique_ptr<WatchLock>> Acquire(const std::filesystem::path& file);
  // A watch holds it (this process included: the probe uses its own fd).
  static bool Held(const std::filesystem::path& file);

 private:
  explicit WatchLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace dangan

#endif  // DANGAN_CORE_WRITER_LOCK_H_
