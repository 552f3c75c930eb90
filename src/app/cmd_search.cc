// `dangan search QUERY [--limit N] [--offset N] [--sort relevance|date|amount]`.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "app/snippet_text.h"
#include "search/searcher.h"

namespace dangan::app {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  int limit = 10;
  int offset = 0;
  std::string sort = "relevance";
};

nlohmann::json ResultJson(const search::SearchResult& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const search::Hit& h : r.hits) {
    auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    hits.push_back({{"rank", h.rank},         {"id", h.id},
                    {"sha256", h.sha256},     {"score", h.score},
                    {"archive_no", opt(h.archive_no)}, {"client", opt(h.client)},
                    {"title", h.title},       {"doc_type", h.doc_type},
                    {"date", opt(h.date)},    {"amount", opt(h.amount)},
                    {"snippet", h.snippet},   {"stored_path", h.stored_path},
                    {"partial", h.partial}});
  }
  return {{"query", r.query}, {"total", r.total}, {"offset", r.offset}, {"hits", hits},
          {"facets", r.facets}};
}

std::string ResultText(const search::SearchResult& r, bool tty) {
  std::string out = fmt::format("{} {} «{}»\n", r.total,
                                r.total == 1 ? "document matches" : "documents match", r.query);
  for (const search::Hit& h : r.hits) {
    out += fmt::format("\n{:>3}. [{}] {}{}\n", h.rank, h.id, h.title,
                       h.partial ? "  (some words only)" : "");
    out += fmt::format("     {}  {}  {}  {}  {}\n", h.archive_no.empty() ? "(unfiled)" : h.archive_no,
                       h.client.empty() ? "-" : h.client, h.doc_type, h.date.empty() ? "-" : h.date,
                       h.amount.empty() ? "" : h.amount);
    if (!h.snippet.empty()) out += "     " + SnippetForTerminal(h.snippet, tty) + "\n";
    out += "     " + h.stored_path + "\n";
  }
  if (!r.hits.empty()) out += "\n";
  for (const auto& [facet, counts] : r.facets) {
    if (counts.empty()) continue;
    out += PadColumns(facet + ":", 10);
    for (const auto& [value, n] : counts) out += fmt::format("  {} ({})", value, n);
    out += "\n";
  }
  return out;
}

Status RunSearch(CommandState* st, const SearchArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kSearch, {}});
  if (!h.ok()) return h.status();
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  search::SearchOptions opt;
  for (const std::string& w : args.words) opt.query += (opt.query.empty() ? "" : " ") + w;
  if (opt.query.empty()) return Status::InvalidArgument("search needs a query");
  if (args.limit < 0 || args.offset < 0) return Status::InvalidArgument("--limit and --offset must be >= 0");
  opt.limit = args.limit;
  opt.offset = args.offset;
  opt.max_level = h->user.clearance;  // RECORDS §2: what the user may find
  if (args.sort == "date") {
    opt.sort = search::SortOrder::kDate;
  } else if (args.sort == "amount") {
    opt.sort = search::SortOrder::kAmount;
  } else if (args.sort != "relevance") {
    return Status::InvalidArgument("--sort must be relevance, date or amount");
  }
  auto searcher = search::Searcher::Open(h->home.index(), h->catalog.get(), *folder);
  search::SearchResult empty;
  empty.query = opt.query;
  empty.offset = opt.offset;
  if (!searcher.ok() && searcher.status().code() != StatusCode::kNotFound) return searcher.status();
  // No index yet (nothing ingested): no hits, not an error.
  auto result = searcher.ok() ? (*searcher)->Search(opt) : Result<search::SearchResult>(empty);
  if (!result.ok()) return result.status();
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "search", "",
                                   {{"query", opt.query}, {"total", result->total}}));
  if (st->ctx.json) {
    PrintJson(ResultJson(*result));
  } else {
    Print(ResultText(*result, st->ctx.stdout_is_tty));
  }
  return Status::Ok();
}

}  // namespace

void RegisterSearch(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<SearchArgs>();
  auto* cmd = app.add_subcommand("search", "full-text search with facets and snippets");
  cmd->add_option("QUERY", args->words, "the query (DESIGN §7 language)")->required();
  cmd->add_option("--limit", args->limit, "hits to show (default 10)");
  cmd->add_option("--offset", args->offset, "hits to skip");
  cmd->add_option("--sort", args->sort, "relevance (default), date or amount");
  cmd->callback([st, args] { st->run = [st, args] { return RunSearch(st, *args); }; });
}

}  // namespace dangan::app
