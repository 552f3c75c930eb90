// Messages from the image libraries (Leptonica, libtiff, Poppler) in the
// worker: they would print to stderr; instead each goes to spdlog at debug
// level and the last one seen inside a MessageCapture scope is kept, to
// become the detail of a kBadData. Module-private to ingest/. (libjpeg's and
// libpng's own warnings, which Leptonica does not route, still reach stderr.)
#ifndef DANGAN_INGEST_IMAGE_MESSAGES_INTERNAL_H_
#define DANGAN_INGEST_IMAGE_MESSAGES_INTERNAL_H_

#include <string>
#include <string_view>

namespace dangan::ingest::internal {

// Logs a library's message and records it in the innermost MessageCapture.
void DeliverMessage(std::string_view library, std::string message, bool is_error);

// Points the libraries' message handlers at this object for its lifetime.
// Scopes nest (the inner one collects); single-threaded like the worker.
class MessageCapture {
 public:
  MessageCapture();
  ~MessageCapture();
  MessageCapture(const MessageCapture&) = delete;
  MessageCapture& operator=(const MessageCapture&) = delete;

  void Record(std::string message, bool is_error);
  // The last message, trimmed, or "" when there was none.
  const std::string& last() const { return last_; }
  // Whether a library reported an error (not just a warning) in this scope.
  bool had_error() const { return had_error_; }
  // ": LAST" or "" (for appending to a detail).
  std::string Suffix() const { return last_.empty() ? "" : ": " + last_; }

 private:
  MessageCapture* outer_;
  std::string last_;
  bool had_error_ = false;
};

}  // namespace dangan::ingest::internal

#endif  // DANGAN_INGEST_IMAGE_MESSAGES_INTERNAL_H_
