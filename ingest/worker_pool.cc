#include "ingest/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "core/clock.h"
#include "core/fs.h"
#include "ingest/worker_main.h"

extern char** environ;

namespace dangan::ingest {

struct WorkerPool::Worker {
  pid_t pid = -1;
  UniqueFd to_worker;    // write end of the request pipe
  UniqueFd from_worker;  // read end of the response pipe (non-blocking)
  FrameBuffer inbox;
  std::optional<uint64_t> job;  // the job being worked on
  double deadline = 0;          // MonotonicSeconds() by which it must answer
  int jobs_done = 0;            // since it was spawned
};

namespace {

// The worker's environment: ours, with OMP_THREAD_LIMIT=1 unless it is set.
// libgomp (under Tesseract) reads it only as a process starts, and a worker's
// OCR engine must use one core: parallel pages come from several workers
// (issue 4; unlimited, two engines on two cores run ten times slower).
std::vector<char*> WorkerEnvironment() {
  static char kOneThread[] = "OMP_THREAD_LIMIT=1";
  std::vector<char*> env;
  bool limited = false;
  for (char** e = environ; *e != nullptr; ++e) {
    limited = limited || std::strncmp(*e, "OMP_THREAD_LIMIT=", 17) == 0;
    env.push_back(*e);
  }
  if (!limited) env.push_back(kOneThread);
  env.push_back(nullptr);
  return env;
}

// Waits for pid to exit, at most ~2 s, then kills it: a worker that closed
// its pipe but keeps running never hangs the coordinator. Returns the status.
int ReapWithin(pid_t pid) {
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return status;
    ::usleep(10000);
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// A worker is replaced after this many inputs, so that heap fragmentation
// from thousands of documents never counts against the next one's memory
// limit (and a slow leak in a parser stays bounded).
constexpr int kJobsPerWorker = 500;

}  // namespace

Result<std::string> SelfExePath() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return Status::IoError("/proc/self/exe", errno);
  return std::string(buf, static_cast<size_t>(n));
}

WorkerPool::WorkerPool(const WorkerPoolOptions& options) : options_(options) {}

Result<std::unique_ptr<WorkerPool>> WorkerPool::Start(const WorkerPoolOptions& options) {
  std::unique_ptr<WorkerPool> pool(new WorkerPool(options));
  // A worker that dies while we write to it must not kill the coordinator.
  ::signal(SIGPIPE, SIG_IGN);
  for (int i = 0; i < std::max(1, options.workers); ++i) {
    auto w = std::make_unique<Worker>();
    DANGAN_RETURN_IF_ERROR(pool->Spawn(w.get()));
    pool->workers_.push_back(std::move(w));
  }
  return pool;
}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_) {
    w->to_worker.Reset();  // EOF: an idle worker exits on its own
    if (w->job) ::kill(w->pid, SIGKILL);
  }
  for (auto& w : workers_)
    if (w->pid > 0) ReapWithin(w->pid);
}

