// The Xapian side of DESIGN §7: a QueryParser set up with the field prefixes
// (archive: client: type: year: date: amount: contract: invoice: uscc:
// title: source: level:) over the schema of indexer/schema.h. Field values arrive
// folded (FoldQueryText), so each processor normalises them back to the
// spelling of its terms.
#ifndef DANGAN_SEARCH_QUERY_PARSER_H_
#define DANGAN_SEARCH_QUERY_PARSER_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "catalog/records.h"
#include "core/text_fold.h"

namespace dangan::search {

// A client as client: matches it: every spelling folded once.
struct ClientKey {
  std::string archive_no;   // as stored (upper case)
  std::string name;         // folded, spaces removed
  std::string client_code;  // upper case
  std::string uscc;         // upper case
};

ClientKey MakeClientKey(const catalog::Client& client, const TextFolder& folder);

// The archive numbers client:VALUE means: VALUE (folded) equal to an archive
// number, client code or USCC, or contained in a client's name.
std::vector<std::string> ResolveClient(const std::string& folded_value,
                                       const std::vector<ClientKey>& clients);

// clients: borrowed, must outlive the parser; filled by the caller (it may be
// empty: then client: matches nothing). error: borrowed, must outlive the
// parser; a malformed level: or date: value is written there (and matches
// nothing) rather than thrown: Xapian's parser leaks what it holds when a
// field processor throws. The caller clears it before parse_query() and
// refuses the query when it is set after.
Xapian::QueryParser MakeQueryParser(const std::vector<ClientKey>* clients, std::string* error);

// Flags for parse_query(): boolean operators, phrases, +/-, pure NOT, CJK.
unsigned QueryParserFlags();

}  // namespace dangan::search

#endif  // DANGAN_SEARCH_QUERY_PARSER_H_
