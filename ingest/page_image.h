// Page images for OCR (issue 4): image-only PDF pages rendered with
// poppler-cpp's page renderer, and scans (TIFF, JPEG, PNG) read with
// Leptonica, frame by frame. Runs in the extraction worker only.
#ifndef DANGAN_INGEST_PAGE_IMAGE_H_
#define DANGAN_INGEST_PAGE_IMAGE_H_

#include <filesystem>
#include <memory>

#include "core/status.h"

struct Pix;

namespace dangan::ingest {

// Owns a Leptonica image.
struct PixDeleter {
  void operator()(Pix* p) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// A page ready for recognition and the resolution it is at.
struct PageImage {
  PixPtr pix;
  int dpi = 300;
};

// Renders page `page` (0-based) of a PDF at dpi. A page that would exceed
// kMaxPagePixels at that dpi is rendered at a lower dpi instead (a poster
// page must not exhaust memory). kBadData when Poppler cannot render it.
Result<PageImage> RenderPdfPage(const std::filesystem::path& pdf, int page, int dpi);

// Frames (pages) in a TIFF; 1 for JPEG and PNG. kBadData when unreadable.
Result<int> CountImageFrames(const std::filesystem::path& image);
// Reads frame `frame` (0-based) of a TIFF, JPEG or PNG; the dpi is the
// file's own when it gives one, else default_dpi. kBadData when the image is
// damaged (a JPEG or PNG cut short, a TIFF strip missing).
Result<PageImage> ReadImageFrame(const std::filesystem::path& image, int frame, int default_dpi);

inline constexpr int64_t kMaxPagePixels = int64_t{120} << 20;  // e.g. 11000 x 11000

// The dpi RenderPdfPage uses for a page of width_in x height_in inches when
// asked for dpi: dpi itself, or the highest that keeps the page within
// kMaxPagePixels (at least 1).
int CappedRenderDpi(double width_in, double height_in, int dpi);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_PAGE_IMAGE_H_
