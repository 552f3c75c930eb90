// RECORDS §9's change object and the human renderings of changes and of
// renumber aliases, for `change`, `clients history`, `show` and `locate`.
#ifndef DANGAN_APP_CHANGE_JSON_H_
#define DANGAN_APP_CHANGE_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/records.h"

namespace dangan::app {

// {"id", "kind", "target": {"archive": A} | {"doc": ID}, "before", "after",
//  "reason", "state", "proposed_by", "proposed_at", "decided_by",
//  "decided_at", "reject_reason"}
nlohmann::json ChangeJson(const catalog::Change& c);
// A few lines: id, kind, target, state; who and why; each key before -> after.
std::string ChangeText(const catalog::Change& c);
// {"from", "to", "at", "reason", "change"}
nlohmann::json AliasJson(const catalog::ArchiveAlias& a);
std::string AliasText(const catalog::ArchiveAlias& a);

}  // namespace dangan::app

#endif  // DANGAN_APP_CHANGE_JSON_H_
