// Catalog: the SQLite database that is dangan's source of truth (DESIGN §2):
// clients, documents with their pages, fields, sources and routing, and the
// quarantine. WAL mode, synchronous=FULL.
//
// Owned by one thread. The writer (ingest, reindex) holds dangan.lock; readers
// (search, list, stats) open their own Catalog and see committed state.
#ifndef DANGAN_CATALOG_CATALOG_H_
#define DANGAN_CATALOG_CATALOG_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/audit_figures.h"
#include "catalog/records.h"
#include "core/status.h"

struct sqlite3;

namespace dangan::catalog {

// The newest schema version; Open() migrates older catalogs up to it.
inline constexpr int kSchemaVersion = 3;

struct DocumentFilter {
  std::optional<std::string> archive_no;  // "" = unfiled only
  std::optional<DocState> state;
  bool unfiled_only = false;
  // Visibility (RECORDS §2): only documents whose effective level is at most
  // this; nullopt = every document (writers, reindex, verify).
  std::optional<Level> max_level;
};

// What `log` lists; each set field narrows the rows.
struct LogFilter {
  std::optional<std::string> user;
  std::optional<std::string> target;   // exact, "doc:42"
  std::optional<std::string> archive;  // target "archive:A" or detail.archive_no = A
  std::optional<std::string> action;
  std::optional<std::string> since;    // at >= since (ISO 8601 UTC)
  std::optional<std::string> until;    // at <= until
};

// What `change list` lists; each set field narrows the rows.
struct ChangeFilter {
  std::optional<std::string> state;
  std::optional<std::string> kind;
  std::optional<std::string> target;
};

// The first row where the access log's hash chain breaks.
struct LogBreak {
  int64_t seq = 0;
  std::string why;
};

// The hash of the row before the first one.
inline constexpr const char* kLogGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// hash = SHA-256(prev_hash ‖ canonical JSON of the row): the row's seq, at,
// user, action, target, detail (as JSON) and prev_hash as one object with
// sorted keys, compact, UTF-8 (RECORDS §4).
std::string LogRowHash(const LogRow& row);

// What `request list` lists; each set field narrows the rows.
struct RequestFilter {
  std::optional<std::string> requester;
  std::optional<RequestState> state;  // the effective state (kExpired is computed)
};

// The grant lookup (RECORDS §2): user's newest-expiring approved request on
// the document ?3 or the archive ?4, unexpired at ?2. Public so a test can
// check SQLite plans it on the requests_grant index.
inline constexpr const char* kActiveGrantSql =
    "SELECT id FROM requests WHERE requester = ?1 AND state = 'approved' AND expires_at > ?2 "
    "AND (doc_id = ?3 OR archive_no = ?4) ORDER BY expires_at DESC LIMIT 1";

struct Stats {
  int64_t documents = 0;
  std::map<std::string, int64_t> by_state;
  std::map<std::string, int64_t> by_type;
  std::map<std::string, int64_t> by_archive;
  int64_t archives = 0;  // clients with at least one document
  int64_t clients = 0;
  int64_t unfiled = 0;
  int64_t quarantined = 0;
  int64_t sources = 0;
};

// The dashboard's series (issue 9, `stats --json`): every document counted,
// as Stats counts them.
struct Activity {
  std::map<std::string, int64_t> by_month;         // "YYYY-MM" of the date field -> documents
  std::map<std::string, int64_t> ingested_by_day;  // "YYYY-MM-DD" of ingested_at -> documents
  int64_t ocr_pending = 0;                         // documents in state needs_ocr
};

// What a catalog snapshot (a file BackupTo wrote) says must be backed up
// with it: the originals, the kept quarantine files, and the log's head.
struct SnapshotContents {
  struct Original {
    int64_t doc_id = 0;
    std::string sha256;
    std::string stored_path;  // home-relative
    uint64_t size = 0;
  };
  struct Kept {  // an unreleased quarantine item's folder
    int64_t id = 0;
    std::string file_name;
  };
  std::vector<Original> originals;
  std::vector<Kept> quarantine;
  int64_t log_seq = 0;                   // 0 when the log is empty
  std::string log_head = kLogGenesisHash;
};

// Reads a snapshot opened read-only (the file is not changed).
Result<SnapshotContents> ReadSnapshotContents(const std::filesystem::path& snapshot);

class Catalog {
 public:
  // Opens (creating when create is true) and migrates the catalog at path.
  static Result<std::unique_ptr<Catalog>> Open(const std::filesystem::path& path, bool create);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Transactions: BEGIN IMMEDIATE ... COMMIT. Not nestable.
  Status Begin();
  Status Commit();
  void Rollback();
  // Runs fn inside one transaction: committed when fn returns OK, rolled back
  // when fn or the commit fails.
  Status Transaction(const std::function<Status()>& fn);

