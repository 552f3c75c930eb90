// Catalog: documents, their pages, sources and routing candidates.
#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/statement.h"
#include "core/clock.h"

namespace dangan::catalog {
namespace {

constexpr const char* kDocColumns =
    "id, sha256, original_name, mime, size, pages, state, text_source, archive_no, routed_by, "
    "doc_type, title, contract_no, invoice_no, date, amount, currency, uscc, stored_path, "
    "ingested_at, level";

// Levels in order inside one string: instr() of '|LEVEL|' ranks them.
constexpr const char* kLevelOrder = "'|public|internal|confidential|secret|'";

}  // namespace

std::string Catalog::EffectiveLevelSql() const {
  const std::string archive =
      std::string("COALESCE((SELECT c.level FROM clients c WHERE c.archive_no = "
                  "documents.archive_no), '") + ToString(default_level_) + "')";
  return std::string("(CASE WHEN documents.level IS NOT NULL AND instr(") + kLevelOrder +
         ", '|' || documents.level || '|') > instr(" + kLevelOrder + ", '|' || " + archive +
         " || '|') THEN documents.level ELSE " + archive + " END)";
}

Result<Level> Catalog::DocumentLevel(int64_t doc_id) {
  std::string sql = "SELECT " + EffectiveLevelSql() + " FROM documents WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, doc_id);
  Status s;
  if (st.Step(&s)) return ParseLevel(st.Text(0)).value_or(Level::kSecret);
  DANGAN_RETURN_IF_ERROR(s);
  return Status::NotFound("no document " + std::to_string(doc_id));
}

Result<std::optional<int64_t>> Catalog::FindDocumentBySha(const std::string& sha256) {
  Statement st(db_, "SELECT id FROM documents WHERE sha256 = ?");
  st.Bind(1, sha256);
  Status s;
  if (st.Step(&s)) return std::optional<int64_t>(st.Int(0));
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<int64_t>();
}

Result<int64_t> Catalog::InsertDocument(Document* doc, const std::vector<Page>& pages) {
  // A destroyed document's id is never given again (its tombstone, log rows
  // and lists name it): the next id is above every document's and tombstone's.
  Statement st(db_,
               "INSERT INTO documents(id, sha256, original_name, mime, size, pages, state, "
               "text_source, archive_no, routed_by, doc_type, title, contract_no, invoice_no, date, "
               "amount, currency, uscc, stored_path, ingested_at) "
               "VALUES((SELECT MAX(m) + 1 FROM (SELECT COALESCE(MAX(id), 0) AS m FROM documents "
               "UNION ALL SELECT COALESCE(MAX(doc_id), 0) FROM tombstones)),"
               "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.Bind(1, doc->sha256).Bind(2, doc->original_name).Bind(3, doc->mime);
  st.Bind(4, static_cast<int64_t>(doc->size)).Bind(5, doc->pages);
  st.Bind(6, ToString(doc->state)).Bind(7, ToString(doc->text_source));
  st.Bind(8, doc->archive_no).Bind(9, ToString(doc->routed_by)).Bind(10, ToString(doc->doc_type));
  st.Bind(11, doc->title).Bind(12, doc->fields.contract_no).Bind(13, doc->fields.invoice_no);
  st.Bind(14, doc->fields.date).Bind(15, doc->fields.amount).Bind(16, doc->fields.currency);
  st.Bind(17, doc->fields.uscc).Bind(18, doc->stored_path).Bind(19, doc->ingested_at);
  DANGAN_RETURN_IF_ERROR(st.Run());
  doc->id = sqlite3_last_insert_rowid(db_);

  DANGAN_RETURN_IF_ERROR(InsertPagesAndCandidates(*doc, pages));
  for (size_t i = 0; i < doc->sources.size(); ++i)
    DANGAN_RETURN_IF_ERROR(AddSource(doc->id, doc->sources[i], i > 0));
  return doc->id;
}

Status Catalog::UpdateDocument(const Document& doc, const std::vector<Page>& pages) {
  Statement st(db_,
               "UPDATE documents SET state = ?, text_source = ?, archive_no = ?, routed_by = ?, "
               "doc_type = ?, title = ?, contract_no = ?, invoice_no = ?, date = ?, amount = ?, "
               "currency = ?, uscc = ?, stored_path = ?, pages = ? WHERE id = ?");
  st.Bind(1, ToString(doc.state)).Bind(2, ToString(doc.text_source)).Bind(3, doc.archive_no);
  st.Bind(4, ToString(doc.routed_by)).Bind(5, ToString(doc.doc_type)).Bind(6, doc.title);
  st.Bind(7, doc.fields.contract_no).Bind(8, doc.fields.invoice_no).Bind(9, doc.fields.date);
  st.Bind(10, doc.fields.amount).Bind(11, doc.fields.currency).Bind(12, doc.fields.uscc);
  st.Bind(13, doc.stored_path).Bind(14, static_cast<int>(pages.size())).Bind(15, doc.id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  for (const char* sql : {"DELETE FROM pages WHERE doc_id = ?", "DELETE FROM candidates WHERE doc_id = ?"}) {
    Statement del(db_, sql);
    del.Bind(1, doc.id);
    DANGAN_RETURN_IF_ERROR(del.Run());
  }
  return InsertPagesAndCandidates(doc, pages);
}

Status Catalog::InsertPagesAndCandidates(const Document& doc, const std::vector<Page>& pages) {
  Statement page(db_, "INSERT INTO pages(doc_id, page_no, text, text_source, confidence) "
                      "VALUES(?,?,?,?,?)");
  DANGAN_RETURN_IF_ERROR(page.status());
  for (const Page& p : pages) {
    sqlite3_reset(page.raw());
    page.Bind(1, doc.id).Bind(2, p.page_no).Bind(3, p.text).Bind(4, ToString(p.text_source));
    page.Bind(5, p.confidence);
    DANGAN_RETURN_IF_ERROR(page.Run());
  }
  Statement cand(db_, "INSERT INTO candidates(doc_id, archive_no, rule, why) VALUES(?,?,?,?)");
  DANGAN_RETURN_IF_ERROR(cand.status());
  for (const Candidate& c : doc.candidates) {
    sqlite3_reset(cand.raw());
    cand.Bind(1, doc.id).Bind(2, c.archive_no).Bind(3, c.rule).Bind(4, c.why);
    DANGAN_RETURN_IF_ERROR(cand.Run());
  }
  return Status::Ok();
}

Status Catalog::AddSource(int64_t doc_id, const std::string& source, bool duplicate) {
  Statement st(db_, "INSERT INTO sources(doc_id, source, duplicate, at) VALUES(?,?,?,?)");
  st.Bind(1, doc_id).Bind(2, source).Bind(3, duplicate ? 1 : 0).Bind(4, NowIso8601Utc());
  return st.Run();
}

Result<bool> Catalog::HasSource(int64_t doc_id, const std::string& source) {
  Statement st(db_, "SELECT 1 FROM sources WHERE doc_id = ? AND source = ? LIMIT 1");
  st.Bind(1, doc_id).Bind(2, source);
  Status s;
  bool found = st.Step(&s);
  DANGAN_RETURN_IF_ERROR(s);
  return found;
}

Status Catalog::SetState(int64_t doc_id, DocState state) {
  Statement st(db_, "UPDATE documents SET state = ? WHERE id = ?");
  st.Bind(1, ToString(state)).Bind(2, doc_id);
  return st.Run();
}

Status Catalog::SetFiling(int64_t doc_id, const std::optional<std::string>& archive_no,
                          RoutedBy routed_by, const std::string& stored_path) {
  Statement st(db_, "UPDATE documents SET archive_no = ?, routed_by = ?, stored_path = ? "
                    "WHERE id = ?");
  st.Bind(1, archive_no).Bind(2, ToString(routed_by)).Bind(3, stored_path).Bind(4, doc_id);
  DANGAN_RETURN_IF_ERROR(st.Run());
  if (archive_no) {
    Statement del(db_, "DELETE FROM candidates WHERE doc_id = ?");
    del.Bind(1, doc_id);
    DANGAN_RETURN_IF_ERROR(del.Run());
  }
  return Status::Ok();
}

Result<Document> Catalog::ReadDocumentRow(void* raw) {
  auto& st = *static_cast<Statement*>(raw);
  Document d;
  d.id = st.Int(0);
  d.sha256 = st.Text(1);
  d.original_name = st.Text(2);
  d.mime = st.Text(3);
  d.size = static_cast<uint64_t>(st.Int(4));
  d.pages = static_cast<int>(st.Int(5));
  d.state = ParseDocState(st.Text(6)).value_or(DocState::kStored);
  d.text_source = ParseTextSource(st.Text(7)).value_or(TextSource::kNone);
  d.archive_no = st.OptText(8);
  d.routed_by = ParseRoutedBy(st.Text(9)).value_or(RoutedBy::kUnfiled);
  d.doc_type = ParseDocType(st.Text(10)).value_or(DocType::kOther);
  d.title = st.Text(11);
  d.fields.contract_no = st.OptText(12);
  d.fields.invoice_no = st.OptText(13);
  d.fields.date = st.OptText(14);
  d.fields.amount = st.OptText(15);
  d.fields.currency = st.OptText(16);
  d.fields.uscc = st.OptText(17);
  d.stored_path = st.Text(18);
  d.ingested_at = st.Text(19);
  if (auto own = st.OptText(20)) d.own_level = ParseLevel(*own);
  // An unknown spelling (edited by hand) is treated as the highest level.
  d.level = ParseLevel(st.Text(21)).value_or(Level::kSecret);
  DANGAN_RETURN_IF_ERROR(LoadSourcesAndCandidates(&d));
  return d;
}

Status Catalog::LoadSourcesAndCandidates(Document* d) {
  Status s;
  Statement src(db_, "SELECT source FROM sources WHERE doc_id = ? ORDER BY id");
  src.Bind(1, d->id);
  while (src.Step(&s)) d->sources.push_back(src.Text(0));
  DANGAN_RETURN_IF_ERROR(s);
  Statement cand(db_, "SELECT archive_no, rule, why FROM candidates WHERE doc_id = ? ORDER BY rowid");
  cand.Bind(1, d->id);
  while (cand.Step(&s)) d->candidates.push_back({cand.Text(0), cand.Text(1), cand.Text(2)});
  return s;
}

Result<std::optional<Document>> Catalog::GetDocument(int64_t id) {
  std::string sql = std::string("SELECT ") + kDocColumns + ", " + EffectiveLevelSql() +
                    " FROM documents WHERE id = ?";
  Statement st(db_, sql.c_str());
  st.Bind(1, id);
  Status s;
  if (st.Step(&s)) {
    auto d = ReadDocumentRow(&st);
    if (!d.ok()) return d.status();
    return std::optional<Document>(std::move(d).value());
  }
  DANGAN_RETURN_IF_ERROR(s);
  return std::optional<Document>();
}

Result<std::vector<Page>> Catalog::GetPages(int64_t doc_id) {
  Statement st(db_, "SELECT page_no, text, text_source, confidence FROM pages WHERE doc_id = ? "
                    "ORDER BY page_no");
  st.Bind(1, doc_id);
  std::vector<Page> pages;
  Status s;
  while (st.Step(&s)) {
    Page p;
    p.page_no = static_cast<int>(st.Int(0));
    p.text = st.Text(1);
    p.text_source = ParseTextSource(st.Text(2)).value_or(TextSource::kText);
    p.confidence = st.Double(3);
    pages.push_back(std::move(p));
  }
  DANGAN_RETURN_IF_ERROR(s);
  return pages;
}

Status Catalog::ForEachDocument(const DocumentFilter& filter, int64_t after_id,
                                const std::function<bool(const Document&)>& fn) {
  std::string sql = std::string("SELECT ") + kDocColumns + ", " + EffectiveLevelSql() +
                    " FROM documents WHERE id > ?";
  if (filter.unfiled_only) sql += " AND archive_no IS NULL";
  if (filter.max_level) {
    std::string allowed;
    for (Level l : kAllLevels)
      if (l <= *filter.max_level) allowed += std::string(allowed.empty() ? "'" : ", '") + ToString(l) + "'";
    sql += " AND " + EffectiveLevelSql() + " IN (" + allowed + ")";
  }
  if (filter.archive_no) sql += " AND archive_no = ?";
  if (filter.state) sql += " AND state = ?";
  sql += " ORDER BY id";
  Statement st(db_, sql.c_str());
  int i = 1;
  st.Bind(i++, after_id);
  if (filter.archive_no) st.Bind(i++, *filter.archive_no);
  if (filter.state) st.Bind(i++, ToString(*filter.state));
  Status s;
  while (st.Step(&s)) {
    auto d = ReadDocumentRow(&st);
    if (!d.ok()) return d.status();
    if (!fn(*d)) break;
  }
  return s;
}

Result<std::vector<int64_t>> Catalog::DocumentIdsByField(const std::string& field,
                                                         const std::string& value) {
  const char* sql = nullptr;
  if (field == "contract_no") {
    sql = "SELECT id FROM documents WHERE contract_no = ? COLLATE NOCASE ORDER BY id";
  } else if (field == "invoice_no") {
    sql = "SELECT id FROM documents WHERE invoice_no = ? COLLATE NOCASE ORDER BY id";
  } else if (field == "archive_no") {
    sql = "SELECT id FROM documents WHERE archive_no = ? ORDER BY id";
  } else {
    return Status::InvalidArgument("no such field: " + field);
  }
  Statement st(db_, sql);
  st.Bind(1, value);
  std::vector<int64_t> ids;
  Status s;
  while (st.Step(&s)) ids.push_back(st.Int(0));
  DANGAN_RETURN_IF_ERROR(s);
  return ids;
}

Result<int64_t> Catalog::MaxDocumentId() {
  Statement st(db_, "SELECT COALESCE(MAX(id), 0) FROM documents");
  Status s;
  int64_t id = st.Step(&s) ? st.Int(0) : 0;
  DANGAN_RETURN_IF_ERROR(s);
  return id;
}

}  // namespace dangan::catalog
