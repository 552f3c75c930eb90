// Ingester: the coordinator of DESIGN §4's data flow for one `ingest` run.
// Single-threaded; the sole owner (for the run) of the catalog connection,
// the store and the sink. Extraction runs in WorkerPool's processes.
//
//   input -> claim -> detect+extract (worker) -> route + fields -> file -> sink
//
// Invariant (DESIGN §4): an input is removed only after its bytes are durable
// in store/ (or quarantine/) and its row is committed.
#ifndef DANGAN_INGEST_INGESTER_H_
#define DANGAN_INGEST_INGESTER_H_

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/document_sink.h"
#include "core/config.h"
#include "core/home.h"
#include "core/text_fold.h"
#include "ingest/fields.h"
#include "ingest/input_walker.h"
#include "ingest/router.h"
#include "ingest/store.h"
#include "ingest/worker_pool.h"

namespace dangan::ingest {

struct IngestSummary {
  int64_t seen = 0;         // inputs and bundle members considered
  int64_t stored = 0;       // new documents
  int64_t duplicates = 0;   // inputs whose bytes were already stored
  int64_t quarantined = 0;
  int64_t needs_ocr = 0;
  int64_t unfiled = 0;
  int64_t indexed = 0;
  int64_t skipped = 0;  // left in place for the next run (still being written, …)
  int64_t ocr_pages = 0;  // pages recognised
  int64_t ocr_finished = 0;  // documents stored earlier as needs_ocr, now with text
  double seconds = 0;
};

struct IngestOptions {
  bool keep = false;  // leave inputs in place (DESIGN §8 --keep)
  // The quarantine item being released (quarantine --release): its bytes,
  // quarantined again, become a new item, not a repeat of this one.
  int64_t releasing = 0;
  // Called after each input or member is resolved (for progress on a TTY).
  std::function<void(const IngestSummary&, int64_t total_inputs)> progress;
};

class Ingester {
 public:
  // catalog, sink, folder: borrowed, must outlive the ingester.
  static Result<std::unique_ptr<Ingester>> Create(const Home& home, const Config& config,
                                                  catalog::Catalog* catalog,
                                                  catalog::DocumentSink* sink,
                                                  const TextFolder* folder);
  ~Ingester();

  // Takes every input below paths. Bad inputs are quarantined and the run
  // goes on; a Status error means dangan itself failed (disk full …). The
  // caller has run Reconcile() (ingest/reconcile.h) first.
  // The home itself is never walked into; a path inside it other than its
  // inbox is kInvalidArgument.
  Result<IngestSummary> Run(const std::vector<std::filesystem::path>& paths,
                            const IngestOptions& options);
  // The same for inputs listed by the caller (quarantine --release keeps the
  // item's original source and folders).
  Result<IngestSummary> RunInputs(std::vector<Input> inputs, const IngestOptions& options);
  // OCRs the documents stored earlier as needs_ocr (OCR was unavailable or
  // the run stopped) and indexes them; `ingest` does this after its inputs.
  Result<IngestSummary> RunPendingOcr(const IngestOptions& options);

  // Streaming use (`watch`): Begin() once, then Enqueue() inputs as they
  // arrive and Pump() in a loop; FlushIndex() makes what is filed searchable.
  void Begin(const IngestOptions& options) {
    options_ = options;
    summary_ = IngestSummary();
  }
  void Enqueue(Input in);
  // One turn: start work on idle workers, then wait for answers at most
  // max_wait_ms (-1: until one comes, when any is due) or until wake_fd is
  // readable.
  Status Pump(int max_wait_ms, int wake_fd);
  bool Busy() const;
  // True while the input file is queued or being worked on (a watcher must
  // not hand it in again).
  bool Holds(const std::filesystem::path& input) const { return in_flight_.count(input) > 0; }
  Status FlushIndex();
  // Inputs handed in and not yet started.
  size_t queued() const { return pending_.size(); }
  // Inputs resolved (or given up) since the last call: filed, quarantined,
  // or left in place; left_changed: left because it was still being written
  // or changed after it was read, so its new bytes are to be taken later.
  struct Released {
    std::filesystem::path path;
    bool left_changed = false;
  };
  std::vector<Released> TakeReleased() { return std::exchange(released_, {}); }
  // Graceful stop: nothing new is started (neither inputs nor OCR pages);
  // Pump() goes on completing what workers are running. What is left when
  // they are done stays where it is (inputs in the drop, needs_ocr
  // documents in the catalog) for the next run; staging is cleared by it.
  void StopTaking() { stopping_ = true; }
  bool Working() const { return pool_->busy() > 0; }
  Status QueuePendingOcrDocuments() { return QueuePendingOcr(); }
  // Re-reads the clients documents are routed to: another writer may have
  // imported or renumbered some while a watch let it have the home.
  Status ReloadClients();
  const IngestSummary& summary() const { return summary_; }

