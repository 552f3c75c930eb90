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
  // The archive's confidentiality level (RECORDS §2). Read: always set.
  // Upsert: nullopt = the catalog's default level for a new client, and the
  // level unchanged for an existing one.
  std::optional<Level> level;
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
  // Effective level (RECORDS §2): the higher of own_level and the archive's
  // (the default level when unfiled). Computed when read; never written.
  Level level = Level::kInternal;
  std::optional<Level> own_level;  // documents.level; nullopt = the archive's
};

// A user of dangan (RECORDS §1).
struct User {
  std::string name;
  std::string display;
  std::vector<Role> roles;
  Level clearance = Level::kInternal;
  std::string password_hash;  // Argon2id (crypto_pwhash_str); "" = none set
  bool disabled = false;
  std::string created_at;
};

// One row of the access log (RECORDS §4). detail is a JSON object's text.
struct LogRow {
  int64_t seq = 0;
  std::string at;
  std::string user;
  std::string action;
  std::string target;
  std::string detail = "{}";
  std::string prev_hash;
  std::string hash;
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

// A legal hold (RECORDS §6) on an archive (all its documents) or one
// document: held material never enters a destruction list.
struct Hold {
  int64_t id = 0;
  std::optional<std::string> archive_no;  // exactly one of archive_no, doc_id
  std::optional<int64_t> doc_id;
  std::string reason;
  std::string added_by;
  std::string added_at;
  std::optional<std::string> removed_by;  // nullopt while the hold is in force
  std::optional<std::string> removed_at;
  std::optional<std::string> remove_reason;
};

struct Approval {
  std::string user;
  std::string at;
};

// One document on a destruction list, with why it was due when proposed.
struct DestructionItem {
  int64_t doc_id = 0;
  std::string retention_class;  // short | long | permanent
  std::string due_date;         // YYYY-MM-DD
  std::optional<std::string> outcome;  // nullopt until executed: destroyed | spared
  std::string note;                    // why it was spared
};

// A destruction list (销毁清册, RECORDS §6).
struct DestructionList {
  int64_t id = 0;
  std::string state;  // proposed | approved | rejected | executed
  std::string proposed_by;
  std::string proposed_at;
  std::string as_of;  // YYYY-MM-DD the list was drawn up for
  std::optional<std::string> archive_no;  // --archive, when given
  std::optional<std::string> decided_by;  // who rejected it
  std::optional<std::string> decided_at;
  std::optional<std::string> reason;
  std::optional<std::string> executed_by;
  std::optional<std::string> executed_at;
  std::vector<DestructionItem> items;  // by doc_id
  std::vector<Approval> approvals;     // in the order given
};

// What is kept of a destroyed document (RECORDS §6).
struct Tombstone {
  int64_t doc_id = 0;
  int64_t list_id = 0;
  std::optional<std::string> archive_no;
  std::string original_name;
  std::string title;
  std::string doc_type;
  std::optional<std::string> contract_no;
  std::optional<std::string> invoice_no;
  std::optional<std::string> date;
  std::string ingested_at;
  std::string sha256;
  std::vector<Approval> approvers;
  std::string executed_at;
  std::string executed_by;
  Level level = Level::kInternal;
  std::string retention_class;
  std::string due_date;
  std::string stored_path;
  std::optional<std::string> cleaned_at;  // nullopt until file and index entry are gone
};

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_RECORDS_H_
