// `dangan clients import FILE | list | show ARCHIVE_NO` (DESIGN §3).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "catalog/client_import.h"
#include "core/archive_no.h"

namespace dangan::app {
namespace {

Status RunImport(CommandState* st, const std::string& file) {
  auto h = Open(st->ctx, /*writer=*/true, "clients import", {authz::Action::kClientsImport, {}});
  if (!h.ok()) return h.status();
  auto rule = ArchiveNumberRule::Create(h->config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  auto csv = ReadCsvFile(file);
  if (!csv.ok()) return csv.status();
  auto result = catalog::ImportClients(h->catalog.get(), *csv, *rule);
  if (!result.ok()) return Status::InvalidArgument(file + ": " + result.status().message());
  for (const auto& r : result->rejected)
    spdlog::warn("rejected client row file={} line={} reason={}", file, r.line, r.reason);
  spdlog::info("imported clients file={} encoding={} imported={} rejected={}", file,
               result->encoding, result->imported, result->rejected.size());
  if (!result->rejected.empty()) st->exit_code = 65;
  if (st->ctx.json) {
    nlohmann::json rejected = nlohmann::json::array();
    for (const auto& r : result->rejected) rejected.push_back({{"line", r.line}, {"reason", r.reason}});
    PrintJson({{"imported", result->imported}, {"rejected", rejected}, {"encoding", result->encoding}});
  } else {
    Print(fmt::format("imported {} clients from {} ({})\n", result->imported, file, result->encoding));
    for (const auto& r : result->rejected) Print(fmt::format("  line {}: {}\n", r.line, r.reason));
  }
  return Status::Ok();
}

Status RunList(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kClientsList, {}});
  if (!h.ok()) return h.status();
  auto clients = h->catalog->ListClients();
  if (!clients.ok()) return clients.status();
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : *clients) arr.push_back(ClientJson(c));
    PrintJson({{"clients", arr}});
    return Status::Ok();
  }
  for (const auto& c : *clients)
    Print(fmt::format("{}  {}  {}  {}\n", PadColumns(c.archive_no, 13),
                      PadColumns(c.uscc.empty() ? "-" : c.uscc, 18), PadColumns(c.type, 11), c.name));
  return Status::Ok();
}

Status RunShow(CommandState* st, const std::string& archive_no) {
  const std::string number = NormaliseArchiveNoBasic(archive_no);
  Gate gate{authz::Action::kClientsList, [&](catalog::Catalog& cat) -> Result<authz::Target> {
              auto level = cat.ArchiveLevel(number);
              if (!level.ok()) return level.status();
              if (!level->has_value()) return Status::NotFound("no client with archive number " + archive_no);
              return authz::Target{**level, number, std::nullopt};
            }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto c = h->catalog->GetClient(number);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound("no client with archive number " + archive_no);
  const catalog::Client& client = **c;
  if (st->ctx.json) {
    PrintJson(ClientJson(client));
    return Status::Ok();
  }
  Print(fmt::format("{}  {}\n  uscc {}  code {}  type {}  retention {}\n  {}  {}  {}\n",
                    client.archive_no, client.name, client.uscc.empty() ? "-" : client.uscc,
                    client.client_code, client.type, client.retention, client.legal_rep,
                    client.phone, client.address));
  return Status::Ok();
}

}  // namespace

void RegisterClients(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("clients", "client rows: import, list, show");
  cmd->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto* imp = cmd->add_subcommand("import", "import clients from a CSV file (UTF-8 or GB18030)");
  imp->add_option("FILE", *file, "the CSV file")->required();
  imp->callback([st, file] { st->run = [st, file] { return RunImport(st, *file); }; });
  auto* list = cmd->add_subcommand("list", "list clients");
  list->callback([st] { st->run = [st] { return RunList(st); }; });
  auto archive = std::make_shared<std::string>();
  auto* show = cmd->add_subcommand("show", "one client");
  show->add_option("ARCHIVE_NO", *archive, "archive number")->required();
  show->callback([st, archive] { st->run = [st, archive] { return RunShow(st, *archive); }; });
  RegisterClientsHistory(cmd, st);
}

}  // namespace dangan::app
