// `dangan clients history ARCHIVE_NO`: an archive's approved changes with
// their before and after values, and the numbers it had (RECORDS §5). Found
// under its current number or any former one.
#include <fmt/format.h>

#include <set>

#include "app/change_json.h"
#include "app/commands.h"
#include "core/archive_no.h"

namespace dangan::app {
namespace {

Result<std::string> CurrentNumber(catalog::Catalog& cat, const std::string& raw) {
  auto current = cat.ResolveArchiveNo(NormaliseArchiveNoBasic(raw));
  if (!current.ok()) return current.status();
  if (!current->has_value()) return Status::NotFound("no client with archive number " + raw);
  return **current;
}

// A refile into or out of one of numbers.
bool RefileTouches(const catalog::Change& c, const std::set<std::string>& numbers) {
  for (const std::string* text : {&c.before, &c.after}) {
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object() && j.contains("archive_no") && j["archive_no"].is_string() &&
        numbers.count(j["archive_no"].get<std::string>()))
      return true;
  }
  return false;
}

Status RunHistory(CommandState* st, const std::string& raw) {
  Gate gate{authz::Action::kChangeList, [&raw](catalog::Catalog& cat) -> Result<authz::Target> {
              DANGAN_ASSIGN_OR_RETURN(std::string number, CurrentNumber(cat, raw));
              auto level = cat.ArchiveLevel(number);
              if (!level.ok()) return level.status();
              return authz::Target{level->value_or(cat.default_level()), number, std::nullopt};
            }};
  auto h = Open(st->ctx, false, "", gate);
  if (!h.ok()) return h.status();
  DANGAN_ASSIGN_OR_RETURN(std::string number, CurrentNumber(*h->catalog, raw));
  auto aliases = h->catalog->AliasesOf(number);
  if (!aliases.ok()) return aliases.status();
  std::set<std::string> numbers = {number};
  for (const auto& a : *aliases) numbers.insert(a.old_no);
  catalog::ChangeFilter approved;
  approved.state = "approved";
  auto changes = h->catalog->ListChanges(approved);
  if (!changes.ok()) return changes.status();
  nlohmann::json arr = nlohmann::json::array();
  std::string text;
  for (const catalog::Change& c : *changes) {
    bool mine = c.kind == "refile" ? RefileTouches(c, numbers) : numbers.count(c.target) > 0;
    if (!mine) continue;
    arr.push_back(ChangeJson(c));
    text += ChangeText(c);
  }
  nlohmann::json renumbered = nlohmann::json::array();
  for (const auto& a : *aliases) renumbered.push_back(AliasJson(a));
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "clients_history",
                                   "archive:" + number, {{"archive_no", number}}));
  if (st->ctx.json) {
    PrintJson({{"archive_no", number}, {"renumbered", renumbered}, {"changes", arr}});
    return Status::Ok();
  }
  Print(fmt::format("archive {} — history 变更记录\n", number));
  for (const auto& a : *aliases) Print("  " + AliasText(a) + "\n");
  Print(arr.empty() ? "  no approved changes\n" : text);
  return Status::Ok();
}

}  // namespace

void RegisterClientsHistory(CLI::App* clients, CommandState* st) {
  auto archive = std::make_shared<std::string>();
  auto* history = clients->add_subcommand("history", "an archive's approved changes and former numbers");
  history->add_option("ARCHIVE_NO", *archive, "archive number (current or former)")->required();
  history->callback([st, archive] { st->run = [st, archive] { return RunHistory(st, *archive); }; });
}

}  // namespace dangan::app
