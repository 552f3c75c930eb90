// `dangan show DOC_ID [--text]`: one document with its fields, routing and
// sources; --text prints its text page by page instead.
#include <fmt/format.h>

#include "app/change_json.h"
#include "app/commands.h"
#include "app/document_json.h"
#include "app/document_target.h"

namespace dangan::app {
namespace {

Status PrintText(CommandState* st, catalog::Catalog* catalog, int64_t id) {
  auto pages = catalog->GetPages(id);
  if (!pages.ok()) return pages.status();
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const catalog::Page& p : *pages)
      arr.push_back({{"page_no", p.page_no},
                     {"text", p.text},
                     {"text_source", ToString(p.text_source)},
                     {"confidence", p.confidence < 0 ? nlohmann::json(nullptr) : nlohmann::json(p.confidence)}});
    PrintJson({{"id", id}, {"pages", arr}});
    return Status::Ok();
  }
  for (const catalog::Page& p : *pages) {
    std::string conf = p.confidence < 0 ? "" : fmt::format(", confidence {:.0f}", p.confidence);
    Print(fmt::format("--- page {} ({}{})\n{}\n", p.page_no, ToString(p.text_source), conf, p.text));
  }
  return Status::Ok();
}

Status RunShow(CommandState* st, int64_t id, bool text) {
  Gate gate{text ? authz::Action::kShowText : authz::Action::kShow,
            [id](catalog::Catalog& c) { return DocumentTarget(c, id); }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto doc = h->catalog->GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(id));
  if (text) {
    // RECORDS §2: every opening is registered in the log.
    nlohmann::json detail = {{"level", ToString((*doc)->level)}};
    if ((*doc)->archive_no) detail["archive_no"] = *(*doc)->archive_no;
    if (h->grant) detail["request"] = *h->grant;  // the grant it opened under
    DANGAN_RETURN_IF_ERROR(
        LogAccess(h->catalog.get(), h->user.name, "open", "doc:" + std::to_string(id), detail));
    return PrintText(st, h->catalog.get(), id);
  }
  // RECORDS §5: show lists the document's change requests.
  catalog::ChangeFilter mine;
  mine.target = std::to_string(id);
  auto changes = h->catalog->ListChanges(mine);
  if (!changes.ok()) return changes.status();
  if (st->ctx.json) {
    nlohmann::json j = DocumentJson(**doc);
    j["changes"] = nlohmann::json::array();
    for (const auto& c : *changes) j["changes"].push_back(ChangeJson(c));
    PrintJson(j);
  } else {
    std::string text = DocumentText(**doc);
    if (!changes->empty()) text += "changes 变更:\n";
    for (const auto& c : *changes) text += ChangeText(c);
    Print(text);
  }
  return Status::Ok();
}

}  // namespace

void RegisterShow(CLI::App& app, CommandState* st) {
  auto id = std::make_shared<int64_t>(0);
  auto text = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("show", "one document: fields, routing, sources, stored path");
  cmd->add_option("DOC_ID", *id, "document id")->required();
  cmd->add_flag("--text", *text, "print the document's text, page by page");
  cmd->callback([st, id, text] { st->run = [st, id, text] { return RunShow(st, *id, *text); }; });
}

}  // namespace dangan::app
