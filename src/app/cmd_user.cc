// `dangan user add | passwd | list | set` (RECORDS §1): the people dangan
// knows, their roles and clearance. Every change is one transaction together
// with its access-log row.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "app/commands.h"
#include "app/document_json.h"
#include "authz/password.h"

namespace dangan::app {
namespace {

struct UserArgs {
  std::string name;
  std::string roles;  // "staff,approver"
  std::string clearance;
  std::string display;
  bool disabled = false;
  bool enabled = false;
};

Result<std::vector<Role>> ParseRoles(const std::string& text) {
  std::vector<Role> roles;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string one = text.substr(start, end - start);
    auto r = ParseRole(one);
    if (!r) return Status::InvalidArgument("unknown role '" + one +
                                           "' (admin, archivist, staff, approver, auditor)");
    roles.push_back(*r);
    start = end + 1;
  }
  return roles;
}

Result<Level> ParseClearance(const std::string& text) {
  auto l = ParseLevel(text);
  if (!l) return Status::InvalidArgument("--clearance must be public, internal, confidential or secret");
  return *l;
}

nlohmann::json UserJson(const catalog::User& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : u.roles) roles.push_back(ToString(r));
  return {{"name", u.name},          {"display", u.display},
          {"roles", roles},          {"clearance", ToString(u.clearance)},
          {"disabled", u.disabled},  {"has_password", !u.password_hash.empty()},
          {"created_at", u.created_at}};
}

void PrintUser(const Context& ctx, const catalog::User& u, const std::string& what) {
  if (ctx.json) {
    PrintJson(UserJson(u));
  } else {
    Print(fmt::format("{} user {}\n", what, u.name));
  }
}

Status RunAdd(CommandState* st, const UserArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kUserAdmin, {}});
  if (!h.ok()) return h.status();
  if (args.name.empty()) return Status::InvalidArgument("the user name is empty");
  catalog::User u;
  u.name = args.name;
  u.display = args.display;
  DANGAN_ASSIGN_OR_RETURN(u.roles, ParseRoles(args.roles));
  if (!args.clearance.empty()) {
    DANGAN_ASSIGN_OR_RETURN(u.clearance, ParseClearance(args.clearance));
  }
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    auto old = h->catalog->GetUser(u.name);
    if (!old.ok()) return old.status();
    if (old->has_value()) return Status::InvalidArgument("user " + u.name + " exists (use user set)");
    DANGAN_RETURN_IF_ERROR(h->catalog->InsertUser(u));
    nlohmann::json detail = UserJson(u);
    detail.erase("created_at");
    return LogAccess(h->catalog.get(), h->user.name, "user_add", "user:" + u.name, detail);
  }));
  spdlog::info("user added name={} by={}", u.name, h->user.name);
  PrintUser(st->ctx, u, "added");
  return Status::Ok();
}

// Applies args to the stored user and logs before and after.
Status RunSet(CommandState* st, const UserArgs& args) {
  auto h = Open(st->ctx, false, "", {authz::Action::kUserAdmin, {}});
  if (!h.ok()) return h.status();
  if (args.roles.empty() && args.clearance.empty() && args.display.empty() && !args.disabled &&
      !args.enabled)
    return Status::InvalidArgument("user set needs --role, --clearance, --display, --disabled or --enabled");
  if (args.disabled && args.enabled) return Status::InvalidArgument("--disabled or --enabled, not both");
  catalog::User after;
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    auto old = h->catalog->GetUser(args.name);
    if (!old.ok()) return old.status();
    if (!old->has_value()) return Status::NotFound("no user " + args.name);
    after = **old;
    if (!args.roles.empty()) {
      DANGAN_ASSIGN_OR_RETURN(after.roles, ParseRoles(args.roles));
    }
    if (!args.clearance.empty()) {
      DANGAN_ASSIGN_OR_RETURN(after.clearance, ParseClearance(args.clearance));
    }
    if (!args.display.empty()) after.display = args.display;
    if (args.disabled) after.disabled = true;
    if (args.enabled) after.disabled = false;
    DANGAN_RETURN_IF_ERROR(h->catalog->UpdateUser(after));
    nlohmann::json before_json = UserJson(**old);
    nlohmann::json after_json = UserJson(after);
    return LogAccess(h->catalog.get(), h->user.name, "user_set", "user:" + after.name,
                     {{"before", before_json}, {"after", after_json}});
  }));
  spdlog::info("user changed name={} by={}", after.name, h->user.name);
  PrintUser(st->ctx, after, "changed");
  return Status::Ok();
}

