#include "support/run_dangan.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

extern char** environ;

namespace dangan::testing {

nlohmann::json RunResult::Json() const { return nlohmann::json::parse(out, nullptr, false); }

std::string DanganBinary() {
  const char* bin = std::getenv("DANGAN_BIN");
  EXPECT_NE(bin, nullptr) << "DANGAN_BIN is not set (run the tests through ctest)";
  return bin ? bin : "dangan";
}

namespace {

// argv of `dangan --home HOME ARGS…`.
std::vector<std::string> DanganArgv(const std::filesystem::path& home,
                                    const std::vector<std::string>& args) {
  std::vector<std::string> argv_s = {DanganBinary(), "--home", home.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  return argv_s;
}

// The test's environment without DANGAN_HOME and DANGAN_CRASH_AT, plus env.
std::vector<std::string> DanganEnv(const std::map<std::string, std::string>& env) {
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "DANGAN_HOME=", 12) != 0 && std::strncmp(*e, "DANGAN_CRASH_AT=", 16) != 0)
      env_s.emplace_back(*e);
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  return env_s;
}

}  // namespace

RunResult RunDangan(const std::filesystem::path& home, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env, int timeout_s) {
  RunResult r;
  std::vector<std::string> argv_s = DanganArgv(home, args);
  std::vector<std::string> env_s = DanganEnv(env);
  const std::string bin = argv_s[0];
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) return r;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    std::vector<char*> argv, envp;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(bin.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int open_fds = 2;
  bool killed = false;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0 && !killed) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    int rc = ::poll(fds, 2, left > 0 ? static_cast<int>(left) : 1000);
    if (rc < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return r;
}

DanganProcess::DanganProcess(const std::filesystem::path& home,
                             const std::vector<std::string>& args,
                             const std::filesystem::path& log,
                             const std::map<std::string, std::string>& env)
    : log_(log) {
  std::vector<std::string> argv_s = DanganArgv(home, args);
  std::vector<std::string> env_s = DanganEnv(env);
  const std::string bin = argv_s[0];
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  EXPECT_GE(fd, 0) << log;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    std::vector<char*> argv, envp;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(bin.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  if (fd >= 0) ::close(fd);
}

DanganProcess::~DanganProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    (void)Wait(30);
  }
}

bool DanganProcess::running() { return pid_ > 0 && !exit_code_ && !Wait(0); }

void DanganProcess::Signal(int signo) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, signo);
}

std::optional<int> DanganProcess::Wait(double timeout_s) {
  if (exit_code_ || pid_ <= 0) return exit_code_;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
  for (;;) {
    int status = 0;
    pid_t got = ::waitpid(pid_, &status, WNOHANG);
    if (got == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    ::usleep(20000);
  }
}

std::string DanganProcess::Log() const {
  std::ifstream in(log_, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace dangan::testing
