#include "ingest/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace dangan::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// ARCHIVE_WARN is returned by a support function that fell back to an
// external program; both leave the reader usable.
bool Supported(int r) { return r == ARCHIVE_OK || r == ARCHIVE_WARN; }

// The libarchive filter for a compressed file's MIME type, else NONE.
int FilterForMime(std::string_view mime) {
  struct Filter {
    std::string_view mime;
    int code;
  };
  static constexpr std::array<Filter, 7> kFilters{{
      {"application/gzip", ARCHIVE_FILTER_GZIP},
      {"application/x-gzip", ARCHIVE_FILTER_GZIP},
      {"application/x-bzip2", ARCHIVE_FILTER_BZIP2},
      {"application/x-xz", ARCHIVE_FILTER_XZ},
      {"application/x-lzma", ARCHIVE_FILTER_LZMA},
      {"application/x-lzip", ARCHIVE_FILTER_LZIP},
      {"application/zstd", ARCHIVE_FILTER_ZSTD},
  }};
  for (const Filter& f : kFilters)
    if (f.mime == mime) return f.code;
  return ARCHIVE_FILTER_NONE;
}

}  // namespace

ArchivePtr NewArchiveReader(std::string_view mime) {
  ArchivePtr a(archive_read_new());
  if (!a) return a;
  archive* r = a.get();
  // No filter is registered for an uncompressed file, so none can bid.
  const int filter = FilterForMime(mime);
  const bool ok =
      Supported(archive_read_support_format_tar(r)) &&
      Supported(archive_read_support_format_zip_seekable(r)) &&
      Supported(archive_read_support_format_7zip(r)) &&
      Supported(archive_read_support_format_rar(r)) &&
      Supported(archive_read_support_format_rar5(r)) &&
      Supported(archive_read_support_format_raw(r)) &&
      (filter == ARCHIVE_FILTER_NONE || Supported(archive_read_append_filter(r, filter)));
  if (!ok) a.reset();
  return a;
}

bool IsRawFormat(archive* a) { return archive_format(a) == ARCHIVE_FORMAT_RAW; }

bool IsSolidFormat(archive* a) {
  const int base = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
  return base == ARCHIVE_FORMAT_7ZIP || base == ARCHIVE_FORMAT_RAR || base == ARCHIVE_FORMAT_RAR_V5;
}

bool HasCompressionFilter(archive* a) {
  return archive_filter_count(a) > 1 && archive_filter_code(a, 0) != ARCHIVE_FILTER_NONE;
}

std::string ArchiveErrorText(archive* a) {
  const char* text = archive_error_string(a);
  return text != nullptr && *text != '\0' ? std::string(text) : "unreadable (no detail)";
}

QuarantineReason ReasonForArchiveError(archive* a) {
  if (archive_read_has_encrypted_entries(a) > 0) return QuarantineReason::kEncrypted;
  const std::string text = Lower(ArchiveErrorText(a));
  static constexpr std::array<std::string_view, 3> kEncryptionWords = {"encrypt", "passphrase",
                                                                       "password"};
  for (std::string_view word : kEncryptionWords)
    if (Contains(text, word)) return QuarantineReason::kEncrypted;
  return QuarantineReason::kCorrupt;
}

QuarantineReason ReasonForUnrecognised(const std::filesystem::path& file) {
  ArchivePtr a(archive_read_new());
  if (!a || archive_read_support_format_zip_streamable(a.get()) != ARCHIVE_OK ||
      archive_read_open_filename(a.get(), file.c_str(), size_t{64} << 10) != ARCHIVE_OK)
    return QuarantineReason::kCorrupt;
  archive_entry* entry = nullptr;
  int r = archive_read_next_header(a.get(), &entry);
  if (archive_read_has_encrypted_entries(a.get()) > 0) return QuarantineReason::kEncrypted;
  if (r >= ARCHIVE_WARN && archive_entry_is_encrypted(entry)) return QuarantineReason::kEncrypted;
  return QuarantineReason::kCorrupt;
}

bool IsHarmlessHeaderWarning(archive* a) {
  const std::string text = Lower(ArchiveErrorText(a));
  return Contains(text, "be converted") || Contains(text, "acl") ||
         Contains(text, "extended attribute");
}

ScopedUtf8Locale::ScopedUtf8Locale() {
  for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
    utf8_ = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr));
    if (utf8_ != nullptr) break;
  }
  if (utf8_ != nullptr) previous_ = uselocale(utf8_);
}

ScopedUtf8Locale::~ScopedUtf8Locale() {
  if (utf8_ == nullptr) return;
  uselocale(previous_);
  freelocale(utf8_);
}

}  // namespace dangan::ingest
