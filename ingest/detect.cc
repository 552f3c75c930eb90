#include "ingest/detect.h"

#include <magic.h>

#include <array>
#include <utility>

namespace dangan::ingest {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kImageTypes{{
    {"image/tiff", "tif"},
    {"image/jpeg", "jpg"},
    {"image/png", "png"},
    {"image/jp2", "jp2"},
}};

constexpr std::array<std::string_view, 14> kBundleTypes = {
    "application/zip",
    "application/x-zip-compressed",
    "application/x-tar",
    "application/gzip",
    "application/x-gzip",
    "application/x-7z-compressed",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-rar-compressed",
    "application/x-bzip2",
    "application/x-xz",
    "application/zstd",
    "application/x-lzip",
    "application/x-ustar",
};

}  // namespace

FileKind KindOfMime(std::string_view mime) {
  if (mime == "application/pdf") return FileKind::kPdf;
  for (const auto& [type, ext] : kImageTypes)
    if (mime == type && type != "image/jp2") return FileKind::kImage;
  for (std::string_view type : kBundleTypes)
    if (mime == type) return FileKind::kBundle;
  return FileKind::kUnsupported;
}

std::string ExtensionForMime(std::string_view mime) {
  if (mime == "application/pdf") return "pdf";
  for (const auto& [type, ext] : kImageTypes)
    if (mime == type) return std::string(ext);
  return "bin";
}

Result<std::unique_ptr<Detector>> Detector::Create() {
  magic_set* magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
  if (magic == nullptr) return Status::Internal("magic_open failed");
  std::unique_ptr<Detector> d(new Detector(magic));
  if (magic_load(magic, nullptr) != 0)
    return Status::Internal(std::string("magic_load: ") + magic_error(magic));
  return d;
}

Detector::~Detector() { magic_close(magic_); }

Result<std::string> Detector::MimeOfFile(const std::filesystem::path& path) {
  const char* mime = magic_file(magic_, path.c_str());
  if (mime == nullptr) {
    const char* err = magic_error(magic_);
    return Status::IoError(path.string() + ": " + (err ? err : "libmagic failed"));
  }
  return std::string(mime);
}

Result<std::string> Detector::MimeOfBuffer(std::string_view bytes) {
  const char* mime = magic_buffer(magic_, bytes.data(), bytes.size());
  if (mime == nullptr) {
    const char* err = magic_error(magic_);
    return Status::Internal(err ? err : "libmagic failed");
  }
  return std::string(mime);
}

}  // namespace dangan::ingest
