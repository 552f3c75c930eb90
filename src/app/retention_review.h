// RetentionReview: what retention (RECORDS §6) says about the catalog's
// documents as of a date: each one's class (the longer of its archive's,
// clients.retention, and its type's, [retention.by_type]), due date, the
// holds in force on it and the open destruction list it is on. The
// arithmetic is core/retention.h's; this only gathers its inputs.
//
// Unfiled documents are never due: they have no archive, so no class yet;
// they become due once filed.
#ifndef DANGAN_APP_RETENTION_REVIEW_H_
#define DANGAN_APP_RETENTION_REVIEW_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/config.h"
#include "core/retention.h"

namespace dangan::app {

struct ReviewedDocument {
  catalog::Document doc;
  RetentionOutcome outcome;
  std::vector<catalog::Hold> holds;  // in force on it or on its archive
  std::optional<int64_t> open_list;  // a proposed or approved list it is on
  bool held() const { return !holds.empty(); }
};

struct DueQuery {
  Date as_of;
  std::optional<std::string> archive_no;  // only this archive's documents
  Level clearance = Level::kSecret;       // documents above it are counted, not listed
};

struct DueReport {
  std::vector<ReviewedDocument> due;  // visible, due documents, by id
  int hidden = 0;                     // due documents above the clearance
};

// The retention of one document as of as_of. catalog: borrowed.
Result<RetentionOutcome> ReviewDocument(catalog::Catalog* catalog, const Config::Retention& policy,
                                        const catalog::Document& doc, Date as_of);

// Every due document (held ones included, marked so).
Result<DueReport> DueDocuments(catalog::Catalog* catalog, const Config::Retention& policy,
                               const DueQuery& query);

// --as-of DATE, or today (UTC) when empty.
Result<Date> ParseAsOf(const std::string& text);

}  // namespace dangan::app

#endif  // DANGAN_APP_RETENTION_REVIEW_H_
