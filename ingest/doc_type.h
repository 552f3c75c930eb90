// Document type and title (DESIGN §4.5). A document's title is its own
// heading: a short line near the top of page 1 that names a kind of document
// (采购合同, 增值税专用发票, 客户信息登记表, 催款函, COMMERCIAL INVOICE …). The
// type follows from the title's head word, else from the file name, else from
// the cue words of the text.
#ifndef DANGAN_INGEST_DOC_TYPE_H_
#define DANGAN_INGEST_DOC_TYPE_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/text_fold.h"
#include "core/types.h"

namespace dangan::ingest {

// The heading of a document whose first page is first_page (cleaned text),
// in the page's own script, or nullopt when no line looks like one.
// first_page_simplified: the same page after TextFolder::ToSimplified, line
// for line (OpenCC keeps line breaks), for reading Traditional cue words.
// Lines naming own_name_folded (the department's organisation, TextFolder::Fold
// form; a running header) are not titles.
std::optional<std::string> FindTitle(std::string_view first_page,
                                     std::string_view first_page_simplified,
                                     std::string_view own_name_folded);

// original_name without folders and extension ("合同.pdf" -> "合同").
std::string FileNameStem(std::string_view original_name);

// The type a title names: its head word (the last cue word in Chinese, "X of
// Y" read as X in English, after the phrases that override: guarantee,
// purchase order …). folded: TextFolder::Fold form. kOther when it names none.
DocType DocTypeFromTitle(std::string_view folded);

// The type from cue words in the text (folded), for documents without a
// title: the kind named most often in the first part of the text.
DocType DocTypeFromText(std::string_view folded);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_DOC_TYPE_H_
