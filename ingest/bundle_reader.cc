#include "ingest/bundle_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <set>
#include <utility>

#include "core/fs.h"
#include "ingest/archive_reader.h"
#include "ingest/bundle_names.h"
#include "ingest/detect.h"

namespace dangan::ingest {
namespace {
namespace fs = std::filesystem;

constexpr int64_t kMiB = int64_t{1} << 20;
// Members at or below this size are exempt from the ratio rule (DESIGN §10).
constexpr int64_t kRatioFloorBytes = kMiB;
constexpr size_t kBlockBytes = size_t{64} << 10;

// Why the whole bundle is refused, or (status not OK) why dangan failed.
struct Refusal {
  QuarantineReason reason = QuarantineReason::kCorrupt;
  std::string detail;
  Status status;
};
// Empty when the check passed.
using Check = std::optional<Refusal>;

Check Refuse(QuarantineReason reason, std::string detail) {
  return Refusal{reason, std::move(detail), Status()};
}
Check Fail(Status status) { return Refusal{QuarantineReason::kCorrupt, "", std::move(status)}; }
Check FromArchive(archive* a, const std::string& where) {
  return Refuse(ReasonForArchiveError(a), where + ": " + ArchiveErrorText(a));
}

std::string LastComponent(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Where a bundle file came from: the outer bundle or a member of one.
struct Origin {
  std::string mime;    // from libmagic; picks the compression filter
  std::string prefix;  // "" for the outer bundle, "dir/inner.zip!" for a nested one
  std::string name;    // its own file name, for the member of a lone compressed file
  int depth = 1;
};

// A member's name two ways.
struct EntryName {
  std::string path;   // normalised, '/'-separated, inside its own bundle
  std::string shown;  // prefix + the name as decoded: what the archivist sees
};

// One bundle file being read: the outer bundle (depth 1) or a nested one.
struct Level {
  std::string prefix;              // "" for the outer bundle, "dir/inner.zip!" for a nested one
  std::string where;               // "bundle" or "member dir/inner.zip", for details
  fs::path file;                   // the bundle file being read
  std::string raw_name;            // the member name if this is a lone compressed file
  bool raw_name_stripped = false;  // raw_name came from a compression suffix
  int depth = 1;
  int64_t file_bytes = 0;          // size of the bundle file: bounds any member's compressed size
  int entries = 0;                 // headers read from this bundle file
  int64_t written = 0;             // bytes written out of this bundle file's members so far
  bool solid = false;              // 7z or rar: members may share one compressed stream
  std::set<std::string> symlinks;  // normalised paths of the symlink members seen so far
};

// No format (zip with its central directory, tar, 7z, rar) took the bytes.
Check Unrecognised(const Level& level) {
  if (ReasonForUnrecognised(level.file) == QuarantineReason::kEncrypted) {
    return Refuse(QuarantineReason::kEncrypted,
                  level.where +
                      " needs a password (encrypted zip entries, no readable "
                      "central directory)");
  }
  return Refuse(QuarantineReason::kCorrupt,
                level.where +
                    " is not a readable zip, tar, 7z or rar archive (cut off? a zip "
                    "needs its central directory)");
}

// macOS Archive Utility mirrors each member's resource fork and attributes
// as "__MACOSX/dir/._name": metadata, never a document, never extracted.
bool IsMacMetadata(const std::string& name) {
  return name == "__MACOSX" || name.rfind("__MACOSX/", 0) == 0;
}

// Devices, FIFOs and sockets are never created nor members. A type of 0
// (unset, seen in damaged rar headers) is read as a regular file, so its
// data is checked rather than skipped.
bool IsSpecialFile(archive_entry* entry) {
  switch (archive_entry_filetype(entry)) {
    case AE_IFCHR:
    case AE_IFBLK:
    case AE_IFIFO:
    case AE_IFSOCK:
      return true;
    default:
      return false;
  }
}

// The symlink member that name runs through (or is), if any: extracting it
// would write through the link.
std::optional<std::string> SymlinkOnPath(const std::string& name,
                                         const std::set<std::string>& symlinks) {
  if (symlinks.empty()) return std::nullopt;
  size_t end = 0;
  do {
    end = name.find('/', end + 1);
    std::string head = name.substr(0, end);
    if (symlinks.count(head) != 0) return head;
  } while (end != std::string::npos);
  return std::nullopt;
}

// Expands one outer bundle, depth first. Owns the files it creates in
// out_dir until TakeMembers(); RemoveAll() deletes them. One thread.
class Expander {
 public:
  Expander(fs::path out_dir, const BundleLimits& limits, Detector* detector)
      : out_dir_(std::move(out_dir)), limits_(limits), detector_(detector) {}

  Check ExpandFile(const fs::path& file, const Origin& origin);
  std::vector<BundleMember> TakeMembers() { return std::move(members_); }
  void RemoveAll();

 private:
  Check ReadEntries(archive* a, Level* level);
  Check HandleEntry(archive* a, archive_entry* entry, Level* level);
  Check NameEntry(archive* a, archive_entry* entry, const Level& level, EntryName* name) const;
  Check HandleLink(archive_entry* entry, const EntryName& name, Level* level);
  Check CheckDeclaredSize(archive_entry* entry, const Level& level, const std::string& shown);
  Check ExtractEntry(archive* a, archive_entry* entry, Level* level, const std::string& name);
  Check CopyData(archive* a, const std::string& path, int fd, const fs::path& file, Level* level,
                 int64_t* written);
  Check PlaceMember(const fs::path& file, const Level& level, const std::string& name,
                    int64_t size);
  std::string RawMemberName(archive_entry* entry, const Level& level) const;

  const fs::path out_dir_;
  const BundleLimits limits_;
  Detector* const detector_;  // borrowed
  std::vector<BundleMember> members_;
  std::vector<fs::path> created_;  // every file written, for RemoveAll()
  std::vector<char> buffer_ = std::vector<char>(kBlockBytes);
  int64_t disk_bytes_ = 0;  // bytes now in out_dir: leaves + nested bundles in progress
  int member_count_ = 0;    // non-directory entries, all depths
  int directory_count_ = 0;
  int next_file_ = 0;
};

Check Expander::ExpandFile(const fs::path& file, const Origin& origin) {
  Level level;
  level.prefix = origin.prefix;
  level.where = origin.prefix.empty()
                    ? "bundle"
                    : "member " + origin.prefix.substr(0, origin.prefix.size() - 1);
  level.depth = origin.depth;
  level.file = file;
  level.raw_name = StripCompressionSuffix(origin.name);
  level.raw_name_stripped = level.raw_name != origin.name;
  std::error_code ec;
  level.file_bytes = static_cast<int64_t>(fs::file_size(file, ec));
  if (ec) return Fail(Status::IoError(file.string() + ": " + ec.message()));
  ArchivePtr a = NewArchiveReader(origin.mime);
  if (!a) return Fail(Status::Internal("libarchive: cannot create a reader"));
  if (archive_read_open_filename(a.get(), file.c_str(), kBlockBytes) != ARCHIVE_OK)
    return FromArchive(a.get(), level.where);
  return ReadEntries(a.get(), &level);
}

Check Expander::ReadEntries(archive* a, Level* level) {
  for (;;) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF && level->entries > 0) return std::nullopt;
    // libarchive reads a 7z whose index is damaged, or zeros, as an empty
    // archive; an archivist gains nothing from a bundle without entries.
    if (r == ARCHIVE_EOF)
      return Refuse(QuarantineReason::kCorrupt, level->where + " holds no entries");
    if (r != ARCHIVE_OK && (r != ARCHIVE_WARN || !IsHarmlessHeaderWarning(a)))
      return FromArchive(a, level->where);
    if (IsRawFormat(a) && !HasCompressionFilter(a)) return Unrecognised(*level);
    ++level->entries;
    level->solid = IsSolidFormat(a);
    if (Check c = HandleEntry(a, entry, level)) return c;
  }
}

std::string Expander::RawMemberName(archive_entry* entry, const Level& level) const {
  if (level.raw_name_stripped) return level.raw_name;
  // The gzip header's own name, when the bundle's name says nothing.
  const char* stored = archive_entry_pathname(entry);
  std::string normalised;
  if (stored != nullptr && std::string_view(stored) != "data" &&
      NormaliseMemberName(DecodeMemberName(stored), &normalised) == NameCheck::kOk)
    return LastComponent(normalised);
  return level.raw_name;
}

Check Expander::NameEntry(archive* a, archive_entry* entry, const Level& level,
                          EntryName* name) const {
  if (IsRawFormat(a)) {
    name->path = RawMemberName(entry, level);
    name->shown = level.prefix + name->path;
    return std::nullopt;
  }
  const char* stored = archive_entry_pathname(entry);
  if (stored == nullptr) stored = archive_entry_pathname_utf8(entry);
  std::string decoded = DecodeMemberName(stored != nullptr ? stored : "");
  name->shown = level.prefix + decoded;
  switch (NormaliseMemberName(decoded, &name->path)) {
    case NameCheck::kOk:
      return std::nullopt;
    case NameCheck::kAbsolute:
      return Refuse(QuarantineReason::kUnsafeBundle,
                    fmt::format("member {} has an absolute path", name->shown));
    case NameCheck::kEscapes:
      return Refuse(QuarantineReason::kUnsafeBundle,
                    fmt::format("member {} escapes the bundle", name->shown));
    case NameCheck::kEmpty:
      break;
  }
  if (archive_entry_filetype(entry) == AE_IFDIR) return std::nullopt;  // "./" and the like
  return Refuse(QuarantineReason::kCorrupt,
                fmt::format("{} has a member without a name", level.where));
}

Check Expander::HandleEntry(archive* a, archive_entry* entry, Level* level) {
  EntryName name;
  if (Check c = NameEntry(a, entry, *level, &name)) return c;
  if (name.path.empty()) return std::nullopt;  // a directory named "./"
  if (IsMacMetadata(name.path)) return std::nullopt;
  if (archive_entry_is_encrypted(entry)) {
    return Refuse(QuarantineReason::kEncrypted, fmt::format("member {} is encrypted", name.shown));
  }
  const bool is_dir = archive_entry_filetype(entry) == AE_IFDIR;
  if (is_dir ? ++directory_count_ > limits_.max_members : ++member_count_ > limits_.max_members) {
    return Refuse(QuarantineReason::kBomb,
                  fmt::format("more than {} members (at {})", limits_.max_members, name.shown));
  }
  if (auto link = SymlinkOnPath(name.path, level->symlinks)) {
    return Refuse(
        QuarantineReason::kUnsafeBundle,
        fmt::format("member {} goes through symlink {}{}", name.shown, level->prefix, *link));
  }
  if (is_dir) return std::nullopt;
  if (archive_entry_hardlink(entry) != nullptr || archive_entry_filetype(entry) == AE_IFLNK)
    return HandleLink(entry, name, level);
  if (IsSpecialFile(entry)) return std::nullopt;
  return ExtractEntry(a, entry, level, name.path);
}

Check Expander::HandleLink(archive_entry* entry, const EntryName& name, Level* level) {
  if (const char* target = archive_entry_hardlink(entry)) {
    // A hard link names another member by its path from the bundle's root.
    std::string decoded = DecodeMemberName(target);
    std::string ignored;
    if (NormaliseMemberName(decoded, &ignored) != NameCheck::kOk) {
      return Refuse(
          QuarantineReason::kUnsafeBundle,
          fmt::format("member {} is a hard link to {}, outside the bundle", name.shown, decoded));
    }
    return std::nullopt;
  }
  const char* target = archive_entry_symlink(entry);
  std::string decoded = DecodeMemberName(target != nullptr ? target : "");
  if (SymlinkEscapes(name.path, decoded)) {
    return Refuse(
        QuarantineReason::kUnsafeBundle,
        fmt::format("member {} is a symlink to {}, outside the bundle", name.shown, decoded));
  }
  level->symlinks.insert(name.path);
  return std::nullopt;
}

Check Expander::CheckDeclaredSize(archive_entry* entry, const Level& level,
                                  const std::string& shown) {
  if (!archive_entry_size_is_set(entry)) return std::nullopt;
  const int64_t declared = archive_entry_size(entry);
  if (declared > limits_.max_expanded_bytes - disk_bytes_) {
    return Refuse(QuarantineReason::kBomb,
                  fmt::format("member {} declares {} bytes, over the {} MiB a bundle may "
                              "expand to",
                              shown, declared, limits_.max_expanded_bytes / kMiB));
  }
  // Its compressed bytes cannot exceed the whole bundle file.
  if (declared > kRatioFloorBytes &&
      declared / std::max<int64_t>(level.file_bytes, 1) > limits_.max_ratio) {
    return Refuse(QuarantineReason::kBomb,
                  fmt::format("member {} declares {} bytes from a {}-byte bundle, over "
                              "ratio {}",
                              shown, declared, level.file_bytes, limits_.max_ratio));
  }
  return std::nullopt;
}

Check Expander::ExtractEntry(archive* a, archive_entry* entry, Level* mutable_level,
                             const std::string& name) {
  const Level& level = *mutable_level;
  const std::string path = level.prefix + name;
  if (Check c = CheckDeclaredSize(entry, level, path)) return c;
  const fs::path file = out_dir_ / fmt::format("{:06d}", ++next_file_);
  UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd) return Fail(Status::IoError(file.string(), errno));
  created_.push_back(file);
  int64_t written = 0;
  if (Check c = CopyData(a, path, fd.get(), file, mutable_level, &written)) return c;
  if (::close(fd.Release()) != 0) return Fail(Status::IoError(file.string(), errno));
  return PlaceMember(file, level, name, written);
}

