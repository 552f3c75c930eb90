// The parts of FolderWatcher (ingest/folder_watcher.h): the tree walk and
// file-system checks (folder_watcher_scan.cc), the inotify watch set
// (folder_watcher_inotify.cc) and the settle bookkeeping
// (folder_watcher_settle.cc). Module-private.
//
// Paths are absolute strings joined with '/' below a root's path as given to
// Open (not canonical), so that they match the paths in inotify events.
#ifndef DANGAN_INGEST_FOLDER_WATCHER_INTERNAL_H_
#define DANGAN_INGEST_FOLDER_WATCHER_INTERNAL_H_

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/fs.h"
#include "core/status.h"

namespace dangan::ingest::watch_internal {

struct WatchRoot {
  std::string path;       // absolute, normalised, as given (may be a symlink)
  std::string canonical;  // realpath of path
  std::string name;       // the root's own name: first element of every source
  dev_t dev = 0;          // st_dev of the root folder
  bool polled = false;
  std::string why;         // why polled ("nfs", "force_poll", "inotify watch limit"…)
  bool network = false;    // on a network or FUSE file system
  bool lost = false;       // deleted or moved away: looked for again every poll_s
  bool scanned = false;    // the start-up scan has run
  double next_scan_s = 0;  // next poll or safety rescan (monotonic)
};

// dir + "/" + name, without doubling the slash of "/".
std::string JoinPath(const std::string& dir, const std::string& name);
// True if path lies strictly below dir.
bool IsBelow(const std::string& path, const std::string& dir);
// fnmatch(3) of a file or folder name against the ignore patterns.
bool IgnoredName(const std::vector<std::string>& patterns, const std::string& name);
// The name of the network or FUSE file system path is on ("nfs", "cifs",
// "fuse"…), or nullopt for a local one (statfs f_type).
std::optional<std::string> NetworkFsName(const std::string& path);
// Wall-clock now in nanoseconds, for comparing with st_mtim.
int64_t WallClockNs();

// What lstat says of an entry that can be reported.
struct EntryStat {
  FileIdentity id;  // dev left 0: a remounted share keeps its files' identity
  bool is_symlink = false;
};
// lstat(path): nullopt if it is gone or is neither a regular file nor a symlink.
std::optional<EntryStat> StatEntry(const std::string& path);

struct WalkFilter {
  const std::vector<std::string>* ignore = nullptr;  // name patterns (files and folders)
  const std::vector<std::string>* skip = nullptr;    // canonical folders never entered
};
// enter(dir, st_dev) runs before dir is listed (so a watch added there sees
// every later change); false leaves dir out on purpose (not a failure). file(path, stat) runs for
// each regular file and symlink not ignored.
struct WalkVisitor {
  std::function<bool(const std::string& dir, dev_t dev)> enter;
  std::function<void(const std::string& path, const EntryStat& stat)> file;
};
// Walks dir (canonical: its realpath) recursively, depth first, never
// following a symlink below dir (nor dir itself unless follow); one folder is open at a time.
// Folders that cannot be read are logged (debug) and left out: then the walk is not complete
// (returns false) and must not be taken as proof that files are gone.
bool WalkTree(const std::string& dir, const std::string& canonical, bool follow,
              const WalkFilter& filter, const WalkVisitor& visitor);

// The inotify instance and its watches: one per watched folder. Owns the fd.
class InotifySet {
 public:
  static Result<std::unique_ptr<InotifySet>> Create();
  int fd() const { return fd_.get(); }
  size_t size() const { return by_wd_.size(); }