// Spawn: a fresh worker on two pipes. Request pipe -> worker's stdin; response
// pipe <- worker's fd 3; stdout goes to /dev/null so a library that prints
// cannot corrupt the protocol; stderr is shared for diagnostics.
Status WorkerPool::Spawn(Worker* w) {
  int req[2], resp[2];
  if (::pipe2(req, O_CLOEXEC) != 0) return Status::IoError("pipe", errno);
  if (::pipe2(resp, O_CLOEXEC) != 0) {
    ::close(req[0]);
    ::close(req[1]);
    return Status::IoError("pipe", errno);
  }
  UniqueFd req_r(req[0]), req_w(req[1]), resp_r(resp[0]), resp_w(resp[1]);
  posix_spawn_file_actions_t fa;
  if (posix_spawn_file_actions_init(&fa) != 0) return Status::Internal("posix_spawn_file_actions_init");
  if (posix_spawn_file_actions_adddup2(&fa, req_r.get(), 0) != 0 ||
      posix_spawn_file_actions_adddup2(&fa, resp_w.get(), 3) != 0 ||
      posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) != 0) {
    posix_spawn_file_actions_destroy(&fa);
    return Status::Internal("posix_spawn_file_actions");
  }
  std::string mem = std::to_string(options_.memory_mb);
  std::vector<char*> argv = {const_cast<char*>("dangan"), const_cast<char*>("__worker"),
                             const_cast<char*>("--memory-mb"), mem.data(), nullptr};
  std::vector<char*> env = WorkerEnvironment();
  pid_t pid;
  int rc = ::posix_spawn(&pid, options_.exe.c_str(), &fa, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return Status::IoError("spawn worker " + options_.exe, rc);
  w->pid = pid;
  if (::fcntl(resp_r.get(), F_SETFL, O_NONBLOCK) != 0) {
    ::kill(pid, SIGKILL);
    ReapWithin(pid);
    w->pid = -1;
    return Status::IoError("worker pipe", errno);
  }
  w->to_worker = std::move(req_w);
  w->from_worker = std::move(resp_r);
  w->inbox.Clear();
  w->job.reset();
  w->jobs_done = 0;
  return Status::Ok();
}

bool WorkerPool::HasIdle() const {
  for (const auto& w : workers_)
    if (!w->job) return true;
  return false;
}

size_t WorkerPool::busy() const {
  size_t n = 0;
  for (const auto& w : workers_) n += w->job.has_value();
  return n;
}

Status WorkerPool::Submit(uint64_t job_id, const WorkRequest& req) {
  for (auto& w : workers_) {
    if (w->job) continue;
    if (w->pid < 0) DANGAN_RETURN_IF_ERROR(Spawn(w.get()));
    std::string frame = EncodeRequest(req);
    if (!WriteFrame(w->to_worker.get(), frame).ok()) {
      // The worker died while idle (killed from outside): not this input's
      // fault. Replace it and try once more; a second failure shows up as
      // EOF in Wait() and fails the job.
      ::kill(w->pid, SIGKILL);
      ReapWithin(w->pid);
      w->pid = -1;
      DANGAN_RETURN_IF_ERROR(Spawn(w.get()));
      (void)WriteFrame(w->to_worker.get(), frame);
    }
    w->job = job_id;
    w->deadline = MonotonicSeconds() + options_.timeout_s;
    return Status::Ok();
  }
  return Status::Internal("WorkerPool::Submit with no idle worker");
}

// Reap: waits for a worker that has exited (or was killed) and decides the
// job's reason from how it ended, then replaces the worker.
void WorkerPool::Reap(Worker* w, bool killed_by_us, FinishedJob* job) {
  int status = ReapWithin(w->pid);
  if (killed_by_us) {
    job->failure = QuarantineReason::kTimeout;
    job->detail = "extraction ran past " + std::to_string(options_.timeout_s) +
                  " s (ingest.worker_timeout_s)";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitOom) {
    job->failure = QuarantineReason::kOom;
    job->detail = "worker ran out of memory (ingest.worker_memory_mb = " +
                  std::to_string(options_.memory_mb) + ")";
  } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    // Not sent by us: the kernel's OOM killer.
    job->failure = QuarantineReason::kOom;
    job->detail = "worker was killed by the system (out of memory)";
  } else if (WIFSIGNALED(status)) {
    job->failure = QuarantineReason::kCrash;
    job->detail = std::string("worker died on signal ") + std::to_string(WTERMSIG(status)) + " (" +
                  strsignal(WTERMSIG(status)) + ")";
  } else {
    job->failure = QuarantineReason::kCrash;
    job->detail = "worker exited with status " + std::to_string(WEXITSTATUS(status)) +
                  " without an answer";
  }
  w->pid = -1;
  w->to_worker.Reset();
  w->from_worker.Reset();
  Status s = Spawn(w);
  (void)s;  // a failed respawn leaves pid -1; Wait() reports it next time
}

