#include "support/bundle_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <sys/stat.h>

#include <memory>

#include "core/c_deleter.h"

namespace dangan::testing {
namespace {

using WriterPtr = std::unique_ptr<archive, CDeleter<archive_write_free>>;
using EntryPtr = std::unique_ptr<archive_entry, CDeleter<archive_entry_free>>;

// Sets LC_CTYPE for the calling thread while alive. libarchive's zip writer
// flags non-ASCII names as UTF-8 when the locale is UTF-8 and writes them
// byte for byte, unflagged, in the C locale.
class ScopedThreadLocale {
 public:
  explicit ScopedThreadLocale(const char* name)
      : locale_(newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr))) {
    if (locale_ != nullptr) previous_ = uselocale(locale_);
  }
  ~ScopedThreadLocale() {
    if (locale_ == nullptr) return;
    uselocale(previous_);
    freelocale(locale_);
  }
  ScopedThreadLocale(const ScopedThreadLocale&) = delete;
  ScopedThreadLocale& operator=(const ScopedThreadLocale&) = delete;
  bool ok() const { return locale_ != nullptr; }

 private:
  locale_t locale_;
  locale_t previous_ = nullptr;
};

la_ssize_t AppendToString(archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

Status Check(archive* a, int r, const char* what) {
  if (r == ARCHIVE_OK) return Status::Ok();
  const char* error = archive_error_string(a);
  return Status::Internal(std::string(what) + ": " + (error ? error : "failed"));
}

Status SetFormat(archive* a, BundleFormat format, const BundleOptions& options) {
  switch (format) {
    case BundleFormat::kZip:
      DANGAN_RETURN_IF_ERROR(Check(a, archive_write_set_format_zip(a), "zip"));
      if (options.store)
        DANGAN_RETURN_IF_ERROR(Check(a, archive_write_zip_set_compression_store(a), "store"));
      if (!options.zip_encryption.empty()) {
        std::string option = "zip:encryption=" + options.zip_encryption;
        if (archive_write_set_options(a, option.c_str()) != ARCHIVE_OK)
          return Status::Unsupported(archive_error_string(a));
        DANGAN_RETURN_IF_ERROR(Check(a, archive_write_set_passphrase(a, "secret"), "pass"));
      }
      return Status::Ok();
    case BundleFormat::kTar:
      return Check(a, archive_write_set_format_pax_restricted(a), "tar");
    case BundleFormat::kTarGz:
      DANGAN_RETURN_IF_ERROR(Check(a, archive_write_set_format_pax_restricted(a), "tar"));
      return Check(a, archive_write_add_filter_gzip(a), "gzip");
    case BundleFormat::kTarXz:
      DANGAN_RETURN_IF_ERROR(Check(a, archive_write_set_format_pax_restricted(a), "tar"));
      return Check(a, archive_write_add_filter_xz(a), "xz");
    case BundleFormat::k7z:
      return Check(a, archive_write_set_format_7zip(a), "7z");
    case BundleFormat::kGzip:
      DANGAN_RETURN_IF_ERROR(Check(a, archive_write_set_format_raw(a), "raw"));
      return Check(a, archive_write_add_filter_gzip(a), "gzip");
  }
  return Status::InvalidArgument("unknown bundle format");
}

Status WriteEntry(archive* a, const FixtureEntry& e) {
  EntryPtr entry(archive_entry_new());
  archive_entry_copy_pathname(entry.get(), e.name.c_str());
  archive_entry_set_mtime(entry.get(), 1680307200, 0);  // 2023-04-01
  switch (e.type) {
    case FixtureEntry::Type::kFile:
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_perm(entry.get(), 0644);
      archive_entry_set_size(entry.get(), static_cast<la_int64_t>(e.data.size()));
      break;
    case FixtureEntry::Type::kDirectory:
      archive_entry_set_filetype(entry.get(), AE_IFDIR);
      archive_entry_set_perm(entry.get(), 0755);
      break;
    case FixtureEntry::Type::kSymlink:
      archive_entry_set_filetype(entry.get(), AE_IFLNK);
      archive_entry_set_perm(entry.get(), 0777);
      archive_entry_copy_symlink(entry.get(), e.target.c_str());
      break;
    case FixtureEntry::Type::kHardlink:
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_perm(entry.get(), 0644);
      archive_entry_copy_hardlink(entry.get(), e.target.c_str());
      break;
  }
  int r = archive_write_header(a, entry.get());
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return Check(a, r, "header");
  if (e.type == FixtureEntry::Type::kFile && !e.data.empty()) {
    la_ssize_t n = archive_write_data(a, e.data.data(), e.data.size());
    if (n != static_cast<la_ssize_t>(e.data.size())) return Check(a, ARCHIVE_FATAL, "data");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> MakeBundle(BundleFormat format, const std::vector<FixtureEntry>& entries,
                               const BundleOptions& options) {
  ScopedThreadLocale locale(options.raw_names ? "C" : "C.UTF-8");
  if (!locale.ok()) return Status::Unsupported("no C.UTF-8 locale");
  WriterPtr a(archive_write_new());
  if (!a) return Status::Internal("archive_write_new");
  DANGAN_RETURN_IF_ERROR(SetFormat(a.get(), format, options));
  DANGAN_RETURN_IF_ERROR(
      Check(a.get(), archive_write_set_bytes_in_last_block(a.get(), 1), "block"));
  std::string bytes;
  DANGAN_RETURN_IF_ERROR(Check(
      a.get(), archive_write_open(a.get(), &bytes, nullptr, AppendToString, nullptr), "open"));
  for (const FixtureEntry& e : entries) DANGAN_RETURN_IF_ERROR(WriteEntry(a.get(), e));
  DANGAN_RETURN_IF_ERROR(Check(a.get(), archive_write_close(a.get()), "close"));
  return bytes;
}

int FirstZipEntryFlags(const std::string& zip) {
  if (zip.size() < 8 || zip.compare(0, 4, "PK\x03\x04") != 0) return -1;
  return static_cast<unsigned char>(zip[6]) | (static_cast<unsigned char>(zip[7]) << 8);
}

}  // namespace dangan::testing