  // meta: small key/value state (reindex progress).
  Result<std::optional<std::string>> GetMeta(const std::string& key);
  Status SetMeta(const std::string& key, const std::string& value);

  // The level of unfiled documents and of clients imported without one
  // (config access.default_level).
  void set_default_level(Level level) { default_level_ = level; }
  Level default_level() const { return default_level_; }

  // Clients.
  Status UpsertClient(const Client& c);
  Result<std::optional<Client>> GetClient(const std::string& archive_no);
  Result<std::vector<Client>> ListClients();

  // Documents.
  Result<std::optional<int64_t>> FindDocumentBySha(const std::string& sha256);
  // Inserts doc (id assigned, returned and stored in doc->id), its pages and
  // its first source. Call inside a transaction.
  Result<int64_t> InsertDocument(Document* doc, const std::vector<Page>& pages);
  // Records one more source for an existing document (a duplicate input).
  Status AddSource(int64_t doc_id, const std::string& source, bool duplicate);
  // True when doc_id already records source (an input whose removal a crash
  // interrupted comes back with the same source).
  Result<bool> HasSource(int64_t doc_id, const std::string& source);
  Status SetState(int64_t doc_id, DocState state);
  // Files a document by hand (or re-files it): archive, routed_by=manual,
  // stored_path. The caller moved the file.
  Status SetFiling(int64_t doc_id, const std::optional<std::string>& archive_no, RoutedBy routed_by,
                   const std::string& stored_path);
  // Rewrites what extraction decides about a stored document (state, text
  // source, routing, candidates, type, title, fields, stored_path) and its
  // pages, e.g. once OCR has given it text. Call inside a transaction.
  Status UpdateDocument(const Document& doc, const std::vector<Page>& pages);
  Result<std::optional<Document>> GetDocument(int64_t id);
  Result<std::vector<Page>> GetPages(int64_t doc_id);
  // Calls fn for each matching document in id order; stops when fn returns false.
  Status ForEachDocument(const DocumentFilter& filter, int64_t after_id,
                         const std::function<bool(const Document&)>& fn);
  Result<std::vector<int64_t>> DocumentIdsByField(const std::string& field, const std::string& value);
  Result<int64_t> MaxDocumentId();

  // A document's effective level (RECORDS §2); kNotFound when there is none.
  Result<Level> DocumentLevel(int64_t doc_id);
  // An archive's level; nullopt when no client has that number.
  Result<std::optional<Level>> ArchiveLevel(const std::string& archive_no);

