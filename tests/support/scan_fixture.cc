#include "support/scan_fixture.h"

#include <allheaders.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <cmath>
#include <memory>

namespace dangan::testing {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

void DrawText(cairo_t* cr, const std::string& text, double width_pt) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("WenQuanYi Zen Hei 12");
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, static_cast<int>(width_pt * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing(layout, 6 * PANGO_SCALE);
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
}

void DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == nullptr) return;
  double m = size / qr->width;
  for (int r = 0; r < qr->width; ++r)
    for (int c = 0; c < qr->width; ++c)
      if (qr->data[r * qr->width + c] & 1) cairo_rectangle(cr, x + c * m, y + r * m, m, m);
  cairo_fill(cr);
  QRcode_free(qr);
}

// One page as an 8-bit grey Leptonica image at spec.dpi.
PixPtr RenderPage(const std::string& text, const ScanSpec& spec, bool with_qr) {
  const double scale = spec.dpi / 72.0;
  const int w = static_cast<int>(595 * scale), h = static_cast<int>(842 * scale);
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  {
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_translate(cr.get(), w / 2.0, h / 2.0);
    cairo_rotate(cr.get(), -spec.skew_deg * M_PI / 180);
    cairo_translate(cr.get(), -w / 2.0, -h / 2.0);
    cairo_scale(cr.get(), scale, scale);
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    cairo_move_to(cr.get(), 60, 60);
    DrawText(cr.get(), text, 475);
    if (with_qr) DrawQr(cr.get(), spec.qr, 380, 600, 150);
  }
  cairo_surface_flush(surface.get());
  PixPtr pix(pixCreate(w, h, 8));
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      uint32_t px = row[x];
      uint32_t grey = (((px >> 16) & 0xFF) * 30 + ((px >> 8) & 0xFF) * 59 + (px & 0xFF) * 11) / 100;
      pixSetPixel(pix.get(), x, y, grey);
    }
  }
  pixSetResolution(pix.get(), spec.dpi, spec.dpi);
  if (spec.rotation_deg != 0) {
    PixPtr turned(pixRotateOrth(pix.get(), spec.rotation_deg / 90));
    pixSetResolution(turned.get(), spec.dpi, spec.dpi);
    return turned;
  }
  return pix;
}

bool WritePdf(const std::filesystem::path& path, const std::vector<PixPtr>& pages, int dpi) {
  SurfacePtr pdf(cairo_pdf_surface_create(path.c_str(), 595, 842));
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(pdf.get()));
  for (const PixPtr& pix : pages) {
    const int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
    SurfacePtr img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    unsigned char* data = cairo_image_surface_get_data(img.get());
    const int stride = cairo_image_surface_get_stride(img.get());
    for (int y = 0; y < h; ++y) {
      auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
      for (int x = 0; x < w; ++x) {
        l_uint32 v = 0;
        pixGetPixel(pix.get(), x, y, &v);
        row[x] = (v << 16) | (v << 8) | v;
      }
    }
    cairo_surface_mark_dirty(img.get());
    cairo_save(cr.get());
    cairo_scale(cr.get(), 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr.get(), img.get(), 0, 0);
    cairo_paint(cr.get());
    cairo_restore(cr.get());
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(pdf.get());
  return cairo_surface_status(pdf.get()) == CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool WriteScan(const std::filesystem::path& path, const ScanSpec& spec) {
  std::vector<PixPtr> pages;
  for (size_t i = 0; i < spec.pages.size(); ++i)
    pages.push_back(RenderPage(spec.pages[i], spec, i == 0 && !spec.qr.empty()));
  if (pages.empty()) return false;
  switch (spec.format) {
    case ScanFormat::kPng:
      return pages.size() == 1 && pixWrite(path.c_str(), pages[0].get(), IFF_PNG) == 0;
    case ScanFormat::kJpeg:
      return pages.size() == 1 && pixWriteJpeg(path.c_str(), pages[0].get(), 80, 0) == 0;
    case ScanFormat::kTiffG4: {
      for (size_t i = 0; i < pages.size(); ++i) {
        PixPtr bw(pixThresholdToBinary(pages[i].get(), 160));
        pixSetResolution(bw.get(), spec.dpi, spec.dpi);
        if (pixWriteTiff(path.c_str(), bw.get(), IFF_TIFF_G4, i == 0 ? "w" : "a") != 0) return false;
      }
      return true;
    }
    case ScanFormat::kPdf:
      return WritePdf(path, pages, spec.dpi);
  }
  return false;
}

}  // namespace dangan::testing
