#include "ingest/change_apply.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "catalog/change_proposal.h"
#include "core/clock.h"
#include "core/crash_point.h"
#include "core/fs.h"
#include "ingest/refile.h"
#include "ingest/store.h"

namespace dangan::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json ParseObject(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

int64_t DocId(const catalog::Change& c) { return std::stoll(c.target); }

// In the caller's transaction: the change is approved and the log says so.
Status Approve(catalog::Catalog* catalog, const catalog::Change& c, const std::string& approver,
               const std::string& at) {
  DANGAN_RETURN_IF_ERROR(catalog->DecideChange(c.id, "approved", approver, at, std::nullopt));
  const bool doc = catalog::TargetsDocument(c);
  json detail = {{"change", c.id},
                 {"kind", c.kind},
                 {"reason", c.reason},
                 {"proposed_by", c.proposed_by},
                 {"before", ParseObject(c.before)},
                 {"after", ParseObject(c.after)}};
  if (!doc) detail["archive_no"] = c.target;
  auto row = catalog->AppendLog(approver, "change_approve", (doc ? "doc:" : "archive:") + c.target,
                                Dump(detail));
  return row.ok() ? Status::Ok() : row.status();
}

// Indexes again the documents a change sent back to `stored`.
Status Reindex(catalog::Catalog* catalog, catalog::DocumentSink* sink,
               const catalog::DocumentFilter& filter, std::optional<int64_t> doc_id) {
  if (sink == nullptr) return Status::Ok();
  std::vector<catalog::Document> docs;
  if (doc_id) {
    auto d = catalog->GetDocument(*doc_id);
    if (!d.ok()) return d.status();
    if (d->has_value() && (*d)->state == DocState::kStored) docs.push_back(**d);
  } else {
    DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
      docs.push_back(d);
      return true;
    }));
  }
  for (const catalog::Document& d : docs) {
    auto pages = catalog->GetPages(d.id);
    if (!pages.ok()) return pages.status();
    DANGAN_RETURN_IF_ERROR(sink->Add(d, *pages));
  }
  return sink->Flush();
}

Status ReindexArchive(catalog::Catalog* catalog, catalog::DocumentSink* sink,
                      const std::string& archive_no) {
  catalog::DocumentFilter filter;
  filter.archive_no = archive_no;
  filter.state = DocState::kStored;
  return Reindex(catalog, sink, filter, std::nullopt);
}

// Steps 2 and 3 of a renumber (see the header); c is in state `applying`.
Status FinishRenumber(const Home& home, catalog::Catalog* catalog, const catalog::Change& c) {
  const std::string old_no = c.target;
  const std::string new_no = ParseObject(c.after).value("archive_no", "");
  if (!catalog::IsSafeArchiveFolder(old_no) || !catalog::IsSafeArchiveFolder(new_no))
    return Status::Internal("change " + std::to_string(c.id) + ": bad archive numbers");
  const fs::path old_dir = home.ArchiveDir(old_no);
  const fs::path new_dir = home.ArchiveDir(new_no);
  std::error_code ec;
  const bool old_there = fs::exists(old_dir, ec);
  const bool new_there = fs::exists(new_dir, ec);
  if (old_there && new_there)
    return Status::Internal("renumber " + old_no + " -> " + new_no + " (change " +
                            std::to_string(c.id) + "): both store/" + old_no + " and store/" +
                            new_no + " exist");
  if (old_there) {
    if (::rename(old_dir.c_str(), new_dir.c_str()) != 0)
      return Status::IoError(old_dir.string() + " -> " + new_dir.string(), errno);
    DANGAN_RETURN_IF_ERROR(FsyncDir(home.store()));
  }
  CrashPoint("renumber.after_rename");
  const std::string at = c.decided_at.value_or(NowIso8601Utc());
  const std::string approver = c.decided_by.value_or("?");
  DANGAN_RETURN_IF_ERROR(catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog->RenumberArchive(old_no, new_no, c.id, at, c.reason));
    DANGAN_RETURN_IF_ERROR(catalog->MarkArchiveForReindex(new_no));
    return Approve(catalog, c, approver, at);
  }));
  CrashPoint("renumber.after_commit");
  spdlog::info("renumbered archive={} to={} change={}", old_no, new_no, c.id);
  return Status::Ok();
}

