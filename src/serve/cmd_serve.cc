#include "serve/cmd_serve.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "app/stop_signal.h"
#include "core/config.h"
#include "serve/http_server.h"

namespace dangan::serve {
namespace {

struct ServeArgs {
  std::string listen;
  std::string web;
};

// The SPA's built files: --web, else BUILD/web beside the binary (a build
// tree), else the installed copy.
std::filesystem::path FindWebRoot(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const std::filesystem::path& p :
       {exe.parent_path() / "web", std::filesystem::path("/usr/share/dangan/web")}) {
    if (!ec && std::filesystem::exists(p / "index.html")) return p;
  }
  return {};
}

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Status::InvalidArgument("--listen must be HOST:PORT, not " + listen);
  try {
    size_t used = 0;
    const int port = std::stoi(listen.substr(colon + 1), &used);
    if (used == listen.size() - colon - 1 && port >= 0 && port < 65536)
      return std::make_pair(listen.substr(0, colon), port);
  } catch (const std::exception&) {  // std::stoi: not a number
  }
  return Status::InvalidArgument("--listen needs a port 0-65535 (0: any free port): " + listen);
}

Status RunServe(app::CommandState* st, const ServeArgs& args) {
  const Home home = st->ctx.home();
  std::error_code ec;
  if (!std::filesystem::exists(home.catalog(), ec))
    return Status::NotFound(home.root().string() + " is not a dangan home; run `dangan --home " +
                            st->ctx.home_dir + " init` first");
  auto config = LoadConfig(home.config());
  if (!config.ok()) return config.status();
  auto listen = ParseListen(args.listen.empty() ? config->web.listen : args.listen);
  if (!listen.ok()) return listen.status();
  auto folder = app::Folder();  // loaded once, before the threads
  if (!folder.ok()) return folder.status();
  auto stop = app::StopSignal::Install();
  if (!stop.ok()) return stop.status();

  ServerSettings settings;
  settings.context = st->ctx;
  settings.context.home_dir = home.root().string();
  settings.config = *config;
  settings.folder = *folder;
  settings.host = listen->first;
  settings.port = listen->second;
  settings.web_root = FindWebRoot(args.web);
  auto server = HttpServer::Create(settings);
  if (!server.ok()) return server.status();
  Status bound = (*server)->Bind();
  if (!bound.ok()) return bound;
  spdlog::info("serving {} on http://{}:{}/ (web: {})", home.root().string(), settings.host,
               (*server)->port(),
               settings.web_root.empty() ? "not built; API only" : settings.web_root.string());
  // SIGTERM/SIGINT: stop taking connections, let requests in flight finish.
  // The pipe wakes the stopper when Run() ends by itself (a listen error).
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0)
    return Status::IoError("pipe: " + std::string(strerror(errno)));
  std::thread stopper([&] {
    pollfd p[2] = {{stop->fd(), POLLIN, 0}, {wake[0], POLLIN, 0}};
    while (::poll(p, 2, -1) < 0 && errno == EINTR) {
    }
    if (p[0].revents != 0) spdlog::info("serve: stopping (signal); finishing requests in flight");
    (*server)->Stop();
  });
  Status served = (*server)->Run();
  const char byte = 1;
  while (::write(wake[1], &byte, 1) < 0 && errno == EINTR) {
  }
  stopper.join();
  ::close(wake[0]);
  ::close(wake[1]);
  spdlog::info("serve: stopped");
  return served;
}

}  // namespace

void RegisterServe(CLI::App& app, app::CommandState* st) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "the web interface and REST API (/api/v1)");
  cmd->add_option("--listen", args->listen, "HOST:PORT (default web.listen, 127.0.0.1:8080)");
  cmd->add_option("--web", args->web,
                  "the built web assets (default: BUILD/web beside the binary)");
  cmd->callback([st, args] { st->run = [st, args] { return RunServe(st, *args); }; });
}

}  // namespace dangan::serve
