// WorkerPool: supervises extraction worker processes (ingest/worker_main.h).
// Each worker takes one request at a time; the pool enforces the per-input
// wall-clock deadline with poll + kill, and turns a worker that dies, hangs or
// runs out of memory into a failed job with its quarantine reason, then
// starts a fresh worker. Owned by the coordinator thread.
#ifndef DANGAN_INGEST_WORKER_POOL_H_
#define DANGAN_INGEST_WORKER_POOL_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/types.h"
#include "ingest/worker_protocol.h"

namespace dangan::ingest {

struct WorkerPoolOptions {
  std::string exe;        // the dangan binary ("/proc/self/exe" resolved)
  int workers = 2;
  int timeout_s = 120;
  int memory_mb = 1024;
};

// One finished job: a response, or the reason the worker failed on it.
struct FinishedJob {
  uint64_t job_id = 0;
  std::optional<WorkResponse> response;
  QuarantineReason failure = QuarantineReason::kCrash;  // when !response
  std::string detail;
};

class WorkerPool {
 public:
  static Result<std::unique_ptr<WorkerPool>> Start(const WorkerPoolOptions& options);
  ~WorkerPool();  // closes the pipes, kills and reaps every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool HasIdle() const;
  size_t busy() const;
  // Hands req to an idle worker. Requires HasIdle().
  Status Submit(uint64_t job_id, const WorkRequest& req);
  // Blocks until at least one busy job finishes (or fails) and returns them;
  // or, returning what finished (possibly nothing), when max_wait_ms passed
  // (-1: no limit; then busy() > 0 is required) or wake_fd became readable.
  Result<std::vector<FinishedJob>> Wait(int max_wait_ms = -1, int wake_fd = -1);

 private:
  struct Worker;
  explicit WorkerPool(const WorkerPoolOptions& options);
  Status Spawn(Worker* w);
  void Reap(Worker* w, bool killed_by_us, FinishedJob* job);
  // Replaces an idle worker with a fresh process.
  void Recycle(Worker* w);
  // Reads what is available; appends a finished job when a frame completes.
  void Drain(Worker* w, std::vector<FinishedJob>* done);

  WorkerPoolOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

// The path of the running executable, for spawning workers.
Result<std::string> SelfExePath();

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_WORKER_POOL_H_
