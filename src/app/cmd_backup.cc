// `dangan backup DEST` and `dangan backup verify DEST [--generation G]`
// (RECORDS §7, 备份): a generation of the home in DEST while `watch` may go on
// (a reader: no dangan.lock), and a re-hash of a generation against its
// manifest. Layout of DEST: backup/manifest.h.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/commands.h"
#include "backup/backup_check.h"
#include "backup/backup_writer.h"
#include "core/clock.h"
#include "core/fs.h"

namespace dangan::app {
namespace {

namespace fs = std::filesystem;

struct BackupArgs {
  std::string dest;
  std::string generation;  // verify: "" = the newest
};

std::string HumanBytes(uint64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  if (n < 1024ULL * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(n) / 1024);
  if (n < 1024ULL * 1024 * 1024)
    return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1024.0 * 1024));
  return fmt::format("{:.2f} GiB", static_cast<double>(n) / (1024.0 * 1024 * 1024));
}

// A progress line on stderr when it is a terminal, at most five a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool tty) : tty_(tty) {}
  ~ProgressLine() {
    if (shown_) std::fputs("\n", stderr);
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void Show(const std::string& text, bool last) {
    if (!tty_) return;
    double now = MonotonicSeconds();
    if (!last && now - shown_at_ < 0.2) return;
    shown_at_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r  %s   ", text.c_str());
  }

 private:
  bool tty_;
  bool shown_ = false;
  double shown_at_ = 0;
};

Status RecordRun(catalog::Catalog* catalog, const std::string& user, const fs::path& dest,
                 const backup::BackupResult& r) {
  catalog::BackupRun run;
  run.at = NowIso8601Utc();
  run.dest = dest.string();
  run.generation = r.manifest.generation;
  run.files = r.files;
  run.copied = r.copied;
  run.bytes = static_cast<int64_t>(r.bytes);
  run.catalog_sha256 = r.manifest.catalog.sha256;
  run.log_head = r.manifest.log_head;
  nlohmann::json detail = {{"dest", run.dest},          {"generation", run.generation},
                           {"files", run.files},        {"copied", run.copied},
                           {"bytes", run.bytes},        {"catalog_sha256", run.catalog_sha256},
                           {"log_head", run.log_head},  {"log_seq", r.manifest.log_seq},
                           {"pruned", r.pruned}};
  return catalog->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog->InsertBackup(run));
    return LogAccess(catalog, user, "backup", "backup:" + run.dest, detail);
  });
}

Status RunBackup(CommandState* st, const BackupArgs& args) {
  if (args.dest.empty()) return Status::InvalidArgument("backup: DEST is required");
  auto h = Open(st->ctx, /*writer=*/false, "", {authz::Action::kBackup, {}});
  if (!h.ok()) return h.status();
  const fs::path dest = fs::absolute(args.dest).lexically_normal();
  // Inside the home, a backup would back itself up and lie in the store's way.
  const std::string inside = RelativeTo(dest, h->home.root().lexically_normal());
  if (inside != dest.string())
    return Status::InvalidArgument("backup: DEST " + dest.string() +
                                   " is inside the home; back up to another disk or share");
  backup::BackupOptions options;
  options.keep = h->config.backup.keep;
  ProgressLine line(st->ctx.stderr_is_tty);
  options.progress = [&line](int64_t done, int64_t total, uint64_t bytes) {
    line.Show(fmt::format("{} of {} files, {} copied", done, total, HumanBytes(bytes)),
              done == total);
  };
  auto r = backup::WriteBackup(h->home, h->catalog.get(), dest, options);
  if (!r.ok()) {
    (void)LogAccess(h->catalog.get(), st->ctx.user, "backup_failed", "backup:" + dest.string(),
                    {{"dest", dest.string()}, {"error", r.status().message()}});
    return r.status();
  }
  DANGAN_RETURN_IF_ERROR(RecordRun(h->catalog.get(), st->ctx.user, dest, *r));
  spdlog::info("backup done dest={} generation={} files={} copied={} bytes={} seconds={:.1f}",
               dest.string(), r->manifest.generation, r->files, r->copied, r->bytes, r->seconds);
  if (st->ctx.json) {
    PrintJson({{"dest", dest.string()},
               {"generation", r->manifest.generation},
               {"files", r->files},
               {"copied", r->copied},
               {"bytes", r->bytes},
               {"seconds", r->seconds},
               {"catalog_sha256", r->manifest.catalog.sha256},
               {"log_head", {{"seq", r->manifest.log_seq}, {"hash", r->manifest.log_head}}},
               {"pruned", r->pruned},
               {"removed_files", r->removed_files}});
    return Status::Ok();
  }
  Print(fmt::format("backup (备份) {} -> {}\n", r->manifest.generation, dest.string()));
  Print(fmt::format("  files {}: catalog, config and {} originals and kept files, of which "
                    "copied {} and {} already in the backup; {} written, {:.1f} s\n",
                    r->files, r->manifest.files.size(), r->copied,
                    static_cast<int64_t>(r->manifest.files.size()) - r->copied,
                    HumanBytes(r->bytes), r->seconds));
  if (!r->pruned.empty())
    Print(fmt::format("  pruned {} older generation(s): {}; {} unlisted file(s) removed\n",
                      r->pruned.size(), fmt::join(r->pruned, ", "), r->removed_files));
  return Status::Ok();
}

