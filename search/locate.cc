#include "search/locate.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/utf8.h"
#include "indexer/schema.h"

namespace dangan::search {
namespace {

namespace sc = indexer::schema;

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string Trim(std::string_view s) {
  std::u32string cps = DecodeUtf8(s);
  size_t b = 0, e = cps.size();
  while (b < e && IsSpace(cps[b])) ++b;
  while (e > b && IsSpace(cps[e - 1])) --e;
  return EncodeUtf8(cps.substr(b, e - b));
}

// The number as contract and invoice fields spell it: folded (half-width,
// Simplified), ASCII upper case. Traditional input needs OpenCC: a folder is
// made only then (locate runs once per command).
std::string FieldForm(const std::string& number) {
  if (IsAscii(number)) return sc::NormaliseNumber(number);
  auto folder = TextFolder::Create();
  std::string folded = folder.ok() ? (*folder)->Fold(number) : FoldWidthAndCase(number);
  return sc::NormaliseNumber(folded);
}

// Ids whose field equals the number in either spelling.
Result<std::set<int64_t>> IdsByField(catalog::Catalog* catalog, const std::string& field,
                                     const std::vector<std::string>& spellings) {
  std::set<int64_t> ids;
  for (const std::string& s : spellings) {
    DANGAN_ASSIGN_OR_RETURN(auto found, catalog->DocumentIdsByField(field, s));
    ids.insert(found.begin(), found.end());
  }
  return ids;
}

// One match per archive (unfiled last) for the documents with these ids.
Status AddGroupedMatches(catalog::Catalog* catalog, const std::string& kind,
                         const std::set<int64_t>& ids, LocateResult* result) {
  std::map<std::string, std::vector<catalog::Document>> by_archive;  // "" = unfiled
  for (int64_t id : ids) {
    DANGAN_ASSIGN_OR_RETURN(auto doc, catalog->GetDocument(id));
    if (!doc) continue;  // indexed, but gone from the catalog: verify reports it
    by_archive[doc->archive_no.value_or("")].push_back(std::move(*doc));
  }
  auto add = [&](const std::string& archive, std::vector<catalog::Document>& docs) -> Status {
    LocateMatch m;
    m.kind = kind;
    if (!archive.empty()) {
      m.archive_no = archive;
      DANGAN_ASSIGN_OR_RETURN(m.client, catalog->GetClient(archive));
    }
    m.documents = std::move(docs);
    result->matches.push_back(std::move(m));
    return Status::Ok();
  };
  for (auto& [archive, docs] : by_archive)
    if (!archive.empty()) DANGAN_RETURN_IF_ERROR(add(archive, docs));
  if (auto it = by_archive.find(""); it != by_archive.end())
    DANGAN_RETURN_IF_ERROR(add("", it->second));
  return Status::Ok();
}

// Tombstones whose field equals the number in either spelling, by doc id.
Result<std::map<int64_t, catalog::Tombstone>> TombstonesByField(
    catalog::Catalog* catalog, const std::string& field, const std::vector<std::string>& spellings) {
  std::map<int64_t, catalog::Tombstone> found;
  for (const std::string& s : spellings) {
    DANGAN_ASSIGN_OR_RETURN(auto ts, catalog->TombstonesByField(field, s));
    for (catalog::Tombstone& t : ts) found.emplace(t.doc_id, std::move(t));
  }
  return found;
}

// Destroyed documents join the match of their kind and archive, or make one.
Status AddDestroyed(catalog::Catalog* catalog, const std::string& kind,
                    const std::map<int64_t, catalog::Tombstone>& tombstones, LocateResult* result) {
  for (const auto& entry : tombstones) {
    const catalog::Tombstone& t = entry.second;
    auto it = std::find_if(result->matches.begin(), result->matches.end(), [&](const LocateMatch& m) {
      return m.kind == kind && m.archive_no == t.archive_no;
    });
    if (it == result->matches.end()) {
      LocateMatch m;
      m.kind = kind;
      m.archive_no = t.archive_no;
      if (t.archive_no) {
        DANGAN_ASSIGN_OR_RETURN(m.client, catalog->GetClient(*t.archive_no));
      }
      result->matches.push_back(std::move(m));
      it = result->matches.end() - 1;
    }
    it->destroyed.push_back(t);
  }
  return Status::Ok();
}

// kind "archive": the client row and every document filed under it (and the
// tombstones of those destroyed). False in *found when none of them exists.
Status LocateArchive(const std::string& archive_no, catalog::Catalog* catalog, LocateResult* result,
                     bool* found) {
  LocateMatch m;
  m.kind = "archive";
  m.archive_no = archive_no;
  DANGAN_ASSIGN_OR_RETURN(m.client, catalog->GetClient(archive_no));
  catalog::DocumentFilter filter;
  filter.archive_no = archive_no;
  DANGAN_RETURN_IF_ERROR(catalog->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    m.documents.push_back(d);
    return true;
  }));
  DANGAN_ASSIGN_OR_RETURN(m.destroyed, catalog->TombstonesByField("archive_no", archive_no));
  *found = m.client.has_value() || !m.documents.empty() || !m.destroyed.empty();
  if (*found) result->matches.push_back(std::move(m));
  return Status::Ok();
}

