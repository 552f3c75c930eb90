#include "indexer/reindex.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <map>
#include <random>

#include "core/clock.h"
#include "core/crash_point.h"
#include "core/fs.h"
#include "indexer/index_writer.h"
#include "indexer/xapian_status.h"

namespace dangan::indexer {
namespace {

namespace fs = std::filesystem;

// Catalog meta keys. phase: "build" while HOME/index.new is being filled,
// "swap" once it is complete, "done" after the swap and the states.
constexpr const char* kMetaRun = "reindex.run";
constexpr const char* kMetaLastId = "reindex.last_id";
constexpr const char* kMetaPhase = "reindex.phase";
// Xapian metadata in the index a run builds: its run token, so that a
// restart can tell the new index from the old one.
constexpr const char* kIndexRunKey = "dangan.reindex_run";

struct RunState {
  std::string run;
  std::string phase;
  int64_t last_id = 0;
};

struct Paths {
  fs::path index, fresh, old;
};

Paths PathsOf(const fs::path& home) {
  return {home / "index", home / "index.new", home / "index.old"};
}

Status LoadRunState(catalog::Catalog* catalog, RunState* state) {
  DANGAN_ASSIGN_OR_RETURN(auto run, catalog->GetMeta(kMetaRun));
  DANGAN_ASSIGN_OR_RETURN(auto phase, catalog->GetMeta(kMetaPhase));
  DANGAN_ASSIGN_OR_RETURN(auto last, catalog->GetMeta(kMetaLastId));
  state->run = run.value_or("");
  state->phase = phase.value_or("");
  state->last_id = last ? std::strtoll(last->c_str(), nullptr, 10) : 0;
  return Status::Ok();
}

std::string NewRunToken() {
  std::random_device rd;
  return NowIso8601Utc() + "-" + std::to_string(getpid()) + "-" + std::to_string(rd());
}

// The run token of the index at dir; "" when there is none or it cannot be read.
std::string RunTokenOf(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return {};
  try {
    Xapian::Database db(dir.string());
    return db.get_metadata(kIndexRunKey);
  } catch (const Xapian::Error&) {
    return {};
  }
}

Status RemoveAll(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) return Status::IoError(dir.string(), ec.value());
  return Status::Ok();
}

Status Rename(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return Status::IoError(from.string(), errno);
  return Status::Ok();
}

// Puts index.new at HOME/index. With RENAME_EXCHANGE one atomic step; else
// index -> index.old, index.new -> index (a crash between the two leaves no
// HOME/index; FinishSwap run again completes it, phase "swap" says so).
Status MoveNewIndexIn(const Paths& p, bool atomic_exchange) {
  std::error_code ec;
  if (!fs::exists(p.index, ec)) return Rename(p.fresh, p.index);
  if (atomic_exchange &&
      ::renameat2(AT_FDCWD, p.fresh.c_str(), AT_FDCWD, p.index.c_str(), RENAME_EXCHANGE) == 0)
    return Status::Ok();
  if (atomic_exchange && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return Status::IoError(p.index.string(), errno);
  DANGAN_RETURN_IF_ERROR(RemoveAll(p.old));
  DANGAN_RETURN_IF_ERROR(Rename(p.index, p.old));
  CrashPoint("reindex.between_renames");
  return Rename(p.fresh, p.index);
}

// FinishSwap: put the index of run `run` at HOME/index; idempotent.
// Before: phase "swap" in the catalog; the run's index at index.new (or
// already at index, when a previous attempt got that far).
//   1. move index.new in (MoveNewIndexIn)   2. fsync HOME
//   3. remove what is left: the old index (index.new or index.old)
// Crash before 2: the rename may be lost; the restart redoes 1.
// Crash after 2: HOME/index holds the run token; the restart only cleans up.
Status FinishSwap(const fs::path& home, const std::string& run, bool atomic_exchange) {
  Paths p = PathsOf(home);
  if (RunTokenOf(p.index) != run) {
    if (RunTokenOf(p.fresh) != run)
      return Status::Internal("reindex: the new index of run " + run + " is missing from " +
                              p.fresh.string() + "; run reindex again");
    DANGAN_RETURN_IF_ERROR(MoveNewIndexIn(p, atomic_exchange));
    DANGAN_RETURN_IF_ERROR(FsyncDir(home));
  }
  CrashPoint("reindex.after_swap");
  DANGAN_RETURN_IF_ERROR(RemoveAll(p.fresh));
  return RemoveAll(p.old);
}

// Every document still `stored` is in the new index now: mark it indexed
// (DESIGN §4.7); needs_ocr documents are not in the index until their text
// arrives (DESIGN §5). One transaction with the phase change.
Status MarkIndexedAndFinish(catalog::Catalog* catalog) {
  std::vector<int64_t> ids;
  catalog::DocumentFilter filter;
  filter.state = DocState::kStored;
  DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    ids.push_back(d.id);
    return true;
  }));
  return catalog->Transaction([&] {
    for (int64_t id : ids) DANGAN_RETURN_IF_ERROR(catalog->SetState(id, DocState::kIndexed));
    return catalog->SetMeta(kMetaPhase, "done");
  });
}

