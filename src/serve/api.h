// Api: what every /api/v1 route shares (the home, the sessions, the login
// throttle, the searchers) and the helpers that turn a request into a run of
// the same code as the CLI and its Status into an HTTP answer (one mapping,
// like the exit codes: DESIGN §8).
#ifndef DANGAN_SERVE_API_H_
#define DANGAN_SERVE_API_H_

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/in_process.h"
#include "serve/login_throttle.h"
#include "serve/search_pool.h"
#include "serve/sessions.h"

namespace dangan::serve {

inline constexpr char kApi[] = "/api/v1";
inline constexpr char kSessionCookie[] = "dangan_session";

struct Api {
  Api(const app::Context& base, SearchPool* pool, std::chrono::seconds session_idle)
      : base(base), sessions(session_idle), pool(pool) {}
  app::Context base;  // home; user replaced by the session's
  SessionStore sessions;
  LoginThrottle throttle;
  SearchPool* pool;
};

// A route's work once the session (and, for a state-changing request, the
// CSRF token) is checked; ctx acts as the session's user.
using AuthedHandler = std::function<void(const httplib::Request&, httplib::Response&,
                                         const Session&, const app::Context& ctx)>;

// The session and the context acting as its user, or nullopt after
// answering 401 (no live session) or 403 "csrf" (a state-changing request
// without the session's X-CSRF-Token).
std::optional<std::pair<Session, app::Context>> Admit(Api* api, const httplib::Request& req,
                                                      httplib::Response& res);

// Wraps h: 401 without a live session, 403 (code "csrf") for a POST without
// the session's X-CSRF-Token.
httplib::Server::Handler Authed(Api* api, AuthedHandler h);

// The session named by the request's cookie, if live.
std::optional<Session> SessionOf(Api* api, const httplib::Request& req);

int HttpStatusFor(StatusCode code);
void ReplyJson(httplib::Response& res, int status, const nlohmann::json& j);
// http_status: instead of the one HttpStatusFor gives (e.g. 416).
void ReplyError(httplib::Response& res, const Status& s, int http_status = 0);

// JSON Lines (`list --json`) as an array; throws nlohmann::json::exception
// on a line that is not JSON.
nlohmann::json ParseJsonLines(const std::string& text);

// How a command's output becomes the body: one JSON document, or JSON Lines
// gathered into {"items": […]}.
enum class Output { kDocument, kLines };
void ReplyRun(httplib::Response& res, const app::CommandRun& run,
              Output output = Output::kDocument);

// Runs args as the session's user and replies with its JSON.
void RunAndReply(const app::Context& ctx, httplib::Response& res,
                 const std::vector<std::string>& args, Output output = Output::kDocument);

// RECORDS §2 + issue 9: a document or archive above the user's clearance is
// answered 404 exactly as one that does not exist, so ids reveal nothing. A
// denial (already logged by the gate) about such a target becomes that 404.
Status HideAboveClearance(const app::Context& ctx, const Status& s, std::optional<int64_t> doc_id,
                          std::optional<std::string> archive_no);

// The request's JSON body (an object; {} when empty), or kInvalidArgument.
Result<nlohmann::json> JsonBody(const httplib::Request& req);
// A string member of body, "" when absent; numbers are given as text.
std::string Member(const nlohmann::json& body, const char* key);

// A query parameter, "" when absent.
std::string Param(const httplib::Request& req, const char* key);
// "--name=value" for a command line: a value that starts with '-' stays a
// value.
std::string Opt(const char* name, const std::string& value);

// Adds the routes of each group.
void AddAuthRoutes(httplib::Server& server, Api* api);
void AddDocumentRoutes(httplib::Server& server, Api* api);
void AddRecordsRoutes(httplib::Server& server, Api* api);
void AddUploadRoute(httplib::Server& server, Api* api);
void AddOpenApiRoute(httplib::Server& server);

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_API_H_
