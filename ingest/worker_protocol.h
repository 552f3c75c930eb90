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

struct WorkRequest {
  std::string path;     // the claimed bytes (store/.staging/…), read-only
  std::string name;     // the input's original file name
  std::string out_dir;  // where a bundle's members go (created by the worker)
  BundleLimits limits;
};

struct WorkResponse {
  std::string mime;
  FileKind kind = FileKind::kUnsupported;
  std::optional<QuarantineReason> quarantine;
  std::string detail;
  // dangan itself failed on this input (out of disk in staging, libmagic
  // unusable): not the input's fault, so it is neither stored nor quarantined.
  std::string error;
  std::vector<PdfPage> pages;          // PDFs and images (images: one page, needs_ocr)
  std::vector<BundleMember> members;   // bundles
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