  enum class AddResult { kAdded, kLimit, kAlias, kFailed };
  // Watches dir (a folder of root), or refreshes its watch; marks it seen in
  // gen. kLimit: the kernel's watch limit (or max_watches) is reached;
  // kAlias: the same folder is watched under another path (a bind mount);
  // kFailed: dir is gone or unreadable.
  AddResult Add(const std::string& dir, size_t root, bool is_root, uint64_t gen,
                size_t max_watches);
  // The folder a watch descriptor stands for, or nullptr.
  const std::string* PathOf(int wd, size_t* root) const;
  // Removes the watches on dir and every folder below it.
  void RemoveTree(const std::string& dir);
  // Removes root's watches not seen in gen (all of them if gen is 0).
  void RemoveStale(size_t root, uint64_t gen);
  // The kernel dropped wd (IN_IGNORED).
  void Dropped(int wd);
  // Reads what is queued, at most max_bytes; calls fn for each event.
  Status Read(size_t max_bytes,
              const std::function<void(int wd, uint32_t mask, const std::string& name)>& fn);

 private:
  explicit InotifySet(UniqueFd fd) : fd_(std::move(fd)) {}
  void Erase(std::map<std::string, int>::iterator it);

  struct Watched {
    std::string path;
    size_t root = 0;
    uint64_t gen = 0;
  };
  UniqueFd fd_;
  std::unordered_map<int, Watched> by_wd_;
  std::map<std::string, int> by_path_;  // sorted: a folder's subtree is one range
};

// A file that became ready.
struct FileSeen {
  size_t root = 0;
  std::string path;
  bool is_symlink = false;
};

// Files seen and not yet ready (pending) and files reported (with the
// identity they had). Bounded by the files present below the roots.
class SettleTracker {
 public:
  explicit SettleTracker(double settle_s) : settle_s_(settle_s) {}

  enum class Seen {
    kScan,      // found by a walk: resets the clock only if the identity changed
    kCreated,   // IN_CREATE: being written until closed
    kModified,  // IN_MODIFY: being written until closed
    kAttrib,    // IN_ATTRIB
    kClosed,    // IN_CLOSE_WRITE: no longer being written
    kMovedIn,   // IN_MOVED_TO, or a file of a folder moved in
  };
  // Notes that path, a file of root, exists with stat at now_s. A file not
  // known yet whose mtime is older than settle_s is ready at once when
  // trust_mtime. A reported file is left alone unless its identity changed.
  void Note(size_t root, const std::string& path, const EntryStat& stat, Seen seen, double now_s,
            bool trust_mtime);
  // path is gone (deleted or moved out).
  void Drop(const std::string& path);
  // dir and everything below it is gone.
  void DropTree(const std::string& dir);
  // After a full walk of root in generation gen: files of root below
  // root_path that the walk did not see are gone.
  void Sweep(size_t root, const std::string& root_path, uint64_t gen);
  // Forget(): not pending; its current identity counts as reported.
  void Forget(size_t root, const std::string& path);
  // Rearm(): pending again from now_s, as a new file whose mtime is not trusted.
  void Rearm(size_t root, const std::string& path, double now_s);
  // Stats every file whose settle time is due; returns those that stayed
  // the same and moves them to the reported set.
  std::vector<FileSeen> TakeReady(double now_s);
  // Monotonic seconds of the earliest settle deadline (a lower bound); +inf if none.
  double next_due_s() const { return next_due_s_; }
  size_t pending() const { return pending_.size(); }
  uint64_t NewGeneration() { return ++gen_; }
  uint64_t generation() const { return gen_; }

 private:
  struct Pending {
    size_t root = 0;
    EntryStat stat;
    double changed_s = 0;  // last time the identity changed or an event came
    bool writing = false;  // written to and not closed since (inotify roots)
    uint64_t gen = 0;
  };
  struct Reported {
    size_t root = 0;
    FileIdentity id;
    uint64_t gen = 0;
  };
  double DueS(const Pending& p) const;

  double settle_s_;
  uint64_t gen_ = 0;  // the walk in progress
  double next_due_s_ = std::numeric_limits<double>::infinity();
  std::map<std::string, Pending> pending_;
  std::map<std::string, Reported> reported_;
};

}  // namespace dangan::ingest::watch_internal

#endif  // DANGAN_INGEST_FOLDER_WATCHER_INTERNAL_H_
