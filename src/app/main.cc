// dangan: the command line (DESIGN §8). Parses, runs one command, maps its
// Status to a sysexits code once (STYLE §3), and prints a --json error as
// {"error": {"code", "message"}} on stdout.
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "app/commands.h"
#include "app/context.h"
#include "app/exit_codes.h"
#include "serve/cmd_serve.h"
#include "ingest/worker_main.h"

namespace dangan::app {
namespace {

int Fail(const Context& ctx, const Status& s) {
  spdlog::error("{}", s.message());
  if (ctx.json) PrintJson({{"error", {{"code", JsonCode(s.code())}, {"message", s.message()}}}});
  return ExitCodeFor(s);
}

// "<N>", the syslog priority prefix journald reads from a service's stderr
// (sd-daemon(3)): errors and warnings show as such in `journalctl -p`.
class JournalPriorityFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*tm*/,
              spdlog::memory_buf_t& dest) override {
    int priority = 6;
    switch (msg.level) {
      case spdlog::level::critical: priority = 2; break;
      case spdlog::level::err: priority = 3; break;
      case spdlog::level::warn: priority = 4; break;
      case spdlog::level::info: priority = 6; break;
      default: priority = 7; break;
    }
    const std::string prefix = "<" + std::to_string(priority) + ">";
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JournalPriorityFlag>();
  }
};

// One logger, "dangan", on stderr (STYLE §6); stdout is for results only.
// Under systemd (JOURNAL_STREAM set) lines carry a priority prefix and no
// timestamp or colour: the journal adds its own.
void SetUpLogging() {
  const char* journal = std::getenv("JOURNAL_STREAM");
  if (journal != nullptr && *journal != '\0') {
    auto logger = spdlog::stderr_logger_mt("dangan");
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JournalPriorityFlag>('*').set_pattern("%*%l %v");
    logger->set_formatter(std::move(formatter));
    spdlog::set_default_logger(logger);
    return;
  }
  auto logger = spdlog::stderr_color_mt("dangan");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S %^%l%$ %n %v");
  spdlog::set_default_logger(logger);
}

void SetLogLevel(const Context& ctx, bool quiet) {
  spdlog::set_level(ctx.verbose ? spdlog::level::debug
                                : (quiet ? spdlog::level::warn : spdlog::level::info));
}

int Main(int argc, char** argv) {
  // The extraction worker (ingest/worker_main.h): no CLI, no logging set-up.
  if (argc >= 2 && std::strcmp(argv[1], "__worker") == 0) {
    int memory_mb = argc >= 4 ? std::atoi(argv[3]) : 1024;
    return ingest::RunWorker(0, 3, memory_mb > 0 ? memory_mb : 1024);
  }
  SetUpLogging();
  CommandState st;
  const char* env_home = std::getenv("DANGAN_HOME");
  st.ctx.home_dir = env_home && *env_home ? env_home : "dangan-home";
  const char* env_user = std::getenv("DANGAN_USER");
  if (env_user && *env_user) st.ctx.user = env_user;
  st.ctx.stdout_is_tty = ::isatty(1);
  st.ctx.stderr_is_tty = ::isatty(2);
  bool quiet = false;

  CLI::App app{"dangan (档案): an archive indexer for client archives", "dangan"};
  app.require_subcommand(1);
  // Global options may also follow the command (`audit report --json`, as
  // RECORDS.md writes them; a subcommand's own option of the same name
  // wins): subcommands made after this inherit it.
  app.fallthrough();
  app.add_option("--home", st.ctx.home_dir, "the dangan home (default: $DANGAN_HOME, ./dangan-home)");
  app.add_option("--user", st.ctx.user, "act as this user (default: $DANGAN_USER, admin)");
  app.add_flag("--json", st.ctx.json, "print one JSON document (JSON Lines for list) on stdout");
  app.add_flag("-v,--verbose", st.ctx.verbose, "log decisions (debug)");
  app.add_flag("-q,--quiet", quiet, "log warnings and errors only");
  app.set_version_flag("--version", "dangan 0.1.0");
  RegisterCommands(app, &st);
  serve::RegisterServe(app, &st);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    bool json = false;
    for (int i = 1; i < argc; ++i) json |= std::strcmp(argv[i], "--json") == 0;
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    if (!json) {
      app.exit(e);  // CLI11's message and usage on stderr
      return 2;     // DESIGN §8: every usage error is 2
    }
    st.ctx.json = true;
    return Fail(st.ctx, Status::InvalidArgument(e.what()));
  }
  SetLogLevel(st.ctx, quiet);
  if (!st.run) return Fail(st.ctx, Status::InvalidArgument("no command given"));
  Status s = st.run();
  if (!s.ok()) return Fail(st.ctx, s);
  std::fflush(stdout);
  return st.exit_code;
}

}  // namespace
}  // namespace dangan::app

#ifdef DANGAN_SANITIZE
// LeakSanitizer's suppressions hook (sanitizer builds only): fontconfig,
// loaded by Pango for `label`, keeps its configuration cache for the life of
// the process. Not dangan's memory.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

int main(int argc, char** argv) {
  try {
    return dangan::app::Main(argc, argv);
  } catch (...) {  // one of the two catch (...) (STYLE §3): a bug, never input
    std::fputs("dangan: internal error: unexpected exception\n", stderr);
    return 70;
  }
}
