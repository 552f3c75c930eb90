#include "app/retention_review.h"

namespace dangan::app {
namespace {

// The archives' classes (clients.retention), read once per archive.
class ArchiveClasses {
 public:
  explicit ArchiveClasses(catalog::Catalog* catalog) : catalog_(catalog) {}

  // nullopt: unfiled, no client row, or a class dangan does not know.
  Result<std::optional<RetentionClass>> Get(const std::optional<std::string>& archive_no) {
    if (!archive_no) return std::optional<RetentionClass>();
    auto it = cache_.find(*archive_no);
    if (it != cache_.end()) return it->second;
    DANGAN_ASSIGN_OR_RETURN(auto client, catalog_->GetClient(*archive_no));
    std::optional<RetentionClass> cls;
    if (client) cls = ParseRetentionClass(client->retention);
    cache_.emplace(*archive_no, cls);
    return cls;
  }

 private:
  catalog::Catalog* catalog_;  // borrowed
  std::map<std::string, std::optional<RetentionClass>> cache_;
};

std::optional<RetentionClass> TypeClass(const Config::Retention& policy, DocType type) {
  auto it = policy.by_type.find(type);
  if (it == policy.by_type.end()) return std::nullopt;
  return it->second;
}

Result<RetentionOutcome> Review(ArchiveClasses* classes, const Config::Retention& policy,
                                const catalog::Document& doc, Date as_of) {
  // Unfiled: no archive, no class yet, never due.
  if (!doc.archive_no) return RetentionOutcome{};
  DANGAN_ASSIGN_OR_RETURN(auto archive_class, classes->Get(doc.archive_no));
  return EvaluateRetention(archive_class, TypeClass(policy, doc.doc_type), doc.fields.date,
                           doc.ingested_at, policy.years, as_of);
}

}  // namespace

Result<RetentionOutcome> ReviewDocument(catalog::Catalog* catalog, const Config::Retention& policy,
                                        const catalog::Document& doc, Date as_of) {
  ArchiveClasses classes(catalog);
  return Review(&classes, policy, doc, as_of);
}

Result<DueReport> DueDocuments(catalog::Catalog* catalog, const Config::Retention& policy,
                               const DueQuery& query) {
  DANGAN_ASSIGN_OR_RETURN(auto holds, catalog->ListHolds(/*include_removed=*/false));
  DANGAN_ASSIGN_OR_RETURN(auto on_lists, catalog->DocumentsOnOpenLists());
  ArchiveClasses classes(catalog);
  DueReport report;
  catalog::DocumentFilter filter;
  filter.archive_no = query.archive_no;
  Status inner;
  DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    auto outcome = Review(&classes, policy, d, query.as_of);
    if (!outcome.ok()) {
      inner = outcome.status();
      return false;
    }
    if (!outcome->is_due) return true;
    if (d.level > query.clearance) {
      ++report.hidden;
      return true;
    }
    ReviewedDocument r{d, *outcome, {}, std::nullopt};
    for (const catalog::Hold& h : holds)
      if (h.doc_id == d.id || (h.archive_no && h.archive_no == d.archive_no)) r.holds.push_back(h);
    if (auto it = on_lists.find(d.id); it != on_lists.end()) r.open_list = it->second;
    report.due.push_back(std::move(r));
    return true;
  }));
  DANGAN_RETURN_IF_ERROR(inner);
  return report;
}

Result<Date> ParseAsOf(const std::string& text) {
  if (text.empty()) return TodayUtc();
  auto d = ParseIsoDate(text);
  if (!d || text.size() != 10)
    return Status::InvalidArgument("--as-of " + text + ": not a date (YYYY-MM-DD)");
  return *d;
}

}  // namespace dangan::app