 private:
  struct Job;
  struct Bundle;
  struct DocText;
  struct OcrDoc;
  struct PageTask {
    uint64_t doc = 0;  // OcrDoc id
    int page = 0;      // 0-based
  };
  Ingester(const Home& home, const Config& config, catalog::Catalog* catalog,
           catalog::DocumentSink* sink, const TextFolder* folder, Router router,
           std::unique_ptr<WorkerPool> pool);

  // Claims a job's bytes and submits it, or resolves it at once (empty, too
  // large, duplicate, symlink, still being written).
  Status Start(std::unique_ptr<Job> job);
  Result<bool> Claim(Job* job);
  Status ResolveUnclaimed(std::unique_ptr<Job> job);
  Status Complete(const FinishedJob& finished);
  // Runs the scheduling loop until nothing is pending or running.
  Status Drive();
  Status FileDocument(Job* job, const DocText& text);
  Status ExpandMembers(std::unique_ptr<Job> job, const WorkResponse& resp);
  Status QuarantineJob(Job* job, QuarantineReason reason, const std::string& detail);
  Status RecordDuplicate(Job* job, int64_t doc_id);
  // A job is resolved: remove its input (or count down its bundle) and
  // resolve the jobs waiting on the same bytes.
  Status Finish(Job* job);
  Status FinishBundle(Bundle* bundle);

  // OCR (ingester_ocr.cc): the pages of a document without a usable text
  // layer are recognised as page tasks, any worker one page, then the
  // document is filed (or, for one stored earlier, updated).
  Status StartOcr(std::unique_ptr<OcrDoc> doc);
  Status SubmitPage(const PageTask& task);
  Status CompletePage(const PageTask& task, const FinishedJob& finished);
  Status FinishOcrDoc(uint64_t id);
  Status QueuePendingOcr();
  Status UpdateOcredDocument(OcrDoc* doc);
  bool OcrEnabled() const { return !config_.ocr.languages.empty() && ocr_unavailable_.empty(); }

  Home home_;
  Config config_;
  catalog::Catalog* catalog_;
  catalog::DocumentSink* sink_;
  const TextFolder* folder_;
  Router router_;
  std::unique_ptr<WorkerPool> pool_;
  Store store_;
  FieldContext field_context_;
  IngestOptions options_;
  IngestSummary summary_;
  int64_t total_inputs_ = 0;

  uint64_t next_job_id_ = 1;
  std::deque<std::unique_ptr<Job>> pending_;
  std::map<uint64_t, std::unique_ptr<Job>> running_;  // submitted to a worker
  // sha256 -> the job that claimed it first in this run; later jobs with the
  // same bytes wait in its followers.
  std::map<std::string, Job*> claimed_;
  std::map<uint64_t, std::unique_ptr<Bundle>> bundles_;
  // OCR in flight: documents waiting for pages, and the page tasks.
  std::map<uint64_t, std::unique_ptr<OcrDoc>> ocr_docs_;
  std::deque<PageTask> pending_pages_;
  std::map<uint64_t, PageTask> running_pages_;  // by pool job id
  std::string ocr_unavailable_;  // why OCR cannot run here, once known
  std::set<std::filesystem::path> in_flight_;  // inputs queued or being worked on
  std::vector<Released> released_;  // left in_flight_ since TakeReleased()
  bool stopping_ = false;
  void Release(const std::filesystem::path& input, bool left_changed) {
    if (in_flight_.erase(input) > 0) released_.push_back({input, left_changed});
  }
  static constexpr size_t kMaxOcrDocs = 64;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_INGESTER_H_
