// One A4 PDF written safely: drawn into PATH.tmp with Cairo, finished,
// fsync'd and renamed over PATH only when drawing succeeded, so a reader
// never sees half a document (cover sheets, destruction records, audits).
#ifndef DANGAN_APP_A4_PDF_H_
#define DANGAN_APP_A4_PDF_H_

#include <cairo.h>

#include <filesystem>
#include <functional>

#include "core/status.h"

namespace dangan::app {

inline constexpr double kA4Width = 595.28;  // points
inline constexpr double kA4Height = 841.89;

// draw gets the context of page one; it calls cairo_show_page itself.
Status WriteA4Pdf(const std::filesystem::path& path, const std::function<Status(cairo_t*)>& draw);

}  // namespace dangan::app

#endif  // DANGAN_APP_A4_PDF_H_
