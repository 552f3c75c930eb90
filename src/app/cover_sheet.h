// A cover sheet for a stack of paper (issue 4): the archive number in large
// type and as a QR code, so a scanner batch that starts with it is routed by
// barcode (DESIGN §4.4 rule 2). Drawn with Cairo + Pango (a CJK font from
// Debian), the code made with libqrencode.
#ifndef DANGAN_APP_COVER_SHEET_H_
#define DANGAN_APP_COVER_SHEET_H_

#include <filesystem>
#include <string>

#include "core/status.h"

namespace dangan::app {

struct CoverSheet {
  std::string archive_no;
  std::string client_name;
  std::string printed_at;  // YYYY-MM-DD
};

// Writes an A4 PDF to path (through a temporary file, renamed when complete).
Status WriteCoverSheetPdf(const CoverSheet& sheet, const std::filesystem::path& path);

}  // namespace dangan::app

#endif  // DANGAN_APP_COVER_SHEET_H_
