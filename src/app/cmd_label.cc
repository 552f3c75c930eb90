// `dangan label ARCHIVE_NO [--out FILE]`: a cover sheet PDF with the archive
// number as a QR code, for archivists to put on top of a stack before scanning.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/cover_sheet.h"
#include "core/archive_no.h"
#include "core/clock.h"

namespace dangan::app {
namespace {

struct LabelArgs {
  std::string archive;
  std::string out;
};

Status RunLabel(CommandState* st, const LabelArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kLabel, {}});
  if (!h.ok()) return h.status();
  auto rule = ArchiveNumberRule::Create(h->config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  std::string archive = NormaliseArchiveNoBasic(args.archive);
  if (!rule->Matches(archive)) return Status::InvalidArgument(args.archive + " is not an archive number");
  auto client = h->catalog->GetClient(archive);
  if (!client.ok()) return client.status();
  if (!client->has_value())
    return Status::NotFound("no client with archive number " + archive + " (import it first)");
  std::string out = args.out.empty() ? "cover-" + archive + ".pdf" : args.out;
  CoverSheet sheet{archive, (*client)->name, NowIso8601Utc().substr(0, 10)};
  DANGAN_RETURN_IF_ERROR(WriteCoverSheetPdf(sheet, out));
  if (st->ctx.json) {
    PrintJson({{"archive_no", archive}, {"file", out}});
  } else {
    Print(fmt::format("cover sheet for {} ({}) written to {}\n", archive, (*client)->name, out));
  }
  return Status::Ok();
}

}  // namespace

void RegisterLabel(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<LabelArgs>();
  auto* cmd = app.add_subcommand("label", "print a cover sheet PDF with the archive number as a QR code");
  cmd->add_option("ARCHIVE_NO", args->archive, "archive number")->required();
  cmd->add_option("--out", args->out, "the PDF to write (default: cover-ARCHIVE_NO.pdf)");
  cmd->callback([st, args] { st->run = [st, args] { return RunLabel(st, *args); }; });
}

}  // namespace dangan::app
