#include "ingest/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "core/crash_point.h"
#include "core/fs.h"
#include "core/hash.h"

namespace dangan::ingest {
namespace fs = std::filesystem;

namespace {

std::string UniqueSuffix(uint64_t* counter) {
  return std::to_string(::getpid()) + "-" + std::to_string((*counter)++);
}

}  // namespace

Result<Claimed> Store::Claim(const fs::path& input) {
  DANGAN_RETURN_IF_ERROR(MakeDirs(home_.staging()));
  fs::path staging = home_.staging() / ("claim-" + UniqueSuffix(&counter_));
  auto copied = CopyAndHash(input, staging);
  if (!copied.ok()) {
    ::unlink(staging.c_str());
    return copied.status();
  }
  CrashPoint("claim.after_copy");
  return Claimed{staging, copied->sha256, copied->size, copied->source};
}

Result<Claimed> Store::Adopt(const fs::path& staged) {
  auto sha = Sha256File(staged);
  if (!sha.ok()) return sha.status();
  DANGAN_RETURN_IF_ERROR(FsyncFile(staged));
  std::error_code ec;
  uint64_t size = fs::file_size(staged, ec);
  if (ec) return Status::IoError(staged.string() + ": " + ec.message());
  return Claimed{staged, *sha, size, std::nullopt};
}

Result<fs::path> Store::NewStagingDir() {
  fs::path dir = home_.staging() / ("bundle-" + UniqueSuffix(&counter_));
  DANGAN_RETURN_IF_ERROR(MakeDirs(dir));
  return dir;
}

bool IsSafeFolderName(const std::string& archive_no) {
  return archive_no != "." && archive_no != ".." && archive_no.find('/') == std::string::npos &&
         archive_no.find('\0') == std::string::npos && archive_no != ".staging";
}

namespace {

// Creates store/ARCHIVE_NO when it is new, fsyncing store/ so the new folder
// (and what is renamed into it) survives a power cut.
Result<fs::path> ArchiveFolder(const Home& home, const std::string& archive_no) {
  if (!IsSafeFolderName(archive_no))
    return Status::InvalidArgument("archive number " + archive_no + " cannot name a folder");
  fs::path dir = home.ArchiveDir(archive_no);
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return dir;
  DANGAN_RETURN_IF_ERROR(MakeDirs(dir));
  DANGAN_RETURN_IF_ERROR(FsyncDir(home.store()));
  return dir;
}

}  // namespace

Result<std::string> Store::FileOriginal(const Claimed& claimed, const std::string& archive_no,
                                        const std::string& ext) {
  auto folder = ArchiveFolder(home_, archive_no);
  if (!folder.ok()) return folder.status();
  const fs::path& dir = *folder;
  fs::path dest = dir / (claimed.sha256 + "." + ext);
  if (::chmod(claimed.staging.c_str(), 0444) != 0)
    return Status::IoError(claimed.staging.string(), errno);
  if (::rename(claimed.staging.c_str(), dest.c_str()) != 0)
    return Status::IoError(claimed.staging.string() + " -> " + dest.string(), errno);
  CrashPoint("file.after_rename");
  DANGAN_RETURN_IF_ERROR(FsyncDir(dir));
  return home_.Relative(dest);
}

Result<std::string> Store::Refile(const std::string& stored_path, const std::string& archive_no) {
  fs::path src = home_.root() / stored_path;
  auto folder = ArchiveFolder(home_, archive_no);
  if (!folder.ok()) return folder.status();
  const fs::path& dir = *folder;
  fs::path dest = dir / src.filename();
  if (src == dest) return stored_path;
  if (::rename(src.c_str(), dest.c_str()) != 0)
    return Status::IoError(src.string() + " -> " + dest.string(), errno);
  DANGAN_RETURN_IF_ERROR(FsyncDir(dir));
  DANGAN_RETURN_IF_ERROR(FsyncDir(src.parent_path()));
  return home_.Relative(dest);
}

Status Store::Quarantine(const catalog::QuarantineItem& item, const fs::path& bytes, Bytes kind) {
  fs::path dir = home_.quarantine() / std::to_string(item.id);
  std::error_code ec;
  // A folder left by a run that died before committing this id's row.
  fs::remove_all(dir, ec);
  DANGAN_RETURN_IF_ERROR(MakeDirs(dir));
  fs::path dest = dir / item.file_name;
  if (kind == Bytes::kStagingCopy) {
    DANGAN_RETURN_IF_ERROR(MoveFile(bytes, dest));
  } else {
    DANGAN_RETURN_IF_ERROR(LinkOrCopy(bytes, dest));
  }
  nlohmann::json reason = {{"id", item.id},       {"source", item.source},
                           {"sha256", item.sha256}, {"reason", ToString(item.reason)},
                           {"detail", item.detail}, {"at", item.at}};
  DANGAN_RETURN_IF_ERROR(WriteFileAtomic(
      dir / "reason.json",
      reason.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"));
  DANGAN_RETURN_IF_ERROR(FsyncDir(home_.quarantine()));
  CrashPoint("quarantine.after_move");
  return Status::Ok();
}

Result<int> Store::ClearStaging() {
  std::error_code ec;
  if (!fs::exists(home_.staging(), ec)) return 0;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(home_.staging(), ec)) {
    removed += static_cast<int>(fs::remove_all(entry.path(), ec));
    if (ec) return Status::IoError(entry.path().string() + ": " + ec.message());
  }
  if (ec) return Status::IoError(home_.staging().string() + ": " + ec.message());
  return removed;
}

Status RemoveInput(const fs::path& input, const std::optional<FileIdentity>& taken, bool* kept) {
  *kept = false;
  if (taken) {
    auto now = IdentityOf(input);
    if (!now.ok()) return Status::Ok();  // gone already
    if (!(*now == *taken)) {
      *kept = true;
      return Status::Ok();
    }
  }
  if (::unlink(input.c_str()) != 0 && errno != ENOENT) return Status::IoError(input.string(), errno);
  return Status::Ok();
}

}  // namespace dangan::ingest
