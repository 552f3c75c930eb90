// `dangan watch [DIR…]`: DESIGN §4's data flow, continuously. Files are
// taken from the watched folders once complete (ingest/folder_watcher.h),
// run through the same Ingester as `ingest` (its worker processes are the
// extract/OCR stage), and what is filed becomes searchable within
// watch.index_flush_s. At most watch.queue_size inputs wait in the
// Ingester's queue; the rest wait as paths here, so 10,000 files dropped at
// once cost memory for their names only.
//
// SIGTERM/SIGINT: nothing new starts, the work the workers are running
// finishes (at most kStopGraceS), the index is committed, exit 0; a second
// signal stops at once. What was not finished stays in the drop (or
// needs_ocr in the catalog) for the next start, which also scans for files
// that arrived meanwhile. A kill -9 is put right by the next start's
// reconciliation (DESIGN §4).
#include <spdlog/spdlog.h>
#include <sys/epoll.h>

#include <deque>

#include "app/commands.h"
#include "app/stop_signal.h"
#include "app/writer_session.h"
#include "core/clock.h"
#include "core/fs.h"
#include "ingest/folder_watcher.h"
#include "ingest/store.h"

namespace dangan::app {
namespace {

constexpr double kStopGraceS = 20;
constexpr int kIdleWaitMs = 60000;

struct WatchArgs {
  std::vector<std::string> dirs;
};

class WatchLoop {
 public:
  WatchLoop(const Config& config, ingest::Ingester* ingester, ingest::FolderWatcher* watcher,
            const StopSignal* stop)
      : config_(config), ingester_(ingester), watcher_(watcher), stop_(stop) {}

  // Until a stop signal (OK) or a failure of dangan itself.
  Status Run();
  // The graceful end: running work finishes, the index is committed.
  Status Stop();

 private:
  Status SetUpWakeFd();
  Status Turn();
  int WaitMs(double now) const;

  const Config& config_;
  ingest::Ingester* ingester_;
  ingest::FolderWatcher* watcher_;
  const StopSignal* stop_;
  UniqueFd epoll_;  // readable on a signal or a watcher event
  std::deque<ingest::Input> backlog_;
  double last_flush_ = 0;
  int64_t logged_stored_ = -1;
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

// Turn: hand ready files in, let the Ingester work until something is due,
// commit the index when it is time.
Status WatchLoop::Turn() {
  auto ready = watcher_->Collect(MonotonicSeconds());
  if (!ready.ok()) return ready.status();
  for (ingest::Input& in : *ready) {
    // Still being worked on: reported again after the Ingester lets go of
    // it, if it changed (see the Forget below).
    if (!ingester_->Holds(in.path)) backlog_.push_back(std::move(in));
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
  if (now - last_flush_ >= config_.watch.index_flush_s) {
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
  const double flush_in = last_flush_ + config_.watch.index_flush_s - now;
  wait_ms = std::min(wait_ms, std::max(0, static_cast<int>(flush_in * 1000) + 1));
  return wait_ms;
}

Status WatchLoop::Stop() {
  stop_->Clear();
  spdlog::info("watch stopping: finishing the running work (at most {:.0f} s)", kStopGraceS);
  ingester_->StopTaking();
  const double give_up = MonotonicSeconds() + kStopGraceS;
  while (ingester_->Working() && stop_->count() < 2) {
    const double left = give_up - MonotonicSeconds();
    if (left <= 0) break;
    DANGAN_RETURN_IF_ERROR(ingester_->Pump(static_cast<int>(left * 1000) + 1, stop_->fd()));
  }
  DANGAN_RETURN_IF_ERROR(ingester_->FlushIndex());
  if (ingester_->Working())
    spdlog::warn("watch stopped with work unfinished; it resumes at the next start");
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
  auto session = OpenWriterSession(st->ctx, "watch", {authz::Action::kWatch, {}});
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto ingester = ingest::Ingester::Create(s.h.home, s.h.config, s.h.catalog.get(), s.sink.get(),
                                           s.folder);
  if (!ingester.ok()) return ingester.status();
  ingest::WatchSettings settings;
  settings.settle_s = s.h.config.watch.settle_s;
  settings.poll_s = s.h.config.watch.poll_s;
  settings.ignore = s.h.config.watch.ignore;
  settings.skip = {s.h.home.root()};
  auto watcher = ingest::FolderWatcher::Open(WatchedDirs(args, s.h.home), settings);
  if (!watcher.ok()) return watcher.status();

  (*ingester)->Begin(ingest::IngestOptions());  // progress goes to the log
  // Documents stored as needs_ocr by an earlier run are finished first.
  DANGAN_RETURN_IF_ERROR((*ingester)->QueuePendingOcrDocuments());
  spdlog::info("watch started folders={} settle_s={} workers={}", WatchedDirs(args, s.h.home).size(),
               settings.settle_s, s.h.config.EffectiveWorkers());
  WatchLoop loop(s.h.config, ingester->get(), watcher->get(), &*stop);
  DANGAN_RETURN_IF_ERROR(loop.Run());
  DANGAN_RETURN_IF_ERROR(loop.Stop());
  const ingest::IngestSummary sum = (*ingester)->summary();
  ingester->reset();  // its workers are stopped: staging is ours alone
  auto cleared = ingest::Store(s.h.home).ClearStaging();
  if (!cleared.ok()) return cleared.status();
  spdlog::info("watch done stored={} duplicates={} quarantined={} needs_ocr={} unfiled={} "
               "ocr_pages={}",
               sum.stored, sum.duplicates, sum.quarantined, sum.needs_ocr, sum.unfiled,
               sum.ocr_pages);
  // RECORDS §4: one log row per run (a watch run ends when it stops).
  return LogAccess(s.h.catalog.get(), s.h.user.name, "ingest", "", SummaryJson(sum));
}

}  // namespace

void RegisterWatch(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<WatchArgs>();
  auto* cmd = app.add_subcommand("watch", "watch folders and ingest what arrives (default: the inbox)");
  cmd->add_option("DIR", args->dirs, "folders to watch");
  cmd->callback([st, args] { st->run = [st, args] { return RunWatch(st, *args); }; });
}

}  // namespace dangan::app
