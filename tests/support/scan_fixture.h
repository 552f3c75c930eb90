// Scanned-page fixtures made at test time: text drawn with Cairo + Pango
// (fonts-wqy-zenhei) on a white A4 page at a given resolution, turned by a
// small skew or a whole rotation like a sloppy scan, optionally with a QR
// code, and written as PNG, JPEG, TIFF (G4 bilevel) or an image-only PDF.
#ifndef DANGAN_TESTS_SUPPORT_SCAN_FIXTURE_H_
#define DANGAN_TESTS_SUPPORT_SCAN_FIXTURE_H_

#include <filesystem>
#include <string>
#include <vector>

namespace dangan::testing {

enum class ScanFormat { kPng, kJpeg, kTiffG4, kPdf };

struct ScanSpec {
  std::vector<std::string> pages;  // text of each page, '\n' between lines
  int dpi = 200;
  double skew_deg = 0;             // small slant, counter-clockwise
  int rotation_deg = 0;            // 0, 90, 180, 270 (the page fed sideways)
  std::string qr;                  // a QR code with this text on page 1, if set
  ScanFormat format = ScanFormat::kPng;
};

// Writes the scan; false on failure (a multi-page spec needs kTiffG4 or kPdf).
bool WriteScan(const std::filesystem::path& path, const ScanSpec& spec);

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_SCAN_FIXTURE_H_
