// A structural check of a scanned image (TIFF, JPEG, PNG) until OCR decodes
// it (issue 4): a file cut short is corrupt; a whole one is stored as
// needs_ocr. Runs in the extraction worker.
#ifndef DANGAN_INGEST_IMAGE_CHECK_H_
#define DANGAN_INGEST_IMAGE_CHECK_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/types.h"

namespace dangan::ingest {

struct ImageCheck {
  std::optional<QuarantineReason> quarantine;
  std::string detail;
  int pages = 1;
};

// mime: as detected ("image/jpeg", "image/png", "image/tiff").
ImageCheck CheckImage(const std::filesystem::path& path, std::string_view mime);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_IMAGE_CHECK_H_
