// RunInProcess: one command run inside this process, as `serve` does for
// every API call but search: the same parsing, gate, work, log rows and JSON
// as on the command line, so the two can never disagree.
#ifndef DANGAN_APP_IN_PROCESS_H_
#define DANGAN_APP_IN_PROCESS_H_

#include <string>
#include <vector>

#include "app/context.h"
#include "core/status.h"

namespace dangan::app {

struct CommandRun {
  Status status;
  int exit_code = 0;   // what the command line would exit with
  std::string output;  // what it would print on stdout (JSON with ctx.json)
};

// args: the command and its arguments without the program name, e.g.
// {"show", "42"}. ctx gives the home and the acting user; the command runs
// with --json. Safe to call from several threads at once.
CommandRun RunInProcess(const Context& ctx, const std::vector<std::string>& args);

}  // namespace dangan::app

#endif  // DANGAN_APP_IN_PROCESS_H_
