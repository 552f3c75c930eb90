#include "core/status.h"

#include <cstring>

namespace dangan {

const char* ToString(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "Ok";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kBadData: return "BadData";
    case StatusCode::kBusy: return "Busy";
    case StatusCode::kIoError: return "IoError";
    case StatusCode::kUnsupported: return "Unsupported";
    case StatusCode::kInternal: return "Internal";
    case StatusCode::kDenied: return "Denied";
    case StatusCode::kConflict: return "Conflict";
  }
  return "Unknown";
}

Status Status::IoError(std::string_view path, int err) {
  return Status(StatusCode::kIoError, std::string(path) + ": " + std::strerror(err));
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(dangan::ToString(code_)) + ": " + message_;
}

}  // namespace dangan
