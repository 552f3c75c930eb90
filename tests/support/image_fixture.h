// Scanned-page fixtures (issue 4) made at test time: text drawn with Cairo +
// Pango (fonts-wqy-zenhei) onto an A4 page at a given dpi, turned, skewed and
// spotted with Leptonica as a scanner would, and written as TIFF (G4, LZW),
// JPEG, PNG or an image-only PDF; QR codes drawn with libqrencode. No
// committed binaries.
#ifndef DANGAN_TESTS_SUPPORT_IMAGE_FIXTURE_H_
#define DANGAN_TESTS_SUPPORT_IMAGE_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct Pix;

namespace dangan::testing {

struct ScanPixDeleter {
  void operator()(Pix* p) const;
};
using ScanPix = std::unique_ptr<Pix, ScanPixDeleter>;

// An 8-bit grey A4 page at dpi with text laid out line by line ('\n' breaks
// lines), font_pt points high, 20 mm margins.
ScanPix DrawPage(const std::string& text, int dpi, double font_pt = 12);
// The page turned clockwise by quads quarter turns.
ScanPix Turned(Pix* page, int quads);
// The page rotated clockwise by deg degrees (white brought in at the edges).
ScanPix Skewed(Pix* page, double deg);
// Scanner dust: count dark specks of 2x2 pixels, placed from seed.
void AddSpecks(Pix* page, int count, unsigned seed);
// Draws a QR code of text with its top-left corner at (x, y) pixels, each
// module module_px pixels wide, with its 4-module quiet zone. False on failure.
bool DrawQrCode(Pix* page, const std::string& text, int x, int y, int module_px);

// Writers; each stores dpi in the file and returns false on failure.
bool WriteJpeg(const std::filesystem::path& path, Pix* page, int dpi, int quality = 80);
bool WritePagePng(const std::filesystem::path& path, Pix* page, int dpi);
// Multi-page bilevel TIFF, CCITT G4 (as office scanners write), or LZW grey.
bool WriteG4Tiff(const std::filesystem::path& path, const std::vector<Pix*>& pages, int dpi);
bool WriteLzwTiff(const std::filesystem::path& path, const std::vector<Pix*>& pages, int dpi);
// A one-page image-only PDF: the page JPEG-encoded, sized for dpi.
bool WriteScanPdf(const std::filesystem::path& path, Pix* page, int dpi);

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_IMAGE_FIXTURE_H_
