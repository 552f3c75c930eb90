// `clients import FILE.csv` (DESIGN §3): validates each row and upserts the
// good ones by archive_no in one transaction; each bad row is rejected with
// its line number and reason, and the rest are kept.
#ifndef DANGAN_CATALOG_CLIENT_IMPORT_H_
#define DANGAN_CATALOG_CLIENT_IMPORT_H_

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/archive_no.h"
#include "core/csv_reader.h"
#include "core/status.h"

namespace dangan::catalog {

struct Rejection {
  int line = 0;  // the header is line 1
  std::string reason;
};

struct ImportResult {
  int imported = 0;
  std::vector<Rejection> rejected;
  std::string encoding;
};

// The header DESIGN §3 requires (any column order).
inline constexpr const char* kClientColumns[] = {
    "archive_no", "name",          "uscc",      "client_code", "type",  "legal_rep",
    "address",    "phone",         "credit_rating", "retention", "opened"};

// True when s is YYYY-MM-DD naming a real day (from 1900 on).
bool IsIsoDate(const std::string& s);

// Checks one row's fields (in kClientColumns order); "" when good, else the reason.
std::string ValidateClient(const Client& c, const ArchiveNumberRule& rule);

// kInvalidArgument when the header lacks a required column.
Result<ImportResult> ImportClients(Catalog* catalog, const CsvFile& csv,
                                   const ArchiveNumberRule& rule);

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_CLIENT_IMPORT_H_
