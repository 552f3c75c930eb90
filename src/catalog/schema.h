// The catalog schema as numbered migrations: migration N brings a catalog
// from user_version N-1 to N. Never edit a released migration; add one.
#ifndef DANGAN_CATALOG_SCHEMA_H_
#define DANGAN_CATALOG_SCHEMA_H_

#include <array>

namespace dangan::catalog {

inline constexpr std::array<const char*, 3> kMigrations = {
    // 1: the foundation (issue 3).
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE clients (
  archive_no TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  uscc TEXT,
  client_code TEXT,
  type TEXT NOT NULL,
  legal_rep TEXT, address TEXT, phone TEXT, credit_rating TEXT,
  retention TEXT NOT NULL,
  opened TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX clients_uscc ON clients(uscc);
CREATE INDEX clients_code ON clients(client_code);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  pages INTEGER NOT NULL,
  state TEXT NOT NULL,
  text_source TEXT NOT NULL,
  archive_no TEXT,
  routed_by TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  title TEXT NOT NULL,
  contract_no TEXT, invoice_no TEXT, date TEXT, amount TEXT, currency TEXT, uscc TEXT,
  stored_path TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_archive ON documents(archive_no);
CREATE INDEX documents_state ON documents(state);
CREATE INDEX documents_contract ON documents(contract_no);
CREATE INDEX documents_invoice ON documents(invoice_no);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  source TEXT NOT NULL,
  duplicate INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sources_doc ON sources(doc_id);
CREATE TABLE pages (
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  page_no INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_source TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (doc_id, page_no)
) WITHOUT ROWID;
CREATE TABLE candidates (
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  archive_no TEXT NOT NULL,
  rule TEXT NOT NULL,
  why TEXT NOT NULL
);
CREATE INDEX candidates_doc ON candidates(doc_id);
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL,
  file_name TEXT NOT NULL,
  released INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  doc_id INTEGER,
  detail TEXT NOT NULL
);
)sql",
    // 2: records management (RECORDS.md §1, §2, §4).
    R"sql(
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  display TEXT NOT NULL DEFAULT '',
  roles TEXT NOT NULL,
  clearance TEXT NOT NULL DEFAULT 'internal',
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE access_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX access_log_user ON access_log(user);
CREATE INDEX access_log_target ON access_log(target);
ALTER TABLE clients ADD COLUMN level TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE documents ADD COLUMN level TEXT;
)sql",
    // 3: the rest of records management: access requests (RECORDS §3), change
    // requests and renumbering aliases (§5), holds, destruction lists and
    // tombstones (§6), backup runs (§7). Times are UTC ISO 8601 text.
    R"sql(
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  requester TEXT NOT NULL,
  archive_no TEXT,             -- exactly one of archive_no, doc_id is set
  doc_id INTEGER,
  purpose TEXT NOT NULL,
  days INTEGER NOT NULL,
  state TEXT NOT NULL,         -- pending|approved|rejected|returned; expired is computed
  decided_by TEXT,
  decided_at TEXT,
  reason TEXT,
  expires_at TEXT,             -- approved_at + days
  returned_at TEXT,
  returned_by TEXT,
  created_at TEXT NOT NULL
);
-- The grant lookup of every gate (RECORDS §2): one range scan per user.
CREATE INDEX requests_grant ON requests(requester, state, expires_at);
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,          -- client|renumber|refile|level|fields
  target TEXT NOT NULL,        -- an archive number or a document id
  before TEXT NOT NULL,        -- JSON object
  after TEXT NOT NULL,         -- JSON object
  reason TEXT NOT NULL,
  state TEXT NOT NULL,         -- pending|approved|rejected
  proposed_by TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  reject_reason TEXT
);
CREATE INDEX changes_target ON changes(target);
CREATE TABLE archive_aliases (
  old_no TEXT PRIMARY KEY,     -- a number an archive had before a renumber
  new_no TEXT NOT NULL,
  change_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE holds (
  id INTEGER PRIMARY KEY,
  archive_no TEXT,             -- exactly one of archive_no, doc_id is set
  doc_id INTEGER,
  reason TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  removed_by TEXT,             -- null while the hold is in force
  removed_at TEXT,
  remove_reason TEXT
);
CREATE INDEX holds_archive ON holds(archive_no) WHERE removed_at IS NULL;
CREATE INDEX holds_doc ON holds(doc_id) WHERE removed_at IS NULL;
CREATE TABLE destruction_lists (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL,         -- proposed|approved|rejected|executed
  proposed_by TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  as_of TEXT NOT NULL,
  archive_no TEXT,
  decided_by TEXT,             -- who rejected
  decided_at TEXT,
  reason TEXT,
  executed_by TEXT,
  executed_at TEXT
);
CREATE TABLE destruction_items (
  list_id INTEGER NOT NULL REFERENCES destruction_lists(id),
  doc_id INTEGER NOT NULL,
  retention_class TEXT NOT NULL, -- short|long|permanent, when proposed
  due_date TEXT NOT NULL,        -- YYYY-MM-DD, when proposed
  outcome TEXT,                  -- null until executed: destroyed|spared
  note TEXT NOT NULL DEFAULT '', -- why a document was spared
  PRIMARY KEY (list_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX destruction_items_doc ON destruction_items(doc_id);
CREATE TABLE destruction_approvals (
  list_id INTEGER NOT NULL REFERENCES destruction_lists(id),
  user TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (list_id, user)
) WITHOUT ROWID;
CREATE TABLE tombstones (
  doc_id INTEGER PRIMARY KEY,  -- the destroyed document's id, never reused
  list_id INTEGER NOT NULL,
  archive_no TEXT,
  original_name TEXT NOT NULL,
  title TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  contract_no TEXT,
  invoice_no TEXT,
  date TEXT,
  ingested_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  approvers TEXT NOT NULL,     -- JSON array of {"user", "at"}
  executed_at TEXT NOT NULL,
  executed_by TEXT NOT NULL,
  level TEXT NOT NULL,         -- the document's effective level when destroyed
  retention_class TEXT NOT NULL,
  due_date TEXT NOT NULL,
  stored_path TEXT NOT NULL,   -- where the original was
  cleaned_at TEXT              -- null until the original and its index entry are gone
);
CREATE INDEX tombstones_contract ON tombstones(contract_no);
CREATE INDEX tombstones_invoice ON tombstones(invoice_no);
CREATE INDEX tombstones_archive ON tombstones(archive_no);
CREATE INDEX tombstones_sha ON tombstones(sha256);
CREATE INDEX tombstones_unclean ON tombstones(cleaned_at) WHERE cleaned_at IS NULL;
CREATE TABLE backups (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  dest TEXT NOT NULL,
  generation TEXT NOT NULL,
  files INTEGER NOT NULL,
  copied INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  catalog_sha256 TEXT NOT NULL,
  log_head TEXT NOT NULL
);
)sql",
};

static_assert(kMigrations.size() >= 1);

}  // namespace dangan::catalog

#endif  // DANGAN_CATALOG_SCHEMA_H_
