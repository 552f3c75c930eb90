// `dangan locate NUMBER`: originals by archive, contract or invoice number.
#include <fmt/format.h>

#include "app/change_json.h"
#include "app/commands.h"
#include "app/destruction_record.h"
#include "app/document_json.h"
#include "search/locate.h"

namespace dangan::app {
namespace {

// RECORDS §2: locate tells anyone that a number exists and its level, but
// content and titles only to users cleared for them. A match's level is its
// archive's, else the highest of its documents'.
struct Redacted {
  Level level = Level::kPublic;
  bool client_visible = true;
  std::vector<const catalog::Document*> visible;
  std::vector<const catalog::Document*> hidden;
};

Result<Redacted> Redact(catalog::Catalog* catalog, const search::LocateMatch& m, Level clearance) {
  Redacted r;
  if (m.archive_no) {
    auto level = catalog->ArchiveLevel(*m.archive_no);
    if (!level.ok()) return level.status();
    r.level = level->value_or(catalog->default_level());
  }
  for (const catalog::Document& d : m.documents) {
    if (!m.archive_no) r.level = std::max(r.level, d.level);
    (d.level <= clearance ? r.visible : r.hidden).push_back(&d);
  }
  r.client_visible = r.level <= clearance;
  return r;
}

nlohmann::json MatchJson(const search::LocateMatch& m, const Redacted& r, Level clearance) {
  nlohmann::json docs = nlohmann::json::array();
  for (const catalog::Document* d : r.visible) docs.push_back(DocumentJson(*d));
  nlohmann::json hidden = nlohmann::json::array();
  for (const catalog::Document* d : r.hidden)
    hidden.push_back({{"id", d->id}, {"level", ToString(d->level)}});
  // RECORDS §6: what was destroyed, as its tombstone (redacted above clearance).
  nlohmann::json destroyed = nlohmann::json::array();
  for (const catalog::Tombstone& t : m.destroyed) destroyed.push_back(TombstoneJson(t, clearance));
  nlohmann::json j = {{"kind", m.kind},
                      {"archive_no", m.archive_no ? nlohmann::json(*m.archive_no) : nullptr},
                      {"level", ToString(r.level)},
                      {"client", m.client && r.client_visible ? ClientJson(*m.client) : nlohmann::json(nullptr)},
                      {"documents", docs},
                      {"hidden_documents", hidden},
                      {"destroyed", destroyed}};
  if (m.renumbered) j["renumbered"] = AliasJson(*m.renumbered);
  return j;
}

Status RunLocate(CommandState* st, const std::string& number) {
  auto h = Open(st->ctx, false, "", {authz::Action::kLocate, {}});
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
  std::vector<Redacted> redacted;
  for (const auto& m : result->matches) {
    auto r = Redact(h->catalog.get(), m, h->user.clearance);
    if (!r.ok()) return r.status();
    redacted.push_back(std::move(r).value());
  }
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "locate", number,
                                   {{"matches", result->matches.size()}}));
  if (st->ctx.json) {
    nlohmann::json matches = nlohmann::json::array();
    for (size_t i = 0; i < redacted.size(); ++i)
      matches.push_back(MatchJson(result->matches[i], redacted[i], h->user.clearance));
    PrintJson({{"number", result->number}, {"matches", matches}});
    return Status::Ok();
  }
  if (result->matches.empty()) Print("nothing carries " + number + "\n");
  for (size_t i = 0; i < redacted.size(); ++i) {
    const auto& m = result->matches[i];
    const Redacted& r = redacted[i];
    if (m.renumbered) Print(AliasText(*m.renumbered) + "  (已改号)\n");
    Print(fmt::format("{} {} [{}] — {} ({} documents)\n", m.kind, m.archive_no.value_or("(unfiled)"),
                      ToString(r.level), m.client && r.client_visible ? m.client->name : "-",
                      m.documents.size()));
    for (const auto* d : r.visible) Print("  " + DocumentLine(*d) + "        " + d->stored_path + "\n");
    if (!r.hidden.empty())
      Print(fmt::format("  {} more above your clearance\n", r.hidden.size()));
    for (const catalog::Tombstone& t : m.destroyed)
      Print(fmt::format("  destroyed 已销毁 at {} by {} (destruction list {}):\n  {}", t.executed_at,
                        t.executed_by, t.list_id, TombstoneLine(t, h->user.clearance)));
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
