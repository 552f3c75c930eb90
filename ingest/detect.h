// Content type detection with libmagic (DESIGN §4.2): never by extension.
#ifndef DANGAN_INGEST_DETECT_H_
#define DANGAN_INGEST_DETECT_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct magic_set;

namespace dangan::ingest {

// What dangan does with a detected type.
enum class FileKind {
  kPdf,
  kImage,   // TIFF, JPEG, PNG: stored, OCR'd (or needs_ocr)
  kBundle,  // zip, tar (any compression), 7z, rar: unpacked
  kUnsupported,
};

FileKind KindOfMime(std::string_view mime);
// The stored file's extension for a MIME type ("pdf", "tif", "jpg", "png", "bin").
std::string ExtensionForMime(std::string_view mime);

// Detector: an open libmagic handle with its database loaded. Owned by one
// thread (libmagic handles are not thread-safe).
class Detector {
 public:
  static Result<std::unique_ptr<Detector>> Create();
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // The MIME type of the file's content, e.g. "application/pdf".
  Result<std::string> MimeOfFile(const std::filesystem::path& path);
  Result<std::string> MimeOfBuffer(std::string_view bytes);

 private:
  explicit Detector(magic_set* magic) : magic_(magic) {}
  magic_set* magic_;  // owned
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_DETECT_H_
