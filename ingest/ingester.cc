#include "ingest/ingester.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

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

Result<IngestSummary> Ingester::Run(const std::vector<fs::path>& paths,
                                    const IngestOptions& options) {
  auto inputs = ListInputs(paths);
  if (!inputs.ok()) return inputs.status();
  return RunInputs(std::move(inputs).value(), options);
}

Result<IngestSummary> Ingester::RunInputs(std::vector<Input> inputs, const IngestOptions& options) {
  const double start = MonotonicSeconds();
  options_ = options;
  summary_ = IngestSummary();
  DANGAN_RETURN_IF_ERROR(Reconcile());
  total_inputs_ = static_cast<int64_t>(inputs.size());
  for (Input& in : inputs) {
    auto job = std::make_unique<Job>();
    job->id = next_job_id_++;
    job->input = in.path;
    job->source = std::move(in.source);
    job->folders = std::move(in.folders);
    job->name = in.path.filename().string();
    job->is_symlink = in.is_symlink;
    pending_.push_back(std::move(job));
  }
  const int64_t indexed_before = sink_->indexed();
  while (!pending_.empty() || pool_->busy() > 0) {
    while (!pending_.empty() && pool_->HasIdle()) {
      std::unique_ptr<Job> job = std::move(pending_.front());
      pending_.pop_front();
      DANGAN_RETURN_IF_ERROR(Start(std::move(job)));
    }
    if (pool_->busy() == 0) continue;
    auto finished = pool_->Wait();
    if (!finished.ok()) return finished.status();
    for (const FinishedJob& f : *finished) DANGAN_RETURN_IF_ERROR(Complete(f));
  }
  DANGAN_RETURN_IF_ERROR(sink_->Flush());
  summary_.indexed = sink_->indexed() - indexed_before;
  summary_.seconds = MonotonicSeconds() - start;
  return summary_;
}

// Reconcile: restores DESIGN §4's invariants after a run that died.
//   1. store/.staging emptied (the inputs are still in the drop)
//   2. store files without a catalog row removed (their inputs too are still
//      in the drop: an input goes only after its row commits)
//   3. quarantine folders without a committed row removed
//   4. documents catalogued but not yet indexed handed to the sink again
Status Ingester::Reconcile() {
  auto cleared = store_.ClearStaging();
  if (!cleared.ok()) return cleared.status();
  if (*cleared > 0) spdlog::info("reconcile cleared staging files={}", *cleared);
  std::error_code ec;
  if (fs::exists(home_.store(), ec)) {
    for (const auto& dir : fs::directory_iterator(home_.store(), ec)) {
      if (!dir.is_directory() || dir.path().filename() == ".staging") continue;
      for (const auto& f : fs::directory_iterator(dir.path(), ec)) {
        std::string sha = f.path().stem().string();
        auto id = catalog_->FindDocumentBySha(sha);
        if (!id.ok()) return id.status();
        if (id->has_value()) continue;
        spdlog::warn("reconcile removed orphan store file={}", home_.Relative(f.path()));
        fs::remove(f.path(), ec);
      }
    }
  }
  // 3. quarantine folders whose row never committed (their inputs are still
  //    in the drop and will be quarantined again).
  if (fs::exists(home_.quarantine(), ec)) {
    for (const auto& dir : fs::directory_iterator(home_.quarantine(), ec)) {
      int64_t id = std::atoll(dir.path().filename().c_str());
      if (id <= 0) continue;
      auto item = catalog_->GetQuarantine(id);
      if (!item.ok()) return item.status();
      if (item->has_value()) continue;
      spdlog::warn("reconcile removed uncommitted quarantine folder={}", home_.Relative(dir.path()));
      fs::remove_all(dir.path(), ec);
    }
  }
  std::vector<catalog::Document> unindexed;
  catalog::DocumentFilter stored_only;
  stored_only.state = DocState::kStored;
  DANGAN_RETURN_IF_ERROR(catalog_->ForEachDocument(
      stored_only, 0, [&](const catalog::Document& d) {
        unindexed.push_back(d);
        return true;
      }));
  for (const catalog::Document& d : unindexed) {
    auto pages = catalog_->GetPages(d.id);
    if (!pages.ok()) return pages.status();
    DANGAN_RETURN_IF_ERROR(sink_->Add(d, *pages));
  }
  if (!unindexed.empty()) spdlog::info("reconcile re-indexing documents={}", unindexed.size());
  return Status::Ok();
}

Status Ingester::Start(std::unique_ptr<Job> job) {
  ++summary_.seen;
  fs::path bytes = job->member_file.empty() ? job->input : job->member_file;
  if (job->is_symlink) {
    std::error_code ec;
    fs::path target = fs::read_symlink(bytes, ec);
    job->claimed.sha256 = Sha256Hex(target.string());
    return QuarantineJob(job.get(), QuarantineReason::kUnsupported,
                         "symbolic link to " + target.string() + "; links are not followed");
  }
  if (!job->has_claim) {
    struct stat st;
    if (::lstat(bytes.c_str(), &st) != 0) {
      if (errno == ENOENT) {  // taken away since it was listed: nothing to lose
        spdlog::warn("skipped vanished input source={}", job->source);
        --summary_.seen;
        return Status::Ok();
      }
      return Status::IoError(bytes.string(), errno);
    }
    const uint64_t max_bytes = static_cast<uint64_t>(config_.ingest.max_file_mb) << 20;
    if (st.st_size == 0 || static_cast<uint64_t>(st.st_size) > max_bytes) {
      auto sha = Sha256File(bytes);
      if (!sha.ok()) return sha.status();
      job->claimed.sha256 = *sha;
      if (st.st_size == 0) return QuarantineJob(job.get(), QuarantineReason::kEmpty, "zero bytes");
      return QuarantineJob(job.get(), QuarantineReason::kTooLarge,
                           std::to_string(st.st_size >> 20) + " MiB is over ingest.max_file_mb = " +
                               std::to_string(config_.ingest.max_file_mb));
    }
    auto claimed = job->member_file.empty() ? store_.Claim(bytes) : store_.Adopt(bytes);
    if (!claimed.ok()) return claimed.status();
    job->claimed = std::move(claimed).value();
    job->has_claim = true;
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

Status Ingester::Complete(const FinishedJob& finished) {
  auto it = running_.find(finished.job_id);
  if (it == running_.end()) return Status::Internal("worker finished an unknown job");
  std::unique_ptr<Job> job = std::move(it->second);
  running_.erase(it);
  claimed_.erase(job->claimed.sha256);
  if (!finished.response)
    return QuarantineJob(job.get(), finished.failure, finished.detail);
  const WorkResponse& resp = *finished.response;
  if (!resp.error.empty())
    return Status::IoError("extracting " + job->source + ": " + resp.error +
                           " (the input stays where it is)");
  if (resp.quarantine) return QuarantineJob(job.get(), *resp.quarantine, resp.detail);
  if (resp.kind == FileKind::kBundle) return ExpandMembers(std::move(job), resp);
  return FileDocument(job.get(), resp);
}

}  // namespace dangan::ingest
