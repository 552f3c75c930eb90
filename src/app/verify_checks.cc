#include "app/verify_checks.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/hash.h"
#include "core/writer_lock.h"
#include "search/index_stats.h"

namespace dangan::app {
namespace {

namespace fs = std::filesystem;

// Destroyed documents (RECORDS §6) have no row; one whose original or index
// entry a crash left (its tombstone not yet clean) is reported as such: the
// next writing command finishes it (app/destruction_execute.h).
struct Unfinished {
  std::map<std::string, int64_t> sha_to_doc;
  std::set<int64_t> ids;
};

Result<Unfinished> UnfinishedDestructions(catalog::Catalog* catalog) {
  DANGAN_ASSIGN_OR_RETURN(auto tombstones, catalog->UncleanedTombstones());
  Unfinished u;
  for (const auto& t : tombstones) {
    u.sha_to_doc[t.sha256] = t.doc_id;
    u.ids.insert(t.doc_id);
  }
  return u;
}

Status CheckStore(const Home& home, catalog::Catalog* catalog, const Unfinished& unfinished,
                  std::vector<VerifyProblem>* out, std::set<int64_t>* indexed_ids) {
  std::set<std::string> listed;
  DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument({}, 0, [&](const catalog::Document& d) {
    if (d.state == DocState::kIndexed) indexed_ids->insert(d.id);
    fs::path file = home.root() / d.stored_path;
    listed.insert(file.lexically_normal().string());
    std::string want_dir = d.archive_no.value_or(Home::kUnfiledDir);
    if (file.parent_path().filename() != want_dir)
      out->push_back({"misplaced", fmt::format("document {}: {} is not under store/{}", d.id,
                                               d.stored_path, want_dir)});
    auto sha = Sha256File(file);
    if (!sha.ok()) {
      out->push_back({"missing_file", fmt::format("document {}: {}", d.id, sha.status().message())});
    } else if (*sha != d.sha256) {
      out->push_back({"fixity", fmt::format("document {}: {} hashes to {}, catalog says {}", d.id,
                                            d.stored_path, *sha, d.sha256)});
    }
    return true;
  }));
  std::error_code ec;
  if (!fs::exists(home.store(), ec)) return Status::Ok();
  for (auto it = fs::recursive_directory_iterator(home.store(), ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory()) {
      if (it->path() == home.staging()) it.disable_recursion_pending();
      continue;
    }
    if (listed.count(it->path().lexically_normal().string())) continue;
    auto destroyed = unfinished.sha_to_doc.find(it->path().stem().string());
    if (destroyed != unfinished.sha_to_doc.end()) {
      out->push_back({"destruction_unfinished",
                      fmt::format("{} is the original of destroyed document {}; the next writing "
                                  "command removes it", home.Relative(it->path()), destroyed->second)});
    } else {
      out->push_back({"orphan_file", home.Relative(it->path()) + " has no catalog row"});
    }
  }
  return Status::Ok();
}

void CheckStaging(const Home& home, std::vector<VerifyProblem>* out) {
  // A running writer has files in flight: only judge staging when no one writes.
  auto lock = WriterLock::Acquire(home.lock(), "verify");
  if (!lock.ok() || WatchLock::Held(home.watch_lock())) return;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(home.staging(), ec))
    out->push_back({"staging_leftover", home.Relative(e.path()) + " left in staging"});
}

Status CheckQuarantine(const Home& home, catalog::Catalog* catalog, std::vector<VerifyProblem>* out) {
  auto items = catalog->ListQuarantine(false);
  if (!items.ok()) return items.status();
  std::error_code ec;
  for (const auto& q : *items) {
    fs::path dir = home.quarantine() / std::to_string(q.id);
    if (!fs::exists(dir / q.file_name, ec) || !fs::exists(dir / "reason.json", ec)) {
      out->push_back({"quarantine_missing", fmt::format("item {}: quarantine/{}/ lacks its file or "
                                                        "reason.json", q.id, q.id)});
      continue;
    }
    // A quarantined link is kept as a link and named by its target: never
    // followed, here neither.
    const fs::path kept = dir / q.file_name;
    Result<std::string> sha = std::string();
    if (fs::is_symlink(kept, ec))
      sha = Sha256Hex(fs::read_symlink(kept, ec).string());
    else if (fs::is_regular_file(kept, ec))
      sha = Sha256File(kept);
    if (!sha.ok()) return sha.status();
    if (!sha->empty() && !q.sha256.empty() && *sha != q.sha256)
      out->push_back({"quarantine_altered",
                      fmt::format("item {}: quarantine/{}/{} has SHA-256 {}, expected {}", q.id,
                                  q.id, q.file_name, *sha, q.sha256)});
  }
  return Status::Ok();
}

void CheckIndex(const std::vector<int64_t>& in_index, const std::set<int64_t>& indexed,
                const Unfinished& unfinished, std::vector<VerifyProblem>* out) {
  std::map<int64_t, int> count;
  for (int64_t id : in_index) ++count[id];
  for (const auto& [id, n] : count) {
    if (n > 1) out->push_back({"index_duplicate", fmt::format("document {} is in the index {} times", id, n), id});
    if (unfinished.ids.count(id))
      out->push_back({"destruction_unfinished", fmt::format("destroyed document {} is still in the "
                                                            "index; the next writing command removes it", id), id});
    else if (!indexed.count(id))
      out->push_back({"index_extra", fmt::format("document {} is in the index but not indexed in the catalog", id), id});
  }
  for (int64_t id : indexed)
    if (!count.count(id)) out->push_back({"not_indexed", fmt::format("document {} is missing from the index", id), id});
}

}  // namespace

bool WriterActive(const Home& home) {
  // A watch between its turns with dangan.lock still has files in flight.
  if (WatchLock::Held(home.watch_lock())) return true;
  auto probe = WriterLock::Acquire(home.lock(), "verify");
  return !probe.ok() && probe.status().code() == StatusCode::kBusy;
}

Status CheckContents(const Home& home, catalog::Catalog* catalog, bool writer_active,
                     bool holds_lock, std::vector<VerifyProblem>* out) {
  std::set<int64_t> indexed;
  DANGAN_ASSIGN_OR_RETURN(auto unfinished, UnfinishedDestructions(catalog));
  DANGAN_RETURN_IF_ERROR(CheckStore(home, catalog, unfinished, out, &indexed));
  if (writer_active) {
    std::erase_if(*out, [](const VerifyProblem& p) { return p.kind == "orphan_file"; });
  } else if (!holds_lock) {
    CheckStaging(home, out);
  }
  DANGAN_RETURN_IF_ERROR(CheckQuarantine(home, catalog, out));
  std::vector<int64_t> in_index;
  auto index = search::ReadIndexStats(home.index());
  if (index.ok()) {
    in_index = std::move(index->ids);
  } else if (index.status().code() != StatusCode::kNotFound) {
    return index.status();
  }
  CheckIndex(in_index, indexed, unfinished, out);
  return Status::Ok();
}

Status CheckLogChain(catalog::Catalog* catalog, std::vector<VerifyProblem>* out) {
  auto broken = catalog->VerifyLog();
  if (!broken.ok()) return broken.status();
  if (broken->has_value())
    out->push_back({"log_chain", fmt::format("access log row {}: {}", (*broken)->seq, (*broken)->why)});
  return Status::Ok();
}

}  // namespace dangan::app
