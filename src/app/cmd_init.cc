// `dangan init`: create the home (DESIGN §2); idempotent.
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "core/fs.h"

namespace dangan::app {
namespace {

// RECORDS §1: `init` creates the user admin (roles admin, clearance secret)
// once; a later init leaves it as it is.
Status EnsureAdmin(catalog::Catalog* catalog) {
  return catalog->Transaction([&] {
    auto admin = catalog->GetUser("admin");
    if (!admin.ok()) return admin.status();
    if (admin->has_value()) return Status::Ok();
    catalog::User u;
    u.name = "admin";
    u.display = "Administrator";
    u.roles = {Role::kAdmin};
    u.clearance = Level::kSecret;
    DANGAN_RETURN_IF_ERROR(catalog->InsertUser(u));
    return LogAccess(catalog, "admin", "user_add", "user:admin",
                     {{"roles", {"admin"}}, {"clearance", "secret"}, {"by", "init"}});
  });
}

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
  DANGAN_RETURN_IF_ERROR(EnsureAdmin(cat->get()));
  auto user = Authorize(st->ctx, cat->get(), {authz::Action::kInit, {}});
  if (!user.ok()) return user.status();
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
