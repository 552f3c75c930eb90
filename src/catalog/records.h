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

// A change request (RECORDS §5). before and after are JSON objects' text:
// the values of the keys the change sets, as they were at the proposal and
// as they are to become. kind: client | renumber | refile | level | fields;
// state: pending | applying (approved, a renumber under way) | approved |
// rejected. target: an archive number, or a document id in decimal.
struct Change {
  int64_t id = 0;
  std::string kind;
  std::string target;
  std::string before = "{}";
  std::string after = "{}";
  std::string reason;
  std::string state = "pending";
  std::string proposed_by;
  std::string proposed_at;
  std::optional<std::string> decided_by;
  std::optional<std::string> decided_at;
  std::optional<std::string> reject_reason;
};

// An archive number that was renumbered (RECORDS §5): old_no now names the
// archive new_no (which may itself have been renumbered since).
struct ArchiveAlias {
  std::string old_no;
  std::string new_no;
  int64_t change_id = 0;
  std::string at;
  std::string reason;
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

// An access request (借阅 / 查阅申请, RECORDS §3) and, once approved, the
// grant it gives its requester: from decided_at until expires_at.
struct AccessRequest {
  int64_t id = 0;
  std::string requester;
  std::optional<std::string> archive_no;  // exactly one of archive_no, doc_id
  std::optional<int64_t> doc_id;
  std::string purpose;
  int days = 0;
  // The stored state: never kExpired (see EffectiveState in request_rules.h).
  RequestState state = RequestState::kPending;
  std::optional<std::string> decided_by;   // who approved or rejected
  std::optional<std::string> decided_at;   // for an approved request: the grant's start
  std::optional<std::string> reason;       // why it was rejected
  std::optional<std::string> expires_at;   // decided_at + days, set on approval
  std::optional<std::string> returned_at;  // returned (归还) early
  std::optional<std::string> returned_by;  // the requester, or the archivist registering it
  std::string created_at;
};

// One run of `backup` (RECORDS §7), a row of the backups table.
struct BackupRun {
  int64_t id = 0;
  std::string at;          // when the run finished (UTC ISO 8601)
  std::string dest;        // the destination folder, absolute
  std::string generation;  // DEST/generations/<generation>
  int64_t files = 0;       // files the generation's manifest lists
  int64_t copied = 0;      // of those, copied by this run (the rest were in DEST already)
  int64_t bytes = 0;       // bytes copied by this run
  std::string catalog_sha256;
  std::string log_head;    // the access log's last hash in the snapshot
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
