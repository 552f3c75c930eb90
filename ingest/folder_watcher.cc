// FolderWatcher (ingest/folder_watcher.h): roots, scans and inotify events.
// The settle rules live in folder_watcher_settle.cc, the walk in
// folder_watcher_scan.cc, the watch set in folder_watcher_inotify.cc.
#include "ingest/folder_watcher.h"

#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <limits>
#include <utility>

#include "ingest/folder_watcher_internal.h"

namespace dangan::ingest {
namespace fs = std::filesystem;
using watch_internal::EntryStat;
using watch_internal::FileSeen;
using watch_internal::InotifySet;
using watch_internal::SettleTracker;
using watch_internal::WatchRoot;

namespace {

// Event bytes handled per Collect() (about 100,000 events): a flood of events
// cannot hold the loop; the rest is read by the next call.
constexpr size_t kMaxEventBytesPerCollect = 4 << 20;
// Local roots are rescanned this often at least, in case events were missed.
constexpr double kMinSafetyRescanS = 30;

std::string NormalisedAbsolute(const fs::path& raw) {
  std::error_code ec;
  std::string s = fs::absolute(raw, ec).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

FolderWatcher::FolderWatcher(WatchSettings settings)
    : settings_(std::move(settings)),
      tracker_(std::make_unique<SettleTracker>(settings_.settle_s)) {}

FolderWatcher::~FolderWatcher() = default;

Result<std::unique_ptr<FolderWatcher>> FolderWatcher::Open(const std::vector<fs::path>& roots,
                                                           const WatchSettings& settings) {
  if (!(settings.settle_s >= 0) || !(settings.poll_s > 0))
    return Status::InvalidArgument("watch: settle_s must be >= 0 and poll_s > 0");
  std::unique_ptr<FolderWatcher> w(new FolderWatcher(settings));
  for (const fs::path& s : settings.skip) {
    std::error_code ec;
    w->skip_.push_back(fs::weakly_canonical(s, ec).string());
  }
  for (const fs::path& raw : roots) DANGAN_RETURN_IF_ERROR(w->OpenRoot(raw));
  if (std::any_of(w->roots_.begin(), w->roots_.end(),
                  [](const WatchRoot& r) { return !r.polled; })) {
    auto set = InotifySet::Create();
    if (set.ok()) {
      w->inotify_ = std::move(set).value();
    } else {
      spdlog::warn("watch_no_inotify error=\"{}\" fallback=poll", set.status().ToString());
      for (WatchRoot& r : w->roots_) {
        if (r.polled) continue;
        r.polled = true;
        r.why = "inotify unavailable";
      }
    }
  }
  for (const WatchRoot& r : w->roots_) {
    if (r.polled) {
      spdlog::info("watch_root root={} mode=poll why=\"{}\" interval_s={}", r.path, r.why,
                   settings.poll_s);
    } else {
      spdlog::info("watch_root root={} mode=inotify rescan_s={}", r.path,
                   std::max(kMinSafetyRescanS, 10 * settings.poll_s));
    }
  }
  return w;
}

Status FolderWatcher::OpenRoot(const fs::path& raw) {
  std::string path = NormalisedAbsolute(raw);
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return Status::NotFound(raw.string() + ": no such folder");
    return Status::IoError(raw.string(), errno);
  }
  if (!S_ISDIR(st.st_mode)) return Status::InvalidArgument(raw.string() + ": not a folder");
  std::error_code ec;
  std::string canonical = fs::canonical(path, ec).string();
  if (ec) return Status::IoError(raw.string() + ": " + ec.message());
  for (const WatchRoot& r : roots_) {
    if (r.canonical == canonical) {
      spdlog::warn("watch_duplicate root={} same_as={}", path, r.path);
      return Status::Ok();
    }
  }
  WatchRoot root;
  root.path = path;
  root.canonical = canonical;
  root.name = fs::path(path).filename().string();
  if (root.name.empty()) root.name = path;  // "/"
  root.dev = st.st_dev;
  root.next_scan_s = -std::numeric_limits<double>::infinity();  // the start-up scan
  if (auto net = watch_internal::NetworkFsName(path)) {
    root.polled = root.network = true;
    root.why = *net + " file system";
  } else if (settings_.force_poll) {
    root.polled = true;
    root.why = "force_poll";
  }
  roots_.push_back(std::move(root));
  skip_.push_back(canonical);  // a root inside another is scanned as itself only
  return Status::Ok();
}

int FolderWatcher::fd() const {
  if (!inotify_) return -1;
  bool any =
      std::any_of(roots_.begin(), roots_.end(), [](const WatchRoot& r) { return !r.polled; });
  return any ? inotify_->fd() : -1;
}

Result<std::vector<Input>> FolderWatcher::Collect(double now_s) {
  if (inotify_) ReadEvents(now_s);
  if (rescan_all_) {
    rescan_all_ = false;
    for (size_t i = 0; i < roots_.size(); ++i) ScanRoot(i, now_s);
  }
  for (size_t i = 0; i < roots_.size(); ++i)
    if (roots_[i].next_scan_s <= now_s) ScanRoot(i, now_s);
  std::vector<Input> out;
  for (const FileSeen& f : tracker_->TakeReady(now_s)) out.push_back(MakeInput(f));
  return out;
}

int FolderWatcher::NextDueMs(double now_s) const {
  double due = rescan_all_ ? now_s : tracker_->next_due_s();
  for (const WatchRoot& r : roots_) due = std::min(due, r.next_scan_s);
  if (due == std::numeric_limits<double>::infinity()) return -1;
  double ms = std::ceil((due - now_s) * 1000);
  if (!(ms > 0)) return 0;
  return static_cast<int>(std::min(ms, static_cast<double>(INT_MAX)));
}

void FolderWatcher::Forget(const fs::path& path) {
  std::string p = NormalisedAbsolute(path);
  int root = RootOf(p);
  if (root >= 0) tracker_->Forget(static_cast<size_t>(root), p);
}

void FolderWatcher::Rearm(const fs::path& path, double now_s) {
  std::string p = NormalisedAbsolute(path);
  int root = RootOf(p);
  if (root >= 0) tracker_->Rearm(static_cast<size_t>(root), p, now_s);
}

void FolderWatcher::RescanAll() { rescan_all_ = true; }

size_t FolderWatcher::watched_dirs() const { return inotify_ ? inotify_->size() : 0; }

size_t FolderWatcher::pending() const { return tracker_->pending(); }

bool FolderWatcher::polling(const fs::path& root) const {
  std::string p = NormalisedAbsolute(root);
  for (const WatchRoot& r : roots_)
    if (r.path == p) return r.polled;
  return false;
}

// ScanRoot: the start-up scan, a poll, or a rescan of one root. Every file
// below it is noted; after a complete walk, files (and watches) not seen are
// gone. A root that vanished, or a share whose mount point is now empty, is
// "lost": nothing is dropped, and it is looked for again every poll_s.
void FolderWatcher::ScanRoot(size_t i, double now_s) {
  WatchRoot& root = roots_[i];
  struct stat st {};
  bool present = stat(root.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  if (present && root.network && !watch_internal::NetworkFsName(root.path)) {
    LoseRoot(i, "share not mounted", now_s);
    return;
  }
  if (!present) {
    LoseRoot(i, "folder gone", now_s);
    return;
  }
  if (root.lost) {
    spdlog::info("watch_root_back root={}", root.path);
    root.lost = false;
    root.dev = st.st_dev;
  }
  bool startup = !root.scanned;
  uint64_t gen = tracker_->NewGeneration();
  bool complete = Walk(i, root.path, root.canonical, now_s, /*moved_in=*/false);
  if (complete) {
    tracker_->Sweep(i, root.path, gen);
    if (inotify_ && !root.polled) inotify_->RemoveStale(i, gen);
  }
  root.scanned = true;
  root.next_scan_s = now_s + RescanInterval(i);
  auto level = startup ? spdlog::level::info : spdlog::level::debug;
  spdlog::log(level, "watch_scanned root={} complete={} pending={} watches={}", root.path, complete,
              tracker_->pending(), watched_dirs());
}

void FolderWatcher::ScanNewDir(size_t i, const std::string& dir, bool moved_in, double now_s) {
  const WatchRoot& root = roots_[i];
  std::string rel = dir.substr(root.path == "/" ? 1 : root.path.size() + 1);
  std::string canonical = watch_internal::JoinPath(root.canonical, rel);
  if (std::find(skip_.begin(), skip_.end(), canonical) != skip_.end()) return;
  spdlog::debug("watch_new_folder dir={} moved_in={}", dir, moved_in);
  (void)Walk(i, dir, canonical, now_s, moved_in);
}

bool FolderWatcher::Walk(size_t i, const std::string& dir, const std::string& canonical,
                         double now_s, bool moved_in) {
  using Seen = SettleTracker::Seen;
  const WatchRoot& root = roots_[i];
  // mtime is trusted on local roots only (a server's clock may lag ours), for
  // files that were there at start-up or arrived by rename.
  bool trust_mtime = !root.polled && (moved_in || !root.scanned);
  Seen seen = moved_in ? Seen::kMovedIn : Seen::kScan;
  watch_internal::WalkFilter filter{&settings_.ignore, &skip_};
  watch_internal::WalkVisitor visitor;
  visitor.enter = [&](const std::string& d, dev_t dev) { return EnterDir(i, d, dev, now_s); };
  visitor.file = [&](const std::string& path, const EntryStat& stat) {
    tracker_->Note(i, path, stat, seen, now_s, trust_mtime);
  };
  return watch_internal::WalkTree(dir, canonical, /*follow=*/dir == root.path, filter, visitor);
}

// EnterDir: before a folder is listed. On an inotify root the folder gets its
// watch first, so a file created while it is listed is seen either way.
bool FolderWatcher::EnterDir(size_t i, const std::string& dir, dev_t dev, double now_s) {
  WatchRoot& root = roots_[i];
  if (!root.polled && dev != root.dev) {
    if (auto net = watch_internal::NetworkFsName(dir)) {
      spdlog::info("watch_polling root={} why=\"{} mount at {}\"", root.path, *net, dir);
      SwitchToPolling(i, *net + " mount at " + dir, now_s);
      root.network = dir == root.path;  // a share mounted on the root since Open
    }
  }
  if (root.polled || !inotify_) return true;
  switch (inotify_->Add(dir, i, dir == root.path, tracker_->generation(), settings_.max_watches)) {
    case InotifySet::AddResult::kAdded:
    case InotifySet::AddResult::kFailed:  // listed anyway; the safety rescan covers it
      return true;
    case InotifySet::AddResult::kAlias:
      return false;
    case InotifySet::AddResult::kLimit:
      spdlog::warn(
          "watch_polling root={} why=\"inotify watch limit\" watches={} "
          "hint=\"raise fs.inotify.max_user_watches\"",
          root.path, inotify_->size());
      SwitchToPolling(i, "inotify watch limit", now_s);
      return true;
  }
  return true;
}

void FolderWatcher::SwitchToPolling(size_t i, const std::string& why, double now_s) {
  WatchRoot& root = roots_[i];
  if (root.polled) return;
  if (inotify_) inotify_->RemoveStale(i, 0);
  root.polled = true;
  root.why = why;
  root.next_scan_s = std::min(root.next_scan_s, now_s + settings_.poll_s);
}

void FolderWatcher::LoseRoot(size_t i, const std::string& why, double now_s) {
  WatchRoot& root = roots_[i];
  if (!root.lost) spdlog::warn("watch_root_lost root={} why=\"{}\"", root.path, why);
  root.lost = true;
  if (inotify_) inotify_->RemoveStale(i, 0);
  root.next_scan_s = now_s + settings_.poll_s;
}

double FolderWatcher::RescanInterval(size_t i) const {
  const WatchRoot& root = roots_[i];
  if (root.polled || root.lost) return settings_.poll_s;
  return std::max(kMinSafetyRescanS, 10 * settings_.poll_s);
}

void FolderWatcher::ReadEvents(double now_s) {
  Status s = inotify_->Read(
      kMaxEventBytesPerCollect,
      [&](int wd, uint32_t mask, const std::string& name) { HandleEvent(wd, mask, name, now_s); });
  if (s.ok()) return;
  spdlog::error("watch_inotify_failed error=\"{}\" fallback=poll", s.ToString());
  for (size_t i = 0; i < roots_.size(); ++i) SwitchToPolling(i, "inotify failed", now_s);
  inotify_.reset();
}

void FolderWatcher::HandleEvent(int wd, unsigned mask, const std::string& name, double now_s) {
  if (mask & IN_Q_OVERFLOW) {
    spdlog::warn("watch_overflow action=rescan");
    rescan_all_ = true;
    return;
  }
  size_t root = 0;
  const std::string* known = inotify_->PathOf(wd, &root);
  if (known == nullptr) return;  // its watch was removed after the event was queued
  std::string dir = *known;
  if (mask & IN_IGNORED) {
    inotify_->Dropped(wd);
    return;
  }
  if (mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
    // A subfolder's own end is told by its parent's IN_DELETE / IN_MOVED_FROM.
    if (dir == roots_[root].path)
      LoseRoot(root, (mask & IN_MOVE_SELF) ? "moved away" : "deleted or unmounted", now_s);
    return;
  }
  if (name.empty() || watch_internal::IgnoredName(settings_.ignore, name)) return;
  std::string path = watch_internal::JoinPath(dir, name);
  if (!(mask & IN_ISDIR)) {
    HandleFileEvent(root, path, mask, now_s);
  } else if (mask & (IN_CREATE | IN_MOVED_TO)) {
    // Files inside a folder moved in, or written before its watch was added,
    // have no events of their own: the folder is walked now.
    ScanNewDir(root, path, (mask & IN_MOVED_TO) != 0, now_s);
  } else if (mask & (IN_DELETE | IN_MOVED_FROM)) {
    inotify_->RemoveTree(path);  // a folder moved out keeps its watches otherwise
    tracker_->DropTree(path);
  }
}

void FolderWatcher::HandleFileEvent(size_t root, const std::string& path, unsigned mask,
                                    double now_s) {
  using Seen = SettleTracker::Seen;
  if (mask & (IN_DELETE | IN_MOVED_FROM)) {
    tracker_->Drop(path);
    return;
  }
  Seen seen;
  if (mask & IN_CLOSE_WRITE) {
    seen = Seen::kClosed;
  } else if (mask & IN_MOVED_TO) {
    seen = Seen::kMovedIn;
  } else if (mask & IN_CREATE) {
    seen = Seen::kCreated;
  } else if (mask & IN_MODIFY) {
    seen = Seen::kModified;
  } else if (mask & IN_ATTRIB) {
    seen = Seen::kAttrib;
  } else {
    return;
  }
  std::optional<EntryStat> stat = watch_internal::StatEntry(path);
  if (!stat) return;  // gone again (its IN_DELETE follows) or not a file
  tracker_->Note(root, path, *stat, seen, now_s, /*trust_mtime=*/seen == Seen::kMovedIn);
}

Input FolderWatcher::MakeInput(const FileSeen& f) const {
  const WatchRoot& root = roots_[f.root];
  std::string rel = f.path.substr(root.path == "/" ? 1 : root.path.size() + 1);
  Input in;
  in.path = f.path;
  in.source = root.name + "/" + rel;
  in.is_symlink = f.is_symlink;
  // Folders between the root and the file, nearest first, then the root.
  for (size_t end = rel.rfind('/'); end != std::string::npos && end > 0;) {
    size_t start = rel.rfind('/', end - 1);
    size_t from = start == std::string::npos ? 0 : start + 1;
    in.folders.push_back(rel.substr(from, end - from));
    if (start == std::string::npos) break;
    end = start;
  }
  in.folders.push_back(root.name);
  return in;
}

int FolderWatcher::RootOf(const std::string& path) const {
  int best = -1;
  for (size_t i = 0; i < roots_.size(); ++i) {
    if (!watch_internal::IsBelow(path, roots_[i].path)) continue;
    if (best < 0 || roots_[i].path.size() > roots_[static_cast<size_t>(best)].path.size())
      best = static_cast<int>(i);
  }
  return best;
}

}  // namespace dangan::ingest
