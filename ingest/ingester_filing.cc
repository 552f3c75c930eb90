// Ingester: the outcomes of a job: filed, duplicate, bundle, quarantined.
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "core/clock.h"
#include "core/crash_point.h"
#include "ingest/detect.h"
#include "ingest/ingester.h"
#include "ingest/ingester_internal.h"

namespace dangan::ingest {
namespace fs = std::filesystem;

namespace {

std::string LastComponent(const std::string& path) {
  size_t cut = path.find_last_of("/!");
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

// A file name safe to create inside quarantine/ID/.
std::string SafeFileName(const std::string& name) {
  std::string out = name.empty() || name == "." || name == ".." ? "input" : name;
  if (out == "reason.json") out = "reason.json.input";
  if (out.size() > 200) out = out.substr(out.size() - 200);
  for (char& c : out)
    if (c == '/' || c == '\0') c = '_';
  return out;
}

}  // namespace

// FileDocument: route, extract fields, move into the store, commit the row.
// Before: job->claimed.staging fsync'd; no row. See Store::FileOriginal for
// the crash analysis; the input goes only after Commit() (DESIGN §4.6).
Status Ingester::FileDocument(Job* job, const DocText& text) {
  // Another writer may have stored the same bytes while this job was with a
  // worker (watch lets other writers in between its turns with dangan.lock).
  auto existing = catalog_->FindDocumentBySha(job->claimed.sha256);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    for (auto& f : job->followers) DANGAN_RETURN_IF_ERROR(RecordDuplicate(f.get(), **existing));
    return RecordDuplicate(job, **existing);
  }
  std::vector<std::string> texts = text.Texts();
  const std::vector<catalog::Page>& pages = text.pages;
  RouteInput route_in;
  route_in.folders = job->folders;
  route_in.barcodes = text.barcodes;
  route_in.page1 = texts.empty() ? "" : texts[0];
  for (const std::string& t : texts) route_in.all_text += t + "\n";
  RouteDecision route = router_.Route(route_in);
  ExtractedFields fields = ExtractFields(texts, job->name, field_context_, *folder_);

  catalog::Document doc;
  doc.sha256 = job->claimed.sha256;
  doc.original_name = job->name;
  doc.sources.push_back(job->source);
  for (const auto& f : job->followers) doc.sources.push_back(f->source);
  doc.mime = text.mime;
  doc.size = job->claimed.size;
  doc.pages = static_cast<int>(pages.size());
  doc.state = text.State();
  doc.text_source = text.Source();
  doc.archive_no = route.archive_no;
  doc.routed_by = route.routed_by;
  doc.candidates = std::move(route.candidates);
  doc.doc_type = fields.doc_type;
  doc.title = fields.title;
  doc.fields = std::move(fields.fields);
  doc.ingested_at = NowIso8601Utc();

  auto stored = store_.FileOriginal(job->claimed, doc.archive_no.value_or(""),
                                    ExtensionForMime(doc.mime));
  if (!stored.ok()) return stored.status();
  doc.stored_path = *stored;
  DANGAN_RETURN_IF_ERROR(catalog_->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog_->InsertDocument(&doc, pages).status());
    return catalog_->LogEvent("stored", doc.id, doc.sources[0]);
  }));
  CrashPoint("file.after_commit");
  spdlog::info("stored doc={} archive={} routed_by={} state={} source={}", doc.id,
               doc.archive_no.value_or("-"), ToString(doc.routed_by), ToString(doc.state),
               doc.sources[0]);
  ++summary_.stored;
  summary_.needs_ocr += doc.state == DocState::kNeedsOcr;
  summary_.unfiled += !doc.archive_no.has_value();
  summary_.duplicates += static_cast<int64_t>(job->followers.size());
  for (auto& f : job->followers) DANGAN_RETURN_IF_ERROR(Finish(f.get()));
  DANGAN_RETURN_IF_ERROR(Finish(job));
  if (doc.state == DocState::kStored) DANGAN_RETURN_IF_ERROR(sink_->Add(doc, pages));
  return Status::Ok();
}

