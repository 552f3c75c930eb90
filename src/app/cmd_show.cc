// `dangan show DOC_ID`: one document with its fields, routing and sources.
#include "app/commands.h"
#include "app/document_json.h"

namespace dangan::app {
namespace {

Status RunShow(CommandState* st, int64_t id) {
  auto h = Open(st->ctx, false, "");
  if (!h.ok()) return h.status();
  auto doc = h->catalog->GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(id));
  if (st->ctx.json) {
    PrintJson(DocumentJson(**doc));
  } else {
    Print(DocumentText(**doc));
  }
  return Status::Ok();
}

}  // namespace

void RegisterShow(CLI::App& app, CommandState* st) {
  auto id = std::make_shared<int64_t>(0);
  auto* cmd = app.add_subcommand("show", "one document: fields, routing, sources, stored path");
  cmd->add_option("DOC_ID", *id, "document id")->required();
  cmd->callback([st, id] { st->run = [st, id] { return RunShow(st, *id); }; });
}

}  // namespace dangan::app
