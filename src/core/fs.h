// File-system helpers for durable state: every write that the catalog will
// point at is fsync'd, and every rename is followed by an fsync of the folder.
#ifndef DANGAN_CORE_FS_H_
#define DANGAN_CORE_FS_H_

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dangan {

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.Release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
      Reset();
      fd_ = o.Release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void Reset(int fd = -1);

 private:
  int fd_ = -1;
};

// Writes all of data to fd, retrying on EINTR and short writes; path names
// the file in the error.
Status WriteAll(int fd, const char* data, size_t size, std::string_view path);

Status MakeDirs(const std::filesystem::path& dir);
Status FsyncFile(const std::filesystem::path& file);
Status FsyncDir(const std::filesystem::path& dir);

// Writes contents to path through a temporary file in the same folder:
// write, fsync, rename, fsync folder. Readers see the old or the new file.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view contents);
Result<std::string> ReadFile(const std::filesystem::path& path, size_t max_bytes = SIZE_MAX);

// Which file a path named when it was read: a file replaced or rewritten
// since then has another identity.
struct FileIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
// The identity of path now (lstat: a symlink is itself).
Result<FileIdentity> IdentityOf(const std::filesystem::path& path);

struct CopyResult {
  std::string sha256;
  uint64_t size = 0;
  FileIdentity source;  // src as it was before and after the copy
};
// Copies src (a regular file, not followed if a symlink) to dst (created
// exclusively, mode 0600), hashing the bytes as they are written, then fsyncs
// dst. The hash is of the bytes in dst. kBusy when src changed while it was
// copied (still being written): dst is removed and src left alone.
Result<CopyResult> CopyAndHash(const std::filesystem::path& src, const std::filesystem::path& dst);

// Makes dst a second name of src (link(2)) or, across file systems, a copy
// fsync'd; then fsyncs dst's folder. src stays. A symlink src is recreated as
// a symlink with the same target, never followed.
Status LinkOrCopy(const std::filesystem::path& src, const std::filesystem::path& dst);

// rename(2); across file systems, copy + fsync + unlink. Fsyncs dst's folder.
Status MoveFile(const std::filesystem::path& src, const std::filesystem::path& dst);

// A path relative to base when it lies below it, else the path unchanged.
std::string RelativeTo(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace dangan

#endif  // DANGAN_CORE_FS_H_
