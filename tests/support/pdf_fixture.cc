#include "support/pdf_fixture.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace dangan::testing {
namespace {

constexpr double kA4Width = 595.0;   // points
constexpr double kA4Height = 842.0;

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

void DrawText(cairo_t* cr, const std::string& text, double width) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> font(
      pango_font_description_from_string("WenQuanYi Zen Hei 11"));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace

bool WriteTextPdf(const std::filesystem::path& path, const std::vector<std::string>& pages) {
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create(path.c_str(), kA4Width, kA4Height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return false;
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
  for (const std::string& page : pages) {
    cairo_move_to(cr.get(), 50, 50);
    DrawText(cr.get(), page, kA4Width - 100);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  return cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS;
}

bool WriteImageOnlyPdf(const std::filesystem::path& path) {
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> image(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 280));
  {
    std::unique_ptr<cairo_t, CairoDeleter> ic(cairo_create(image.get()));
    cairo_set_source_rgb(ic.get(), 1, 1, 1);
    cairo_paint(ic.get());
    cairo_set_source_rgb(ic.get(), 0, 0, 0);
    for (int y = 20; y < 260; y += 12) {
      cairo_rectangle(ic.get(), 20, y, 160 - (y % 50), 5);
    }
    cairo_fill(ic.get());
  }
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create(path.c_str(), kA4Width, kA4Height));
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
  cairo_scale(cr.get(), kA4Width / 200, kA4Height / 280);
  cairo_set_source_surface(cr.get(), image.get(), 0, 0);
  cairo_paint(cr.get());
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  return cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS;
}

bool WritePng(const std::filesystem::path& path, const std::string& text) {
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> image(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 300));
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(image.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  cairo_move_to(cr.get(), 20, 20);
  DrawText(cr.get(), text, 760);
  return cairo_surface_write_to_png(image.get(), path.c_str()) == CAIRO_STATUS_SUCCESS;
}

}  // namespace dangan::testing
