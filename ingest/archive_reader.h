// libarchive read handles configured for dangan's bundles, and the mapping of
// libarchive's errors to quarantine reasons (DESIGN §5). Worker-only.
#ifndef DANGAN_INGEST_ARCHIVE_READER_H_
#define DANGAN_INGEST_ARCHIVE_READER_H_

#include <archive.h>
#include <locale.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/c_deleter.h"
#include "core/types.h"

namespace dangan::ingest {

using ArchivePtr = std::unique_ptr<archive, CDeleter<archive_read_free>>;

// A reader for zip (seekable reader only: the central directory is required),
// tar, 7z, rar, rar5 and raw (a lone compressed file). No format that refers
// to files outside the archive (mtree). At most one compression filter,
// chosen from the file's MIME type (libmagic), never by libarchive's bidding:
// a compressed stream inside a compressed stream becomes a nested bundle,
// bounded by max_depth, instead of another filter layer (libarchive 3.6.2
// hangs, allocating gigabytes, bidding on a crafted inner gzip header; its
// test_read_filter_gzip_recursive.gz). Null when libarchive fails.
ArchivePtr NewArchiveReader(std::string_view mime);

// True when the current entry of a is a lone compressed file (raw format
// behind a compression filter). Raw format without a filter means no archive
// format recognised the bytes: the caller reports corrupt.
bool IsRawFormat(archive* a);
bool HasCompressionFilter(archive* a);
// True for the formats whose members may share one compressed stream (7z,
// rar, rar5): a member's own compressed bytes cannot be told apart there.
bool IsSolidFormat(archive* a);

// A libarchive failure as a quarantine reason: kEncrypted when the archive
// has encrypted entries or the message asks for a passphrase, else kCorrupt.
QuarantineReason ReasonForArchiveError(archive* a);
// Why no format recognised a bundle file: kEncrypted when libarchive's
// streaming zip reader finds an encrypted first entry (a zip whose central
// directory is encrypted is unreadable to the seekable reader), else kCorrupt.
QuarantineReason ReasonForUnrecognised(const std::filesystem::path& file);
// libarchive's last error message, or a placeholder when it set none.
std::string ArchiveErrorText(archive* a);
// ARCHIVE_WARN from archive_read_next_header() that leaves the member
// readable: a name that could not be converted, an ACL or pax attribute
// ignored. Other warnings (inconsistent CRC or sizes) mean corrupt.
bool IsHarmlessHeaderWarning(archive* a);

// Sets LC_CTYPE to UTF-8 for the calling thread while alive (uselocale), so
// libarchive converts names to UTF-8 whatever the process locale is. Does
// nothing when no UTF-8 locale exists.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale();
  ~ScopedUtf8Locale();
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

 private:
  locale_t utf8_ = nullptr;      // owned
  locale_t previous_ = nullptr;  // borrowed: the thread's locale before
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_ARCHIVE_READER_H_
