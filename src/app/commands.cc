#include "app/commands.h"

namespace dangan::app {

void RegisterCommands(CLI::App& app, CommandState* st) {
  RegisterInit(app, st);
  RegisterClients(app, st);
  RegisterIngest(app, st);
  RegisterSearch(app, st);
  RegisterLocate(app, st);
  RegisterShow(app, st);
  RegisterList(app, st);
  RegisterUnfiled(app, st);
  RegisterQuarantine(app, st);
  RegisterReindex(app, st);
  RegisterVerify(app, st);
  RegisterStats(app, st);
  RegisterLabel(app, st);
  RegisterWatch(app, st);
  RegisterUser(app, st);
  RegisterLog(app, st);
  RegisterRequest(app, st);
  RegisterAudit(app, st);
  RegisterBackup(app, st);
  RegisterRestore(app, st);
  RegisterChange(app, st);
  RegisterHold(app, st);
  RegisterRetention(app, st);
  RegisterDestruction(app, st);
}

}  // namespace dangan::app
