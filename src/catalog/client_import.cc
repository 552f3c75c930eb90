#include "catalog/client_import.h"

#include <map>
#include <set>

#include "core/uscc.h"

namespace dangan::catalog {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

std::string ValidateClient(const Client& c, const ArchiveNumberRule& rule) {
  if (!rule.Matches(c.archive_no)) return "bad archive_no";
  if (c.name.empty()) return "missing name";
  if (c.type != "enterprise" && c.type != "individual" && c.type != "institution")
    return "bad type";
  if (c.type == "individual") {
    if (!c.uscc.empty() && !IsValidUscc(c.uscc)) return "bad USCC check digit";
  } else {
    if (c.uscc.empty()) return "missing uscc";
    if (c.uscc.size() != 18) return "bad USCC length";
    if (!IsValidUscc(c.uscc)) return "bad USCC check digit";
  }
  if (c.retention != "short" && c.retention != "long" && c.retention != "permanent")
    return "bad retention";
  if (!c.opened.empty() && !IsIsoDate(c.opened)) return "bad date";
  return "";
}

Result<ImportResult> ImportClients(Catalog* catalog, const CsvFile& csv,
                                   const ArchiveNumberRule& rule) {
  if (csv.rows.empty()) return Status::InvalidArgument("the file is empty (no header)");
  std::map<std::string, size_t> col;
  const CsvRow& header = csv.rows[0];
  for (size_t i = 0; i < header.fields.size(); ++i) col[Trim(header.fields[i])] = i;
  for (const char* name : kClientColumns)
    if (!col.count(name))
      return Status::InvalidArgument(std::string("the header lacks the column ") + name);

  ImportResult result;
  result.encoding = csv.encoding;
  std::vector<Client> good;
  std::set<std::string> seen;
  for (size_t r = 1; r < csv.rows.size(); ++r) {
    const CsvRow& row = csv.rows[r];
    if (row.fields.size() != header.fields.size()) {
      result.rejected.push_back({row.line, "wrong column count"});
      continue;
    }
    auto get = [&](const char* name) { return Trim(row.fields[col[name]]); };
    Client c;
    c.archive_no = NormaliseArchiveNoBasic(get("archive_no"));
    c.name = get("name");
    c.uscc = NormaliseUscc(get("uscc"));
    c.client_code = get("client_code");
    c.type = get("type");
    c.legal_rep = get("legal_rep");
    c.address = get("address");
    c.phone = get("phone");
    c.credit_rating = get("credit_rating");
    c.retention = get("retention");
    c.opened = get("opened");
    std::string why = ValidateClient(c, rule);
    // An optional `level` column gives a new archive its level (RECORDS §2);
    // an existing archive keeps its own (levels change by change request).
    if (col.count("level") && !get("level").empty()) {
      c.level = ParseLevel(get("level"));
      if (!c.level && why.empty()) why = "bad level";
    }
    if (why.empty() && !seen.insert(c.archive_no).second) why = "duplicate archive_no";
    if (!why.empty()) {
      result.rejected.push_back({row.line, why});
      continue;
    }
    good.push_back(std::move(c));
  }
  DANGAN_RETURN_IF_ERROR(catalog->Transaction([&] {
    for (const Client& c : good) DANGAN_RETURN_IF_ERROR(catalog->UpsertClient(c));
    return catalog->LogEvent("clients_import", std::nullopt,
                             std::to_string(good.size()) + " imported, " +
                                 std::to_string(result.rejected.size()) + " rejected");
  }));
  result.imported = static_cast<int>(good.size());
  return result;
}

}  // namespace dangan::catalog
