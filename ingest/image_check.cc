#include "ingest/image_check.h"

#include <string>

#include "ingest/page_image.h"

namespace dangan::ingest {
namespace {

// Frames beyond this many are not decoded here (each is decoded again for
// OCR anyway); the count still comes from the whole directory chain.
constexpr int kMaxCheckedFrames = 10000;

}  // namespace

// Decodes every frame with Leptonica (libjpeg, libpng, libtiff): a JPEG cut
// short (libjpeg warns and pads it with grey), a PNG without its end, a TIFF
// strip or directory past the end of the file all fail to decode. kIoError
// and other failures of dangan itself are reported as detail too: the
// worker has no other channel for them here.
ImageCheck CheckImage(const std::filesystem::path& path, std::string_view mime) {
  ImageCheck out;
  auto frames = CountImageFrames(path);
  if (!frames.ok()) {
    out.quarantine = QuarantineReason::kCorrupt;
    out.detail = std::string(mime) + " unreadable: " + frames.status().message();
    return out;
  }
  out.pages = *frames;
  for (int frame = 0; frame < out.pages && frame < kMaxCheckedFrames; ++frame) {
    auto page = ReadImageFrame(path, frame, 300);
    if (!page.ok()) {
      out.quarantine = QuarantineReason::kCorrupt;
      out.detail = std::string(mime) + (out.pages > 1 ? " page " + std::to_string(frame + 1) : "") +
                   " damaged or truncated: " + page.status().message();
      return out;
    }
  }
  return out;
}

}  // namespace dangan::ingest
