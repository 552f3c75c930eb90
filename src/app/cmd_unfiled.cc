// `dangan unfiled` and `dangan file DOC_ID ARCHIVE_NO`: documents with no
// archive yet, and filing one by hand.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "app/writer_session.h"
#include "core/archive_no.h"
#include "ingest/store.h"

namespace dangan::app {
namespace {

Status RunUnfiled(CommandState* st) {
  auto h = Open(st->ctx, false, "");
  if (!h.ok()) return h.status();
  nlohmann::json docs = nlohmann::json::array();
  std::string text;
  catalog::DocumentFilter filter;
  filter.unfiled_only = true;
  DANGAN_RETURN_IF_ERROR(h->catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    docs.push_back(DocumentJson(d));
    text += DocumentLine(d);
    for (const auto& c : d.candidates)
      text += fmt::format("          candidate {} [{}] {}\n", c.archive_no.empty() ? "-" : c.archive_no,
                          c.rule, c.why);
    return true;
  }));
  if (st->ctx.json) {
    PrintJson({{"documents", docs}});
  } else {
    Print(docs.empty() ? "no unfiled documents\n" : text);
  }
  return Status::Ok();
}

// File: move the original to store/ARCHIVE_NO, record routed_by=manual, and
// index the document again with its new archive.
Status RunFile(CommandState* st, int64_t id, const std::string& raw_archive) {
  auto session = OpenWriterSession(st->ctx, "file");
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto rule = ArchiveNumberRule::Create(s.h.config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  std::string archive = NormaliseArchiveNoBasic(raw_archive);
  if (!rule->Matches(archive)) return Status::InvalidArgument(raw_archive + " is not an archive number");
  auto client = s.h.catalog->GetClient(archive);
  if (!client.ok()) return client.status();
  if (!client->has_value()) return Status::NotFound("no client with archive number " + archive);
  auto doc = s.h.catalog->GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(id));
  ingest::Store store(s.h.home);
  auto moved = store.Refile((*doc)->stored_path, archive);
  if (!moved.ok()) return moved.status();
  DANGAN_RETURN_IF_ERROR(s.h.catalog->Begin());
  Status w = s.h.catalog->SetFiling(id, archive, RoutedBy::kManual, *moved);
  if (w.ok()) w = s.h.catalog->SetState(id, DocState::kStored);
  if (w.ok()) w = s.h.catalog->LogEvent("filed", id, archive);
  if (w.ok()) w = s.h.catalog->Commit();
  if (!w.ok()) {
    s.h.catalog->Rollback();
    return w;
  }
  auto updated = s.h.catalog->GetDocument(id);
  if (!updated.ok()) return updated.status();
  auto pages = s.h.catalog->GetPages(id);
  if (!pages.ok()) return pages.status();
  if ((*doc)->state != DocState::kNeedsOcr) {
    DANGAN_RETURN_IF_ERROR(s.sink->Add(**updated, *pages));
    DANGAN_RETURN_IF_ERROR(s.sink->Flush());
  } else {
    DANGAN_RETURN_IF_ERROR(s.h.catalog->SetState(id, DocState::kNeedsOcr));
  }
  spdlog::info("filed doc={} archive={}", id, archive);
  auto final_doc = s.h.catalog->GetDocument(id);
  if (!final_doc.ok()) return final_doc.status();
  if (st->ctx.json) {
    PrintJson(DocumentJson(**final_doc));
  } else {
    Print(fmt::format("filed document {} under {} ({})\n", id, archive, (*client)->name));
  }
  return Status::Ok();
}

}  // namespace

void RegisterUnfiled(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("unfiled", "documents whose archive is not known");
  cmd->callback([st] { st->run = [st] { return RunUnfiled(st); }; });
  auto id = std::make_shared<int64_t>(0);
  auto archive = std::make_shared<std::string>();
  auto* file = app.add_subcommand("file", "file a document under an archive by hand");
  file->add_option("DOC_ID", *id, "document id")->required();
  file->add_option("ARCHIVE_NO", *archive, "archive number")->required();
  file->callback([st, id, archive] { st->run = [st, id, archive] { return RunFile(st, *id, *archive); }; });
}

}  // namespace dangan::app
