// The backup-age rule of RECORDS §8: `verify` warns when the last backup is
// older than backup.max_age_days, or when there has never been one.
#ifndef DANGAN_BACKUP_BACKUP_AGE_H_
#define DANGAN_BACKUP_BACKUP_AGE_H_

#include <ctime>
#include <optional>
#include <string>

namespace dangan::backup {

// last_at: the newest backups row's `at` (UTC ISO 8601), nullopt = none.
// The warning's text, or nullopt when the last backup is recent enough.
std::optional<std::string> BackupAgeWarning(const std::optional<std::string>& last_at,
                                            int max_age_days, std::time_t now);

// "2026-11-24T10:00:00Z" -> seconds since the epoch; nullopt when malformed.
std::optional<std::time_t> ParseIso8601Utc(const std::string& at);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_BACKUP_AGE_H_
