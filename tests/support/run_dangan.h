// Runs the real dangan binary (DANGAN_BIN, set by CTest) as a child process,
// with stdout, stderr and the exit status captured apart (STYLE §8).
#ifndef DANGAN_TESTS_SUPPORT_RUN_DANGAN_H_
#define DANGAN_TESTS_SUPPORT_RUN_DANGAN_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dangan::testing {

struct RunResult {
  int exit_code = -1;  // -signal when killed
  std::string out;
  std::string err;
  nlohmann::json Json() const;  // stdout parsed; discarded value when not JSON
};

// The binary under test; fails the test when DANGAN_BIN is not set.
std::string DanganBinary();

// Runs `dangan --home HOME ARGS…` with DANGAN_HOME unset and env added.
// Waits at most timeout_s, then kills it (exit_code -9).
RunResult RunDangan(const std::filesystem::path& home, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {}, int timeout_s = 300);

// `dangan --home HOME ARGS…` running in the background (watch), stdout and
// stderr appended to a log file. The destructor kills it if still running.
class DanganProcess {
 public:
  DanganProcess(const std::filesystem::path& home, const std::vector<std::string>& args,
                const std::filesystem::path& log,
                const std::map<std::string, std::string>& env = {});
  ~DanganProcess();
  DanganProcess(const DanganProcess&) = delete;
  DanganProcess& operator=(const DanganProcess&) = delete;

  bool running();
  void Signal(int signo);
  // The exit code (-signal when killed), or nullopt if it is still running
  // after timeout_s.
  std::optional<int> Wait(double timeout_s);
  std::string Log() const;

 private:
  int pid_ = -1;
  std::optional<int> exit_code_;
  std::filesystem::path log_;
};

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_RUN_DANGAN_H_
