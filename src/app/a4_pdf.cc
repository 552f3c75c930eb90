#include "app/a4_pdf.h"

#include <cairo-pdf.h>

#include <memory>

#include "core/fs.h"

namespace dangan::app {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

}  // namespace

Status WriteA4Pdf(const std::filesystem::path& path, const std::function<Status(cairo_t*)>& draw) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
        cairo_pdf_surface_create(tmp.c_str(), kA4Width, kA4Height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      return Status::IoError(tmp.string() + ": cannot create the PDF");
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
    Status drawn = draw(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());
    if (!drawn.ok()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return drawn;
    }
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      return Status::IoError(tmp.string() + ": writing the PDF failed");
  }
  DANGAN_RETURN_IF_ERROR(FsyncFile(tmp));
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace dangan::app
