// PDF text extraction with poppler-cpp (DESIGN §4.3), page by page. Runs in
// the extraction worker only: Poppler is fed hostile files.
#ifndef DANGAN_INGEST_PDF_EXTRACTOR_H_
#define DANGAN_INGEST_PDF_EXTRACTOR_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/types.h"

namespace dangan::ingest {

struct PdfPage {
  std::string text;       // cleaned (CleanExtractedText); empty when the page has no text layer
  bool needs_ocr = false;  // no usable text layer: an image-only page
};

struct PdfOutcome {
  std::optional<QuarantineReason> quarantine;  // set: the PDF cannot be taken
  std::string detail;
  std::vector<PdfPage> pages;
};

// Extracts each page's text layer. A PDF that needs a password to open is
// kEncrypted; one Poppler cannot open, or whose end is missing (no %%EOF: a
// truncated file, even where Poppler could recover pages), is kCorrupt.
PdfOutcome ExtractPdf(const std::filesystem::path& path);

// True when a page's extracted text is too thin to be a text layer (a scan
// with a stray invisible character or a page number only).
bool IsTextLayerUsable(const std::string& text);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_PDF_EXTRACTOR_H_
