#include "core/crash_point.h"

#ifdef DANGAN_FAULT_INJECTION
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <memory>
#include <vector>

namespace dangan {

void CrashPoint(const char* name) {
  static const char* target = std::getenv("DANGAN_CRASH_AT");
  if (target != nullptr && std::strcmp(target, name) == 0) std::raise(SIGKILL);
}

void WorkerFaultPoint() {
  static const char* target = std::getenv("DANGAN_CRASH_AT");
  if (target == nullptr) return;
  if (std::strcmp(target, "worker.segv") == 0) std::raise(SIGSEGV);
  if (std::strcmp(target, "worker.hang") == 0) {
    for (;;) ::pause();
  }
  if (std::strcmp(target, "worker.oom") == 0) {
    std::vector<std::unique_ptr<char[]>> hog;
    for (;;) {
      hog.emplace_back(new char[64 << 20]);
      std::memset(hog.back().get(), 1, 64 << 20);
    }
  }
}

}  // namespace dangan
#endif
