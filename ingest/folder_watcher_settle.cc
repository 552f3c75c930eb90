// FolderWatcher's settle bookkeeping (folder_watcher_internal.h).
//
// Invariants: a path is in at most one of pending_ and reported_. A pending
// file is ready when stat at its deadline (changed_s + settle_s, 4 x settle_s
// while being written) gives the identity noted at changed_s. A reported file
// is reported again only after its identity changed (or it went away and came
// back), so rescans and polls never report the same file twice.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "ingest/folder_watcher_internal.h"

namespace dangan::ingest::watch_internal {
namespace {

// Deadlines are sums of doubles: "due" allows for their rounding.
constexpr double kEpsilonS = 1e-6;

// Calls fn(it) for each entry of map whose key is path or lies below it; fn
// returns the iterator to go on with.
template <typename Map, typename Fn>
void ForSubtree(Map& map, const std::string& dir, Fn fn) {
  std::string prefix = !dir.empty() && dir.back() == '/' ? dir : dir + "/";
  for (auto it = map.lower_bound(prefix);
       it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    it = fn(it);
}

}  // namespace

double SettleTracker::DueS(const Pending& p) const {
  return p.changed_s + settle_s_ * (p.writing ? 4 : 1);
}

void SettleTracker::Note(size_t root, const std::string& path, const EntryStat& stat, Seen seen,
                         double now_s, bool trust_mtime) {
  if (auto r = reported_.find(path); r != reported_.end()) {
    if (r->second.id == stat.id) {
      r->second.gen = gen_;
      return;
    }
    reported_.erase(r);  // changed since it was reported: it settles again
  }
  auto [it, added] = pending_.try_emplace(path);
  Pending& p = it->second;
  if (added) {
    p.stat = stat;
    p.changed_s = now_s;
    // Not written for settle_s by its own account: ready at once.
    auto settle_ns = static_cast<int64_t>(settle_s_ * 1e9);
    if (trust_mtime && seen != Seen::kCreated && seen != Seen::kModified &&
        stat.id.mtime_ns < WallClockNs() - settle_ns)
      p.changed_s = now_s - settle_s_;
  } else if (seen != Seen::kScan || !(p.stat.id == stat.id)) {
    p.stat = stat;  // an event, or a walk that saw a change: the clock starts again
    p.changed_s = now_s;
  }
  p.root = root;
  p.gen = gen_;
  switch (seen) {
    case Seen::kCreated:
      p.writing = !stat.is_symlink;
      break;
    case Seen::kModified:
      p.writing = true;
      break;
    case Seen::kClosed:
    case Seen::kMovedIn:
      p.writing = false;
      break;
    case Seen::kScan:
    case Seen::kAttrib:
      break;
  }
  next_due_s_ = std::min(next_due_s_, DueS(p));
}

void SettleTracker::Drop(const std::string& path) {
  if (pending_.erase(path) > 0)
    spdlog::debug("watch_dropped path={} why=gone before settling", path);
  reported_.erase(path);
}

void SettleTracker::DropTree(const std::string& dir) {
  ForSubtree(pending_, dir, [&](auto it) {
    spdlog::debug("watch_dropped path={} why=folder gone before settling", it->first);
    return pending_.erase(it);
  });
  ForSubtree(reported_, dir, [&](auto it) { return reported_.erase(it); });
}

void SettleTracker::Sweep(size_t root, const std::string& root_path, uint64_t gen) {
  ForSubtree(pending_, root_path, [&](auto it) {
    if (it->second.root != root || it->second.gen == gen) return std::next(it);
    spdlog::debug("watch_dropped path={} why=gone before settling", it->first);
    return pending_.erase(it);
  });
  ForSubtree(reported_, root_path, [&](auto it) {
    if (it->second.root != root || it->second.gen == gen) return std::next(it);
    return reported_.erase(it);
  });
}

void SettleTracker::Forget(size_t root, const std::string& path) {
  pending_.erase(path);
  std::optional<EntryStat> stat = StatEntry(path);
  if (stat) {
    reported_[path] = Reported{root, stat->id, gen_};
  } else {
    reported_.erase(path);
  }
}

void SettleTracker::Rearm(size_t root, const std::string& path, double now_s) {
  pending_.erase(path);
  reported_.erase(path);
  if (std::optional<EntryStat> stat = StatEntry(path))
    Note(root, path, *stat, Seen::kScan, now_s, /*trust_mtime=*/false);
}

std::vector<FileSeen> SettleTracker::TakeReady(double now_s) {
  std::vector<FileSeen> ready;
  if (now_s + kEpsilonS < next_due_s_) return ready;
  double next = std::numeric_limits<double>::infinity();
  for (auto it = pending_.begin(); it != pending_.end();) {
    Pending& p = it->second;
    if (DueS(p) > now_s + kEpsilonS) {
      next = std::min(next, DueS(p));
      ++it;
      continue;
    }
    std::optional<EntryStat> stat = StatEntry(it->first);
    if (!stat) {
      spdlog::debug("watch_dropped path={} why=gone before settling", it->first);
      it = pending_.erase(it);
      continue;
    }
    if (!(stat->id == p.stat.id) || stat->is_symlink != p.stat.is_symlink) {
      p.stat = *stat;  // still changing
      p.changed_s = now_s;
      next = std::min(next, DueS(p));
      ++it;
      continue;
    }
    spdlog::debug("watch_ready path={} size={}", it->first, stat->id.size);
    ready.push_back(FileSeen{p.root, it->first, stat->is_symlink});
    reported_[it->first] = Reported{p.root, stat->id, p.gen};
    it = pending_.erase(it);
  }
  next_due_s_ = next;
  return ready;
}

}  // namespace dangan::ingest::watch_internal
