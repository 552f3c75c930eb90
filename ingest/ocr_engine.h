// OcrEngine: in-process OCR with the Tesseract C++ API (issue 4). One engine
// per worker, created once and reused for every page (never per page). Owns
// its TessBaseAPI instances; not thread-safe: one engine per thread.
#ifndef DANGAN_INGEST_OCR_ENGINE_H_
#define DANGAN_INGEST_OCR_ENGINE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "ingest/page_image.h"

namespace dangan::ingest {

struct OcrPage {
  // Recognised text, cleaned like a text layer (CleanExtractedText: no spaces
  // between CJK characters, line breaks kept).
  std::string text;
  double confidence = 0;  // Tesseract's mean word confidence, 0–100
  int rotation_deg = 0;   // clockwise rotation applied before recognition (0/90/180/270)
  double skew_deg = 0;    // skew corrected before recognition
};

class OcrEngine {
 public:
  // languages: Tesseract's form, "chi_sim+chi_tra+eng" (ocr.languages).
  // kUnsupported naming the missing traineddata when a language is not
  // installed (Debian: tesseract-ocr-chi-sim, -chi-tra, -eng, -osd).
  static Result<std::unique_ptr<OcrEngine>> Create(const std::string& languages);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Corrects orientation (0/90/180/270) and skew, then recognises the page.
  Result<OcrPage> Recognize(const PageImage& page);

 private:
  struct Impl;
  explicit OcrEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_OCR_ENGINE_H_
