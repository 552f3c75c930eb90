#include "ingest/page_image.h"

#include <allheaders.h>  // Leptonica
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "ingest/image_messages_internal.h"

namespace dangan::ingest {

void PixDeleter::operator()(Pix* p) const { pixDestroy(&p); }

namespace {

using internal::MessageCapture;

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct TiffOptionsDeleter {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

// libtiff's per-file handlers (Leptonica resets the global ones).
int OnTiffMessage(bool is_error, const char* module, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  internal::DeliverMessage("libtiff", module != nullptr ? std::string(module) + ": " + text : text,
                           is_error);
  return 1;  // handled: not printed
}
int OnTiffError(TIFF* /*tif*/, void* /*user*/, const char* module, const char* format,
                va_list args) {
  return OnTiffMessage(true, module, format, args);
}
int OnTiffWarning(TIFF* /*tif*/, void* /*user*/, const char* module, const char* format,
                  va_list args) {
  return OnTiffMessage(false, module, format, args);
}

// Pages in a TIFF, walking its directory chain with libtiff. libtiff stops
// at a directory it cannot read as at the end of the chain: only its error
// tells a TIFF cut short from a whole one.
Result<int> CountTiffFrames(const std::filesystem::path& image) {
  MessageCapture capture;
  std::unique_ptr<TIFFOpenOptions, TiffOptionsDeleter> options(TIFFOpenOptionsAlloc());
  if (!options) return Status::Internal("TIFFOpenOptionsAlloc failed");
  TIFFOpenOptionsSetErrorHandlerExtR(options.get(), OnTiffError, nullptr);
  TIFFOpenOptionsSetWarningHandlerExtR(options.get(), OnTiffWarning, nullptr);
  std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpenExt(image.c_str(), "r", options.get()));
  if (!tif) return Status::BadData("TIFF unreadable" + capture.Suffix());
  int frames = 1;
  while (TIFFReadDirectory(tif.get()) != 0) ++frames;
  if (capture.had_error())
    return Status::BadData("TIFF directory " + std::to_string(frames + 1) + " unreadable" +
                           capture.Suffix());
  return frames;
}

// A resolution a file states is believed within these bounds; outside them
// the caller's default is used: 0 is "not stated", 1 an aspect ratio, and 72
// or 96 are screen defaults that cameras and editors write (a real 72-dpi
// scan of a page is too coarse to read anyway).
constexpr int kMinFileDpi = 100;
constexpr int kMaxFileDpi = 2400;

// Copies a Poppler gray8 image (rows padded) into an 8-bit Leptonica Pix.
PixPtr GreyPixOf(const poppler::image& img) {
  const int w = img.width(), h = img.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return pix;
  const char* src = img.const_data();
  const int stride = img.bytes_per_row();
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<ptrdiff_t>(y) * stride);
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

bool IsTiff(int format) { return L_FORMAT_IS_TIFF(format); }

// Leptonica's format of a file, or IFF_UNKNOWN.
int FormatOf(const std::filesystem::path& image) {
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormat(image.c_str(), &format) != 0) return IFF_UNKNOWN;
  return format;
}

// Decodes one frame as the file has it (any depth). A JPEG that libjpeg had
// to warn about (data cut short or damaged: it fills the rest with grey) is
// refused rather than half read.
Result<PixPtr> DecodeFrame(const std::filesystem::path& image, int format, int frame) {
  MessageCapture capture;
  PixPtr pix;
  if (IsTiff(format)) {
    pix.reset(pixReadTiff(image.c_str(), frame));
  } else if (frame != 0) {
    return Status::InvalidArgument("frame " + std::to_string(frame) + " of a one-frame image");
  } else if (format == IFF_JFIF_JPEG) {
    l_int32 warnings = 0;
    pix.reset(pixReadJpeg(image.c_str(), 0, 1, &warnings, 0));
    if (pix && warnings > 0)
      return Status::BadData("JPEG data damaged or cut short (" + std::to_string(warnings) +
                             " decoder warnings)");
  } else {
    pix.reset(pixRead(image.c_str()));
  }
  if (!pix)
    return Status::BadData("cannot decode frame " + std::to_string(frame) + capture.Suffix());
  return pix;
}

// 8-bit grey without colour map, transparency flattened onto white paper.
PixPtr ToGrey(Pix* pix) {
  PixPtr flat;
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    flat.reset(pixAlphaBlendUniform(pix, 0xffffff00));
    if (!flat) return flat;
    pix = flat.get();
  }
  if (pixGetDepth(pix) == 8 && pixGetColormap(pix) == nullptr) return PixPtr(pixClone(pix));
  return PixPtr(pixConvertTo8(pix, 0));
}

}  // namespace

