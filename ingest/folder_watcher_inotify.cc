// FolderWatcher's inotify watches (folder_watcher_internal.h): one watch per
// folder, kept in step with the folder paths they stand for.
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "ingest/folder_watcher_internal.h"

namespace dangan::ingest::watch_internal {
namespace {

// Everything that changes which files a folder holds or what they contain.
// IN_EXCL_UNLINK: a file unlinked while still open is no longer ours.
constexpr uint32_t kFolderMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB |
                                 IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |
                                 IN_ONLYDIR | IN_EXCL_UNLINK;

std::string SubtreePrefix(const std::string& dir) {
  return !dir.empty() && dir.back() == '/' ? dir : dir + "/";
}

}  // namespace

Result<std::unique_ptr<InotifySet>> InotifySet::Create() {
  UniqueFd fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!fd) return Status::IoError("inotify_init1", errno);
  return std::unique_ptr<InotifySet>(new InotifySet(std::move(fd)));
}

InotifySet::AddResult InotifySet::Add(const std::string& dir, size_t root, bool is_root,
                                      uint64_t gen, size_t max_watches) {
  auto known = by_path_.find(dir);
  if (max_watches != 0 && known == by_path_.end() && by_wd_.size() >= max_watches)
    return AddResult::kLimit;
  int wd = inotify_add_watch(fd_.get(), dir.c_str(), kFolderMask | (is_root ? 0 : IN_DONT_FOLLOW));
  if (wd < 0) {
    if (errno == ENOSPC || errno == ENOMEM) return AddResult::kLimit;
    spdlog::debug("watch_failed dir={} error={}", dir, std::strerror(errno));
    return AddResult::kFailed;
  }
  if (known != by_path_.end() && known->second != wd) {
    // dir was replaced by another folder: the old watch follows the old one.
    inotify_rm_watch(fd_.get(), known->second);
    by_wd_.erase(known->second);
    by_path_.erase(known);
  }
  auto it = by_wd_.find(wd);
  if (it != by_wd_.end() && it->second.path != dir) {
    // The same folder known under another path: either it moved while
    // events were lost (then the old path is gone) or it is reachable twice
    // (a bind mount): then it is walked once, under its first path.
    struct stat old_st {};
    struct stat new_st {};
    if (lstat(it->second.path.c_str(), &old_st) == 0 && stat(dir.c_str(), &new_st) == 0 &&
        old_st.st_ino == new_st.st_ino && old_st.st_dev == new_st.st_dev) {
      spdlog::debug("watch_skipped dir={} same_as={}", dir, it->second.path);
      return AddResult::kAlias;
    }
    by_path_.erase(it->second.path);
  }
  by_wd_[wd] = Watched{dir, root, gen};
  by_path_[dir] = wd;
  return AddResult::kAdded;
}

const std::string* InotifySet::PathOf(int wd, size_t* root) const {
  auto it = by_wd_.find(wd);
  if (it == by_wd_.end()) return nullptr;
  *root = it->second.root;
  return &it->second.path;
}

void InotifySet::Erase(std::map<std::string, int>::iterator it) {
  // EINVAL when the kernel dropped it already (folder deleted): harmless.
  inotify_rm_watch(fd_.get(), it->second);
  by_wd_.erase(it->second);
  by_path_.erase(it);
}

void InotifySet::RemoveTree(const std::string& dir) {
  if (auto it = by_path_.find(dir); it != by_path_.end()) Erase(it);
  // Paths below dir share the prefix "dir/", so they are one range of the map.
  std::string prefix = SubtreePrefix(dir);
  for (auto it = by_path_.lower_bound(prefix);
       it != by_path_.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    Erase(it++);
}

void InotifySet::RemoveStale(size_t root, uint64_t gen) {
  for (auto it = by_path_.begin(); it != by_path_.end();) {
    auto w = by_wd_.find(it->second);  // always there: the maps are kept in step
    if (w == by_wd_.end() || (w->second.root == root && (gen == 0 || w->second.gen != gen))) {
      Erase(it++);
    } else {
      ++it;
    }
  }
}

void InotifySet::Dropped(int wd) {
  auto it = by_wd_.find(wd);
  if (it == by_wd_.end()) return;
  auto p = by_path_.find(it->second.path);
  if (p != by_path_.end() && p->second == wd) by_path_.erase(p);
  by_wd_.erase(it);
}

Status InotifySet::Read(size_t max_bytes,
                        const std::function<void(int, uint32_t, const std::string&)>& fn) {
  alignas(inotify_event) char buf[64 * 1024];
  // Bounded: a writer producing events faster than they are handled must
  // not keep Collect() here; the fd stays readable for the next round.
  for (size_t total = 0; total < max_bytes;) {
    ssize_t n = read(fd_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n < 0) return Status::IoError("inotify read", errno);
    if (n == 0) break;
    total += static_cast<size_t>(n);
    for (ssize_t off = 0; off < n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + off);
      // ev->name is NUL-padded to ev->len bytes.
      fn(ev->wd, ev->mask, ev->len > 0 ? std::string(ev->name) : std::string());
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
    }
  }
  return Status::Ok();
}

}  // namespace dangan::ingest::watch_internal