Check Expander::CopyData(archive* a, const std::string& path, int fd, const fs::path& file,
                         Level* level, int64_t* written) {
  // The ratio is a member's own where members are compressed apart (zip, the
  // tar family), so a bomb cannot hide behind an honest incompressible
  // member. In a solid archive (7z, rar) the members share one stream and a
  // later member's compressed bytes may all have been read with an earlier
  // one (it then seems to come from nothing): there the ratio is the
  // bundle's so far, which a lone bomb member still tips over the limit.
  const int64_t consumed_at_start = archive_filter_bytes(a, -1);
  for (;;) {
    la_ssize_t n = archive_read_data(a, buffer_.data(), buffer_.size());
    if (n == 0) return std::nullopt;
    if (n < 0) return FromArchive(a, "member " + path);
    // Limits are checked before the block reaches the disk.
    *written += n;
    level->written += n;
    disk_bytes_ += n;
    if (disk_bytes_ > limits_.max_expanded_bytes) {
      return Refuse(QuarantineReason::kBomb,
                    fmt::format("bundle expands past {} MiB (at member {})",
                                limits_.max_expanded_bytes / kMiB, path));
    }
    const int64_t consumed =
        archive_filter_bytes(a, -1) - (level->solid ? 0 : consumed_at_start);
    const int64_t expanded = level->solid ? level->written : *written;
    if (*written > kRatioFloorBytes &&
        expanded / std::max<int64_t>(consumed, 1) > limits_.max_ratio) {
      return Refuse(QuarantineReason::kBomb,
                    fmt::format("member {} expands over {} times its compressed size", path,
                                limits_.max_ratio));
    }
    Status s = WriteAll(fd, buffer_.data(), static_cast<size_t>(n), file.string());
    if (!s.ok()) return Fail(std::move(s));
  }
}

