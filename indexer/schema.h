// The Xapian index schema of DESIGN §6, shared by the writer (indexer) and the
// reader (search) so that both spell every prefix, slot and normalised term
// the same way. No Xapian types here: search links this without the writer.
#ifndef DANGAN_INDEXER_SCHEMA_H_
#define DANGAN_INDEXER_SCHEMA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dangan::indexer::schema {

// Term prefixes.
inline constexpr std::string_view kPrefixId = "Q";         // unique: Q<doc id>
inline constexpr std::string_view kPrefixTitle = "S";      // title words (free text)
inline constexpr std::string_view kPrefixArchive = "XA";   // archive_no, upper case
inline constexpr std::string_view kPrefixDocType = "XT";   // contract, invoice, …
inline constexpr std::string_view kPrefixYear = "XY";      // 2023
inline constexpr std::string_view kPrefixUscc = "XU";      // upper case
inline constexpr std::string_view kPrefixContract = "XK";  // NormaliseNumber(contract_no)
inline constexpr std::string_view kPrefixInvoice = "XI";   // NormaliseNumber(invoice_no)
inline constexpr std::string_view kPrefixSource = "XS";    // text, ocr, mixed, none
inline constexpr std::string_view kPrefixMime = "XM";      // lower case
inline constexpr std::string_view kPrefixNumber = "XN";    // a number quoted in the text
// The document's effective level (RECORDS §2): public, internal, … Indexes
// written before levels existed have none; the searcher counts such a
// document as internal.
inline constexpr std::string_view kPrefixLevel = "XL";

// Value slots.
inline constexpr unsigned kSlotDate = 0;     // YYYYMMDD
inline constexpr unsigned kSlotAmount = 1;   // Xapian::sortable_serialise(amount)
inline constexpr unsigned kSlotArchive = 2;  // archive_no
inline constexpr unsigned kSlotDocType = 3;  // doc_type
inline constexpr unsigned kSlotYear = 4;     // YYYY
inline constexpr unsigned kSlotClient = 5;   // client name

// Xapian refuses terms over 245 bytes; longer boolean values are not indexed.
inline constexpr size_t kMaxTermBytes = 240;

// Gap in term positions between two pages, so a phrase never spans a page
// break by accident.
inline constexpr unsigned kPageGap = 100;

std::string IdTerm(int64_t id);
// Prefix + value, or "" when the term would be too long or value is empty.
std::string BooleanTerm(std::string_view prefix, std::string_view value);

// A contract, invoice or archive number in the form its terms use. Input is
// already folded (TextFolder::Fold: half-width, lower case, Simplified);
// output: ASCII upper case, every dash variant -> '-', white space removed.
// "ht－2023－0017" -> "HT-2023-0017", "25采字第005号" stays as it is.
std::string NormaliseNumber(std::string_view folded);

// Every number-like token quoted in folded text, normalised, without
// duplicates, in order of first appearance (the XN terms):
//  - letters and digits, optionally joined by single '-', '/', '_' (or dash
//    variants), with at least one letter and at least 3 digits:
//    HT-2023-0017, SA/2023/001, PO202400003, KH-2019-0042;
//  - 8 to 20 digits alone, no separator: invoice numbers (04418823);
//  - a serial with a Chinese counter: letters/digits, up to 4 Han characters,
//    第, digits, 号: 25采字第005号, ZL2024第002号.
// Dates (2023-03-15, 2023/3/15) and phone numbers (0752-83984891) are not
// numbers by these rules: they have separators but no letter.
std::vector<std::string> FindQuotedNumbers(std::string_view folded);

}  // namespace dangan::indexer::schema

#endif  // DANGAN_INDEXER_SCHEMA_H_
