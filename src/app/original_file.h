// OpenOriginal: the stored original of one document, for the web viewer and
// download. An opening like `show --text` (RECORDS §2): the same gate
// (content above the user's clearance is refused; confidential and secret
// content needs an active grant) and one `download` row in the access log.
#ifndef DANGAN_APP_ORIGINAL_FILE_H_
#define DANGAN_APP_ORIGINAL_FILE_H_

#include <cstdint>
#include <filesystem>
#include <string>

#include "app/context.h"

namespace dangan::app {

struct OriginalFile {
  std::filesystem::path path;  // absolute
  std::string mime;
  std::string original_name;
  std::string sha256;
};

// log: add the `download` row (false for the later parts of a download the
// viewer fetches in ranges: one reading, one row).
Result<OriginalFile> OpenOriginal(const Context& ctx, int64_t id, bool log);

}  // namespace dangan::app

#endif  // DANGAN_APP_ORIGINAL_FILE_H_
