#include "app/original_file.h"

#include "app/document_target.h"

namespace dangan::app {

Result<OriginalFile> OpenOriginal(const Context& ctx, int64_t id, bool log) {
  Gate gate{authz::Action::kShowText, [id](catalog::Catalog& c) { return DocumentTarget(c, id); }};
  auto h = Open(ctx, false, "", gate);
  if (!h.ok()) return h.status();
  auto doc = h->catalog->GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("no document " + std::to_string(id));
  const catalog::Document& d = **doc;
  if (log) {
    nlohmann::json detail = {{"level", ToString(d.level)}, {"sha256", d.sha256}};
    if (d.archive_no) detail["archive_no"] = *d.archive_no;
    if (h->grant) detail["request"] = *h->grant;  // the grant it opened under
    DANGAN_RETURN_IF_ERROR(
        LogAccess(h->catalog.get(), h->user.name, "download", "doc:" + std::to_string(id), detail));
  }
  return OriginalFile{h->home.root() / d.stored_path, d.mime, d.original_name, d.sha256};
}

}  // namespace dangan::app
