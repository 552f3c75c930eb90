// `dangan restore DEST --home NEW [--generation G]` (RECORDS §7): a new home
// from a backup. NEW (this command's --home, or the global one) must be absent
// or empty. The catalog comes first, so that the gate is passed on the
// restored users (a refusal is logged in NEW's log); then the originals and
// kept quarantine files, each checked against the manifest; then the index
// is rebuilt from the catalog's stored text (the backup holds no index).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/commands.h"
#include "backup/restore.h"
#include "core/clock.h"
#include "indexer/reindex.h"

namespace dangan::app {
namespace {

namespace fs = std::filesystem;

struct RestoreArgs {
  std::string dest;
  std::string home;        // this command's --home: the home to create
  std::string generation;  // "" = the newest
};

void ShowProgress(bool tty, const char* what, int64_t done, int64_t total) {
  if (tty) std::fprintf(stderr, "\r  %s %lld of %lld   ", what, static_cast<long long>(done),
                        static_cast<long long>(total));
}

Status RunRestore(CommandState* st, const RestoreArgs& args, bool global_home) {
  if (args.home.empty() && !global_home)
    return Status::InvalidArgument("restore: give the home to create with --home NEW");
  Context ctx = st->ctx;
  if (!args.home.empty()) ctx.home_dir = args.home;
  const Home home = ctx.home();
  const fs::path dest = fs::absolute(args.dest);
  const double start = MonotonicSeconds();
  auto manifest = backup::RestoreCatalog(dest, args.generation, home);
  if (!manifest.ok()) return manifest.status();
  auto h = Open(ctx, /*writer=*/true, "restore", {authz::Action::kBackup, {}});
  if (!h.ok()) return h.status();
  const bool tty = st->ctx.stderr_is_tty;
  auto files = backup::RestoreFiles(dest, *manifest, home, [tty](int64_t done, int64_t total) {
    ShowProgress(tty, "files restored", done, total);
  });
  if (tty) std::fputs("\n", stderr);
  if (!files.ok()) return files.status();
  auto folder = Folder();
  if (!folder.ok()) return folder.status();
  auto index = indexer::Reindex(h->catalog.get(), home.root(), *folder,
                                h->config.index.batch_size, [tty](int64_t done, int64_t total) {
                                  ShowProgress(tty, "documents indexed", done, total);
                                });
  if (tty) std::fputs("\n", stderr);
  if (!index.ok()) return index.status();
  const double seconds = MonotonicSeconds() - start;
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), ctx.user, "restore",
                                   "backup:" + dest.string(),
                                   {{"dest", dest.string()},
                                    {"generation", manifest->generation},
                                    {"from_home", manifest->home},
                                    {"files", files->files},
                                    {"bytes", files->bytes},
                                    {"indexed", index->documents},
                                    {"log_head", manifest->log_head}}));
  spdlog::info("restore done dest={} generation={} home={} files={} indexed={} seconds={:.1f}",
               dest.string(), manifest->generation, home.root().string(), files->files,
               index->documents, seconds);
  if (st->ctx.json) {
    PrintJson({{"dest", dest.string()},
               {"generation", manifest->generation},
               {"home", home.root().string()},
               {"files", files->files},
               {"bytes", files->bytes},
               {"indexed", index->documents},
               {"seconds", seconds}});
  } else {
    Print(fmt::format("restored (恢复) generation {} from {} into {}\n", manifest->generation,
                      dest.string(), home.root().string()));
    Print(fmt::format("  files {} checked and restored, {} documents indexed, {:.1f} s\n",
                      files->files, index->documents, seconds));
  }
  return Status::Ok();
}

}  // namespace

void RegisterRestore(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<RestoreArgs>();
  // `restore DEST --home NEW`: --home after the command is this command's own
  // option (the global one is not read after a subcommand); before the
  // command, the global --home names NEW just as well.
  const CLI::Option* global_home = app.get_option("--home");
  auto* cmd = app.add_subcommand("restore", "rebuild a new home from a backup (RECORDS §7)");
  cmd->add_option("DEST", args->dest, "backup folder")->required();
  cmd->add_option("--home", args->home, "the home to create (absent or empty)");
  cmd->add_option("--generation", args->generation, "the generation (default: the newest)");
  cmd->callback([st, args, global_home] {
    st->run = [st, args, global_home] { return RunRestore(st, *args, global_home->count() > 0); };
  });
}

}  // namespace dangan::app
