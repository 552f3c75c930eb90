// `dangan serve [--listen HOST:PORT] [--web DIR]`: the web interface and the
// REST API (/api/v1) on the home, beside `watch` (issue 9).
#ifndef DANGAN_SERVE_CMD_SERVE_H_
#define DANGAN_SERVE_CMD_SERVE_H_

#include <CLI/CLI.hpp>

#include "app/commands.h"

namespace dangan::serve {

void RegisterServe(CLI::App& app, app::CommandState* st);

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_CMD_SERVE_H_