Status Ingester::RecordDuplicate(Job* job, int64_t doc_id) {
  // The same input again (kept with --keep, or a run stopped after its row
  // committed but before the input went): its bytes are stored and its
  // source recorded already; only the removal is left to do.
  auto known = catalog_->HasSource(doc_id, job->source);
  if (!known.ok()) return known.status();
  if (*known) {
    spdlog::info("duplicate doc={} source={} (source already recorded)", doc_id, job->source);
    ++summary_.duplicates;
    return Finish(job);
  }
  DANGAN_RETURN_IF_ERROR(catalog_->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog_->AddSource(doc_id, job->source, /*duplicate=*/true));
    return catalog_->LogEvent("duplicate", doc_id, job->source);
  }));
  spdlog::info("duplicate doc={} source={}", doc_id, job->source);
  ++summary_.duplicates;
  return Finish(job);
}

// QuarantineJob: keep the bytes in quarantine/ID with the reason; each of the
// job's followers (copies of the same bytes) becomes an item of its own.
Status Ingester::QuarantineJob(Job* job, QuarantineReason reason, const std::string& detail) {
  catalog::QuarantineItem item;
  item.source = job->source;
  item.sha256 = job->claimed.sha256;
  item.reason = reason;
  item.detail = detail;
  item.at = NowIso8601Utc();
  item.file_name = SafeFileName(job->name);
  // The bytes: the staging copy when claimed (moved: it is ours); else the
  // input or member itself, linked or copied so it stays until the commit.
  fs::path bytes = job->has_claim ? job->claimed.staging
                                  : (job->member_file.empty() ? job->input : job->member_file);
  Store::Bytes kind = job->has_claim ? Store::Bytes::kStagingCopy : Store::Bytes::kInput;
  // Every job names its bytes by now; Claim hashes what it does not claim
  // (a link by its target). The same bytes from the same source in
  // quarantine already (a run stopped after the item's commit but before the
  // input's removal, or the archivist dropped the file again) are that item:
  // nothing is stored twice; only the removal is left to do.
  std::optional<int64_t> known;
  if (!item.sha256.empty()) {
    auto found = catalog_->FindQuarantined(item.sha256, item.source, options_.releasing);
    if (!found.ok()) return found.status();
    known = *found;
  }
  if (known) {
    item.id = *known;
  } else {
    DANGAN_RETURN_IF_ERROR(catalog_->Transaction([&] {
      DANGAN_RETURN_IF_ERROR(catalog_->InsertQuarantine(&item).status());
      DANGAN_RETURN_IF_ERROR(store_.Quarantine(item, bytes, kind));
      return catalog_->LogEvent("quarantined", std::nullopt, item.source);
    }));
    CrashPoint("quarantine.after_commit");
  }
  spdlog::warn("quarantined id={} reason={} source={} detail={}{}", item.id, ToString(reason),
               item.source, detail, known ? " (already in quarantine)" : "");
  ++summary_.quarantined;
  std::vector<std::unique_ptr<Job>> followers = std::move(job->followers);
  DANGAN_RETURN_IF_ERROR(Finish(job));
  for (auto& f : followers) DANGAN_RETURN_IF_ERROR(QuarantineJob(f.get(), reason, detail));
  return Status::Ok();
}

