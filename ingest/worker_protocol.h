// The messages between the coordinator and an extraction worker (DESIGN §4.3),
// and their framing on a pipe: an 8-byte little-endian length, then JSON.
// One request and one response per input; the worker keeps no state between.
#ifndef DANGAN_INGEST_WORKER_PROTOCOL_H_
#define DANGAN_INGEST_WORKER_PROTOCOL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/types.h"
#include "ingest/bundle_reader.h"
#include "ingest/detect.h"
#include "ingest/pdf_extractor.h"

namespace dangan::ingest {

// What the worker is asked to do with a file.
enum class WorkOp {
  kExtract,  // detect; text layer of a PDF, frames of an image, members of a bundle
  kOcr,      // recognise one page of a PDF or one frame of an image
};

struct WorkRequest {
  WorkOp op = WorkOp::kExtract;
  std::string path;     // the claimed bytes (store/.staging/…) or a stored original, read-only
  std::string name;     // the input's original file name
  std::string out_dir;  // where a bundle's members go (created by the worker)
  BundleLimits limits;
  // kOcr only.
  FileKind kind = FileKind::kPdf;  // a PDF page or an image frame
  int page = 0;                    // 0-based
  int dpi = 300;                   // ocr.dpi: PDF render resolution, default for images
  std::string languages;           // ocr.languages
  bool barcodes = false;           // also read QR / Code 128 (page 1)
};

struct WorkResponse {
  std::string mime;
  FileKind kind = FileKind::kUnsupported;
  std::optional<QuarantineReason> quarantine;
  std::string detail;
  // dangan itself failed on this input (out of disk in staging, libmagic
  // unusable): not the input's fault, so it is neither stored nor quarantined.
  std::string error;
  std::vector<PdfPage> pages;          // PDFs and images (images: one page per frame, needs_ocr)
  std::vector<BundleMember> members;   // bundles
  // kOcr: pages[0] holds the recognised text.
  double confidence = -1;
  std::vector<std::string> barcodes;
  // kOcr: OCR cannot run here (a language's traineddata is missing); the
  // document stays needs_ocr, nothing is the input's fault.
  std::string ocr_unavailable;
};

std::string EncodeRequest(const WorkRequest& r);
Result<WorkRequest> DecodeRequest(const std::string& json);
std::string EncodeResponse(const WorkResponse& r);
Result<WorkResponse> DecodeResponse(const std::string& json);

// Blocking frame I/O for the worker side. ReadFrame returns kNotFound at a
// clean end of stream (the coordinator closed the pipe).
Status WriteFrame(int fd, const std::string& payload);
Result<std::string> ReadFrame(int fd);

// FrameBuffer: accumulates bytes read from a non-blocking pipe on the
// coordinator side and yields complete frames.
class FrameBuffer {
 public:
  void Append(const char* data, size_t size) { buf_.append(data, size); }
  // Moves the next complete frame into *payload; false when incomplete.
  bool Next(std::string* payload);
  bool empty() const { return buf_.empty(); }
  // True when the frame being received declares more than kMaxPayload.
  bool Oversized() const;
  static constexpr uint64_t kMaxPayload = uint64_t{256} << 20;
  void Clear() { buf_.clear(); }

 private:
  std::string buf_;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_WORKER_PROTOCOL_H_
