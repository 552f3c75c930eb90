// POST /login, POST /logout, GET /me (issue 9): password login (Argon2id,
// RECORDS §1) into a session cookie plus a CSRF token; failed logins are
// logged and slowed (LoginThrottle).
#include <spdlog/spdlog.h>

#include "authz/password.h"
#include "core/config.h"
#include "serve/api.h"

namespace dangan::serve {
namespace {

nlohmann::json MeJson(const catalog::User& u, const Session& s) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : u.roles) roles.push_back(ToString(r));
  return {{"user", u.name},
          {"display", u.display},
          {"roles", roles},
          {"clearance", ToString(u.clearance)},
          {"csrf", s.csrf}};
}

Result<std::unique_ptr<catalog::Catalog>> OpenCatalog(const app::Context& ctx) {
  return catalog::Catalog::Open(ctx.home().catalog(), /*create=*/false);
}

// The client's address: behind the reverse proxy of packaging/nginx every
// connection comes from loopback, and the proxy sets X-Forwarded-For (its
// last entry is the address the proxy saw). A direct client's header is not
// believed.
std::string ClientAddress(const httplib::Request& req) {
  const bool via_proxy = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  if (!via_proxy || forwarded.empty()) return req.remote_addr;
  const size_t comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  last.erase(0, last.find_first_not_of(' '));
  return last.empty() ? req.remote_addr : last;
}

// Behind the reverse proxy of packaging/nginx, TLS ends at the proxy.
bool OverTls(const httplib::Request& req) {
  return req.get_header_value("X-Forwarded-Proto") == "https";
}

void Login(Api* api, const httplib::Request& req, httplib::Response& res) {
  auto body = JsonBody(req);
  if (!body.ok()) return ReplyError(res, body.status());
  const std::string name = Member(*body, "user");
  const std::string password = Member(*body, "password");
  if (name.empty() || password.empty())
    return ReplyError(res, Status::InvalidArgument("give \"user\" and \"password\""));
  const auto now = LoginThrottle::Clock::now();
  const std::string user_key = "user:" + name;
  const std::string from = ClientAddress(req);
  const std::string addr_key = "addr:" + from;
  const int64_t wait =
      std::max(api->throttle.WaitSeconds(user_key, now), api->throttle.WaitSeconds(addr_key, now));
  if (wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    return ReplyJson(
        res, 429,
        {{"error",
          {{"code", "throttled"},
           {"message", "too many failed logins; try again in " + std::to_string(wait) + " s"}}}});
  }
  auto cat = OpenCatalog(api->base);
  if (!cat.ok()) return ReplyError(res, cat.status());
  auto user = (*cat)->GetUser(name);
  if (!user.ok()) return ReplyError(res, user.status());
  // One answer for an unknown user, a disabled one and a wrong password, so
  // the login does not tell which names exist.
  // An unknown user costs the same Argon2id as a known one (no timing tell).
  static const std::string kDummyHash = [] {
    auto h = authz::HashPassword("no such user");
    return h.ok() ? *h : std::string();
  }();
  const bool known = user->has_value() && !(*user)->password_hash.empty();
  const bool matches = authz::CheckPassword(known ? (*user)->password_hash : kDummyHash, password);
  const bool good = known && matches && !(*user)->disabled;
  if (!good) {
    api->throttle.Failed(user_key, now);
    api->throttle.Failed(addr_key, now);
    Status logged =
        app::LogAccess(cat->get(), name, "denied", "",
                       {{"action", "login"}, {"reason", "bad user or password"}, {"from", from}});
    if (!logged.ok()) return ReplyError(res, logged);
    spdlog::warn("serve: failed login user={} from={}", name, from);
    return ReplyJson(
        res, 401,
        {{"error", {{"code", "unauthenticated"}, {"message", "wrong user name or password"}}}});
  }
  api->throttle.Succeeded(user_key);
  api->throttle.Succeeded(addr_key);
  Status logged = app::LogAccess(cat->get(), name, "login", "", {{"from", from}});
  if (!logged.ok()) return ReplyError(res, logged);
  const Session s = api->sessions.Create(name);
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + s.token +
                                   "; Path=/; HttpOnly; SameSite=Strict" +
                                   (OverTls(req) ? "; Secure" : ""));
  ReplyJson(res, 200, MeJson(**user, s));
}

}  // namespace

void AddAuthRoutes(httplib::Server& server, Api* api) {
  const std::string base = kApi;
  server.Post(base + "/login",
              [api](const httplib::Request& req, httplib::Response& res) { Login(api, req, res); });
  server.Post(
      base + "/logout", Authed(api, [api](const httplib::Request& req, httplib::Response& res,
                                          const Session& s, const app::Context&) {
        api->sessions.Remove(s.token);
        auto cat = OpenCatalog(api->base);
        if (cat.ok()) {
          Status logged =
              app::LogAccess(cat->get(), s.user, "logout", "", {{"from", ClientAddress(req)}});
          if (!logged.ok()) return ReplyError(res, logged);
        }
        res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                         "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        res.status = 204;
      }));
  server.Get(
      base + "/me", Authed(api, [api](const httplib::Request&, httplib::Response& res,
                                      const Session& s, const app::Context&) {
        auto cat = OpenCatalog(api->base);
        if (!cat.ok()) return ReplyError(res, cat.status());
        auto user = (*cat)->GetUser(s.user);
        if (!user.ok()) return ReplyError(res, user.status());
        if (!user->has_value() || (*user)->disabled) {
          api->sessions.Remove(s.token);
          return ReplyJson(
              res, 401,
              {{"error",
                {{"code", "unauthenticated"}, {"message", "the user is gone or disabled"}}}});
        }
        ReplyJson(res, 200, MeJson(**user, s));
      }));
  server.Get(base + "/health", [](const httplib::Request&, httplib::Response& res) {
    ReplyJson(res, 200, {{"ok", true}});
  });
}

}  // namespace dangan::serve