  // Change requests (RECORDS §5); catalog_changes.cc.
  Result<int64_t> InsertChange(Change* change);
  Result<std::optional<Change>> GetChange(int64_t id);
  Result<std::vector<Change>> ListChanges(const ChangeFilter& filter);
  // Sets state, decided_by, decided_at and reject_reason; after is rewritten
  // when given (what was applied).
  Status DecideChange(int64_t id, const std::string& state, const std::string& decided_by,
                      const std::string& decided_at, const std::optional<std::string>& reject_reason);
  // Client columns by name (the client fields of change_proposal.h only).
  Status SetClientColumns(const std::string& archive_no,
                          const std::vector<std::pair<std::string, std::string>>& values);
  Status SetClientLevel(const std::string& archive_no, Level level);
  // Document field columns by name (contract_no, invoice_no, date, amount,
  // currency, uscc, doc_type, title); nullopt stores NULL.
  Status SetDocumentColumns(int64_t doc_id,
                            const std::vector<std::pair<std::string, std::optional<std::string>>>& values);
  Status SetDocumentLevel(int64_t doc_id, std::optional<Level> level);
  // Indexed documents of an archive (or one document) go back to `stored`, so
  // they are indexed again with what changed (reconcile does it after a crash).
  Status MarkArchiveForReindex(const std::string& archive_no);
  Status MarkDocumentForReindex(int64_t doc_id);
  // RenumberArchive: in the caller's transaction, old_no becomes new_no in
  // clients, documents (archive_no and stored_path store/OLD/ -> store/NEW/),
  // candidates, holds and requests, and old_no is kept as an alias.
  Status RenumberArchive(const std::string& old_no, const std::string& new_no, int64_t change_id,
                         const std::string& at, const std::string& reason);
  // The alias old_no, if that number was renumbered.
  Result<std::optional<ArchiveAlias>> GetAlias(const std::string& old_no);
  // Every alias whose chain ends at archive_no (its former numbers), oldest first.
  Result<std::vector<ArchiveAlias>> AliasesOf(const std::string& archive_no);
  // The archive a number names now: itself when a client has it, else the end
  // of its alias chain; nullopt when neither.
  Result<std::optional<std::string>> ResolveArchiveNo(const std::string& archive_no);

  // Users (RECORDS §1).
  Status InsertUser(const User& user);
  // Rewrites display, roles, clearance, password_hash and disabled.
  Status UpdateUser(const User& user);
  Result<std::optional<User>> GetUser(const std::string& name);
  Result<std::vector<User>> ListUsers();

  // The access log (RECORDS §4), append-only. Appends one row chained to the
  // last one; inside the caller's transaction when one is open, else in its
  // own. detail must be a JSON object's text.
  Result<LogRow> AppendLog(const std::string& user, const std::string& action,
                           const std::string& target, const std::string& detail);
  Status ForEachLogRow(const LogFilter& filter, const std::function<bool(const LogRow&)>& fn);
  // Recomputes the chain; nullopt when every row holds.
  Result<std::optional<LogBreak>> VerifyLog();

  // Access requests (RECORDS §3); times are FormatUtc text. Inserts r as
  // pending and sets r->id.
  Result<int64_t> InsertRequest(AccessRequest* r);
  Result<std::optional<AccessRequest>> GetRequest(int64_t id);
  // The requests matching filter as of now, newest first.
  Result<std::vector<AccessRequest>> ListRequests(const RequestFilter& filter,
                                                  const std::string& now);
  // Transitions, each only from the state it expects (pending; for a return,
  // approved and unexpired at `at`), else kConflict.
  Status ApproveRequest(int64_t id, const std::string& by, const std::string& at, int days,
                        const std::string& expires_at);
  Status RejectRequest(int64_t id, const std::string& by, const std::string& at,
                       const std::string& reason);
  Status ReturnRequest(int64_t id, const std::string& by, const std::string& at);
  // The id of user's active grant covering the document or the archive
  // (either may be nullopt), or nullopt: one indexed query.
  Result<std::optional<int64_t>> ActiveGrant(const std::string& user,
                                             std::optional<int64_t> doc_id,
                                             const std::optional<std::string>& archive_no,
                                             const std::string& now);

  // The figures of an audit report over period; states as of now.
  Result<AuditFigures> Audit(const AuditPeriod& period, const std::string& now);

  // Quarantine.
  Result<int64_t> InsertQuarantine(QuarantineItem* item);
  Result<std::vector<QuarantineItem>> ListQuarantine(bool include_released);
  Result<std::optional<QuarantineItem>> GetQuarantine(int64_t id);
  // The item still in quarantine, other than except_id, that holds these
  // bytes from this source, if any: the same input again after a run stopped
  // between the item's commit and the input's removal.
  Result<std::optional<int64_t>> FindQuarantined(const std::string& sha256,
                                                 const std::string& source, int64_t except_id);
  Status MarkReleased(int64_t id);

