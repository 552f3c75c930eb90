// FolderWatcher: the file-arrival side of `dangan watch` (issue 5). It says
// WHEN a file in a watched folder is complete and may be taken; the caller
// ingests it. Local folders are watched with inotify; folders on network or
// FUSE mounts, where inotify sees nothing, are polled.
//
// A file is ready when its name is not ignored, it is a regular file or a
// symbolic link (never followed), and stat saw its (inode, size, mtime) stay
// the same for settle_s. On inotify roots a file written to (IN_CREATE or
// IN_MODIFY) and not yet closed (IN_CLOSE_WRITE) needs 4 x settle_s without a
// change, so a writer that pauses is not taken mid-file (one silent for
// longer than that still is: the known risk). Polled roots have no close
// events and use stat stability only. Each ready file is reported once; it
// is reported again only after its identity changed, or after it went away
// (deleted, moved out) and came back. An inotify queue overflow rescans every
// root; files already reported stay reported.
//
// Owned by the watch loop; single-threaded (one thread calls every method).
#ifndef DANGAN_INGEST_FOLDER_WATCHER_H_
#define DANGAN_INGEST_FOLDER_WATCHER_H_

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/input_walker.h"

namespace dangan::ingest {

namespace watch_internal {
class InotifySet;
class SettleTracker;
struct WatchRoot;
struct FileSeen;
}  // namespace watch_internal

struct WatchSettings {
  double settle_s = 2;  // size+mtime unchanged this long => ready
  // Polling interval where inotify cannot see (network mounts); local roots
  // get a safety rescan every max(30 s, 10 x poll_s).
  double poll_s = 2;
  // fnmatch(3) on the file NAME; directories whose name matches are not entered.
  std::vector<std::string> ignore = {"*.part", "~$*", ".*"};
  bool force_poll = false;                  // tests: poll even on local disks
  std::vector<std::filesystem::path> skip;  // folders never entered (the dangan home)
  // Watches this watcher may hold in all (0 = no limit but the kernel's
  // fs.inotify.max_user_watches). A root that needs more is polled instead,
  // with a warning; tests use it to reach the limit.
  size_t max_watches = 0;
};

class FolderWatcher {
 public:
  // Watches each root recursively (a root that is a symlink is followed,
  // nothing below it is). A root that does not exist is kNotFound, one that
  // is not a directory kInvalidArgument, naming it; settle_s < 0 or
  // poll_s <= 0 is kInvalidArgument. A root named twice is watched once.
  // Nothing is scanned before the first Collect(). Never fails for want of
  // inotify: a root that cannot be watched is polled.
  static Result<std::unique_ptr<FolderWatcher>> Open(
      const std::vector<std::filesystem::path>& roots, const WatchSettings& settings);
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;

  // Readable when inotify has events (poll() it with other fds); -1 if every
  // root is polled.
  int fd() const;

  // Reads pending events, runs due polls and rescans, and returns the files
  // that became ready since the last call, each once, in path order, as
  // ListInputs does (source "<root's name>/<relative path>", folders nearest
  // first, symlinks with is_symlink). The first call scans every root for
  // files already there. On local roots a file there at start-up or renamed
  // in whose mtime is older than settle_s is ready at once; the others settle
  // like new files (on network roots the server's clock may be behind ours,
  // so mtime is not trusted). Does not fail for a file or folder that cannot
  // be read, nor for inotify failing (every root is then polled).
  // now_s: monotonic seconds (MonotonicSeconds(); tests pass their own).
  Result<std::vector<Input>> Collect(double now_s);

  // Milliseconds until a settle deadline, poll or rescan is due (0 = now;
  // -1 = nothing pending and nothing scheduled, i.e. no roots).
  int NextDueMs(double now_s) const;

  // The caller will not take path now (it is busy with it, or took it and
  // the file is still there): it is no longer pending and its identity now
  // counts as reported, so rescans and polls leave it alone; a later change
  // (a rewrite, a touch, a file renamed over it: new size, mtime or inode)
  // reports it again, after it settles.
  void Forget(const std::filesystem::path& path);

  // The caller let go of path and left it in place because it changed while
  // it was read: it is pending again, as a new arrival, and is reported once
  // it has been unchanged for settle_s (mtime is not trusted here).
  void Rearm(const std::filesystem::path& path, double now_s);

  // Schedules a full rescan of every root at the next Collect(), as an
  // inotify queue overflow does (files already reported stay reported).
  void RescanAll();

  size_t watched_dirs() const;  // inotify watches held
  size_t pending() const;       // files seen, not yet ready
  // True if that root (as given to Open) is polled rather than watched.
  bool polling(const std::filesystem::path& root) const;

 private:
  explicit FolderWatcher(WatchSettings settings);

  Status OpenRoot(const std::filesystem::path& raw);
  void ScanRoot(size_t root, double now_s);
  void ScanNewDir(size_t root, const std::string& dir, bool moved_in, double now_s);
  // Walks dir (a root, or a folder that appeared in one), adding watches on
  // an inotify root; files go to the tracker. False if some folder could not
  // be read.
  bool Walk(size_t root, const std::string& dir, const std::string& canonical, double now_s,
            bool moved_in);
  bool EnterDir(size_t root, const std::string& dir, dev_t dev, double now_s);
  void SwitchToPolling(size_t root, const std::string& why, double now_s);
  void LoseRoot(size_t root, const std::string& why, double now_s);
  void ReadEvents(double now_s);
  void HandleEvent(int wd, unsigned mask, const std::string& name, double now_s);
  void HandleFileEvent(size_t root, const std::string& path, unsigned mask, double now_s);
  Input MakeInput(const watch_internal::FileSeen& file) const;
  double RescanInterval(size_t root) const;
  int RootOf(const std::string& path) const;  // -1 if under no root

  WatchSettings settings_;
  std::vector<std::string> skip_;  // canonical: settings_.skip and every root
  std::vector<watch_internal::WatchRoot> roots_;
  std::unique_ptr<watch_internal::InotifySet> inotify_;  // null if inotify is unavailable
  std::unique_ptr<watch_internal::SettleTracker> tracker_;
  bool rescan_all_ = false;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_FOLDER_WATCHER_H_
