// `dangan init`: create the home (DESIGN §2); idempotent.
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "core/fs.h"

namespace dangan::app {
namespace {

Status RunInit(CommandState* st) {
  Home home = st->ctx.home();
  std::error_code ec;
  bool existed = std::filesystem::exists(home.catalog(), ec);
  for (const auto& dir : {home.root(), home.store(), home.staging(), home.ArchiveDir(""),
                          home.quarantine(), home.inbox()})
    DANGAN_RETURN_IF_ERROR(MakeDirs(dir));
  if (!std::filesystem::exists(home.config(), ec))
    DANGAN_RETURN_IF_ERROR(WriteFileAtomic(home.config(), DefaultConfigText()));
  auto config = LoadConfig(home.config());
  if (!config.ok()) return config.status();
  auto cat = catalog::Catalog::Open(home.catalog(), /*create=*/true);
  if (!cat.ok()) return cat.status();
  spdlog::info("{} home={}", existed ? "checked" : "created", home.root().string());
  if (st->ctx.json) {
    PrintJson({{"home", home.root().string()}, {"created", !existed},
               {"schema_version", catalog::kSchemaVersion}});
  } else {
    Print((existed ? "dangan home is ready: " : "created dangan home: ") + home.root().string() +
          "\n");
  }
  return Status::Ok();
}

}  // namespace

void RegisterInit(CLI::App& app, CommandState* st) {
  auto* cmd = app.add_subcommand("init", "create the home (idempotent)");
  cmd->callback([st] { st->run = [st] { return RunInit(st); }; });
}

}  // namespace dangan::app
