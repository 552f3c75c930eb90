// The extraction worker: the same dangan binary run as `dangan __worker`.
// It limits its own address space, then answers requests from the
// coordinator one at a time (ingest/worker_protocol.h) until its input
// closes. Every library that parses untrusted bytes (libmagic, Poppler,
// libarchive) runs here, never in the process that owns the catalog.
#ifndef DANGAN_INGEST_WORKER_MAIN_H_
#define DANGAN_INGEST_WORKER_MAIN_H_

namespace dangan::ingest {

// Exit status when an allocation failed and no response could be written.
inline constexpr int kWorkerExitOom = 86;

// Reads requests on request_fd, writes responses on response_fd. Returns the
// process exit status.
int RunWorker(int request_fd, int response_fd, int memory_mb);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_WORKER_MAIN_H_
