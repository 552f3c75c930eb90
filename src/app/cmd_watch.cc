// `dangan watch [DIR…]`: DESIGN §4's data flow, continuously. Files are
// taken from the watched folders once complete (ingest/folder_watcher.h),
// run through the same Ingester as `ingest` (its worker processes are the
// extract/OCR stage), and what is filed becomes searchable within
// watch.index_flush_s. At most watch.queue_size inputs wait in the
// Ingester's queue; the rest wait as paths here, so 10,000 files dropped at
// once cost memory for their names only.
//
// Turns with the home (app/watch_lease.h): watch holds dangan.lock only
// while it has work, and lets go when it is idle, or, while it works, as soon
// as another writer says it waits (core/writer_lock.h), after committing
// what it filed; it takes the lock back once the waiters have had their
// turn. Its workers go on extracting meanwhile; only filing waits. One watch
// per home (WatchLock).
//
// SIGTERM/SIGINT: nothing new starts, the work the workers are running
// finishes (at most kStopGraceS), the index is committed, exit 0; a second
// signal stops at once. What was not finished stays in the drop (or
// needs_ocr in the catalog) for the next start, which also scans for files
// that arrived meanwhile. A kill -9 is put right by the next start's
// reconciliation (DESIGN §4).
#include <spdlog/spdlog.h>
#include <poll.h>
#include <sys/epoll.h>

#include <deque>

#include "app/commands.h"
#include "app/stop_signal.h"
#include "app/watch_lease.h"
#include "app/writer_session.h"
#include "core/clock.h"
#include "core/fs.h"
#include "core/writer_lock.h"
#include "ingest/folder_watcher.h"
#include "ingest/store.h"

namespace dangan::app {
namespace {

constexpr double kStopGraceS = 20;
constexpr int kIdleWaitMs = 60000;
// While waiting for the lock between turns, one log line this often.
constexpr double kLockLogS = 30;
// After letting go for a waiter: how long watch stays away while writers
// still wait (they take the lock within milliseconds; this only bounds a
// waiter that is stopped or stuck).
constexpr double kCourtesyS = 5;
constexpr int kCourtesyPollMs = 10;

struct WatchArgs {
  std::vector<std::string> dirs;
};

class WatchLoop {
 public:
  WatchLoop(const Config& config, ingest::Ingester* ingester, ingest::FolderWatcher* watcher,
            const StopSignal* stop, WatchLease* lease)
      : config_(config), ingester_(ingester), watcher_(watcher), stop_(stop), lease_(lease) {}

  // Until a stop signal (OK) or a failure of dangan itself.
  Status Run();
  // The graceful end: running work finishes, the index is committed. False
  // in *finished when the home could not be had in time (then staging and
  // the run's log row are left to the next start).
  Status Stop(bool* finished);

 private:
  Status SetUpWakeFd();
  Status Turn();
  int WaitMs(double now) const;
  bool HasWork() const { return !backlog_.empty() || ingester_->Busy(); }
  // A turn with the home, waiting as long as it takes (a stop signal ends
  // the wait: then !lease_->held()).
  Status TakeTurn();
  // Commits and ends the turn.
  Status EndTurn();
  Status WaitIdle(int wait_ms);

