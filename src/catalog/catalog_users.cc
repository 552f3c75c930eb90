// Catalog: users (RECORDS §1). Roles are stored as "admin,staff".
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/clock.h"

namespace dangan::catalog {
namespace {

constexpr const char* kUserColumns =
    "name, display, roles, clearance, password_hash, disabled, created_at";

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) out += (out.empty() ? "" : ",") + std::string(ToString(r));
  return out;
}

std::vector<Role> SplitRoles(const std::string& text) {
  std::vector<Role> roles;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (auto r = ParseRole(text.substr(start, end - start))) roles.push_back(*r);
    start = end + 1;
  }
  return roles;
}

User ReadUser(const Statement& st) {
  User u;
  u.name = st.Text(0);
  u.display = st.Text(1);
  u.roles = SplitRoles(st.Text(2));
  // An unknown spelling (edited by hand) gives the lowest clearance.
  u.clearance = ParseLevel(st.Text(3)).value_or(Level::kPublic);
  u.password_hash = st.OptText(4).value_or("");
  u.disabled = st.Int(5) != 0;
  u.created_at = st.Text(6);
  return u;
}

}  // namespace

Status Catalog::InsertUser(const User& user) {
  Statement st(db_, "INSERT INTO users(name, display, roles, clearance, password_hash, disabled, "
                    "created_at) VALUES(?,?,?,?,?,?,?)");
  st.Bind(1, user.name).Bind(2, user.display).Bind(3, JoinRoles(user.roles));
  st.Bind(4, ToString(user.clearance));
  if (user.password_hash.empty()) {
    st.BindNull(5);
  } else {
    st.Bind(5, user.password_hash);
  }
  st.Bind(6, user.disabled ? 1 : 0);
  st.Bind(7, user.created_at.empty() ? NowIso8601Utc() : user.created_at);
  return st.Run();
}

Status Catalog::UpdateUser(const User& user) {
  Statement st(db_, "UPDATE users SET display = ?, roles = ?, clearance = ?, password_hash = ?, "
                    "disabled = ? WHERE name = ?");
  st.Bind(1, user.display).Bind(2, JoinRoles(user.roles)).Bind(3, ToString(user.clearance));
  if (user.password_hash.empty()) {
    st.BindNull(4);
  } else {
    st.Bind(4, user.password_hash);
  }
  st.Bind(5, user.disabled ? 1 : 0).Bind(6, user.name);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (sqlite3_changes(db_) == 0) return Status::NotFound("no user " + user.name);
  return Status::Ok();
}

Result<std::optional<User>> Catalog::GetUser(const std::string& name) {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, name);
  Status s;
  if (st.Step(&s)) return std::optional<User>(ReadUser(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<User>();
}

Result<std::vector<User>> Catalog::ListUsers() {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name";
  Statement st(db_, sql.c_str());
  std::vector<User> users;
  Status s;
  while (st.Step(&s)) users.push_back(ReadUser(st));
  DANGAN_RETURN_IF_ERROR(s);
  return users;
}

}  // namespace dangan::catalog
