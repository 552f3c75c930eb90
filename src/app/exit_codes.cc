#include "app/exit_codes.h"

namespace dangan::app {

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidArgument:
      return 2;
    case StatusCode::kNotFound:
      return 66;
    case StatusCode::kBadData:
      return 65;
    case StatusCode::kBusy:
      return 75;
    case StatusCode::kIoError:
      return 74;
    case StatusCode::kUnsupported:
      return 69;
    case StatusCode::kInternal:
      return 70;
    case StatusCode::kDenied:
      return 77;
    case StatusCode::kConflict:
      return 1;
  }
  return 70;
}

const char* JsonCode(StatusCode c) {
  switch (c) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "usage";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kBadData:
      return "bad_data";
    case StatusCode::kBusy:
      return "busy";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal";
    case StatusCode::kDenied:
      return "denied";
    case StatusCode::kConflict:
      return "conflict";
  }
  return "internal";
}

}  // namespace dangan::app
