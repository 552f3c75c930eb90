// Archive numbers (档案编号, DESIGN §3): 2–4 letters, a year, a serial, e.g.
// KH-2019-0042; the pattern is configurable (archive.number_pattern).
#ifndef DANGAN_CORE_ARCHIVE_NO_H_
#define DANGAN_CORE_ARCHIVE_NO_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace dangan {

// Normalisation before matching (DESIGN §3): full-width -> half-width, upper
// case, every dash or underscore variant -> '-', spaces removed. Does not
// check the pattern and does not touch OCR confusions.
std::string NormaliseArchiveNoBasic(std::string_view raw);

// ArchiveNumberRule: the configured pattern plus DESIGN §3's normalisation.
// Immutable after Create(); safe to share between threads.
class ArchiveNumberRule {
 public:
  static Result<ArchiveNumberRule> Create(const std::string& pattern);

  // The normalised number when raw is an archive number (after the OCR digit
  // fixes O/o->0, l/I/|->1, S->5, B->8 in the digit groups), else nullopt.
  std::optional<std::string> Normalise(std::string_view raw) const;
  // True when s (already normalised) matches the pattern whole.
  bool Matches(const std::string& s) const;

  struct Found {
    std::string number;  // normalised
    size_t begin = 0;    // byte offsets of the raw token in the text
    size_t end = 0;
  };
  // Every archive number written in text, in order, normalised. Tolerates
  // spaces around dashes and full-width characters.
  std::vector<Found> FindAll(std::string_view text) const;

 private:
  static size_t RunEnd(const std::u32string& cps, size_t begin, bool dots);
  std::optional<Found> NumberIn(std::string_view text, size_t begin, size_t end) const;
  explicit ArchiveNumberRule(std::shared_ptr<const icu::RegexPattern> re) : re_(std::move(re)) {}
  // shared_ptr: the compiled pattern (ICU) is immutable and shared by copies;
  // each match makes its own matcher.
  std::shared_ptr<const icu::RegexPattern> re_;
};

}  // namespace dangan

#endif  // DANGAN_CORE_ARCHIVE_NO_H_
