#include "app/context.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace dangan::app {

Result<catalog::User> Authorize(const Context& ctx, catalog::Catalog* catalog, const Gate& gate,
                                std::optional<int64_t>* grant) {
  auto user = catalog->GetUser(ctx.user);
  if (!user.ok()) return user.status();
  authz::Target target;
  if (gate.target) {
    auto t = gate.target(*catalog);
    if (!t.ok()) return t.status();
    target = std::move(t).value();
  }
  authz::Decision d;
  if (!user->has_value()) {
    d.reason = "no user " + ctx.user + " (add it with `dangan user add`)";
  } else {
    // Only confidential and secret content needs a grant (RECORDS §2).
    std::optional<int64_t> grant_id;
    if (target.level && *target.level >= Level::kConfidential &&
        (target.doc_id || target.archive_no)) {
      auto g = catalog->ActiveGrant(ctx.user, target.doc_id, target.archive_no, NowIso8601Utc());
      if (!g.ok()) return g.status();
      grant_id = *g;
    }
    if (grant) *grant = grant_id;
    d = authz::Decide(**user, gate.action, target, grant_id.has_value());
  }
  if (d.allow) return **user;
  std::string what = target.doc_id      ? "doc:" + std::to_string(*target.doc_id)
                     : target.archive_no ? "archive:" + *target.archive_no
                                         : "";
  nlohmann::json detail = {{"action", authz::ToString(gate.action)}, {"reason", d.reason}};
  if (target.level) detail["level"] = ToString(*target.level);
  if (target.archive_no) detail["archive_no"] = *target.archive_no;
  DANGAN_RETURN_IF_ERROR(LogAccess(catalog, ctx.user, "denied", what, detail));
  spdlog::warn("denied user={} action={} target={} reason=\"{}\"", ctx.user,
               authz::ToString(gate.action), what, d.reason);
  return Status::Denied("denied: " + d.reason);
}

Status RequireDecision(OpenHome* h, authz::Action action, const std::string& target,
                       const authz::Decision& d) {
  if (d.allow) return Status::Ok();
  nlohmann::json detail = {{"action", authz::ToString(action)}, {"reason", d.reason}};
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), h->user.name, "denied", target, detail));
  spdlog::warn("denied user={} action={} target={} reason=\"{}\"", h->user.name,
               authz::ToString(action), target, d.reason);
  return Status::Denied("denied: " + d.reason);
}

Status LogAccess(catalog::Catalog* catalog, const std::string& user, const std::string& action,
                 const std::string& target, const nlohmann::json& detail) {
  auto row = catalog->AppendLog(
      user, action, target, detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return row.ok() ? Status::Ok() : row.status();
}

Result<OpenHome> Open(const Context& ctx, bool writer, const std::string& what, const Gate& gate) {
  OpenHome h;
  h.home = ctx.home();
  std::error_code ec;
  if (!std::filesystem::exists(h.home.catalog(), ec))
    return Status::NotFound(h.home.root().string() +
                            " is not a dangan home (no catalog.sqlite); run `dangan --home " +
                            ctx.home_dir + " init` first");
  auto config = LoadConfig(h.home.config());
  if (!config.ok()) return config.status();
  h.config = std::move(config).value();
  auto cat = catalog::Catalog::Open(h.home.catalog(), /*create=*/false);
  if (!cat.ok()) return cat.status();
  h.catalog = std::move(cat).value();
  h.catalog->set_default_level(h.config.access.default_level);
  auto user = Authorize(ctx, h.catalog.get(), gate, &h.grant);
  if (!user.ok()) return user.status();
  h.user = std::move(user).value();
  if (writer) {
    auto lock = WriterLock::Acquire(h.home.lock(), what, {h.config.writer.wait_s});
    if (!lock.ok()) return lock.status();
    h.lock = std::move(lock).value();
  }
  return h;
}

Result<const TextFolder*> Folder() {
  // Made once, under a lock: serve's threads may ask at the same time.
  static std::mutex mu;
  static std::unique_ptr<TextFolder> folder;
  std::lock_guard<std::mutex> guard(mu);
  if (!folder) {
    auto f = TextFolder::Create();
    if (!f.ok()) return f.status();
    folder = std::move(f).value();
  }
  return folder.get();
}

namespace {
// Where this thread's command output goes instead of stdout (in-process runs).
thread_local std::string* captured_output = nullptr;

void Write(const std::string& s) {
  if (captured_output != nullptr) {
    captured_output->append(s);
  } else {
    std::fwrite(s.data(), 1, s.size(), stdout);
  }
}
}  // namespace

OutputCapture::OutputCapture(std::string* sink) : previous_(captured_output) {
  captured_output = sink;
}

OutputCapture::~OutputCapture() { captured_output = previous_; }

void PrintJson(const nlohmann::json& j) {
  Write(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void PrintJsonLine(const nlohmann::json& j) {
  Write(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void Print(const std::string& text) { Write(text); }

}  // namespace dangan::app
