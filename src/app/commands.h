// The `dangan` commands (DESIGN §8), one file each. Register* adds the
// subcommand to the CLI; when it is chosen, its callback stores the work in
// *run, which main() calls after parsing and maps to an exit code.
#ifndef DANGAN_APP_COMMANDS_H_
#define DANGAN_APP_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>

#include "app/context.h"
#include "core/status.h"

namespace dangan::app {

// The work of the chosen command. It may set ctx.exit_code for an outcome
// that is not an error (65 some inputs quarantined; 1 verify found problems).
using Runner = std::function<Status()>;

struct CommandState {
  Context ctx;
  Runner run;
  int exit_code = 0;
};

// Every command below (serve adds itself in main: it is not a command a
// request may run).
void RegisterCommands(CLI::App& app, CommandState* st);

void RegisterInit(CLI::App& app, CommandState* st);
void RegisterClients(CLI::App& app, CommandState* st);
void RegisterIngest(CLI::App& app, CommandState* st);
void RegisterSearch(CLI::App& app, CommandState* st);
void RegisterLocate(CLI::App& app, CommandState* st);
void RegisterShow(CLI::App& app, CommandState* st);
void RegisterList(CLI::App& app, CommandState* st);
void RegisterUnfiled(CLI::App& app, CommandState* st);
void RegisterQuarantine(CLI::App& app, CommandState* st);
void RegisterReindex(CLI::App& app, CommandState* st);
void RegisterVerify(CLI::App& app, CommandState* st);
void RegisterStats(CLI::App& app, CommandState* st);
void RegisterLabel(CLI::App& app, CommandState* st);
void RegisterWatch(CLI::App& app, CommandState* st);
void RegisterUser(CLI::App& app, CommandState* st);
void RegisterLog(CLI::App& app, CommandState* st);
void RegisterRequest(CLI::App& app, CommandState* st);
void RegisterAudit(CLI::App& app, CommandState* st);
void RegisterBackup(CLI::App& app, CommandState* st);
void RegisterRestore(CLI::App& app, CommandState* st);
void RegisterChange(CLI::App& app, CommandState* st);
// `clients history`, added under `clients` by RegisterClients.
void RegisterClientsHistory(CLI::App* clients, CommandState* st);
void RegisterHold(CLI::App& app, CommandState* st);
void RegisterRetention(CLI::App& app, CommandState* st);
void RegisterDestruction(CLI::App& app, CommandState* st);

}  // namespace dangan::app

#endif  // DANGAN_APP_COMMANDS_H_
