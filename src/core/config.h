// Config: the options of dangan.toml (DESIGN §10). Every key is optional; a
// missing key keeps the default below. packaging/dangan.toml documents each.
#ifndef DANGAN_CORE_CONFIG_H_
#define DANGAN_CORE_CONFIG_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/retention.h"
#include "core/status.h"
#include "core/types.h"

namespace dangan {

struct Config {
  struct Org {
    std::string own_name;
    std::string own_uscc;
  } org;
  struct Archive {
    std::string number_pattern = "[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}";
  } archive;
  struct Ingest {
    int worker_timeout_s = 120;
    int worker_memory_mb = 1024;
    int max_file_mb = 512;
    int workers = 0;  // 0 = number of cores
  } ingest;
  struct Bundle {
    int64_t max_expanded_mb = 2048;
    int max_members = 10000;
    int max_ratio = 200;
    int max_depth = 3;
  } bundle;
  struct Watch {
    double settle_s = 2;
    double poll_s = 2;
    std::vector<std::string> ignore = {"*.part", "~$*", ".*"};
    int queue_size = 256;       // inputs queued for the workers at once
    double index_flush_s = 2;   // watch commits the index at least this often
  } watch;
  struct Writer {
    // How long a writing command waits for dangan.lock held by another
    // writer (watch lets go between batches) before kBusy; 0 = not at all.
    double wait_s = 30;
  } writer;
  struct Index {
    int batch_size = 500;
  } index;
  struct Ocr {
    std::string languages = "chi_sim+chi_tra+eng";
    int dpi = 300;
  } ocr;
  struct Access {
    Level default_level = Level::kInternal;  // a new client archive's level (RECORDS §2)
    int default_days = 7;  // an access request's grant, when it names no --days (RECORDS §3)
  } access;
  struct Backup {
    int keep = 7;           // complete generations kept in a backup destination (RECORDS §7)
    int max_age_days = 7;   // verify warns when the last backup is older (RECORDS §8)
  } backup;
  struct Retention {  // RECORDS §6
    RetentionYears years;  // retention.short_years, retention.long_years
    // [retention.by_type]: a document type's own class; none by default.
    std::map<DocType, RetentionClass> by_type;
  } retention;
  struct Destruction {
    int approvals = 2;  // distinct approvers a destruction list needs, none the proposer
  } destruction;
  struct Web {  // `dangan serve` (issue 9)
    std::string listen = "127.0.0.1:8080";  // HOST:PORT; TLS belongs to a reverse proxy
    int threads = 64;           // connections served at once (keep-alive holds one each)
    int session_idle_min = 60;  // a login unused this long ends
    int max_upload_mb = 512;    // one POST /upload, all files together
  } web;

  // Number of extraction workers to run: ingest.workers, or the core count.
  int EffectiveWorkers() const;
};

// Reads HOME/dangan.toml over the defaults. A missing file gives the defaults;
// a malformed one is kInvalidArgument naming the file, line and column.
Result<Config> LoadConfig(const std::filesystem::path& file);

// The dangan.toml that `init` writes: every key commented out with its
// default, so that a fragment appended later (with its own [org]) stays valid.
std::string DefaultConfigText();

}  // namespace dangan

#endif  // DANGAN_CORE_CONFIG_H_
