// BuildXapianDocument: one catalog document and its pages -> the Xapian
// document of DESIGN §6 (terms, boolean terms, values, data). Pure: no
// database access. Used by IndexWriter only; a separate file so the schema
// mapping can be read (and tested) on its own.
#ifndef DANGAN_INDEXER_DOCUMENT_BUILDER_H_
#define DANGAN_INDEXER_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "catalog/records.h"
#include "core/text_fold.h"

namespace dangan::indexer {

// term_generator: configured by MakeTermGenerator(); borrowed. Throws
// Xapian::Error (callers catch it, STYLE §3).
Xapian::Document BuildXapianDocument(const catalog::Document& doc,
                                     const std::vector<catalog::Page>& pages,
                                     const std::string& client_name, const TextFolder& folder,
                                     Xapian::TermGenerator* term_generator);

// CJK n-grams, English stemmer, STEM_SOME (DESIGN §6).
Xapian::TermGenerator MakeTermGenerator();

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_DOCUMENT_BUILDER_H_
