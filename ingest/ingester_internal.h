// Module-private state of the Ingester (ingest/ingester.h).
#ifndef DANGAN_INGEST_INGESTER_INTERNAL_H_
#define DANGAN_INGEST_INGESTER_INTERNAL_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingester.h"
#include "ingest/store.h"
#include "ingest/worker_protocol.h"

namespace dangan::ingest {

// One input or bundle member on its way through the pipeline.
struct Ingester::Job {
  uint64_t id = 0;
  std::filesystem::path input;        // the file in the drop; empty for a member
  std::filesystem::path member_file;  // a member's extracted bytes in staging
  std::string source;                 // "inbox/a/b.zip!c/d.pdf"
  std::vector<std::string> folders;   // nearest first, for folder routing
  std::string name;                   // original file name
  bool is_symlink = false;
  uint64_t bundle_id = 0;  // the bundle this member came from; 0 = an input
  Claimed claimed;
  bool has_claim = false;
  std::string out_dir;  // where the worker expands it, if it is a bundle
  // Not claimed: quarantined at once with this reason and detail, or (no
  // reason) left in place because of skip.
  std::optional<QuarantineReason> unclaimed;
  std::string detail;
  std::string skip;
  bool skip_changing = false;  // skipped because its bytes changed while read
  // Jobs with the same bytes that arrived while this one was being worked
  // on; resolved with it (duplicates, or quarantined each in their own right).
  std::vector<std::unique_ptr<Job>> followers;
};

// A bundle whose members are on their way; its input goes when all are done.
struct Ingester::Bundle {
  uint64_t id = 0;
  std::filesystem::path input;  // empty when the bundle was itself a member
  uint64_t parent_bundle = 0;
  size_t pending = 0;           // members not yet resolved
  std::filesystem::path staging_copy;
  std::optional<FileIdentity> input_identity;
  std::filesystem::path members_dir;
  std::string source;
};

// The text of a document as extraction and OCR left it.
struct Ingester::DocText {
  std::string mime;
  FileKind kind = FileKind::kPdf;
  // One per page; text_source kNone marks a page still without text.
  std::vector<catalog::Page> pages;
  std::vector<std::string> barcodes;  // from page 1, when it was scanned

  static DocText FromExtract(const WorkResponse& resp);
  // needs_ocr while a page has no text; text/ocr/mixed by the pages' sources.
  DocState State() const;
  TextSource Source() const;
  std::vector<std::string> Texts() const;
};

// A document whose pages are being recognised.
struct Ingester::OcrDoc {
  uint64_t id = 0;
  std::unique_ptr<Job> job;           // a new document; null for a stored one
  std::optional<int64_t> stored_id;   // a document stored earlier as needs_ocr
  std::filesystem::path file;         // the bytes the pages are read from
  DocText text;
  size_t unfinished = 0;              // page tasks queued or running
  std::optional<QuarantineReason> failed;
  std::string detail;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_INGESTER_INTERNAL_H_
