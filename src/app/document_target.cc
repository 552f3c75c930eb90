#include "app/document_target.h"

#include <fmt/format.h>

namespace dangan::app {

Result<authz::Target> DocumentTarget(catalog::Catalog& catalog, int64_t id) {
  auto doc = catalog.GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) {
    // RECORDS §6: a destroyed document is gone, but said so.
    auto gone = catalog.GetTombstone(id);
    if (!gone.ok()) return gone.status();
    if (gone->has_value())
      return Status::NotFound(
          fmt::format("document {} was destroyed at {} (destruction list {}; "
                      "`dangan destruction show {}`)",
                      id, (*gone)->executed_at, (*gone)->list_id, (*gone)->list_id));
    return Status::NotFound("no document " + std::to_string(id));
  }
  return authz::Target{(*doc)->level, (*doc)->archive_no, id};
}

}  // namespace dangan::app