// ExpandMembers: the worker unpacked a bundle that passed every check; each
// member becomes a job of its own, ahead of the rest of the queue.
Status Ingester::ExpandMembers(std::unique_ptr<Job> job, const WorkResponse& resp) {
  if (resp.members.empty())
    return QuarantineJob(job.get(), QuarantineReason::kUnsupported,
                         "the bundle holds no files, only folders");
  // The worker parses hostile bytes: trust no path it returns. Every member
  // must be a regular file directly inside the folder this job gave it.
  for (const BundleMember& m : resp.members) {
    struct stat st;
    bool inside = m.file.parent_path() == fs::path(job->out_dir) &&
                  ::lstat(m.file.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (!inside)
      return QuarantineJob(job.get(), QuarantineReason::kCrash,
                           "the worker answered with a member outside its folder: " +
                               m.file.string());
  }
  auto bundle = std::make_unique<Bundle>();
  bundle->id = job->id;
  bundle->input = job->input;
  bundle->parent_bundle = job->bundle_id;
  bundle->pending = resp.members.size();
  bundle->staging_copy = job->claimed.staging;
  bundle->input_identity = job->claimed.input;
  bundle->members_dir = job->out_dir;
  bundle->source = job->source;
  spdlog::info("unpacked bundle members={} source={}", resp.members.size(), job->source);
  for (auto m = resp.members.rbegin(); m != resp.members.rend(); ++m) {
    auto member = std::make_unique<Job>();
    member->id = next_job_id_++;
    member->member_file = m->file;
    member->source = job->source + "!" + m->path;
    member->folders = MemberFolders(m->path);
    member->folders.insert(member->folders.end(), job->folders.begin(), job->folders.end());
    member->name = LastComponent(m->path);
    member->bundle_id = bundle->id;
    pending_.push_front(std::move(member));
  }
  // Copies of the bundle are unpacked in their own right once this one is
  // done: their members then resolve as duplicates.
  for (auto& f : job->followers) pending_.push_back(std::move(f));
  bundles_[bundle->id] = std::move(bundle);
  claimed_.erase(job->claimed.sha256);
  return Status::Ok();
}

// Finish: the job's outcome is durable; remove its input (or count down its
// bundle) and its staging leftovers.
Status Ingester::Finish(Job* job) {
  auto claim = claimed_.find(job->claimed.sha256);
  if (claim != claimed_.end() && claim->second == job) claimed_.erase(claim);
  if (job->has_claim) ::unlink(job->claimed.staging.c_str());  // gone already when filed
  if (!job->out_dir.empty()) {
    std::error_code ec;
    fs::remove_all(job->out_dir, ec);
  }
  bool kept = false;
  if (!job->input.empty() && !options_.keep) {
    DANGAN_RETURN_IF_ERROR(RemoveInput(job->input, job->claimed.input, &kept));
    if (kept)
      spdlog::warn("left in place source={} why=the file changed after it was taken; the new "
                   "version is taken by the next ingest", job->source);
  }
  Release(job->input, kept);
  if (options_.progress) options_.progress(summary_, total_inputs_);
  if (job->bundle_id == 0) return Status::Ok();
  auto it = bundles_.find(job->bundle_id);
  if (it == bundles_.end()) return Status::Internal("member of an unknown bundle");
  if (--it->second->pending > 0) return Status::Ok();
  return FinishBundle(it->second.get());
}

Status Ingester::FinishBundle(Bundle* bundle) {
  ::unlink(bundle->staging_copy.c_str());
  std::error_code ec;
  fs::remove_all(bundle->members_dir, ec);
  bool kept = false;
  if (!bundle->input.empty() && !options_.keep) {
    DANGAN_RETURN_IF_ERROR(RemoveInput(bundle->input, bundle->input_identity, &kept));
    if (kept) spdlog::warn("left in place source={} why=the bundle changed after it was taken", bundle->source);
  }
  Release(bundle->input, kept);
  spdlog::info("bundle done source={}", bundle->source);
  uint64_t parent = bundle->parent_bundle;
  bundles_.erase(bundle->id);
  if (parent == 0) return Status::Ok();
  auto it = bundles_.find(parent);
  if (it == bundles_.end() || --it->second->pending > 0) return Status::Ok();
  return FinishBundle(it->second.get());
}

}  // namespace dangan::ingest
