#include "core/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace dangan {

Result<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::filesystem::path& lock_file,
                                                        const std::string& what) {
  UniqueFd fd(::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return Status::IoError(lock_file.string(), errno);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return Status::IoError(lock_file.string(), errno);
    char holder[256] = {0};
    ssize_t n = ::pread(fd.get(), holder, sizeof holder - 1, 0);
    std::string who = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "another process";
    while (!who.empty() && (who.back() == '\n' || who.back() == '\0')) who.pop_back();
    return Status::Busy("the home is busy: " + who + " is writing to it (" + lock_file.string() +
                        "); try again when it has finished");
  }
  // Record who holds it, for the message a second writer gets.
  std::string me = "dangan " + what + " (pid " + std::to_string(::getpid()) + ")\n";
  if (::ftruncate(fd.get(), 0) == 0) (void)!::pwrite(fd.get(), me.data(), me.size(), 0);
  return std::unique_ptr<WriterLock>(new WriterLock(std::move(fd)));
}

}  // namespace dangan
