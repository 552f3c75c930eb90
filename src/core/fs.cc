#include "core/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "core/hash.h"

namespace dangan {
namespace fs = std::filesystem;

void UniqueFd::Reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

Status MakeDirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  return Status::Ok();
}

Status FsyncFile(const fs::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return Status::IoError(file.string(), errno);
  if (::fsync(fd.get()) != 0) return Status::IoError(file.string(), errno);
  return Status::Ok();
}

Status FsyncDir(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return Status::IoError(dir.string(), errno);
  if (::fsync(fd.get()) != 0) return Status::IoError(dir.string(), errno);
  return Status::Ok();
}

Status WriteAll(int fd, const char* data, size_t size, std::string_view path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path, errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

namespace {

FileIdentity IdentityFromStat(const struct stat& st) {
  return {st.st_dev, st.st_ino, static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

}  // namespace

Result<FileIdentity> IdentityOf(const fs::path& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return Status::IoError(path.string(), errno);
  return IdentityFromStat(st);
}

Status WriteFileAtomic(const fs::path& path, std::string_view contents) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) return Status::IoError(tmp.string(), errno);
    DANGAN_RETURN_IF_ERROR(WriteAll(fd.get(), contents.data(), contents.size(), tmp.string()));
    if (::fsync(fd.get()) != 0) return Status::IoError(tmp.string(), errno);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Status::IoError(path.string(), errno);
  return FsyncDir(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

Result<std::string> ReadFile(const fs::path& path, size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return Status::IoError(path.string(), errno);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path.string(), errno);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) return Status::BadData(path.string() + ": larger than expected");
  }
  return out;
}

namespace {

Status CopyOpenFile(int in, const fs::path& src, int out, const fs::path& dst, CopyResult* r) {
  ::posix_fadvise(in, 0, 0, POSIX_FADV_SEQUENTIAL);
  Sha256 hash;
  std::vector<char> buf(1 << 20);
  for (;;) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(src.string(), errno);
    }
    if (n == 0) break;
    hash.Update(buf.data(), static_cast<size_t>(n));
    DANGAN_RETURN_IF_ERROR(WriteAll(out, buf.data(), static_cast<size_t>(n), dst.string()));
    r->size += static_cast<uint64_t>(n);
  }
  if (::fsync(out) != 0) return Status::IoError(dst.string(), errno);
  r->sha256 = hash.HexDigest();
  return Status::Ok();
}

}  // namespace

Result<CopyResult> CopyAndHash(const fs::path& src, const fs::path& dst) {
  UniqueFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (!in) return Status::IoError(src.string(), errno);
  struct stat before;
  if (::fstat(in.get(), &before) != 0) return Status::IoError(src.string(), errno);
  if (!S_ISREG(before.st_mode)) return Status::BadData(src.string() + ": not a regular file");
  UniqueFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!out) return Status::IoError(dst.string(), errno);
  CopyResult r;
  Status s = CopyOpenFile(in.get(), src, out.get(), dst, &r);
  struct stat after;
  if (s.ok() && ::fstat(in.get(), &after) != 0) s = Status::IoError(src.string(), errno);
  if (s.ok() && !(IdentityFromStat(before) == IdentityFromStat(after) &&
                  static_cast<uint64_t>(after.st_size) == r.size))
    s = Status::Busy(src.string() + ": changed while it was being copied (still being written?)");
  if (!s.ok()) {
    ::unlink(dst.c_str());
    return s;
  }
  r.source = IdentityFromStat(after);
  return r;
}

Status LinkOrCopy(const fs::path& src, const fs::path& dst) {
  struct stat st;
  if (::lstat(src.c_str(), &st) != 0) return Status::IoError(src.string(), errno);
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    fs::path target = fs::read_symlink(src, ec);
    if (ec) return Status::IoError(src.string() + ": " + ec.message());
    if (::symlink(target.c_str(), dst.c_str()) != 0) return Status::IoError(dst.string(), errno);
  } else if (::link(src.c_str(), dst.c_str()) != 0) {
    if (errno != EXDEV && errno != EPERM && errno != EMLINK)
      return Status::IoError(src.string() + " -> " + dst.string(), errno);
    auto copied = CopyAndHash(src, dst);
    if (!copied.ok()) return copied.status();
  }
  return FsyncDir(dst.parent_path());
}

Status MoveFile(const fs::path& src, const fs::path& dst) {
  if (::rename(src.c_str(), dst.c_str()) != 0) {
    if (errno != EXDEV) return Status::IoError(src.string() + " -> " + dst.string(), errno);
    fs::path tmp = dst;
    tmp += ".tmp";
    ::unlink(tmp.c_str());
    auto copied = CopyAndHash(src, tmp);
    if (!copied.ok()) return copied.status();
    if (::rename(tmp.c_str(), dst.c_str()) != 0) return Status::IoError(dst.string(), errno);
    DANGAN_RETURN_IF_ERROR(FsyncDir(dst.parent_path()));
    if (::unlink(src.c_str()) != 0) return Status::IoError(src.string(), errno);
    return Status::Ok();
  }
  return FsyncDir(dst.parent_path());
}

std::string RelativeTo(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  fs::path rel = fs::relative(path, base, ec);
  if (ec || rel.empty() || *rel.begin() == "..") return path.string();
  return rel.string();
}

}  // namespace dangan
