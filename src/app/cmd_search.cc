// `dangan search QUERY [--limit N] [--offset N] [--sort relevance|date|amount]`.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/document_json.h"
#include "app/search_answer.h"
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
  SearchRequest request;
  for (const std::string& w : args.words) request.query += (request.query.empty() ? "" : " ") + w;
  request.limit = args.limit;
  request.offset = args.offset;
  request.sort = args.sort;
  auto searcher = search::Searcher::Open(h->home.index(), h->catalog.get(), *folder);
  if (!searcher.ok() && searcher.status().code() != StatusCode::kNotFound) return searcher.status();
  auto result = AnswerSearch(h->catalog.get(), searcher.ok() ? searcher->get() : nullptr, h->user,
                             request);
  if (!result.ok()) return result.status();
  if (st->ctx.json) {
    PrintJson(SearchResultJson(*result));
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
