// The record of a destruction list (销毁清册 / 销毁记录, RECORDS §6, §9): its
// documents as tombstones (the would-be tombstones while not executed), its
// approvals, and its renderings: JSON, terminal text and the printable PDF.
// Documents above the reader's clearance are counted, never described
// (RECORDS §2).
#ifndef DANGAN_APP_DESTRUCTION_RECORD_H_
#define DANGAN_APP_DESTRUCTION_RECORD_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/report_pdf.h"
#include "catalog/catalog.h"

namespace dangan::app {

struct DestructionRecord {
  catalog::DestructionList list;
  int approvals_required = 2;
  // Executed: the tombstones kept. Otherwise: what each document's tombstone
  // would be; a document gone since (destroyed by another list) shows its
  // own tombstone.
  std::vector<catalog::Tombstone> documents;
  std::vector<std::pair<int64_t, std::string>> spared;  // executed: doc id, why
};

Result<DestructionRecord> LoadDestructionRecord(catalog::Catalog* catalog, int64_t list_id,
                                                int approvals_required);

// The highest level among a list's documents (kPublic for an empty list):
// deciding or executing a list needs clearance for all of it.
Result<Level> DestructionListLevel(catalog::Catalog* catalog, int64_t list_id);

// What a document's tombstone will say once destroyed by list.
catalog::Tombstone WouldBeTombstone(const catalog::Document& doc, const catalog::DestructionItem& item,
                                    const catalog::DestructionList& list);

nlohmann::json HoldJson(const catalog::Hold& h);
nlohmann::json ApprovalsJson(const std::vector<catalog::Approval>& approvals);
// A tombstone; above clearance only {"id", "level", "hidden": true, "list"}.
nlohmann::json TombstoneJson(const catalog::Tombstone& t, Level clearance);
// RECORDS §9: {"id", "state", "proposed_by", "approvals", "documents", …}.
nlohmann::json DestructionListJson(const DestructionRecord& r, Level clearance);

std::string TombstoneLine(const catalog::Tombstone& t, Level clearance);
std::string DestructionListText(const DestructionRecord& r, Level clearance);
// The printable list (proposed, approved, rejected) or record (executed).
Report DestructionReport(const DestructionRecord& r, Level clearance);

}  // namespace dangan::app

#endif  // DANGAN_APP_DESTRUCTION_RECORD_H_
