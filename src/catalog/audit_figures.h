// What the catalog counts for an audit report (RECORDS §8). Plain structs;
// Catalog::Audit fills them with one aggregate query per section.
#ifndef DANGAN_CATALOG_AUDIT_FIGURES_H_
#define DANGAN_CATALOG_AUDIT_FIGURES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/records.h"

namespace dangan::catalog {

// A report's period: rows whose time t has from <= t < until (FormatUtc
// text; "" from = since the beginning).
struct AuditPeriod {
  std::string from;
  std::string until = "9999-12-31T23:59:59Z";
};

struct AuditFigures {
  struct ByUserLevel {
    std::string user;
    std::string level;  // "" when the row names none
    int64_t count = 0;
  };
  struct ByKindState {
    std::string kind;
    std::string state;
    int64_t count = 0;
  };
  struct DestructionRun {
    int64_t list_id = 0;
    std::string executed_at;
    std::string executed_by;
    int64_t documents = 0;  // tombstones of the list
  };
  struct BackupRun {
    std::string at;
    std::string dest;
    std::string generation;
    int64_t files = 0;
  };

  int64_t ingested = 0;          // documents ingested in the period
  int64_t ingested_unfiled = 0;  // of those, unfiled now
  int64_t unfiled = 0;           // every document unfiled now
  int64_t quarantined = 0;       // inputs quarantined in the period
  int64_t quarantine_open = 0;   // quarantined items not released, now
  int64_t requests_opened = 0;   // requests opened in the period
  std::map<std::string, int64_t> requests_by_state;  // of those, by state as of now
  // Approved grants that ran out in the period and were never returned
  // (归还 overdue), as of now.
  std::vector<AccessRequest> overdue;
  std::vector<ByUserLevel> openings;  // open/export/download log rows in the period
  std::vector<ByUserLevel> denials;   // denied log rows in the period
  std::vector<ByKindState> changes;   // change requests proposed in the period
  std::map<std::string, int64_t> destruction_lists;  // lists proposed in the period, by state
  std::vector<DestructionRun> destructions;          // lists executed in the period
  int64_t documents_destroyed = 0;                   // tombstones executed in the period
  std::optional<BackupRun> last_backup;              // the newest backups row, any time
  int64_t log_rows = 0;                              // the whole access log
  std::string log_head;                              // its last row's hash
};

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_AUDIT_FIGURES_H_