Status RunBackupVerify(CommandState* st, const BackupArgs& args) {
  auto h = Open(st->ctx, /*writer=*/false, "", {authz::Action::kBackupVerify, {}});
  if (!h.ok()) return h.status();
  const fs::path dest = fs::absolute(args.dest);
  ProgressLine line(st->ctx.stderr_is_tty);
  auto check = backup::CheckBackup(dest, args.generation, [&line](int64_t done, int64_t total) {
    line.Show(fmt::format("{} of {} files checked", done, total), done == total);
  });
  if (!check.ok()) return check.status();
  const bool ok = check->problems.empty();
  DANGAN_RETURN_IF_ERROR(LogAccess(h->catalog.get(), st->ctx.user, "backup_verify",
                                   "backup:" + dest.string(),
                                   {{"dest", dest.string()},
                                    {"generation", check->manifest.generation},
                                    {"files", check->files},
                                    {"ok", ok},
                                    {"problems", check->problems.size()}}));
  for (const auto& p : check->problems)
    spdlog::warn("backup verify {} path={} detail=\"{}\"", p.kind, p.path, p.detail);
  if (!ok) st->exit_code = 1;
  if (st->ctx.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : check->problems)
      problems.push_back({{"kind", p.kind}, {"path", p.path}, {"detail", p.detail}});
    PrintJson({{"ok", ok},
               {"dest", dest.string()},
               {"generation", check->manifest.generation},
               {"files", check->files},
               {"bytes", check->bytes},
               {"problems", problems}});
    return Status::Ok();
  }
  if (ok) {
    Print(fmt::format("ok: generation {} in {}: {} files ({}) match the manifest\n",
                      check->manifest.generation, dest.string(), check->files,
                      HumanBytes(check->bytes)));
  } else {
    Print(fmt::format("{} problem(s) in {}{}:\n", check->problems.size(), dest.string(),
                      check->manifest.generation.empty()
                          ? std::string()
                          : " generation " + check->manifest.generation));
    for (const auto& p : check->problems) Print(fmt::format("  {}: {}\n", p.kind, p.detail));
  }
  return Status::Ok();
}

}  // namespace

void RegisterBackup(CLI::App& app, CommandState* st) {
  auto args = std::make_shared<BackupArgs>();
  auto* cmd = app.add_subcommand("backup", "back the home up into DEST (RECORDS §7, 备份)");
  cmd->add_option("DEST", args->dest, "backup folder (may be a mounted share)");
  // --json after the command as RECORDS writes it (the global flag is only
  // read before the command).
  cmd->callback([st, args] {
    if (!st->run) st->run = [st, args] { return RunBackup(st, *args); };
  });
  auto verify_args = std::make_shared<BackupArgs>();
  auto* verify = cmd->add_subcommand("verify", "re-hash a backup against its manifest; exit 1 "
                                               "naming each missing or damaged file");
  verify->add_option("DEST", verify_args->dest, "backup folder")->required();
  verify->add_option("--generation", verify_args->generation,
                     "the generation to check (default: the newest)");
  verify->callback([st, verify_args] {
    st->run = [st, verify_args] { return RunBackupVerify(st, *verify_args); };
  });
}

}  // namespace dangan::app
