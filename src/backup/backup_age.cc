#include "backup/backup_age.h"

#include <fmt/format.h>

namespace dangan::backup {

std::optional<std::time_t> ParseIso8601Utc(const std::string& at) {
  std::tm tm{};
  const char* end = strptime(at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return timegm(&tm);
}

std::optional<std::string> BackupAgeWarning(const std::optional<std::string>& last_at,
                                            int max_age_days, std::time_t now) {
  if (!last_at)
    return std::string("there has never been a backup (run `dangan backup DEST`)");
  auto at = ParseIso8601Utc(*last_at);
  if (!at) return fmt::format("the last backup's time \"{}\" cannot be read", *last_at);
  const double age_days = static_cast<double>(now - *at) / 86400.0;
  if (age_days <= max_age_days) return std::nullopt;
  return fmt::format("the last backup ({}) is {:.1f} days old, more than backup.max_age_days = {}",
                     *last_at, age_days, max_age_days);
}

}  // namespace dangan::backup
