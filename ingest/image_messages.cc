#include <allheaders.h>  // Leptonica
#include <poppler-global.h>
#include <spdlog/spdlog.h>

#include <string_view>
#include <utility>

#include "ingest/image_messages_internal.h"

namespace dangan::ingest::internal {
namespace {

MessageCapture* current_capture = nullptr;  // innermost live scope, or none

void OnLeptonica(const char* message) {
  const std::string text = message != nullptr ? message : "";
  DeliverMessage("leptonica", text, text.rfind("Error", 0) == 0);
}

void OnPoppler(const std::string& message, void* /*closure*/) { DeliverMessage("poppler", message, true); }

}  // namespace

void DeliverMessage(std::string_view library, std::string message, bool is_error) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (message.empty()) return;
  spdlog::debug("library_message from={} text={}", library, message);
  if (current_capture != nullptr) current_capture->Record(std::move(message), is_error);
}

// libtiff's global handlers are not set here: Leptonica resets them on each
// TIFF it opens; CountImageFrames gives libtiff per-file handlers instead.
MessageCapture::MessageCapture() : outer_(current_capture) {
  static const bool installed = [] {
    leptSetStderrHandler(OnLeptonica);
    return true;
  }();
  (void)installed;
  // Poppler keeps one global callback that ExtractPdf also sets: take it back.
  poppler::set_debug_error_function(OnPoppler, nullptr);
  current_capture = this;
}

MessageCapture::~MessageCapture() { current_capture = outer_; }

void MessageCapture::Record(std::string message, bool is_error) {
  last_ = std::move(message);
  had_error_ = had_error_ || is_error;
}

}  // namespace dangan::ingest::internal
