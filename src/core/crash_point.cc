#include "core/crash_point.h"

#ifdef DANGAN_FAULT_INJECTION
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace dangan {

void CrashPoint(const char* name) {
  static const char* target = std::getenv("DANGAN_CRASH_AT");
  if (target != nullptr && std::strcmp(target, name) == 0) std::raise(SIGKILL);
}

}  // namespace dangan
#endif
