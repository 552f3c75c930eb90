// Status and Result<T>: how dangan code reports that dangan itself failed.
// Bad input is not an error (STYLE §3): a corrupt PDF is an OK result that says
// "quarantine". Status is for I/O failures, bad arguments, busy locks, bugs.
#ifndef DANGAN_CORE_STATUS_H_
#define DANGAN_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dangan {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kBadData,
  kBusy,
  kIoError,
  kUnsupported,
  kInternal,
  kDenied,  // the acting user may not do this (RECORDS §1): exit 77
  kConflict,  // the object's state does not allow this (a decided request): exit 1
};

const char* ToString(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status BadData(std::string msg) { return Status(StatusCode::kBadData, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(StatusCode::kBusy, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(StatusCode::kIoError, std::move(msg)); }
  // "PATH: strerror(errno)".
  static Status IoError(std::string_view path, int err);
  static Status Unsupported(std::string msg) {
    return Status(StatusCode::kUnsupported, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }
  static Status Denied(std::string msg) { return Status(StatusCode::kDenied, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(StatusCode::kConflict, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "IoError: PATH: No space left on device".
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace dangan

#define DANGAN_STATUS_CONCAT_INNER_(a, b) a##b
#define DANGAN_STATUS_CONCAT_(a, b) DANGAN_STATUS_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when expr is not OK.
#define DANGAN_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::dangan::Status dangan_status_ = (expr);   \
    if (!dangan_status_.ok()) return dangan_status_; \
  } while (0)

// DANGAN_ASSIGN_OR_RETURN(auto x, MakeX()): x = value, or return the Status.
#define DANGAN_ASSIGN_OR_RETURN(lhs, expr) \
  DANGAN_ASSIGN_OR_RETURN_IMPL_(DANGAN_STATUS_CONCAT_(dangan_result_, __LINE__), lhs, expr)
#define DANGAN_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.ok()) return result.status();              \
  lhs = std::move(result).value()

#endif  // DANGAN_CORE_STATUS_H_
