#include "core/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

Status WriteAll(int fd, const char* data, size_t size, const fs::path& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path.string(), errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomic(const fs::path& path, std::string_view contents) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) return Status::IoError(tmp.string(), errno);
    DANGAN_RETURN_IF_ERROR(WriteAll(fd.get(), contents.data(), contents.size(), tmp));
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

Result<CopyResult> CopyAndHash(const fs::path& src, const fs::path& dst) {
  UniqueFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!in) return Status::IoError(src.string(), errno);
  UniqueFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!out) return Status::IoError(dst.string(), errno);
  ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  Sha256 hash;
  CopyResult r;
  std::vector<char> buf(1 << 20);
  for (;;) {
    ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(src.string(), errno);
    }
    if (n == 0) break;
    hash.Update(buf.data(), static_cast<size_t>(n));
    DANGAN_RETURN_IF_ERROR(WriteAll(out.get(), buf.data(), static_cast<size_t>(n), dst));
    r.size += static_cast<uint64_t>(n);
  }
  if (::fsync(out.get()) != 0) return Status::IoError(dst.string(), errno);
  r.sha256 = hash.HexDigest();
  return r;
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
