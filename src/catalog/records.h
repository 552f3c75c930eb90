// The rows of the catalog as plain structs. These are the vocabulary shared by
// ingest, indexer, search and app; only src/catalog knows how they are stored.
#ifndef DANGAN_CATALOG_RECORDS_H_
#define DANGAN_CATALOG_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/types.h"

namespace dangan::catalog {

// One client (DESIGN §3): one archive.
struct Client {
  std::string archive_no;
  std::string name;
  std::string uscc;         // empty for individuals
  std::string client_code;
  std::string type;         // enterprise | individual | institution
  std::string legal_rep;
  std::string address;
  std::string phone;
  std::string credit_rating;
  std::string retention;    // short | long | permanent
  std::string opened;       // ISO date
};

// Fields extracted from a document's text (DESIGN §4.5); nullopt = not found.
struct Fields {
  std::optional<std::string> contract_no;
  std::optional<std::string> invoice_no;
  std::optional<std::string> date;      // YYYY-MM-DD
  std::optional<std::string> amount;    // decimal string, "1250000.00"
  std::optional<std::string> currency;  // ISO 4217, "CNY"
  std::optional<std::string> uscc;      // the counterparty's
};

// A client that routing considered for an unfiled document, and why it was
// not chosen (DESIGN §9 "candidates").
struct Candidate {
  std::string archive_no;
  std::string rule;  // a RoutedBy spelling
  std::string why;
};

struct Page {
  int page_no = 0;  // 1-based
  std::string text;
  TextSource text_source = TextSource::kText;
  double confidence = -1;  // OCR mean confidence 0–100; -1 for a text layer
};

struct Document {
  int64_t id = 0;
  std::string sha256;
  std::string original_name;
  std::vector<std::string> sources;  // first = the input that was stored
  std::string mime;
  uint64_t size = 0;
  int pages = 0;
  DocState state = DocState::kStored;
  TextSource text_source = TextSource::kNone;
  std::optional<std::string> archive_no;  // nullopt = unfiled
  RoutedBy routed_by = RoutedBy::kUnfiled;
  std::vector<Candidate> candidates;
  DocType doc_type = DocType::kOther;
  std::string title;
  Fields fields;
  std::string stored_path;  // relative to the home: store/ARCHIVE_NO/SHA256.EXT
  std::string ingested_at;
};

struct QuarantineItem {
  int64_t id = 0;
  std::string source;
  std::string sha256;
  QuarantineReason reason = QuarantineReason::kCorrupt;
  std::string detail;
  std::string at;
  std::string file_name;  // the kept bytes: quarantine/ID/FILE_NAME
  bool released = false;
};

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_RECORDS_H_
