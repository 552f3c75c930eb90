#include "app/context.h"

#include <cstdio>

namespace dangan::app {

Result<OpenHome> Open(const Context& ctx, bool writer, const std::string& what) {
  OpenHome h;
  h.home = ctx.home();
  std::error_code ec;
  if (!std::filesystem::exists(h.home.catalog(), ec))
    return Status::NotFound(h.home.root().string() +
                            " is not a dangan home (no catalog.sqlite); run `dangan --home " +
                            ctx.home_dir + " init` first");
  if (writer) {
    auto lock = WriterLock::Acquire(h.home.lock(), what);
    if (!lock.ok()) return lock.status();
    h.lock = std::move(lock).value();
  }
  auto config = LoadConfig(h.home.config());
  if (!config.ok()) return config.status();
  h.config = std::move(config).value();
  auto cat = catalog::Catalog::Open(h.home.catalog(), /*create=*/false);
  if (!cat.ok()) return cat.status();
  h.catalog = std::move(cat).value();
  return h;
}

Result<const TextFolder*> Folder() {
  static std::unique_ptr<TextFolder> folder;
  if (!folder) {
    auto f = TextFolder::Create();
    if (!f.ok()) return f.status();
    folder = std::move(f).value();
  }
  return folder.get();
}

void PrintJson(const nlohmann::json& j) {
  std::string s = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

void PrintJsonLine(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace dangan::app
