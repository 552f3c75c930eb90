#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <set>

#include "indexer/document_builder.h"
#include "indexer/schema.h"
#include "indexer/xapian_status.h"

namespace dangan::indexer {

struct IndexWriter::Impl {
  Impl(Xapian::WritableDatabase database, const TextFolder* text_folder)
      : db(std::move(database)), folder(text_folder), tg(MakeTermGenerator()) {}

  Xapian::WritableDatabase db;
  const TextFolder* folder;  // borrowed
  Xapian::TermGenerator tg;
  std::set<int64_t> replaced;  // since the last commit
  size_t pending = 0;
  std::string dir;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::filesystem::path& dir,
                                                       const TextFolder* folder) {
  try {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    auto impl = std::make_unique<Impl>(std::move(db), folder);
    impl->dir = dir.string();
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "open index " + dir.string());
  } catch (const std::exception& e) {
    return Status::IoError("open index " + dir.string() + ": " + e.what());
  }
}

Status IndexWriter::Replace(const catalog::Document& doc, const std::vector<catalog::Page>& pages,
                            const std::string& client_name) {
  try {
    Xapian::Document xdoc =
        BuildXapianDocument(doc, pages, client_name, *impl_->folder, &impl_->tg);
    impl_->db.replace_document(schema::IdTerm(doc.id), xdoc);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "index document " + std::to_string(doc.id));
  } catch (const std::exception& e) {
    return Status::IoError("index document " + std::to_string(doc.id) + ": " + e.what());
  }
  impl_->replaced.insert(doc.id);
  ++impl_->pending;
  return Status::Ok();
}

Status IndexWriter::Delete(int64_t id) {
  try {
    impl_->db.delete_document(schema::IdTerm(id));
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "delete document " + std::to_string(id));
  }
  impl_->replaced.erase(id);
  ++impl_->pending;
  return Status::Ok();
}

Result<std::vector<int64_t>> IndexWriter::Commit() {
  try {
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "commit index " + impl_->dir);
  }
  std::vector<int64_t> ids(impl_->replaced.begin(), impl_->replaced.end());
  impl_->replaced.clear();
  impl_->pending = 0;
  return ids;
}

size_t IndexWriter::pending() const { return impl_->pending; }

Result<uint64_t> IndexWriter::DocCount() {
  try {
    return static_cast<uint64_t>(impl_->db.get_doccount());
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "count index " + impl_->dir);
  }
}

Result<std::vector<int64_t>> IndexWriter::AllIds() {
  std::vector<int64_t> ids;
  try {
    const std::string prefix(schema::kPrefixId);
    for (auto it = impl_->db.allterms_begin(prefix); it != impl_->db.allterms_end(prefix); ++it) {
      const std::string term = *it;
      ids.push_back(std::stoll(term.substr(prefix.size())));
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "list index " + impl_->dir);
  } catch (const std::exception& e) {
    return Status::BadData("index " + impl_->dir + ": bad id term: " + e.what());
  }
  std::sort(ids.begin(), ids.end());  // terms sort as strings: "Q10" < "Q9"
  return ids;
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  try {
    impl_->db.set_metadata(key, value);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "set index metadata " + key);
  }
  ++impl_->pending;
  return Status::Ok();
}

}  // namespace dangan::indexer
