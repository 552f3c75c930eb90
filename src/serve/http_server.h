// HttpServer: cpp-httplib with dangan's routes (/api/v1), the SPA's files,
// the security headers every answer carries, and a thread pool. Requests
// run side by side; each opens what it needs (catalog connections, the
// pooled searchers), and writers take dangan.lock only for their step.
#ifndef DANGAN_SERVE_HTTP_SERVER_H_
#define DANGAN_SERVE_HTTP_SERVER_H_

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/context.h"
#include "core/config.h"
#include "serve/api.h"
#include "serve/search_pool.h"

namespace dangan::serve {

struct ServerSettings {
  app::Context context;  // the home (home_dir absolute)
  Config config;
  const TextFolder* folder = nullptr;
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  std::filesystem::path web_root;  // empty: API only
};

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> Create(const ServerSettings& settings);
  Status Bind();
  int port() const { return port_; }
  // Serves until Stop(); requests in flight finish first.
  Status Run();
  void Stop() { server_.stop(); }

 private:
  explicit HttpServer(const ServerSettings& settings);
  void AddStaticFiles();

  const ServerSettings settings_;
  SearchPool pool_;
  Api api_;
  httplib::Server server_;
  int port_ = 0;
};

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_HTTP_SERVER_H_