  // Legal holds (RECORDS §6); catalog_holds.cc.
  Result<int64_t> InsertHold(Hold* hold);
  // Ends every hold in force on exactly the archive or the document named
  // (one of the two set); returns how many ended.
  Result<int> RemoveHolds(const std::optional<std::string>& archive_no,
                          std::optional<int64_t> doc_id, const std::string& by,
                          const std::string& at, const std::string& reason);
  // Holds in force (and ended ones when include_removed), by id.
  Result<std::vector<Hold>> ListHolds(bool include_removed);
  // Holds in force on the document itself or on its archive.
  Result<std::vector<Hold>> HoldsOn(int64_t doc_id, const std::optional<std::string>& archive_no);

  // Destruction lists (RECORDS §6); catalog_destruction.cc. States move
  // proposed -> approved -> executed, or proposed|approved -> rejected; the
  // caller checks the state inside the transaction that changes it.
  // Inserts list and its items (id assigned, returned and stored in list->id).
  Result<int64_t> InsertDestructionList(DestructionList* list);
  Result<std::optional<DestructionList>> GetDestructionList(int64_t id);
  Result<std::vector<DestructionList>> ListDestructionLists();
  // Documents on a list that is proposed or approved: doc id -> list id.
  Result<std::map<int64_t, int64_t>> DocumentsOnOpenLists();
  Status AddDestructionApproval(int64_t list_id, const std::string& user, const std::string& at);
  Status SetDestructionApproved(int64_t list_id);
  Status RejectDestructionList(int64_t list_id, const std::string& by, const std::string& at,
                               const std::string& reason);
  Status SetDestructionItemOutcome(int64_t list_id, int64_t doc_id, const std::string& outcome,
                                   const std::string& note);
  Status MarkDestructionExecuted(int64_t list_id, const std::string& by, const std::string& at);

  // Tombstones (RECORDS §6); catalog_tombstones.cc.
  // DestroyDocument: keeps t and deletes the document's rows (pages,
  // sources, candidates, the document). Inside the caller's transaction. The
  // original and the index entry are the caller's to remove afterwards
  // (t.cleaned_at stays null until then).
  Status DestroyDocument(const Tombstone& t);
  Result<std::optional<Tombstone>> GetTombstone(int64_t doc_id);
  Result<std::vector<Tombstone>> TombstonesOfList(int64_t list_id);
  // field: contract_no, invoice_no (case-insensitive) or archive_no.
  Result<std::vector<Tombstone>> TombstonesByField(const std::string& field,
                                                   const std::string& value);
  Result<std::optional<Tombstone>> FindTombstoneBySha(const std::string& sha256);
  // Tombstones whose original or index entry may still exist.
  Result<std::vector<Tombstone>> UncleanedTombstones();
  Status MarkTombstoneCleaned(int64_t doc_id, const std::string& at);

  // One line in the events table: what happened to which document or input.
  Status LogEvent(const std::string& kind, std::optional<int64_t> doc_id, const std::string& detail);

  Result<Stats> GetStats();
  // ingested_by_day holds the days from since ("YYYY-MM-DD", UTC) on, and
  // only days with documents; by_month leaves out documents without a date.
  Result<Activity> GetActivity(const std::string& since);

  // Backups (RECORDS §7, catalog_backup.cc).
  // Copies the catalog to dst (a new file) with SQLite's online backup API:
  // one consistent snapshot while a writer goes on committing (WAL), a
  // self-contained file (rollback journal, no -wal), fsync'd.
  Status BackupTo(const std::filesystem::path& dst);
  Status InsertBackup(const BackupRun& run);
  // The newest run; nullopt when there has never been one.
  Result<std::optional<BackupRun>> LastBackup();

 private:
  explicit Catalog(sqlite3* db);
  Status Exec(const char* sql);
  Status Migrate();
  Result<Document> ReadDocumentRow(void* stmt);
  Status LoadSourcesAndCandidates(Document* doc);
  Status InsertPagesAndCandidates(const Document& doc, const std::vector<Page>& pages);

  Result<LogRow> AppendLogLocked(const std::string& user, const std::string& action,
                                 const std::string& target, const std::string& detail);
  // SQL for a row's effective level, over `documents` (see Document::level).
  std::string EffectiveLevelSql() const;

  sqlite3* db_;  // owned
  Level default_level_ = Level::kInternal;
};

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_CATALOG_H_
