// Crash points for crash tests (STYLE §8, after SQLite's crash9.test): in a
// build with DANGAN_FAULT_INJECTION, CrashPoint("file.after_rename") kills the
// process with SIGKILL when DANGAN_CRASH_AT names that point. Points are named
// after the durable steps of DESIGN §4 (claim, file, index).
#ifndef DANGAN_CORE_CRASH_POINT_H_
#define DANGAN_CORE_CRASH_POINT_H_

namespace dangan {

#ifdef DANGAN_FAULT_INJECTION
void CrashPoint(const char* name);
// In the extraction worker, before each input: DANGAN_CRASH_AT=worker.segv
// dies on SIGSEGV, worker.hang never answers, worker.oom allocates until the
// address-space limit stops it, so the supervisor's three failure paths are
// tested on real processes.
void WorkerFaultPoint();
#else
inline void CrashPoint(const char*) {}
inline void WorkerFaultPoint() {}
#endif

}  // namespace dangan

#endif  // DANGAN_CORE_CRASH_POINT_H_
