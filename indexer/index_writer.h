// IndexWriter: the only writer of HOME/index (DESIGN §6). Turns a catalogued
// document and its pages into one Xapian document, replaced by its unique term
// Q<id>, and commits in batches. Owned by the coordinator thread; the caller
// holds dangan.lock (Xapian's own lock is a second line of defence).
#ifndef DANGAN_INDEXER_INDEX_WRITER_H_
#define DANGAN_INDEXER_INDEX_WRITER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "catalog/records.h"
#include "core/status.h"
#include "core/text_fold.h"

namespace dangan::indexer {

class IndexWriter {
 public:
  // Opens or creates the database in dir. folder: borrowed, must outlive the
  // writer. kBusy when another process holds Xapian's write lock.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::filesystem::path& dir,
                                                   const TextFolder* folder);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds doc, or replaces the document with the same id. client_name is the
  // name of the client of doc.archive_no ("" when unfiled), for the client
  // facet (value 5). Not durable until Commit().
  Status Replace(const catalog::Document& doc, const std::vector<catalog::Page>& pages,
                 const std::string& client_name);
  Status Delete(int64_t id);
  // Makes every change since the last Commit() durable; returns the ids that
  // were replaced since then (the caller marks them indexed in the catalog).
  Result<std::vector<int64_t>> Commit();
  // Changes not yet committed.
  size_t pending() const;

  Result<uint64_t> DocCount();
  // Every document id in the index, ascending (for verify).
  Result<std::vector<int64_t>> AllIds();

  // Sets user metadata in the index, durable with the next Commit() (reindex
  // marks the index it builds with its run token).
  Status SetMetadata(const std::string& key, const std::string& value);

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_INDEX_WRITER_H_