Status StartFreshRun(catalog::Catalog* catalog, const fs::path& fresh, RunState* state) {
  DANGAN_RETURN_IF_ERROR(RemoveAll(fresh));
  state->run = NewRunToken();
  state->phase = "build";
  state->last_id = 0;
  return catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog->SetMeta(kMetaRun, state->run));
    DANGAN_RETURN_IF_ERROR(catalog->SetMeta(kMetaLastId, "0"));
    return catalog->SetMeta(kMetaPhase, "build");
  });
}

Result<std::map<std::string, std::string>> ClientNames(catalog::Catalog* catalog) {
  DANGAN_ASSIGN_OR_RETURN(auto clients, catalog->ListClients());
  std::map<std::string, std::string> names;
  for (const catalog::Client& c : clients) names[c.archive_no] = c.name;
  return names;
}

// The next batch of documents after the last one indexed, in id order.
Result<std::vector<catalog::Document>> NextBatch(catalog::Catalog* catalog, const RunState& state,
                                                 size_t batch_size) {
  std::vector<catalog::Document> batch;
  DANGAN_RETURN_IF_ERROR(
      catalog->ForEachDocument({}, state.last_id, [&](const catalog::Document& d) {
        batch.push_back(d);
        return batch.size() < batch_size;
      }));
  return batch;
}

// BuildNewIndex: fill index.new from the catalog, batch by batch.
// Each batch: 1. replace its documents   2. commit index.new
//   3. meta reindex.last_id = its last id
// Crash between 2 and 3: the restart replaces that batch again (by Q<id>,
// idempotent). Returns false in *complete when progress asked to stop.
Result<int64_t> BuildNewIndex(catalog::Catalog* catalog, const fs::path& fresh,
                              const TextFolder* folder, const ReindexOptions& options,
                              RunState* state, bool* complete) {
  DANGAN_ASSIGN_OR_RETURN(auto writer, IndexWriter::Open(fresh, folder));
  if (state->last_id == 0) {
    DANGAN_RETURN_IF_ERROR(writer->SetMetadata(kIndexRunKey, state->run));
    DANGAN_RETURN_IF_ERROR(writer->Commit().status());
  }
  DANGAN_ASSIGN_OR_RETURN(auto names, ClientNames(catalog));
  DANGAN_ASSIGN_OR_RETURN(catalog::Stats stats, catalog->GetStats());
  DANGAN_ASSIGN_OR_RETURN(uint64_t done, writer->DocCount());
  const size_t batch_size = static_cast<size_t>(std::max(1, options.batch_size));
  while (true) {
    DANGAN_ASSIGN_OR_RETURN(auto batch, NextBatch(catalog, *state, batch_size));
    if (batch.empty()) break;
    for (const catalog::Document& doc : batch) {
      // needs_ocr documents wait for their text: the index holds exactly the
      // documents the catalog calls indexed (DESIGN §4 invariants).
      if (doc.state == DocState::kNeedsOcr) continue;
      DANGAN_ASSIGN_OR_RETURN(auto pages, catalog->GetPages(doc.id));
      auto name = doc.archive_no ? names.find(*doc.archive_no) : names.end();
      DANGAN_RETURN_IF_ERROR(writer->Replace(doc, pages, name == names.end() ? "" : name->second));
    }
    DANGAN_RETURN_IF_ERROR(writer->Commit().status());
    CrashPoint("reindex.after_batch_commit");
    state->last_id = batch.back().id;
    DANGAN_RETURN_IF_ERROR(catalog->SetMeta(kMetaLastId, std::to_string(state->last_id)));
    DANGAN_ASSIGN_OR_RETURN(done, writer->DocCount());
    if (options.progress && !options.progress(static_cast<int64_t>(done), stats.documents)) {
      *complete = false;
      return static_cast<int64_t>(done);
    }
  }
  return static_cast<int64_t>(done);
}

}  // namespace

