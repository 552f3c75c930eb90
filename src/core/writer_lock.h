// WriterLock: HOME/dangan.lock held with flock(2) by the one process that may
// write the catalog, store and index (DESIGN §2). A second writer gets kBusy
// with a message naming the holder, instead of waiting or corrupting state.
// The kernel drops the lock when the process dies, even on kill -9.
#ifndef DANGAN_CORE_WRITER_LOCK_H_
#define DANGAN_CORE_WRITER_LOCK_H_

#include <filesystem>
#include <memory>
#include <string>

#include "core/fs.h"
#include "core/status.h"

namespace dangan {

class WriterLock {
 public:
  // what: the command taking the lock ("ingest"), recorded for the message a
  // second writer gets.
  static Result<std::unique_ptr<WriterLock>> Acquire(const std::filesystem::path& lock_file,
                                                     const std::string& what);
  ~WriterLock() = default;

 private:
  explicit WriterLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace dangan

#endif  // DANGAN_CORE_WRITER_LOCK_H_
