#include "support/image_fixture.h"

#include <allheaders.h>  // Leptonica
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <random>

namespace dangan::testing {
namespace {

constexpr double kA4WidthIn = 8.27;
constexpr double kA4HeightIn = 11.69;
constexpr double kMarginPt = 57;  // 20 mm

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// Lays text out in points on a surface scaled to dpi (Pango at 72 "dpi" so
// that one point is one unit).
void DrawTextAt(cairo_t* cr, const std::string& text, double font_pt, double width_pt) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  pango_cairo_context_set_resolution(pango_layout_get_context(layout.get()), 72);
  pango_layout_context_changed(layout.get());
  std::unique_ptr<PangoFontDescription, FontDeleter> font(
      pango_font_description_from_string("WenQuanYi Zen Hei"));
  pango_font_description_set_size(font.get(), static_cast<int>(font_pt * PANGO_SCALE));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width_pt * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing(layout.get(), static_cast<int>(font_pt * 0.6 * PANGO_SCALE));
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace

void ScanPixDeleter::operator()(Pix* p) const { pixDestroy(&p); }

ScanPix DrawPage(const std::string& text, int dpi, double font_pt) {
  const int w = static_cast<int>(kA4WidthIn * dpi), h = static_cast<int>(kA4HeightIn * dpi);
  // A8: one byte of ink coverage per pixel.
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> ink(
      cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
  {
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(ink.get()));
    cairo_scale(cr.get(), dpi / 72.0, dpi / 72.0);
    cairo_move_to(cr.get(), kMarginPt, kMarginPt);
    DrawTextAt(cr.get(), text, font_pt, kA4WidthIn * 72 - 2 * kMarginPt);
  }
  cairo_surface_flush(ink.get());
  ScanPix page(pixCreate(w, h, 8));
  const unsigned char* src = cairo_image_surface_get_data(ink.get());
  const int stride = cairo_image_surface_get_stride(ink.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(page.get()) + static_cast<ptrdiff_t>(y) * pixGetWpl(page.get());
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, 255 - src[y * stride + x]);
  }
  pixSetResolution(page.get(), dpi, dpi);
  return page;
}

ScanPix Turned(Pix* page, int quads) { return ScanPix(pixRotateOrth(page, quads)); }

ScanPix Skewed(Pix* page, double deg) {
  return ScanPix(pixRotate(page, static_cast<float>(deg * 3.14159265358979 / 180.0),
                           L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

void AddSpecks(Pix* page, int count, unsigned seed) {
  std::mt19937 rng(seed);
  const int w = pixGetWidth(page), h = pixGetHeight(page);
  std::uniform_int_distribution<int> xs(0, w - 2), ys(0, h - 2), grey(0, 100);
  for (int i = 0; i < count; ++i) {
    const int x = xs(rng), y = ys(rng);
    const auto v = static_cast<l_uint32>(grey(rng));
    for (int dy = 0; dy < 2; ++dy)
      for (int dx = 0; dx < 2; ++dx) pixSetPixel(page, x + dx, y + dy, v);
  }
}

bool DrawQrCode(Pix* page, const std::string& text, int x, int y, int module_px) {
  std::unique_ptr<QRcode, QrDeleter> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M,
                                                             QR_MODE_8, 1));
  if (!qr) return false;
  const int quiet = 4, side = (qr->width + 2 * quiet) * module_px;
  pixRasterop(page, x, y, side, side, PIX_SET, nullptr, 0, 0);  // white quiet zone (8 bpp: 255)
  for (int row = 0; row < qr->width; ++row)
    for (int col = 0; col < qr->width; ++col)
      if (qr->data[row * qr->width + col] & 1)
        pixRasterop(page, x + (col + quiet) * module_px, y + (row + quiet) * module_px,
                    module_px, module_px, PIX_CLR, nullptr, 0, 0);
  return true;
}

bool WriteJpeg(const std::filesystem::path& path, Pix* page, int dpi, int quality) {
  pixSetResolution(page, dpi, dpi);
  return pixWriteJpeg(path.c_str(), page, quality, 0) == 0;
}

bool WritePagePng(const std::filesystem::path& path, Pix* page, int dpi) {
  pixSetResolution(page, dpi, dpi);
  return pixWritePng(path.c_str(), page, 0) == 0;
}

bool WriteG4Tiff(const std::filesystem::path& path, const std::vector<Pix*>& pages, int dpi) {
  for (size_t i = 0; i < pages.size(); ++i) {
    ScanPix bilevel(pixThresholdToBinary(pages[i], 160));
    if (!bilevel) return false;
    pixSetResolution(bilevel.get(), dpi, dpi);
    if (pixWriteTiff(path.c_str(), bilevel.get(), IFF_TIFF_G4, i == 0 ? "w" : "a") != 0)
      return false;
  }
  return true;
}

bool WriteLzwTiff(const std::filesystem::path& path, const std::vector<Pix*>& pages, int dpi) {
  for (size_t i = 0; i < pages.size(); ++i) {
    pixSetResolution(pages[i], dpi, dpi);
    if (pixWriteTiff(path.c_str(), pages[i], IFF_TIFF_LZW, i == 0 ? "w" : "a") != 0) return false;
  }
  return true;
}

bool WriteScanPdf(const std::filesystem::path& path, Pix* page, int dpi) {
  return pixConvertToPdf(page, L_JPEG_ENCODE, 80, path.c_str(), 0, 0, dpi, nullptr, nullptr, 0) ==
         0;
}

}  // namespace dangan::testing