Result<ReindexStats> Reindex(catalog::Catalog* catalog, const fs::path& home,
                             const TextFolder* folder, int batch_size,
                             const std::function<void(int64_t, int64_t)>& progress) {
  ReindexOptions options;
  options.batch_size = batch_size;
  if (progress) {
    options.progress = [&progress](int64_t done, int64_t total) {
      progress(done, total);
      return true;
    };
  }
  return Reindex(catalog, home, folder, options);
}

// Reindex: build (or resume) index.new, then swap it in and mark states.
// phase "build" -> (index.new complete) "swap" -> (FinishSwap, states) "done".
// Crash in "build": the next run resumes after reindex.last_id. Crash in
// "swap": the next run (or FinishInterruptedReindexSwap) finishes the swap.
Result<ReindexStats> Reindex(catalog::Catalog* catalog, const fs::path& home,
                             const TextFolder* folder, const ReindexOptions& options) {
  const double start = MonotonicSeconds();
  ReindexStats stats;
  Paths p = PathsOf(home);
  RunState state;
  DANGAN_RETURN_IF_ERROR(LoadRunState(catalog, &state));
  if (state.phase == "swap" && RunTokenOf(p.index) != state.run && RunTokenOf(p.fresh) != state.run)
    state.phase.clear();  // the new index was lost (removed by hand): build again
  if (state.phase != "swap") {
    bool resume = state.phase == "build" && !state.run.empty() && RunTokenOf(p.fresh) == state.run;
    if (resume) {
      stats.resumed_after = state.last_id;
    } else {
      DANGAN_RETURN_IF_ERROR(StartFreshRun(catalog, p.fresh, &state));
    }
    DANGAN_ASSIGN_OR_RETURN(
        stats.documents, BuildNewIndex(catalog, p.fresh, folder, options, &state, &stats.complete));
    if (!stats.complete) {
      stats.seconds = MonotonicSeconds() - start;
      return stats;
    }
    CrashPoint("reindex.before_swap_phase");
    DANGAN_RETURN_IF_ERROR(catalog->SetMeta(kMetaPhase, "swap"));
  } else {
    stats.resumed_after = state.last_id;
  }
  DANGAN_RETURN_IF_ERROR(FinishSwap(home, state.run, options.atomic_exchange));
  DANGAN_RETURN_IF_ERROR(MarkIndexedAndFinish(catalog));
  if (stats.documents == 0) {
    try {
      stats.documents = static_cast<int64_t>(Xapian::Database(p.index.string()).get_doccount());
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "open index " + p.index.string());
    }
  }
  stats.seconds = MonotonicSeconds() - start;
  return stats;
}

Status FinishInterruptedReindexSwap(catalog::Catalog* catalog, const fs::path& home) {
  RunState state;
  DANGAN_RETURN_IF_ERROR(LoadRunState(catalog, &state));
  if (state.phase != "swap") return Status::Ok();
  DANGAN_RETURN_IF_ERROR(FinishSwap(home, state.run, /*atomic_exchange=*/true));
  return MarkIndexedAndFinish(catalog);
}

}  // namespace dangan::indexer
