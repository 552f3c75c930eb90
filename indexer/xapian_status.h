// Maps a caught Xapian::Error to a Status (STYLE §3): DatabaseLockError ->
// kBusy, QueryParserError -> kInvalidArgument, anything else -> kIoError.
// Header-only so that indexer and search share it without a link dependency.
#ifndef DANGAN_INDEXER_XAPIAN_STATUS_H_
#define DANGAN_INDEXER_XAPIAN_STATUS_H_

#include <xapian.h>

#include <string>

#include "core/status.h"

namespace dangan::indexer {

inline Status StatusFromXapian(const Xapian::Error& e, const std::string& what) {
  std::string msg = what + ": " + e.get_type() + ": " + e.get_msg();
  // Xapian::Error is not polymorphic in 1.4: dispatch on get_type().
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") return Status::Busy(msg);
  if (type == "QueryParserError") return Status::InvalidArgument(msg);
  return Status::IoError(msg);
}

}  // namespace dangan::indexer

#endif  // DANGAN_INDEXER_XAPIAN_STATUS_H_
