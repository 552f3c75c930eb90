// `dangan list [--archive NO] [--state S]`: documents (JSON Lines with --json).
#include "app/commands.h"
#include "app/document_json.h"
#include "core/archive_no.h"

namespace dangan::app {
namespace {

struct ListArgs {
  std::string archive;
  std::string state;
};

Status RunList(CommandState* st, const ListArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kList, {}});
  if (!h.ok()) return h.status();
  catalog::DocumentFilter filter;
  filter.max_level = h->user.clearance;  // RECORDS §2
  if (!args.archive.empty()) filter.archive_no = NormaliseArchiveNoBasic(args.archive);
  if (!args.state.empty()) {
    filter.state = ParseDocState(args.state);
    if (!filter.state) return Status::InvalidArgument("--state must be stored, needs_ocr or indexed");
  }
  return h->catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    if (st->ctx.json) {
      PrintJsonLine(DocumentJson(d));
    } else {
      Print(DocumentLine(d));
    }
    return true;
  });
}

}  // namespace

void RegisterList(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<ListArgs>();
  auto* cmd = app.add_subcommand("list", "documents (JSON Lines with --json)");
  cmd->add_option("--archive", args->archive, "only this archive");
  cmd->add_option("--state", args->state, "only this state");
  cmd->callback([st, args] { st->run = [st, args] { return RunList(st, *args); }; });
}

}  // namespace dangan::app
