// Module-private parts of field extraction (STYLE §1): the folded text the
// finders share and one finder per field. fields.cc runs them in order.
#ifndef DANGAN_INGEST_FIELDS_INTERNAL_H_
#define DANGAN_INGEST_FIELDS_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "ingest/field_parsers.h"

namespace dangan::ingest::internal {

// A document's text folded for fields: Simplified, half-width, dashes unified
// (FoldForFields), case kept in text and ASCII lower-cased in lower; both have
// the same length, so an offset into one is an offset into the other.
class FieldText {
 public:
  explicit FieldText(std::u32string text);

  const std::u32string& text() const { return text_; }
  const std::u32string& lower() const { return lower_; }
  size_t line_count() const { return line_starts_.size(); }
  size_t LineOf(size_t pos) const;
  size_t LineBegin(size_t line) const { return line_starts_[line]; }
  // End of the line without its '\n'.
  size_t LineEnd(size_t line) const;
  // The line's text without surrounding blanks.
  std::u32string_view TrimmedLine(size_t line) const;
  // The nearest line before `line` with text, or npos.
  size_t PrevNonEmptyLine(size_t line) const;
  size_t NextNonEmptyLine(size_t line) const;

  // Offsets where label (lower case) occurs in lower(). A label starting or
  // ending with an ASCII letter only matches on word boundaries.
  std::vector<size_t> FindLabel(std::u32string_view label) const;

 private:
  std::u32string text_;
  std::u32string lower_;
  std::vector<size_t> line_starts_;
  std::string lower_utf8_;            // lower_ in UTF-8
  std::vector<uint32_t> cp_of_byte_;  // code point offset of each byte of lower_utf8_
};

// Where a label's value may start: the rest of the label's line after
// separators (": ", "：", "No.", "为"), else the first lines below it (tables
// come out of pdftotext one cell per line). Offsets into text(), best first.
std::vector<size_t> ValueStarts(const FieldText& ft, size_t label_end, int lines_below);

// The up to `width` characters before pos on its line, lower-cased; when pos
// starts its line, the previous non-empty line instead (a table's label cell).
std::u32string_view LabelWindow(const FieldText& ft, size_t pos, size_t width);

// True when window contains any of words.
bool ContainsAny(std::u32string_view window, std::initializer_list<std::u32string_view> words);

std::optional<std::string> FindContractNo(const FieldText& ft, DocType type);
std::optional<std::string> FindInvoiceNo(const FieldText& ft, DocType type);
// The first valid USCC in the text other than own_uscc, skipping ID card and
// account numbers that happen to pass the check character.
std::optional<std::string> FindCounterpartyUscc(const FieldText& ft, std::string_view own_uscc);
std::optional<std::string> FindDocumentDate(const FieldText& ft);
std::optional<Money> FindTotalAmount(const FieldText& ft);

}  // namespace dangan::ingest::internal

#endif  // DANGAN_INGEST_FIELDS_INTERNAL_H_