  const Config& config_;
  ingest::Ingester* ingester_;
  ingest::FolderWatcher* watcher_;
  const StopSignal* stop_;
  WatchLease* lease_;
  UniqueFd epoll_;  // readable on a signal or a watcher event
  std::deque<ingest::Input> backlog_;
  double last_flush_ = 0;
  int64_t logged_stored_ = -1;
  bool yielded_ = false;  // the last turn ended because a writer waited
};

Status WatchLoop::SetUpWakeFd() {
  epoll_ = UniqueFd(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) return Status::IoError("epoll_create1", errno);
  for (int fd : {stop_->fd(), watcher_->fd()}) {
    if (fd < 0) continue;
    struct epoll_event ev = {};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0)
      return Status::IoError("epoll_ctl", errno);
  }
  return Status::Ok();
}

Status WatchLoop::Run() {
  DANGAN_RETURN_IF_ERROR(SetUpWakeFd());
  last_flush_ = MonotonicSeconds();
  while (stop_->count() == 0) DANGAN_RETURN_IF_ERROR(Turn());
  return Status::Ok();
}

Status WatchLoop::TakeTurn() {
  if (yielded_) {
    // The waiters drop LOCK.want once they hold the lock: until then, do
    // not race them for it.
    const double until = MonotonicSeconds() + kCourtesyS;
    while (stop_->count() == 0 && MonotonicSeconds() < until && lease_->OthersWaiting()) {
      struct pollfd p = {stop_->fd(), POLLIN, 0};
      ::poll(&p, 1, kCourtesyPollMs);
    }
    yielded_ = false;
  }
  while (stop_->count() == 0) {
    Status s = lease_->Acquire({kLockLogS, stop_->fd()}, /*reconcile=*/false);
    if (s.ok()) {
      // Another writer's turn may have imported or renumbered clients.
      return ingester_->ReloadClients();
    }
    if (s.code() != StatusCode::kBusy) return s;
    if (stop_->count() == 0) spdlog::info("watch waiting for the home: {}", s.message());
  }
  return Status::Ok();
}

Status WatchLoop::EndTurn() {
  DANGAN_RETURN_IF_ERROR(lease_->Release());
  last_flush_ = MonotonicSeconds();
  return Status::Ok();
}

Status WatchLoop::WaitIdle(int wait_ms) {
  struct epoll_event ev;
  int n = ::epoll_wait(epoll_.get(), &ev, 1, wait_ms);
  if (n < 0 && errno != EINTR) return Status::IoError("epoll_wait", errno);
  return Status::Ok();
}

// Turn: hand ready files in, let the Ingester work until something is due,
// commit the index when it is time; take the home when there is work, and
// let go of it when there is none or another writer waits.
Status WatchLoop::Turn() {
  auto ready = watcher_->Collect(MonotonicSeconds());
  if (!ready.ok()) return ready.status();
  for (ingest::Input& in : *ready) {
    // Still being worked on: reported again after the Ingester lets go of
    // it, if it changed (see the Forget below).
    if (!ingester_->Holds(in.path)) backlog_.push_back(std::move(in));
  }
  if (!lease_->held()) {
    if (!HasWork()) return WaitIdle(WaitMs(MonotonicSeconds()));
    DANGAN_RETURN_IF_ERROR(TakeTurn());
    if (!lease_->held()) return Status::Ok();  // a stop signal came
  }
  const size_t queue_size = static_cast<size_t>(config_.watch.queue_size);
  while (!backlog_.empty() && ingester_->queued() < queue_size) {
    ingester_->Enqueue(std::move(backlog_.front()));
    backlog_.pop_front();
  }
  DANGAN_RETURN_IF_ERROR(ingester_->Pump(WaitMs(MonotonicSeconds()), epoll_.get()));
  // An input the Ingester let go of and left in place because it changed
  // while it was read is taken again once it settles; any other is left
  // alone until it changes (a file removed from the drop is simply gone).
  for (const auto& r : ingester_->TakeReleased()) {
    if (r.left_changed) {
      watcher_->Rearm(r.path, MonotonicSeconds());
    } else {
      watcher_->Forget(r.path);
    }
  }
  const double now = MonotonicSeconds();
  const bool wanted = lease_->Wanted();
  if (wanted || !HasWork() || now - last_flush_ >= config_.watch.index_flush_s) {
    DANGAN_RETURN_IF_ERROR(ingester_->FlushIndex());
    last_flush_ = now;
    const ingest::IngestSummary& s = ingester_->summary();
    if (s.stored + s.duplicates + s.quarantined != logged_stored_) {
      logged_stored_ = s.stored + s.duplicates + s.quarantined;
      spdlog::info("watch progress stored={} duplicates={} quarantined={} ocr_pages={} "
                   "waiting={}",
                   s.stored, s.duplicates, s.quarantined, s.ocr_pages,
                   backlog_.size() + ingester_->queued());
    }
    if (wanted || !HasWork()) {
      yielded_ = wanted;
      DANGAN_RETURN_IF_ERROR(EndTurn());
    }
  }
  return Status::Ok();
}

// WaitMs: how long Pump may wait for workers: until the watcher has a file
// due, the index a commit, or (idle) a long while; a signal or an event on
// a watched folder ends the wait earlier.
int WatchLoop::WaitMs(double now) const {
  int wait_ms = kIdleWaitMs;
  const int due = watcher_->NextDueMs(now);
  if (due >= 0) wait_ms = std::min(wait_ms, due);
  if (lease_->held()) {
    const double flush_in = last_flush_ + config_.watch.index_flush_s - now;
    wait_ms = std::min(wait_ms, std::max(0, static_cast<int>(flush_in * 1000) + 1));
  }
  return wait_ms;
}

Status WatchLoop::Stop(bool* finished) {
  *finished = false;
  stop_->Clear();
  spdlog::info("watch stopping: finishing the running work (at most {:.0f} s)", kStopGraceS);
  ingester_->StopTaking();
  const double give_up = MonotonicSeconds() + kStopGraceS;
  if (!lease_->held()) {
    // Filing what the workers finish, and clearing staging, need the home.
    Status s = lease_->Acquire({kStopGraceS, stop_->fd()}, /*reconcile=*/false);
    if (!s.ok()) {
      if (s.code() != StatusCode::kBusy) return s;
      spdlog::warn("watch stopped without its last turn ({}); the next start resumes",
                   s.message());
      return Status::Ok();
    }
    DANGAN_RETURN_IF_ERROR(ingester_->ReloadClients());
  }
  while (ingester_->Working() && stop_->count() < 2) {
    const double left = give_up - MonotonicSeconds();
    if (left <= 0) break;
    DANGAN_RETURN_IF_ERROR(ingester_->Pump(static_cast<int>(left * 1000) + 1, stop_->fd()));
  }
  DANGAN_RETURN_IF_ERROR(ingester_->FlushIndex());
  if (ingester_->Working())
    spdlog::warn("watch stopped with work unfinished; it resumes at the next start");
  *finished = true;
  return Status::Ok();
}

std::vector<std::filesystem::path> WatchedDirs(const WatchArgs& args, const Home& home) {
  std::vector<std::filesystem::path> dirs(args.dirs.begin(), args.dirs.end());
  if (dirs.empty()) dirs.push_back(home.inbox());
  return dirs;
}

Status RunWatch(CommandState* st, const WatchArgs& args) {
  auto stop = StopSignal::Install();
  if (!stop.ok()) return stop.status();
  auto opened = Open(st->ctx, /*writer=*/false, "watch", {authz::Action::kWatch, {}});
  if (!opened.ok()) return opened.status();
  OpenHome& h = *opened;
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  auto watch_lock = WatchLock::Acquire(h.home.watch_lock());
  if (!watch_lock.ok()) return watch_lock.status();
  WatchLease lease(&h, *folder);
  // The start: the first turn reconciles, as every writer's start does; it
  // leaves staging alone (WatchLock is ours), so clear it here: what is
  // there is left by an earlier watch or writer that died.
  DANGAN_RETURN_IF_ERROR(lease.Acquire({h.config.writer.wait_s}, /*reconcile=*/true));
  auto cleared = ingest::Store(h.home).ClearStaging();
  if (!cleared.ok()) return cleared.status();
  auto ingester = ingest::Ingester::Create(h.home, h.config, h.catalog.get(), &lease, *folder);
  if (!ingester.ok()) return ingester.status();
  ingest::WatchSettings settings;
  settings.settle_s = h.config.watch.settle_s;
  settings.poll_s = h.config.watch.poll_s;
  settings.ignore = h.config.watch.ignore;
  settings.skip = {h.home.root()};
  auto watcher = ingest::FolderWatcher::Open(WatchedDirs(args, h.home), settings);
  if (!watcher.ok()) return watcher.status();

  (*ingester)->Begin(ingest::IngestOptions());  // progress goes to the log
  // Documents stored as needs_ocr by an earlier run are finished first.
  DANGAN_RETURN_IF_ERROR((*ingester)->QueuePendingOcrDocuments());
  spdlog::info("watch started folders={} settle_s={} workers={} writer_wait_s={}",
               WatchedDirs(args, h.home).size(), settings.settle_s, h.config.EffectiveWorkers(),
               h.config.writer.wait_s);
  WatchLoop loop(h.config, ingester->get(), watcher->get(), &*stop, &lease);
  DANGAN_RETURN_IF_ERROR(loop.Run());
  bool finished = false;
  DANGAN_RETURN_IF_ERROR(loop.Stop(&finished));
  const ingest::IngestSummary sum = (*ingester)->summary();
  ingester->reset();  // its workers are stopped
  spdlog::info("watch done stored={} duplicates={} quarantined={} needs_ocr={} unfiled={} "
               "ocr_pages={}",
               sum.stored, sum.duplicates, sum.quarantined, sum.needs_ocr, sum.unfiled,
               sum.ocr_pages);
  if (!finished) return Status::Ok();
  // We hold dangan.lock and WatchLock: staging is ours alone.
  cleared = ingest::Store(h.home).ClearStaging();
  if (!cleared.ok()) return cleared.status();
  // RECORDS §4: one log row per run (a watch run ends when it stops).
  DANGAN_RETURN_IF_ERROR(LogAccess(h.catalog.get(), h.user.name, "ingest", "", SummaryJson(sum)));
  return lease.Release();
}

}  // namespace

void RegisterWatch(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<WatchArgs>();
  auto* cmd = app.add_subcommand("watch", "watch folders and ingest what arrives (default: the inbox)");
  cmd->add_option("DIR", args->dirs, "folders to watch");
  cmd->callback([st, args] { st->run = [st, args] { return RunWatch(st, *args); }; });
}

}  // namespace dangan::app