// The password comes on stdin (one line; the newline is not part of it), so
// it never shows in a process list or a shell history.
Status RunPasswd(CommandState* st, const std::string& name) {
  auto h = Open(st->ctx, false, "", {authz::Action::kUserAdmin, {}});
  if (!h.ok()) return h.status();
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  DANGAN_ASSIGN_OR_RETURN(std::string hash, authz::HashPassword(password));
  catalog::User u;
  DANGAN_RETURN_IF_ERROR(h->catalog->Transaction([&] {
    auto old = h->catalog->GetUser(name);
    if (!old.ok()) return old.status();
    if (!old->has_value()) return Status::NotFound("no user " + name);
    u = **old;
    u.password_hash = hash;
    DANGAN_RETURN_IF_ERROR(h->catalog->UpdateUser(u));
    return LogAccess(h->catalog.get(), h->user.name, "user_passwd", "user:" + name,
                     nlohmann::json::object());
  }));
  spdlog::info("password set user={} by={}", name, h->user.name);
  PrintUser(st->ctx, u, "password set for");
  return Status::Ok();
}

Status RunList(CommandState* st) {
  auto h = Open(st->ctx, false, "", {authz::Action::kUserAdmin, {}});
  if (!h.ok()) return h.status();
  auto users = h->catalog->ListUsers();
  if (!users.ok()) return users.status();
  if (st->ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& u : *users) arr.push_back(UserJson(u));
    PrintJson({{"users", arr}});
    return Status::Ok();
  }
  for (const auto& u : *users) {
    std::string roles;
    for (Role r : u.roles) roles += (roles.empty() ? "" : ",") + std::string(ToString(r));
    Print(fmt::format("{}  {}  {}  {}{}\n", PadColumns(u.name, 12), PadColumns(roles, 24),
                      PadColumns(ToString(u.clearance), 12), u.display,
                      u.disabled ? "  (disabled)" : ""));
  }
  return Status::Ok();
}

}  // namespace

void RegisterUser(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<UserArgs>();
  auto* cmd = app.add_subcommand("user", "users, roles and clearance (RECORDS §1)");
  cmd->require_subcommand(1);
  auto* add = cmd->add_subcommand("add", "add a user");
  add->add_option("NAME", args->name, "user name")->required();
  add->add_option("--role", args->roles, "roles: admin, archivist, staff, approver, auditor (comma-separated)")
      ->required();
  add->add_option("--clearance", args->clearance, "public, internal (default), confidential, secret");
  add->add_option("--display", args->display, "display name");
  add->callback([st, args] { st->run = [st, args] { return RunAdd(st, *args); }; });
  auto* passwd = cmd->add_subcommand("passwd", "set a user's password (read from stdin)");
  passwd->add_option("NAME", args->name, "user name")->required();
  passwd->callback([st, args] { st->run = [st, args] { return RunPasswd(st, args->name); }; });
  auto* list = cmd->add_subcommand("list", "every user");
  list->callback([st] { st->run = [st] { return RunList(st); }; });
  auto* set = cmd->add_subcommand("set", "change a user's roles, clearance or state");
  set->add_option("NAME", args->name, "user name")->required();
  set->add_option("--role", args->roles, "the new roles (comma-separated)");
  set->add_option("--clearance", args->clearance, "the new clearance");
  set->add_option("--display", args->display, "the new display name");
  set->add_flag("--disabled", args->disabled, "disable the user");
  set->add_flag("--enabled", args->enabled, "enable the user again");
  set->callback([st, args] { st->run = [st, args] { return RunSet(st, *args); }; });
}

}  // namespace dangan::app