Status ApplyRenumber(const Home& home, catalog::Catalog* catalog, catalog::DocumentSink* sink,
                     catalog::Change c, const std::string& approver) {
  const std::string new_no = ParseObject(c.after).value("archive_no", "");
  std::error_code ec;
  if (fs::exists(home.ArchiveDir(new_no), ec))
    return Status::BadData("store/" + new_no + " already exists; a renumber never merges folders");
  c.decided_by = approver;
  c.decided_at = NowIso8601Utc();
  DANGAN_RETURN_IF_ERROR(
      catalog->DecideChange(c.id, "applying", approver, *c.decided_at, std::nullopt));
  CrashPoint("renumber.after_intent");
  DANGAN_RETURN_IF_ERROR(FinishRenumber(home, catalog, c));
  return ReindexArchive(catalog, sink, new_no);
}

}  // namespace

Status ApplyChange(const Home& home, catalog::Catalog* catalog, catalog::DocumentSink* sink,
                   const catalog::Change& c, const std::string& approver) {
  const json after = ParseObject(c.after);
  const std::string at = NowIso8601Utc();
  if (c.kind == "renumber") return ApplyRenumber(home, catalog, sink, c, approver);
  if (c.kind == "refile") {
    auto doc = catalog->GetDocument(DocId(c));
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return Status::NotFound("no document " + c.target);
    Store store(home);
    return RefileDocument(&store, catalog, sink, **doc, after.value("archive_no", ""),
                          [&] { return Approve(catalog, c, approver, at); });
  }
  if (c.kind == "client") {
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [key, v] : after.items()) values.emplace_back(key, v.get<std::string>());
    DANGAN_RETURN_IF_ERROR(catalog->Transaction([&] {
      DANGAN_RETURN_IF_ERROR(catalog->SetClientColumns(c.target, values));
      // The client's name is in every document's index entry (facet, value 5).
      if (after.contains("name")) DANGAN_RETURN_IF_ERROR(catalog->MarkArchiveForReindex(c.target));
      return Approve(catalog, c, approver, at);
    }));
    return ReindexArchive(catalog, sink, c.target);
  }
  if (c.kind == "level" || c.kind == "fields") {
    const bool doc = catalog::TargetsDocument(c);
    DANGAN_RETURN_IF_ERROR(catalog->Transaction([&] {
      if (c.kind == "fields") {
        std::vector<std::pair<std::string, std::optional<std::string>>> values;
        for (const auto& [key, v] : after.items())
          values.emplace_back(key, v.is_string() ? std::optional<std::string>(v.get<std::string>())
                                                 : std::nullopt);
        DANGAN_RETURN_IF_ERROR(catalog->SetDocumentColumns(DocId(c), values));
      } else {
        auto level = ParseLevel(after.value("level", ""));
        if (!level) return Status::BadData("change " + std::to_string(c.id) + ": bad level");
        DANGAN_RETURN_IF_ERROR(doc ? catalog->SetDocumentLevel(DocId(c), *level)
                                   : catalog->SetClientLevel(c.target, *level));
      }
      // XL (level) and the field terms are in the index entries.
      DANGAN_RETURN_IF_ERROR(doc ? catalog->MarkDocumentForReindex(DocId(c))
                                 : catalog->MarkArchiveForReindex(c.target));
      return Approve(catalog, c, approver, at);
    }));
    if (doc) return Reindex(catalog, sink, {}, DocId(c));
    return ReindexArchive(catalog, sink, c.target);
  }
  return Status::BadData("change " + std::to_string(c.id) + ": unknown kind " + c.kind);
}

Result<int> FinishInterruptedChanges(const Home& home, catalog::Catalog* catalog) {
  catalog::ChangeFilter applying;
  applying.state = "applying";
  auto changes = catalog->ListChanges(applying);
  if (!changes.ok()) return changes.status();
  for (const catalog::Change& c : *changes) {
    if (c.kind != "renumber")
      return Status::Internal("change " + std::to_string(c.id) + " (" + c.kind +
                              ") is left applying; only a renumber can be");
    spdlog::warn("reconcile finishing interrupted renumber change={} archive={}", c.id, c.target);
    DANGAN_RETURN_IF_ERROR(FinishRenumber(home, catalog, c));
  }
  return static_cast<int>(changes->size());
}

}  // namespace dangan::ingest
