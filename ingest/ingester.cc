#include "ingest/ingester.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "core/clock.h"
#include "core/crash_point.h"
#include "core/hash.h"
#include "ingest/ingester_internal.h"

namespace dangan::ingest {
namespace fs = std::filesystem;

Ingester::Ingester(const Home& home, const Config& config, catalog::Catalog* catalog,
                   catalog::DocumentSink* sink, const TextFolder* folder, Router router,
                   std::unique_ptr<WorkerPool> pool)
    : home_(home),
      config_(config),
      catalog_(catalog),
      sink_(sink),
      folder_(folder),
      router_(std::move(router)),
      pool_(std::move(pool)),
      store_(home),
      field_context_{config.org.own_uscc, config.org.own_name} {}

Ingester::~Ingester() = default;

Result<std::unique_ptr<Ingester>> Ingester::Create(const Home& home, const Config& config,
                                                   catalog::Catalog* catalog,
                                                   catalog::DocumentSink* sink,
                                                   const TextFolder* folder) {
  auto rule = ArchiveNumberRule::Create(config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  auto clients = catalog->ListClients();
  if (!clients.ok()) return clients.status();
  Router router(*clients, *rule, config.org.own_uscc, config.org.own_name, folder);
  auto exe = SelfExePath();
  if (!exe.ok()) return exe.status();
  WorkerPoolOptions popt{*exe, config.EffectiveWorkers(), config.ingest.worker_timeout_s,
                         config.ingest.worker_memory_mb};
  auto pool = WorkerPool::Start(popt);
  if (!pool.ok()) return pool.status();
  return std::unique_ptr<Ingester>(new Ingester(home, config, catalog, sink, folder,
                                                std::move(router), std::move(pool).value()));
}

Status Ingester::ReloadClients() {
  auto rule = ArchiveNumberRule::Create(config_.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  auto clients = catalog_->ListClients();
  if (!clients.ok()) return clients.status();
  router_ = Router(*clients, *rule, config_.org.own_uscc, config_.org.own_name, folder_);
  return Status::Ok();
}

namespace {

// Ingest takes documents from outside the home, or from its inbox: taking the
// catalog or the store as input would destroy them.
Status CheckOutsideHome(const Home& home, const std::vector<fs::path>& paths) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(home.root(), ec);
  fs::path inbox = fs::weakly_canonical(home.inbox(), ec);
  auto below = [](const fs::path& p, const fs::path& dir) {
    auto [d, q] = std::mismatch(dir.begin(), dir.end(), p.begin(), p.end());
    return d == dir.end();
  };
  for (const fs::path& raw : paths) {
    fs::path p = fs::weakly_canonical(fs::absolute(raw, ec), ec);
    if (below(p, root) && !below(p, inbox))
      return Status::InvalidArgument(raw.string() + " is inside the dangan home " +
                                     home.root().string() +
                                     "; ingest takes files from outside it or from its inbox");
  }
  return Status::Ok();
}

}  // namespace

Result<IngestSummary> Ingester::Run(const std::vector<fs::path>& paths,
                                    const IngestOptions& options) {
  DANGAN_RETURN_IF_ERROR(CheckOutsideHome(home_, paths));
  auto inputs = ListInputs(paths, {home_.root()});
  if (!inputs.ok()) return inputs.status();
  return RunInputs(std::move(inputs).value(), options);
}

Result<IngestSummary> Ingester::RunInputs(std::vector<Input> inputs, const IngestOptions& options) {
  const double start = MonotonicSeconds();
  options_ = options;
  summary_ = IngestSummary();
  total_inputs_ = 0;
  for (Input& in : inputs) Enqueue(std::move(in));
  const int64_t indexed_before = sink_->indexed();
  DANGAN_RETURN_IF_ERROR(Drive());
  // Documents stored as needs_ocr by an earlier run get their text now.
  DANGAN_RETURN_IF_ERROR(QueuePendingOcr());
  DANGAN_RETURN_IF_ERROR(Drive());
  DANGAN_RETURN_IF_ERROR(sink_->Flush());
  summary_.indexed = sink_->indexed() - indexed_before;
  summary_.seconds = MonotonicSeconds() - start;
  return summary_;
}

Result<IngestSummary> Ingester::RunPendingOcr(const IngestOptions& options) {
  return RunInputs({}, options);
}

// Drive: pumps until nothing is pending or running.
Status Ingester::Drive() {
  while (Busy()) DANGAN_RETURN_IF_ERROR(Pump(-1, -1));
  return Status::Ok();
}

bool Ingester::Busy() const {
  if (stopping_) return pool_->busy() > 0;
  return !pending_.empty() || !pending_pages_.empty() || pool_->busy() > 0;
}

// Pump: one turn of the scheduling loop. Idle workers get page tasks first,
// so that documents already extracted finish (and leave staging) before new
// inputs start; but while inputs wait, one worker is kept for them, so a long
// scan never holds up the text PDFs behind it; and no new input starts while
// kMaxOcrDocs documents wait for OCR (memory and staging stay bounded).
Status Ingester::Pump(int max_wait_ms, int wake_fd) {
  const size_t workers = static_cast<size_t>(std::max(1, config_.EffectiveWorkers()));
  while (!stopping_ && pool_->HasIdle()) {
    const bool inputs_wait = !pending_.empty() && ocr_docs_.size() < kMaxOcrDocs;
    const bool page_ok = !pending_pages_.empty() &&
                         (!inputs_wait || workers == 1 || running_pages_.size() + 1 < workers);
    if (page_ok) {
      PageTask task = pending_pages_.front();
      pending_pages_.pop_front();
      DANGAN_RETURN_IF_ERROR(SubmitPage(task));
    } else if (inputs_wait) {
      std::unique_ptr<Job> job = std::move(pending_.front());
      pending_.pop_front();
      DANGAN_RETURN_IF_ERROR(Start(std::move(job)));
    } else {
      break;
    }
  }
  if (pool_->busy() == 0 && max_wait_ms < 0) return Status::Ok();
  auto finished = pool_->Wait(max_wait_ms, wake_fd);
  if (!finished.ok()) return finished.status();
  for (const FinishedJob& f : *finished) DANGAN_RETURN_IF_ERROR(Complete(f));
  return Status::Ok();
}

void Ingester::Enqueue(Input in) {
  auto job = std::make_unique<Job>();
  job->id = next_job_id_++;
  job->input = in.path;
  job->name = in.source.substr(in.source.find_last_of('/') + 1);
  job->source = std::move(in.source);
  job->folders = std::move(in.folders);
  job->is_symlink = in.is_symlink;
  in_flight_.insert(job->input);
  ++total_inputs_;
  pending_.push_back(std::move(job));
}

Status Ingester::FlushIndex() { return sink_->Flush(); }

Status Ingester::Start(std::unique_ptr<Job> job) {
  ++summary_.seen;
  if (!job->has_claim) {
    Result<bool> ready = Claim(job.get());
    if (!ready.ok()) return ready.status();
    if (!*ready) return ResolveUnclaimed(std::move(job));
  }
  auto same = claimed_.find(job->claimed.sha256);
  if (same != claimed_.end()) {  // the same bytes are being worked on: wait for them
    same->second->followers.push_back(std::move(job));
    return Status::Ok();
  }
  auto existing = catalog_->FindDocumentBySha(job->claimed.sha256);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return RecordDuplicate(job.get(), **existing);
  claimed_[job->claimed.sha256] = job.get();
  WorkRequest req;
  req.path = job->claimed.staging.string();
  req.name = job->name;
  req.out_dir = (home_.staging() / ("bundle-" + std::to_string(::getpid()) + "-" +
                                    std::to_string(job->id)))
                    .string();
  req.limits = {config_.bundle.max_expanded_mb << 20, config_.bundle.max_members,
                config_.bundle.max_ratio, config_.bundle.max_depth};
  job->out_dir = req.out_dir;
  DANGAN_RETURN_IF_ERROR(pool_->Submit(job->id, req));
  running_[job->id] = std::move(job);
  return Status::Ok();
}

// Claim: the job's bytes into staging. False (and job->skip_reason or a
// quarantine reason in job->unclaimed) when they are not to be claimed.
Result<bool> Ingester::Claim(Job* job) {
  fs::path bytes = job->member_file.empty() ? job->input : job->member_file;
  struct stat st;
  if (::lstat(bytes.c_str(), &st) != 0) {
    if (errno != ENOENT) return Status::IoError(bytes.string(), errno);
    job->skip = "vanished since it was listed";
    return false;
  }
  auto identity = IdentityOf(bytes);
  if (identity.ok()) job->claimed.input = *identity;
  const uint64_t max_bytes = static_cast<uint64_t>(config_.ingest.max_file_mb) << 20;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    job->claimed.sha256 = Sha256Hex(fs::read_symlink(bytes, ec).string());
    job->unclaimed = QuarantineReason::kUnsupported;
    job->detail = "symbolic link to " + fs::read_symlink(bytes, ec).string() + "; links are not followed";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    job->skip = "not a regular file";
    return false;
  }
  if (st.st_size == 0 || static_cast<uint64_t>(st.st_size) > max_bytes) {
    auto sha = Sha256File(bytes);
    if (!sha.ok()) return sha.status();
    job->claimed.sha256 = *sha;
    job->unclaimed = st.st_size == 0 ? QuarantineReason::kEmpty : QuarantineReason::kTooLarge;
    job->detail = st.st_size == 0 ? "zero bytes"
                                  : std::to_string(st.st_size >> 20) +
                                        " MiB is over ingest.max_file_mb = " +
                                        std::to_string(config_.ingest.max_file_mb);
    return false;
  }
  auto claimed = job->member_file.empty() ? store_.Claim(bytes) : store_.Adopt(bytes);
  if (!claimed.ok()) {
    if (claimed.status().code() != StatusCode::kBusy) return claimed.status();
    job->skip = claimed.status().message();  // still being written: next time
    job->skip_changing = true;
    return false;
  }
  job->claimed = std::move(claimed).value();
  job->has_claim = true;
  return true;
}

// An input that was not claimed: quarantined without a worker, or skipped
// (left where it is, never removed: nothing is lost).
Status Ingester::ResolveUnclaimed(std::unique_ptr<Job> job) {
  if (job->unclaimed) return QuarantineJob(job.get(), *job->unclaimed, job->detail);
  spdlog::warn("skipped source={} why={}", job->source, job->skip);
  Release(job->input, job->skip_changing);
  --summary_.seen;
  ++summary_.skipped;
  if (job->bundle_id != 0) return Status::Internal("a bundle member was skipped: " + job->skip);
  return Status::Ok();
}

Status Ingester::Complete(const FinishedJob& finished) {
  auto page = running_pages_.find(finished.job_id);
  if (page != running_pages_.end()) {
    PageTask task = page->second;
    running_pages_.erase(page);
    return CompletePage(task, finished);
  }
  auto it = running_.find(finished.job_id);
  if (it == running_.end()) return Status::Internal("worker finished an unknown job");
  std::unique_ptr<Job> job = std::move(it->second);
  running_.erase(it);
  if (!finished.response)
    return QuarantineJob(job.get(), finished.failure, finished.detail);
  const WorkResponse& resp = *finished.response;
  if (!resp.error.empty())
    return Status::IoError("extracting " + job->source + ": " + resp.error +
                           " (the input stays where it is)");
  if (resp.quarantine) return QuarantineJob(job.get(), *resp.quarantine, resp.detail);
  if (resp.kind == FileKind::kBundle) return ExpandMembers(std::move(job), resp);
  auto doc = std::make_unique<OcrDoc>();
  doc->id = job->id;
  doc->file = job->claimed.staging;
  doc->text = DocText::FromExtract(resp);
  doc->job = std::move(job);
  return StartOcr(std::move(doc));
}

}  // namespace dangan::ingest
