#include "app/cover_sheet.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>

#include "app/a4_pdf.h"

namespace dangan::app {
namespace {


template <auto Fn>
struct CDeleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using QrPtr = std::unique_ptr<QRcode, CDeleter<QRcode_free>>;
using FontPtr = std::unique_ptr<PangoFontDescription, CDeleter<pango_font_description_free>>;
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};

// Draws text centred horizontally with its top at y; returns its height.
double Centred(cairo_t* cr, const std::string& text, const char* font, double y) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  FontPtr desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  cairo_move_to(cr, (kA4Width - w / double(PANGO_SCALE)) / 2, y);
  pango_cairo_show_layout(cr, layout.get());
  return h / double(PANGO_SCALE);
}

// A QR code of text, size points wide, centred, top at y. Quiet zone of four
// modules, as the standard asks, so scanners find it on a busy page.
Status DrawQr(cairo_t* cr, const std::string& text, double size, double y) {
  QrPtr qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Status::Internal("libqrencode could not encode " + text);
  const int n = qr->width;
  const double module = size / (n + 8);
  const double x0 = (kA4Width - size) / 2 + 4 * module, y0 = y + 4 * module;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (qr->data[r * n + c] & 1) cairo_rectangle(cr, x0 + c * module, y0 + r * module, module, module);
  cairo_fill(cr);
  return Status::Ok();
}

}  // namespace

Status WriteCoverSheetPdf(const CoverSheet& sheet, const std::filesystem::path& path) {
  return WriteA4Pdf(path, [&](cairo_t* cr) {
    double y = 90;
    y += Centred(cr, "档案封面  Archive cover sheet", "WenQuanYi Zen Hei 20", y) + 40;
    y += Centred(cr, "档案编号 Archive No.", "WenQuanYi Zen Hei 14", y) + 8;
    y += Centred(cr, sheet.archive_no, "WenQuanYi Zen Hei Bold 40", y) + 16;
    if (!sheet.client_name.empty()) y += Centred(cr, sheet.client_name, "WenQuanYi Zen Hei 18", y);
    y += 40;
    DANGAN_RETURN_IF_ERROR(DrawQr(cr, sheet.archive_no, 230, y));
    y += 230 + 30;
    Centred(cr, "请将本页放在文件最上面一起扫描。Place this sheet on top of the stack before scanning.",
            "WenQuanYi Zen Hei 10", y);
    Centred(cr, "dangan · " + sheet.printed_at, "WenQuanYi Zen Hei 9", kA4Height - 60);
    cairo_show_page(cr);
    return Status::Ok();
  });
}

}  // namespace dangan::app
