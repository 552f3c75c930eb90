// Field extraction (DESIGN §4.5): contract and invoice numbers, date, amount,
// currency, the counterparty's USCC, the document type and a title, from the
// text of a document. Pure functions of the text: no I/O, no catalog.
#ifndef DANGAN_INGEST_FIELDS_H_
#define DANGAN_INGEST_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "catalog/records.h"
#include "core/text_fold.h"
#include "core/types.h"

namespace dangan::ingest {

// What the department knows about itself: its own USCC and name appear on
// nearly every document and are never the counterparty.
struct FieldContext {
  std::string own_uscc;
  std::string own_name;
};

struct ExtractedFields {
  catalog::Fields fields;
  DocType doc_type = DocType::kOther;
  std::string title;  // the document's own heading in its own script, else the file name
};

// pages: the cleaned text of each page (core CleanExtractedText), in the
// document's own script. folder: borrowed, for Traditional -> Simplified.
ExtractedFields ExtractFields(const std::vector<std::string>& pages, std::string_view original_name,
                              const FieldContext& ctx, const TextFolder& folder);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_FIELDS_H_
