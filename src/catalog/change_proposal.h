// Change requests (RECORDS §5): what `change propose` may ask for, checked
// against the catalog, with the values it would replace captured as they are
// (before) next to the values asked for (after). At approval the same capture
// is made again: a record that changed in between is never overwritten.
#ifndef DANGAN_CATALOG_CHANGE_PROPOSAL_H_
#define DANGAN_CATALOG_CHANGE_PROPOSAL_H_

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/archive_no.h"
#include "core/status.h"

namespace dangan::catalog {

// The keys `change propose client A --set KEY=VALUE` accepts.
inline constexpr const char* kClientChangeKeys[] = {
    "name",    "uscc",  "client_code",   "type",      "legal_rep",
    "address", "phone", "credit_rating", "retention", "opened"};
// The keys `change propose fields DOC --set KEY=VALUE` accepts; an empty
// value clears a field (not doc_type or title).
inline constexpr const char* kFieldChangeKeys[] = {"contract_no", "invoice_no", "date",     "amount",
                                                   "currency",    "uscc",       "doc_type", "title"};

struct ProposalInput {
  std::string kind;               // client | renumber | refile | level | fields
  std::string target;             // as typed: an archive number or a document id
  std::vector<std::string> sets;  // client, fields: KEY=VALUE
  std::string value;              // renumber: the new number; refile: the archive; level: the level
  std::string reason;
};

// BuildProposal: a pending change (no id, proposer or time yet) with target
// normalised (an archive's old number resolved to its current one) and its
// before/after. kInvalidArgument names the bad key, value or number and why;
// kNotFound the missing archive or document.
Result<Change> BuildProposal(Catalog* catalog, const ArchiveNumberRule& rule,
                             const ProposalInput& in);

// CheckStillCurrent: the approval's re-check. kBadData naming the first key
// whose value is no longer the change's before value, or a renumber whose
// new number was taken, or a refile whose archive is gone.
Status CheckStillCurrent(Catalog* catalog, const Change& change);

// True when a change's target is a document (a decimal id).
bool TargetsDocument(const Change& change);

// True when archive_no can name a folder of its own under store/: one path
// component, not "." or "..", not starting with '.' or '_' (store/.staging,
// store/_unfiled), no '/', '\\' or NUL.
bool IsSafeArchiveFolder(const std::string& archive_no);

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_CHANGE_PROPOSAL_H_
