// Text folding (DESIGN §6): the same at index and at query time, so that a
// Traditional query finds Simplified text, a full-width "ＡＢＣ１" finds "abc1",
// and a phrase matches wherever a text layer broke its line.
#ifndef DANGAN_CORE_TEXT_FOLD_H_
#define DANGAN_CORE_TEXT_FOLD_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace opencc {
class SimpleConverter;
}

namespace dangan {

// Removes white space between two CJK characters. With across_lines, line
// breaks between them go too (text layers wrap a phrase over two lines);
// without, only horizontal space goes (OCR's spaces between characters), so
// the line structure that field extraction relies on is kept.
std::string RemoveCjkSpaces(std::string_view text, bool across_lines);

// Cleans text as it comes out of an extractor: valid UTF-8, no NUL or control
// characters but \n and \t, no spaces between CJK characters, \r\n -> \n.
std::string CleanExtractedText(std::string_view text);

// Full-width ASCII -> ASCII, U+3000 -> space, lower case. One code point in,
// one code point out, so offsets into the folded text are offsets into the
// original (used to cut highlighted snippets from the original text).
std::string FoldWidthAndCase(std::string_view text);

// TextFolder: width + case + Traditional->Simplified (OpenCC t2s.json).
// Owns an OpenCC converter; not thread-safe: one per thread.
class TextFolder {
 public:
  static Result<std::unique_ptr<TextFolder>> Create();
  ~TextFolder();
  TextFolder(const TextFolder&) = delete;
  TextFolder& operator=(const TextFolder&) = delete;

  // Width, case and T->S. Whitespace is kept as it is.
  std::string Fold(std::string_view text) const;
  // Fold, then join CJK phrases broken over lines: the form Xapian indexes.
  std::string FoldForIndex(std::string_view text) const;
  // Traditional -> Simplified only.
  std::string ToSimplified(std::string_view text) const;

 private:
  explicit TextFolder(std::unique_ptr<opencc::SimpleConverter> t2s);
  std::unique_ptr<opencc::SimpleConverter> t2s_;
};

}  // namespace dangan

#endif  // DANGAN_CORE_TEXT_FOLD_H_
