// Catalog: client rows (DESIGN §3).
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/clock.h"

namespace dangan::catalog {
namespace {

constexpr const char* kClientColumns =
    "archive_no, name, uscc, client_code, type, legal_rep, address, phone, credit_rating, "
    "retention, opened, level";

Client ReadClient(const Statement& st) {
  Client c;
  c.archive_no = st.Text(0);
  c.name = st.Text(1);
  c.uscc = st.Text(2);
  c.client_code = st.Text(3);
  c.type = st.Text(4);
  c.legal_rep = st.Text(5);
  c.address = st.Text(6);
  c.phone = st.Text(7);
  c.credit_rating = st.Text(8);
  c.retention = st.Text(9);
  c.opened = st.Text(10);
  c.level = ParseLevel(st.Text(11)).value_or(Level::kSecret);
  return c;
}

}  // namespace

Status Catalog::UpsertClient(const Client& c) {
  Statement st(db_,
               "INSERT INTO clients(archive_no, name, uscc, client_code, type, legal_rep, address, "
               "phone, credit_rating, retention, opened, updated_at, level) "
               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(archive_no) DO UPDATE SET "
               "name=excluded.name, uscc=excluded.uscc, client_code=excluded.client_code, "
               "type=excluded.type, legal_rep=excluded.legal_rep, address=excluded.address, "
               "phone=excluded.phone, credit_rating=excluded.credit_rating, "
               "retention=excluded.retention, opened=excluded.opened, "
               "updated_at=excluded.updated_at");
  st.Bind(1, c.archive_no).Bind(2, c.name).Bind(3, c.uscc).Bind(4, c.client_code).Bind(5, c.type);
  st.Bind(6, c.legal_rep).Bind(7, c.address).Bind(8, c.phone).Bind(9, c.credit_rating);
  st.Bind(10, c.retention).Bind(11, c.opened).Bind(12, NowIso8601Utc());
  st.Bind(13, ToString(c.level.value_or(default_level_)));
  return st.Run();
}

Result<std::optional<Level>> Catalog::ArchiveLevel(const std::string& archive_no) {
  Statement st(db_, "SELECT level FROM clients WHERE archive_no = ?");
  st.Bind(1, archive_no);
  Status s;
  if (st.Step(&s)) return std::optional<Level>(ParseLevel(st.Text(0)).value_or(Level::kSecret));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<Level>();
}

Result<std::optional<Client>> Catalog::GetClient(const std::string& archive_no) {
  std::string sql = std::string("SELECT ") + kClientColumns + " FROM clients WHERE archive_no = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, archive_no);
  Status s;
  if (st.Step(&s)) return std::optional<Client>(ReadClient(st));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<Client>();
}

Result<std::vector<Client>> Catalog::ListClients() {
  std::string sql = std::string("SELECT ") + kClientColumns + " FROM clients ORDER BY archive_no";
  Statement st(db_, sql.c_str());
  std::vector<Client> out;
  Status s;
  while (st.Step(&s)) out.push_back(ReadClient(st));
  DANGAN_RETURN_IF_ERROR(s);
  return out;
}

}  // namespace dangan::catalog
