#include "app/in_process.h"

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/exit_codes.h"

namespace dangan::app {

CommandRun RunInProcess(const Context& ctx, const std::vector<std::string>& args) {
  CommandRun run;
  CommandState st;
  st.ctx = ctx;
  st.ctx.json = true;
  st.ctx.stdout_is_tty = false;
  st.ctx.stderr_is_tty = false;
  CLI::App app{"dangan", "dangan"};
  app.require_subcommand(1);
  // The global options exist (restore looks its --home up), but the caller's
  // args never set them: ctx gives the home and the user.
  std::string unused_home;
  std::string unused_user;
  app.add_option("--home", unused_home);
  app.add_option("--user", unused_user);
  RegisterCommands(app, &st);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them backwards
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    run.status = Status::InvalidArgument(e.what());
    run.exit_code = 2;
    return run;
  }
  if (!st.run) {
    run.status = Status::InvalidArgument("no command given");
    run.exit_code = 2;
    return run;
  }
  OutputCapture capture(&run.output);
  run.status = st.run();
  run.exit_code = run.status.ok() ? st.exit_code : ExitCodeFor(run.status);
  return run;
}

}  // namespace dangan::app