// A number that was renumbered: the archive under its number now, with the
// alias that says when, why and to what.
Status LocateRenumbered(const std::string& archive_no, catalog::Catalog* catalog,
                        LocateResult* result, bool* found) {
  DANGAN_ASSIGN_OR_RETURN(auto alias, catalog->GetAlias(archive_no));
  if (!alias) return Status::Ok();
  DANGAN_ASSIGN_OR_RETURN(auto current, catalog->ResolveArchiveNo(archive_no));
  if (!current) return Status::Ok();
  DANGAN_RETURN_IF_ERROR(LocateArchive(*current, catalog, result, found));
  if (*found) result->matches.back().renumbered = std::move(*alias);
  return Status::Ok();
}

}  // namespace

// Locate: an archive number names an archive (client row + filed documents);
// any number is also looked up as a contract and an invoice number (the
// documents' own fields) and as quoted text (XN terms). Documents that only
// quote the number join the kind whose field matched, else the kind the
// number's shape suggests (all digits: an invoice). An archive number's
// quotations are not listed: its documents are the ones filed under it.
// Destroyed documents (RECORDS §6) are found by their tombstones' fields.
Result<LocateResult> Locate(const std::string& number, catalog::Catalog* catalog,
                            const ArchiveNumberRule& rule, Searcher* searcher) {
  LocateResult result;
  result.number = Trim(number);
  if (result.number.empty()) return Status::InvalidArgument("locate: empty number");
  bool is_archive = false;
  if (auto archive_no = rule.Normalise(result.number)) {
    DANGAN_RETURN_IF_ERROR(LocateArchive(*archive_no, catalog, &result, &is_archive));
    if (!is_archive) DANGAN_RETURN_IF_ERROR(LocateRenumbered(*archive_no, catalog, &result, &is_archive));
  }

  const std::string key = FieldForm(result.number);
  std::vector<std::string> spellings = {key};
  if (result.number != key) spellings.push_back(result.number);
  DANGAN_ASSIGN_OR_RETURN(auto contract_ids, IdsByField(catalog, "contract_no", spellings));
  DANGAN_ASSIGN_OR_RETURN(auto invoice_ids, IdsByField(catalog, "invoice_no", spellings));
  std::set<int64_t> quoted;
  if (searcher != nullptr && !is_archive) {
    DANGAN_ASSIGN_OR_RETURN(auto ids, searcher->DocumentsQuoting(result.number));
    for (int64_t id : ids)
      if (contract_ids.count(id) == 0 && invoice_ids.count(id) == 0) quoted.insert(id);
  }
  bool quoted_are_invoices = contract_ids.empty() && (!invoice_ids.empty() || AllDigits(key));
  (quoted_are_invoices ? invoice_ids : contract_ids).insert(quoted.begin(), quoted.end());
  DANGAN_RETURN_IF_ERROR(AddGroupedMatches(catalog, "contract_no", contract_ids, &result));
  DANGAN_RETURN_IF_ERROR(AddGroupedMatches(catalog, "invoice_no", invoice_ids, &result));
  DANGAN_ASSIGN_OR_RETURN(auto destroyed_contracts, TombstonesByField(catalog, "contract_no", spellings));
  DANGAN_ASSIGN_OR_RETURN(auto destroyed_invoices, TombstonesByField(catalog, "invoice_no", spellings));
  DANGAN_RETURN_IF_ERROR(AddDestroyed(catalog, "contract_no", destroyed_contracts, &result));
  DANGAN_RETURN_IF_ERROR(AddDestroyed(catalog, "invoice_no", destroyed_invoices, &result));
  return result;
}

}  // namespace dangan::search
