// Context: what every command gets from the global options (DESIGN §8), and
// the helpers commands share to open a home and print results.
#ifndef DANGAN_APP_CONTEXT_H_
#define DANGAN_APP_CONTEXT_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "authz/authz.h"
#include "catalog/catalog.h"
#include "core/config.h"
#include "core/home.h"
#include "core/status.h"
#include "core/text_fold.h"
#include "core/writer_lock.h"

namespace dangan::app {

struct Context {
  std::string home_dir;  // --home, else DANGAN_HOME, else ./dangan-home
  std::string user = "admin";  // --user, else DANGAN_USER, else admin (RECORDS §1)
  bool json = false;
  bool verbose = false;
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;

  Home home() const { return Home(std::filesystem::absolute(home_dir)); }
};

// An opened home: config, catalog (and the writer lock when asked).
struct OpenHome {
  Home home{""};
  Config config;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<WriterLock> lock;  // null for readers
  catalog::User user;                // the acting user, allowed by the gate
  // The access request whose active grant covers the gate's target, if the
  // user holds one (RECORDS §2); the opening log names it.
  std::optional<int64_t> grant;
};

// The one authorisation check a command passes at its start (RECORDS §1):
// the action, and what it touches, read from the opened catalog (null: no
// target; a kNotFound from it is the command's answer).
struct Gate {
  authz::Action action = authz::Action::kInit;
  std::function<Result<authz::Target>(catalog::Catalog&)> target;
};

// Authorize: loads ctx.user, looks up the user's active grant covering a
// confidential or secret target (*grant, when given), and asks
// authz::Decide. An unknown, disabled or refused user is logged (action
// "denied") and gets kDenied (exit 77).
Result<catalog::User> Authorize(const Context& ctx, catalog::Catalog* catalog, const Gate& gate,
                                std::optional<int64_t>* grant = nullptr);

// For a decision taken after the gate (authz::DecideApproval, DecideReturn):
// OK when d allows; else logs the denial of action on target under the
// user and returns kDenied (exit 77), as the gate does.
Status RequireDecision(OpenHome* h, authz::Action action, const std::string& target,
                       const authz::Decision& d);

// Appends one access-log row under user (RECORDS §4); detail is an object.
Status LogAccess(catalog::Catalog* catalog, const std::string& user, const std::string& action,
                 const std::string& target, const nlohmann::json& detail);

// Opens an existing home (kNotFound with "run dangan init" when there is
// none) and passes the gate; only then, when writer, takes dangan.lock
// (waiting up to writer.wait_s, then kBusy; what names the command for the
// holder message), so a refused user is told so, not that the home is busy.
Result<OpenHome> Open(const Context& ctx, bool writer, const std::string& what, const Gate& gate);

// The process-wide folder (OpenCC is slow to load: once per process).
Result<const TextFolder*> Folder();

// While alive, this thread's Print* calls append to *sink instead of
// stdout: `serve` runs a command in-process and answers with its output.
class OutputCapture {
 public:
  explicit OutputCapture(std::string* sink);
  ~OutputCapture();
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

 private:
  std::string* previous_;
};

// Prints one JSON document on stdout (DESIGN §9).
void PrintJson(const nlohmann::json& j);
// Prints one JSON Lines record on stdout.
void PrintJsonLine(const nlohmann::json& j);
// Human output on stdout.
void Print(const std::string& text);

}  // namespace dangan::app

#endif  // DANGAN_APP_CONTEXT_H_