void WorkerPool::Recycle(Worker* w) {
  w->to_worker.Reset();  // EOF: the idle worker exits 0
  ReapWithin(w->pid);
  w->pid = -1;
  w->from_worker.Reset();
  w->jobs_done = 0;
  (void)Spawn(w);  // a failed spawn leaves pid -1; Wait() and Submit() retry
}

void WorkerPool::Drain(Worker* w, std::vector<FinishedJob>* done) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(w->from_worker.get(), buf, sizeof buf);
    if (n > 0) {
      w->inbox.Append(buf, static_cast<size_t>(n));
      if (w->job && w->inbox.Oversized()) {
        FinishedJob job;
        job.job_id = *w->job;
        ::kill(w->pid, SIGKILL);
        Reap(w, /*killed_by_us=*/false, &job);
        job.failure = QuarantineReason::kCrash;
        job.detail = "the worker's answer was larger than " +
                     std::to_string(FrameBuffer::kMaxPayload >> 20) + " MiB";
        done->push_back(std::move(job));
        return;
      }
      std::string payload;
      if (w->job && w->inbox.Next(&payload)) {
        FinishedJob job;
        job.job_id = *w->job;
        auto resp = DecodeResponse(payload);
        if (resp.ok()) {
          job.response = std::move(resp).value();
        } else {
          job.failure = QuarantineReason::kCrash;
          job.detail = "worker answered garbage: " + resp.status().message();
        }
        w->job.reset();
        done->push_back(std::move(job));
        if (++w->jobs_done >= kJobsPerWorker) Recycle(w);
        return;
      }
      continue;
    }
    if (n < 0 && (errno == EINTR)) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    // EOF or error: the worker is gone.
    FinishedJob job;
    bool had_job = w->job.has_value();
    job.job_id = had_job ? *w->job : 0;
    Reap(w, /*killed_by_us=*/false, &job);
    if (had_job) done->push_back(std::move(job));
    return;
  }
}

Result<std::vector<FinishedJob>> WorkerPool::Wait(int max_wait_ms, int wake_fd) {
  std::vector<FinishedJob> done;
  const double give_up = max_wait_ms < 0 ? 1e300 : MonotonicSeconds() + max_wait_ms / 1000.0;
  while (done.empty()) {
    if (busy() == 0 && max_wait_ms < 0)
      return Status::Internal("WorkerPool::Wait with no busy worker");
    std::vector<pollfd> fds;
    std::vector<Worker*> who;
    double now = MonotonicSeconds(), next_deadline = std::min(now + 3600, give_up);
    if (now >= give_up) break;
    for (auto& w : workers_) {
      if (w->pid < 0) DANGAN_RETURN_IF_ERROR(Spawn(w.get()));
      if (!w->job) continue;
      fds.push_back({w->from_worker.get(), POLLIN, 0});
      who.push_back(w.get());
      next_deadline = std::min(next_deadline, w->deadline);
    }
    const size_t n_workers = fds.size();
    if (wake_fd >= 0) fds.push_back({wake_fd, POLLIN, 0});
    int timeout_ms = static_cast<int>(std::max(0.0, next_deadline - now) * 1000) + 1;
    int rc = ::poll(fds.data(), fds.size(), timeout_ms);
    if (rc < 0 && errno != EINTR) return Status::IoError("poll", errno);
    for (size_t i = 0; i < n_workers; ++i)
      if (fds[i].revents != 0) Drain(who[i], &done);
    if (wake_fd >= 0 && fds.back().revents != 0 && done.empty()) break;
    now = MonotonicSeconds();
    for (auto& w : workers_) {
      if (!w->job || w->deadline > now) continue;
      FinishedJob job;
      job.job_id = *w->job;
      ::kill(w->pid, SIGKILL);
      Reap(w.get(), /*killed_by_us=*/true, &job);
      done.push_back(std::move(job));
    }
  }
  return done;
}

}  // namespace dangan::ingest
