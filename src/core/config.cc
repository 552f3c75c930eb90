#include "core/config.h"

#include <fmt/format.h>

#include <system_error>
#include <thread>
#include <toml++/toml.h>

namespace dangan {
namespace {

// Reads table.key into *out when present and of the right type; a present key
// of the wrong type is an error (a silent default would hide a typo'd value).
template <typename T>
Status Read(const toml::table& root, const char* table, const char* key, T* out) {
  const toml::node* node = root.at_path(std::string(table) + "." + key).node();
  if (node == nullptr) return Status::Ok();
  if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    const toml::array* arr = node->as_array();
    if (arr == nullptr) return Status::InvalidArgument(fmt::format("{}.{}: not an array", table, key));
    out->clear();
    for (const toml::node& elem : *arr) {
      auto s = elem.value<std::string>();
      if (!s) return Status::InvalidArgument(fmt::format("{}.{}: not a string array", table, key));
      out->push_back(*s);
    }
    return Status::Ok();
  } else if constexpr (std::is_floating_point_v<T>) {
    auto v = node->value<double>();  // accepts integers too
    if (!v) return Status::InvalidArgument(fmt::format("{}.{}: not a number", table, key));
    *out = *v;
    return Status::Ok();
  } else {
    auto v = node->value<T>();
    if (!v) return Status::InvalidArgument(fmt::format("{}.{}: wrong type", table, key));
    *out = *v;
    return Status::Ok();
  }
}

// [retention.by_type]: document type -> retention class, both checked.
Status ReadRetentionByType(const toml::table& root, std::map<DocType, RetentionClass>* out) {
  const toml::node* node = root.at_path("retention.by_type").node();
  if (node == nullptr) return Status::Ok();
  const toml::table* table = node->as_table();
  if (table == nullptr) return Status::InvalidArgument("retention.by_type: not a table");
  for (const auto& [key, value] : *table) {
    auto type = ParseDocType(key.str());
    if (!type)
      return Status::InvalidArgument(fmt::format(
          "retention.by_type.{}: not a document type (contract, invoice, form, letter, other)",
          key.str()));
    auto name = value.value<std::string>();
    auto cls = name ? ParseRetentionClass(*name) : std::nullopt;
    if (!cls)
      return Status::InvalidArgument(fmt::format(
          "retention.by_type.{}: must be \"short\", \"long\" or \"permanent\"", key.str()));
    (*out)[*type] = *cls;
  }
  return Status::Ok();
}

Status CheckPositive(const char* name, int64_t v) {
  if (v <= 0) return Status::InvalidArgument(fmt::format("{} must be > 0 (got {})", name, v));
  return Status::Ok();
}

}  // namespace

