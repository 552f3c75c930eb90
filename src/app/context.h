// Context: what every command gets from the global options (DESIGN §8), and
// the helpers commands share to open a home and print results.
#ifndef DANGAN_APP_CONTEXT_H_
#define DANGAN_APP_CONTEXT_H_

#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/config.h"
#include "core/home.h"
#include "core/status.h"
#include "core/text_fold.h"
#include "core/writer_lock.h"

namespace dangan::app {

struct Context {
  std::string home_dir;  // --home, else DANGAN_HOME, else ./dangan-home
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
};

// Opens an existing home (kNotFound with "run dangan init" when there is
// none). writer: take dangan.lock first (kBusy when held); what names the
// command for the holder message.
Result<OpenHome> Open(const Context& ctx, bool writer, const std::string& what);

// The process-wide folder (OpenCC is slow to load: once per process).
Result<const TextFolder*> Folder();

// Prints one JSON document on stdout (DESIGN §9).
void PrintJson(const nlohmann::json& j);
// Prints one JSON Lines record on stdout.
void PrintJsonLine(const nlohmann::json& j);
// Human output on stdout.
void Print(const std::string& text);

}  // namespace dangan::app

#endif  // DANGAN_APP_CONTEXT_H_
