// DESIGN §9's JSON shapes for catalog rows, built with nlohmann (never
// concatenated strings), and their human renderings.
#ifndef DANGAN_APP_DOCUMENT_JSON_H_
#define DANGAN_APP_DOCUMENT_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/records.h"

namespace dangan::app {

nlohmann::json DocumentJson(const catalog::Document& d);
nlohmann::json ClientJson(const catalog::Client& c);
nlohmann::json QuarantineJson(const catalog::QuarantineItem& q);

// A multi-line human description of a document (for `show`).
std::string DocumentText(const catalog::Document& d);
// One line: id, archive, type, date, title (for lists).
std::string DocumentLine(const catalog::Document& d);

// Pads s with spaces to width terminal columns (CJK characters count two).
std::string PadColumns(const std::string& s, size_t width);

}  // namespace dangan::app

#endif  // DANGAN_APP_DOCUMENT_JSON_H_
