#include "serve/api.h"

#include <spdlog/spdlog.h>

#include "app/exit_codes.h"
#include "core/config.h"

namespace dangan::serve {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kBadData:
      return 422;
    case StatusCode::kBusy:
      return 503;
    case StatusCode::kIoError:
      return 500;
    case StatusCode::kUnsupported:
      return 415;
    case StatusCode::kInternal:
      return 500;
    case StatusCode::kDenied:
      return 403;
    case StatusCode::kConflict:
      return 409;
  }
  return 500;
}

void ReplyJson(httplib::Response& res, int status, const nlohmann::json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void ReplyError(httplib::Response& res, const Status& s, int http_status) {
  if (s.code() == StatusCode::kBusy) res.set_header("Retry-After", "5");
  if (s.code() == StatusCode::kInternal || s.code() == StatusCode::kIoError)
    spdlog::error("serve: {}", s.message());
  ReplyJson(res, http_status != 0 ? http_status : HttpStatusFor(s.code()),
            {{"error", {{"code", app::JsonCode(s.code())}, {"message", s.message()}}}});
}

nlohmann::json ParseJsonLines(const std::string& text) {
  nlohmann::json items = nlohmann::json::array();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) items.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return items;
}

void ReplyRun(httplib::Response& res, const app::CommandRun& run, Output output) {
  if (!run.status.ok()) return ReplyError(res, run.status);
  try {
    if (output == Output::kLines) {
      return ReplyJson(res, 200, {{"items", ParseJsonLines(run.output)}});
    }
    if (run.output.empty()) {
      res.status = 204;
      return;
    }
    // Parsed and dumped again: the CLI pretty-prints, the API sends one line.
    ReplyJson(res, 200, nlohmann::json::parse(run.output));
  } catch (const nlohmann::json::exception& e) {  // a bug: every --json output is JSON
    ReplyError(res, Status::Internal(std::string("command output is not JSON: ") + e.what()));
  }
}

void RunAndReply(const app::Context& ctx, httplib::Response& res,
                 const std::vector<std::string>& args, Output output) {
  ReplyRun(res, app::RunInProcess(ctx, args), output);
}

std::optional<Session> SessionOf(Api* api, const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string name = std::string(kSessionCookie) + "=";
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    if (cookies.compare(at, name.size(), name) == 0) {
      auto s = api->sessions.Find(cookies.substr(at + name.size(), end - at - name.size()));
      if (s) return s;
    }
    at = end;
  }
  return std::nullopt;
}

std::optional<std::pair<Session, app::Context>> Admit(Api* api, const httplib::Request& req,
                                                      httplib::Response& res) {
  auto session = SessionOf(api, req);
  if (!session) {
    ReplyJson(res, 401,
              {{"error",
                {{"code", "unauthenticated"}, {"message", "log in first (POST /api/v1/login)"}}}});
    return std::nullopt;
  }
  if (req.method != "GET" && req.method != "HEAD" &&
      !SameToken(req.get_header_value("X-CSRF-Token"), session->csrf)) {
    ReplyJson(res, 403,
              {{"error", {{"code", "csrf"}, {"message", "missing or wrong X-CSRF-Token header"}}}});
    return std::nullopt;
  }
  app::Context ctx = api->base;
  ctx.user = session->user;
  return std::make_pair(*session, ctx);
}

httplib::Server::Handler Authed(Api* api, AuthedHandler h) {
  return [api, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    auto admitted = Admit(api, req, res);
    if (admitted) h(req, res, admitted->first, admitted->second);
  };
}

Status HideAboveClearance(const app::Context& ctx, const Status& s, std::optional<int64_t> doc_id,
                          std::optional<std::string> archive_no) {
  if (s.code() != StatusCode::kDenied) return s;
  const Home home = ctx.home();
  auto config = LoadConfig(home.config());
  auto cat = catalog::Catalog::Open(home.catalog(), /*create=*/false);
  if (!config.ok() || !cat.ok()) return s;
  (*cat)->set_default_level(config->access.default_level);
  auto user = (*cat)->GetUser(ctx.user);
  if (!user.ok() || !user->has_value()) return s;
  const Level clearance = (*user)->clearance;
  if (doc_id) {
    auto doc = (*cat)->GetDocument(*doc_id);
    if (doc.ok() && doc->has_value() && (*doc)->level > clearance)
      return Status::NotFound("no document " + std::to_string(*doc_id));
  }
  if (archive_no) {
    auto client = (*cat)->GetClient(*archive_no);
    if (client.ok() && client->has_value() && (*client)->level && *(*client)->level > clearance)
      return Status::NotFound("no archive " + *archive_no);
  }
  return s;
}

Result<nlohmann::json> JsonBody(const httplib::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  try {
    nlohmann::json j = nlohmann::json::parse(req.body);
    if (!j.is_object()) return Status::InvalidArgument("the body must be a JSON object");
    return j;
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("the body is not JSON: ") + e.what());
  }
}

std::string Member(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return it->dump();
}

std::string Param(const httplib::Request& req, const char* key) {
  return req.has_param(key) ? req.get_param_value(key) : "";
}

std::string Opt(const char* name, const std::string& value) {
  return std::string(name) + "=" + value;
}

}  // namespace dangan::serve
