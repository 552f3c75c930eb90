// The checks of `dangan verify` (DESIGN §4 invariants, RECORDS §4 log
// chain), callable from other commands (`audit report`) without verify's
// CLI. Read-only: repairing stays in cmd_verify.cc.
#ifndef DANGAN_APP_VERIFY_CHECKS_H_
#define DANGAN_APP_VERIFY_CHECKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::app {

struct VerifyProblem {
  std::string kind;    // fixity, missing_file, misplaced, orphan_file, staging_leftover,
                       // quarantine_missing, quarantine_altered, index_duplicate, index_extra,
                       // not_indexed, log_chain,
                       // destruction_unfinished
  std::string detail;
  int64_t doc_id = 0;  // for index repairs
};

// True when another process holds dangan.lock (a writer such as watch at
// work): its files in flight are then not problems.
bool WriterActive(const Home& home);

// Store fixity and placement, staging, quarantine and index against the
// catalog. writer_active: skip orphan store files and staging (a writer is
// filing them); holds_lock: the caller is the writer, staging is its own.
Status CheckContents(const Home& home, catalog::Catalog* catalog, bool writer_active,
                     bool holds_lock, std::vector<VerifyProblem>* out);

// The access log's hash chain: one log_chain problem naming the first row
// that breaks it.
Status CheckLogChain(catalog::Catalog* catalog, std::vector<VerifyProblem>* out);

}  // namespace dangan::app

#endif  // DANGAN_APP_VERIFY_CHECKS_H_
