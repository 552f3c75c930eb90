#include "serve/http_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace dangan::serve {
namespace {

// No inline scripts or styles anywhere (issue 9): the SPA is built to files.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Searches at once: the cores, so a burst queues instead of thrashing.
int SearcherCount() { return std::max(2u, std::thread::hardware_concurrency()); }

bool IsApi(const std::string& path) { return path.rfind(kApi, 0) == 0; }

}  // namespace

HttpServer::HttpServer(const ServerSettings& settings)
    : settings_(settings),
      pool_(settings.context.home(), settings.config.access.default_level, settings.folder,
            SearcherCount()),
      api_(settings.context, &pool_, std::chrono::minutes(settings.config.web.session_idle_min)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(const ServerSettings& settings) {
  std::unique_ptr<HttpServer> s(new HttpServer(settings));
  httplib::Server& server = s->server_;
  const size_t threads = static_cast<size_t>(settings.config.web.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "same-origin"},
                              {"X-Frame-Options", "DENY"},
                              {"Cross-Origin-Opener-Policy", "same-origin"}});
  server.set_payload_max_length(static_cast<size_t>(settings.config.web.max_upload_mb) << 20);
  // Answers are small and written in parts (headers, then body): without
  // TCP_NODELAY, Nagle and delayed ACKs add ~40 ms to each (bench/web).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100);
  server.set_keep_alive_timeout(5);
  server.set_read_timeout(30);
  server.set_write_timeout(60);
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unexpected exception";
        try {
          std::rethrow_exception(std::move(ep));
        } catch (const std::exception& e) {  // one of STYLE §3's catch-alls: a bug, never input
          what = e.what();
        } catch (...) {
        }
        spdlog::error("serve: {} {}: {}", req.method, req.path, what);
        ReplyError(res, Status::Internal("internal error: " + what));
      });
  // Errors without a body (no route, a bad Range…) get one: JSON under /api.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const int status = res.status;
        if (IsApi(req.path)) {
          ReplyJson(res, status,
                    {{"error",
                      {{"code", status == 404 ? "not_found" : "http_" + std::to_string(status)},
                       {"message", status == 404 ? "no such API path: " + req.path
                                                 : "HTTP error " + std::to_string(status)}}}});
        } else {
          res.set_content(
              status == 404 ? "404 not found\n" : "HTTP error " + std::to_string(status) + "\n",
              "text/plain; charset=utf-8");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("serve: {} {} {} {}", req.remote_addr, req.method, req.path, res.status);
  });
  AddAuthRoutes(server, &s->api_);
  AddDocumentRoutes(server, &s->api_);
  AddRecordsRoutes(server, &s->api_);
  AddUploadRoute(server, &s->api_);
  AddOpenApiRoute(server);
  s->AddStaticFiles();
  return s;
}

void HttpServer::AddStaticFiles() {
  if (settings_.web_root.empty()) {
    server_.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "dangan serve: the web interface was not built (npm); the API is at /api/v1\n",
          "text/plain; charset=utf-8");
    });
    return;
  }
  // Module workers (pdf.js) must come as JavaScript: nosniff is strict.
  server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  server_.set_file_extension_and_mimetype_mapping("js", "text/javascript");
  server_.set_file_extension_and_mimetype_mapping("map", "application/json");
  server_.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  server_.set_file_extension_and_mimetype_mapping("bcmap", "application/octet-stream");
  server_.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
  server_.set_mount_point("/", settings_.web_root.string());
}

Status HttpServer::Bind() {
  if (settings_.port == 0) {
    port_ = server_.bind_to_any_port(settings_.host);
  } else {
    port_ = server_.bind_to_port(settings_.host, settings_.port) ? settings_.port : -1;
  }
  if (port_ <= 0)
    return Status::IoError("cannot listen on " + settings_.host + ":" +
                           std::to_string(settings_.port) + " (in use, or not an address here?)");
  return Status::Ok();
}

Status HttpServer::Run() {
  if (!server_.listen_after_bind()) return Status::IoError("the server stopped listening");
  return Status::Ok();
}

}  // namespace dangan::serve
