// `dangan unfiled` and `dangan file DOC_ID ARCHIVE_NO`: documents with no
// archive yet, and filing one by hand.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/commands.h"
#include "app/document_json.h"
#include "app/writer_session.h"
#include "core/archive_no.h"
#include "ingest/refile.h"
#include "ingest/store.h"

namespace dangan::app {
namespace {

Status RunUnfiled(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kUnfiled, {}});
  if (!h.ok()) return h.status();
  nlohmann::json docs = nlohmann::json::array();
  std::string text;
  catalog::DocumentFilter filter;
  filter.unfiled_only = true;
  filter.max_level = h->user.clearance;  // RECORDS §2
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

// RunFile: file a document by hand (RECORDS §5: an archivist's act, logged
// in the same transaction; the durable steps are ingest::RefileDocument's).
Status RunFile(CommandState* st, int64_t id, const std::string& raw_archive) {
  // The target is the higher of the document's level and its new archive's:
  // filing it there must not move it out of the archivist's own sight.
  const std::string wanted = NormaliseArchiveNoBasic(raw_archive);
  Gate gate{authz::Action::kFile, [id, wanted](catalog::Catalog& c) -> Result<authz::Target> {
              auto level = c.DocumentLevel(id);
              if (!level.ok()) return level.status();
              auto archive_level = c.ArchiveLevel(wanted);
              if (!archive_level.ok()) return archive_level.status();
              return authz::Target{std::max(*level, archive_level->value_or(Level::kPublic)),
                                   wanted, id};
            }};
  auto session = OpenWriterSession(st->ctx, "file", gate);
  if (!session.ok()) return session.status();
  WriterSession& s = **session;
  auto rule = ArchiveNumberRule::Create(s.h.config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  std::string archive = NormaliseArchiveNoBasic(raw_archive);
  if (!rule->Matches(archive) || !ingest::IsSafeFolderName(archive))
    return Status::InvalidArgument(raw_archive + " is not an archive number");
  auto client = s.h.catalog->GetClient(archive);
  if (!client.ok()) return client.status();
  if (!client->has_value()) return Status::NotFound("no client with archive number " + archive);
  auto doc = s.h.catalog->GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(id));
  if ((*doc)->archive_no && *(*doc)->archive_no != archive)
    return Status::InvalidArgument(fmt::format(
        "document {} is filed under {}; moving a filed document is a change (RECORDS §5): "
        "dangan change propose refile {} {} --reason TEXT",
        id, *(*doc)->archive_no, id, archive));
  ingest::Store store(s.h.home);
  const catalog::Document& before = **doc;
  DANGAN_RETURN_IF_ERROR(ingest::RefileDocument(&store, s.h.catalog.get(), s.sink.get(), before, archive, [&] {
    return LogAccess(s.h.catalog.get(), s.h.user.name, "file", "doc:" + std::to_string(id),
                     {{"archive_no", archive},
                      {"from", before.archive_no ? nlohmann::json(*before.archive_no) : nullptr}});
  }));
  auto updated = s.h.catalog->GetDocument(id);
  if (!updated.ok()) return updated.status();
  spdlog::info("filed doc={} archive={}", id, archive);
  if (st->ctx.json) {
    PrintJson(DocumentJson(**updated));
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