int CappedRenderDpi(double width_in, double height_in, int dpi) {
  const double pixels = width_in * dpi * height_in * dpi;
  if (pixels <= static_cast<double>(kMaxPagePixels)) return dpi;
  const double fit = std::sqrt(static_cast<double>(kMaxPagePixels) / (width_in * height_in));
  return std::max(1, static_cast<int>(std::floor(fit)));
}

Result<PageImage> RenderPdfPage(const std::filesystem::path& pdf, int page, int dpi) {
  if (dpi <= 0) return Status::InvalidArgument("render dpi must be positive");
  MessageCapture capture;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf.string()));
  if (!doc) return Status::BadData("Poppler cannot open " + pdf.string() + capture.Suffix());
  if (doc->is_locked()) return Status::BadData("PDF needs a password: " + pdf.string());
  if (page < 0 || page >= doc->pages())
    return Status::InvalidArgument("no page " + std::to_string(page) + " in " + pdf.string());
  std::unique_ptr<poppler::page> p(doc->create_page(page));
  if (!p) return Status::BadData("Poppler cannot read page " + std::to_string(page) + capture.Suffix());
  const poppler::rectf box = p->page_rect(poppler::crop_box);
  const double width_in = box.width() / 72.0, height_in = box.height() / 72.0;
  if (!(width_in > 0 && height_in > 0))
    return Status::BadData("page " + std::to_string(page) + " has no area");

  PageImage out;
  out.dpi = CappedRenderDpi(width_in, height_in, dpi);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  const poppler::image img = renderer.render_page(p.get(), out.dpi, out.dpi);
  if (!img.is_valid() || img.format() != poppler::image::format_gray8)
    return Status::BadData("Poppler cannot render page " + std::to_string(page) + capture.Suffix());
  out.pix = GreyPixOf(img);
  if (!out.pix) return Status::Internal("pixCreate failed for a rendered page");
  return out;
}

Result<int> CountImageFrames(const std::filesystem::path& image) {
  MessageCapture capture;
  const int format = FormatOf(image);
  if (format == IFF_UNKNOWN) return Status::BadData("not an image Leptonica reads" + capture.Suffix());
  if (!IsTiff(format)) return 1;
  return CountTiffFrames(image);
}

Result<PageImage> ReadImageFrame(const std::filesystem::path& image, int frame, int default_dpi) {
  MessageCapture capture;
  const int format = FormatOf(image);
  if (format == IFF_UNKNOWN) return Status::BadData("not an image Leptonica reads" + capture.Suffix());
  l_int32 width = 0, height = 0;
  if (pixReadHeader(image.c_str(), nullptr, &width, &height, nullptr, nullptr, nullptr) != 0)
    return Status::BadData("unreadable image header" + capture.Suffix());
  if (static_cast<int64_t>(width) * height > kMaxPagePixels)
    return Status::BadData("image too large: " + std::to_string(width) + "x" +
                           std::to_string(height) + " pixels");
  DANGAN_ASSIGN_OR_RETURN(PixPtr raw, DecodeFrame(image, format, frame));
  PageImage out;
  const int file_dpi = pixGetXRes(raw.get());
  out.dpi = file_dpi >= kMinFileDpi && file_dpi <= kMaxFileDpi ? file_dpi : default_dpi;
  out.pix = ToGrey(raw.get());
  if (!out.pix) return Status::BadData("cannot convert the image to grey" + capture.Suffix());
  return out;
}

}  // namespace dangan::ingest
