// `dangan locate NUMBER`: originals by archive, contract or invoice number.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "search/locate.h"

namespace dangan::app {
namespace {

Status RunLocate(CommandState* st, const std::string& number) {
  auto h = Open(st->ctx, false, "");
  if (!h.ok()) return h.status();
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  auto rule = ArchiveNumberRule::Create(h->config.archive.number_pattern);
  if (!rule.ok()) return rule.status();
  std::unique_ptr<search::Searcher> searcher;
  auto opened = search::Searcher::Open(h->home.index(), h->catalog.get(), *folder);
  if (opened.ok()) {
    searcher = std::move(opened).value();
  } else if (opened.status().code() != StatusCode::kNotFound) {
    return opened.status();
  }
  auto result = search::Locate(number, h->catalog.get(), *rule, searcher.get());
  if (!result.ok()) return result.status();
  if (st->ctx.json) {
    nlohmann::json matches = nlohmann::json::array();
    for (const auto& m : result->matches) {
      nlohmann::json docs = nlohmann::json::array();
      for (const auto& d : m.documents) docs.push_back(DocumentJson(d));
      matches.push_back({{"kind", m.kind},
                         {"archive_no", m.archive_no ? nlohmann::json(*m.archive_no) : nullptr},
                         {"client", m.client ? ClientJson(*m.client) : nlohmann::json(nullptr)},
                         {"documents", docs}});
    }
    PrintJson({{"number", result->number}, {"matches", matches}});
    return Status::Ok();
  }
  if (result->matches.empty()) Print("nothing carries " + number + "\n");
  for (const auto& m : result->matches) {
    Print(fmt::format("{} {} — {} ({} documents)\n", m.kind, m.archive_no.value_or("(unfiled)"),
                      m.client ? m.client->name : "-", m.documents.size()));
    for (const auto& d : m.documents) Print("  " + DocumentLine(d) + "        " + d.stored_path + "\n");
  }
  return Status::Ok();
}

}  // namespace

void RegisterLocate(CLI::App& app, CommandState* st) {
  auto number = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("locate", "find originals by archive, contract or invoice number");
  cmd->add_option("NUMBER", *number, "the number")->required();
  cmd->callback([st, number] { st->run = [st, number] { return RunLocate(st, *number); }; });
}

}  // namespace dangan::app