int Config::EffectiveWorkers() const {
  if (ingest.workers > 0) return ingest.workers;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

Result<Config> LoadConfig(const std::filesystem::path& file) {
  Config c;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return c;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", file.string(),
                                               e.source().begin.line, e.source().begin.column,
                                               e.description()));
  }
  Status s;
  auto chain = [&](Status next) {
    if (s.ok() && !next.ok()) s = std::move(next);
  };
  chain(Read(root, "org", "own_name", &c.org.own_name));
  chain(Read(root, "org", "own_uscc", &c.org.own_uscc));
  chain(Read(root, "archive", "number_pattern", &c.archive.number_pattern));
  chain(Read(root, "ingest", "worker_timeout_s", &c.ingest.worker_timeout_s));
  chain(Read(root, "ingest", "worker_memory_mb", &c.ingest.worker_memory_mb));
  chain(Read(root, "ingest", "max_file_mb", &c.ingest.max_file_mb));
  chain(Read(root, "ingest", "workers", &c.ingest.workers));
  chain(Read(root, "bundle", "max_expanded_mb", &c.bundle.max_expanded_mb));
  chain(Read(root, "bundle", "max_members", &c.bundle.max_members));
  chain(Read(root, "bundle", "max_ratio", &c.bundle.max_ratio));
  chain(Read(root, "bundle", "max_depth", &c.bundle.max_depth));
  chain(Read(root, "watch", "settle_s", &c.watch.settle_s));
  chain(Read(root, "watch", "poll_s", &c.watch.poll_s));
  chain(Read(root, "watch", "ignore", &c.watch.ignore));
  chain(Read(root, "watch", "queue_size", &c.watch.queue_size));
  chain(Read(root, "watch", "index_flush_s", &c.watch.index_flush_s));
  chain(Read(root, "writer", "wait_s", &c.writer.wait_s));
  chain(Read(root, "index", "batch_size", &c.index.batch_size));
  chain(Read(root, "ocr", "languages", &c.ocr.languages));
  chain(Read(root, "ocr", "dpi", &c.ocr.dpi));
  chain(Read(root, "backup", "keep", &c.backup.keep));
  chain(Read(root, "backup", "max_age_days", &c.backup.max_age_days));
  std::string default_level = ToString(c.access.default_level);
  chain(Read(root, "access", "default_level", &default_level));
  if (auto level = ParseLevel(default_level)) {
    c.access.default_level = *level;
  } else {
    chain(Status::InvalidArgument(
        "access.default_level must be public, internal, confidential or secret"));
  }
  chain(Read(root, "access", "default_days", &c.access.default_days));
  chain(CheckPositive("access.default_days", c.access.default_days));
  chain(Read(root, "retention", "short_years", &c.retention.years.short_years));
  chain(Read(root, "retention", "long_years", &c.retention.years.long_years));
  chain(ReadRetentionByType(root, &c.retention.by_type));
  chain(Read(root, "destruction", "approvals", &c.destruction.approvals));
  chain(Read(root, "web", "listen", &c.web.listen));
  chain(Read(root, "web", "threads", &c.web.threads));
  chain(Read(root, "web", "session_idle_min", &c.web.session_idle_min));
  chain(Read(root, "web", "max_upload_mb", &c.web.max_upload_mb));
  chain(CheckPositive("web.threads", c.web.threads));
  chain(CheckPositive("web.session_idle_min", c.web.session_idle_min));
  chain(CheckPositive("web.max_upload_mb", c.web.max_upload_mb));
  chain(CheckPositive("retention.short_years", c.retention.years.short_years));
  chain(CheckPositive("retention.long_years", c.retention.years.long_years));
  chain(CheckPositive("destruction.approvals", c.destruction.approvals));
  if (c.retention.years.long_years < c.retention.years.short_years)
    chain(Status::InvalidArgument("retention.long_years must be >= retention.short_years"));
  chain(CheckPositive("ingest.worker_timeout_s", c.ingest.worker_timeout_s));
  chain(CheckPositive("ingest.worker_memory_mb", c.ingest.worker_memory_mb));
  chain(CheckPositive("ingest.max_file_mb", c.ingest.max_file_mb));
  chain(CheckPositive("watch.queue_size", c.watch.queue_size));
  chain(CheckPositive("bundle.max_expanded_mb", c.bundle.max_expanded_mb));
  chain(CheckPositive("bundle.max_members", c.bundle.max_members));
  chain(CheckPositive("bundle.max_ratio", c.bundle.max_ratio));
  chain(CheckPositive("index.batch_size", c.index.batch_size));
  chain(CheckPositive("ocr.dpi", c.ocr.dpi));
  chain(CheckPositive("backup.keep", c.backup.keep));
  chain(CheckPositive("backup.max_age_days", c.backup.max_age_days));
  if (c.writer.wait_s < 0) chain(Status::InvalidArgument("writer.wait_s must be >= 0"));
  if (c.ingest.workers < 0) chain(Status::InvalidArgument("ingest.workers must be >= 0"));
  if (c.bundle.max_depth < 0) chain(Status::InvalidArgument("bundle.max_depth must be >= 0"));
  if (!s.ok()) return Status::InvalidArgument(file.string() + ": " + s.message());
  return c;
}

std::string DefaultConfigText() {
  return R"(# dangan configuration. Every key is optional; the defaults are shown commented
# out. packaging/dangan.toml in the source tree documents each option.

# [org]                     # the department's own organisation: never a routing match
# own_name = ""
# own_uscc = ""

# [archive]
# number_pattern = "[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}"

# [ingest]
# worker_timeout_s = 120    # per document, wall clock
# worker_memory_mb = 1024   # per worker, address space
# max_file_mb = 512
# workers = 0               # 0 = number of cores

# [bundle]
# max_expanded_mb = 2048    # total bytes a bundle may expand to
# max_members = 10000
# max_ratio = 200           # expanded / compressed, for members over 1 MiB
# max_depth = 3             # bundles inside bundles

# [watch]
# settle_s = 2
# poll_s = 2
# ignore = ["*.part", "~$*", ".*"]
# queue_size = 256          # inputs handed to the workers' queue at once
# index_flush_s = 2         # what watch filed is searchable after this long

# [writer]
# wait_s = 30               # a writing command waits this long for another writer; 0 = not at all

# [index]
# batch_size = 500

# [ocr]
# languages = "chi_sim+chi_tra+eng"
# dpi = 300

# [access]
# default_level = "internal"  # a new client archive's level: public, internal, confidential, secret
# default_days = 7            # days an approved access request grants, unless it names --days

# [backup]
# keep = 7                  # generations kept in a backup destination
# max_age_days = 7          # verify warns when the last backup is older

# [retention]               # 保管期限 (RECORDS.md §6)
# short_years = 10
# long_years = 30
# [retention.by_type]       # a document type's own class; the longer of it and the archive's wins
# invoice = "long"

# [destruction]
# approvals = 2             # distinct approvers a destruction list needs, none the proposer

# [web]                     # `dangan serve`
# listen = "127.0.0.1:8080" # HOST:PORT; put TLS in a reverse proxy (packaging/nginx)
# threads = 64              # connections served at once
# session_idle_min = 60     # a login unused this long ends
# max_upload_mb = 512       # one upload, all its files together
)";
}

}  // namespace dangan