Check Expander::PlaceMember(const fs::path& file, const Level& level, const std::string& name,
                            int64_t size) {
  const std::string path = level.prefix + name;
  auto mime = detector_->MimeOfFile(file);
  if (!mime.ok()) return Fail(mime.status());
  if (KindOfMime(*mime) != FileKind::kBundle) {
    members_.push_back(BundleMember{path, file, static_cast<uint64_t>(size)});
    return std::nullopt;
  }
  if (level.depth >= limits_.max_depth) {
    return Refuse(QuarantineReason::kBomb,
                  fmt::format("member {} is a bundle nested {} deep (max_depth {})", path,
                              level.depth + 1, limits_.max_depth));
  }
  Check c = ExpandFile(file, Origin{*mime, path + "!", LastComponent(name), level.depth + 1});
  // The nested bundle is not a member: only its leaves are.
  std::error_code ec;
  fs::remove(file, ec);
  disk_bytes_ -= size;
  if (!c && ec) return Fail(Status::IoError(file.string() + ": " + ec.message()));
  return c;
}

void Expander::RemoveAll() {
  std::error_code ec;
  for (const fs::path& file : created_) fs::remove(file, ec);
  created_.clear();
  members_.clear();
}

}  // namespace

BundleOutcome ExpandBundle(const fs::path& bundle, const fs::path& out_dir,
                           const BundleLimits& limits, std::string_view name) {
  BundleOutcome outcome;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    outcome.status = Status::IoError(out_dir.string() + ": " + ec.message());
    return outcome;
  }
  auto detector = Detector::Create();
  if (!detector.ok()) {
    outcome.status = detector.status();
    return outcome;
  }
  auto mime = (*detector)->MimeOfFile(bundle);
  if (!mime.ok()) {
    outcome.status = mime.status();
    return outcome;
  }
  ScopedUtf8Locale utf8_names;
  Expander expander(out_dir, limits, detector->get());
  Check refused = expander.ExpandFile(
      bundle, Origin{*mime, "", name.empty() ? bundle.filename().string() : std::string(name), 1});
  if (refused) {
    expander.RemoveAll();
    outcome.status = std::move(refused->status);
    outcome.reason = refused->reason;
    outcome.detail = std::move(refused->detail);
    return outcome;
  }
  outcome.ok = true;
  outcome.members = expander.TakeMembers();
  return outcome;
}

}  // namespace dangan::ingest
