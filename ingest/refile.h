// Moving one stored document to another archive: `file DOC A` (an unfiled
// document filed by hand) and an approved refile change (RECORDS §5) share
// this one path.
#ifndef DANGAN_INGEST_REFILE_H_
#define DANGAN_INGEST_REFILE_H_

#include <functional>
#include <string>

#include "catalog/catalog.h"
#include "catalog/document_sink.h"
#include "core/status.h"
#include "ingest/store.h"

namespace dangan::ingest {

// RefileDocument: file doc under archive_no (routed_by=manual).
// Before: the original at doc.stored_path, the row pointing there.
//   1. rename to store/ARCHIVE_NO/ (Store::Refile), fsync both folders
//   2. one transaction: archive, routed_by, stored_path; an indexed document
//      goes back to `stored`; then in_transaction() (the caller's log rows)
//   3. index it again (state `indexed` after the commit of its batch)
// A failed commit renames the file back. Crash after 1: the row still names
// the old path, Reconcile() moves the file back (nothing happened). Crash
// after 2: the document is `stored`, Reconcile() indexes it. needs_ocr
// documents keep their state (OCR indexes them). sink may be null (no index).
Status RefileDocument(Store* store, catalog::Catalog* catalog, catalog::DocumentSink* sink,
                      const catalog::Document& doc, const std::string& archive_no,
                      const std::function<Status()>& in_transaction);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_REFILE_H_
