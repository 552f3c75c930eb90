#include "ingest/worker_protocol.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/fs.h"

namespace dangan::ingest {
namespace {

using Json = nlohmann::json;

const char* KindName(FileKind k) {
  switch (k) {
    case FileKind::kPdf: return "pdf";
    case FileKind::kImage: return "image";
    case FileKind::kBundle: return "bundle";
    case FileKind::kUnsupported: return "unsupported";
  }
  return "unsupported";
}

FileKind ParseKind(const std::string& s) {
  if (s == "pdf") return FileKind::kPdf;
  if (s == "image") return FileKind::kImage;
  if (s == "bundle") return FileKind::kBundle;
  return FileKind::kUnsupported;
}

// OCR and hostile PDFs can yield bad UTF-8: replace, never throw (STYLE §3).
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Status ReadAll(int fd, char* p, size_t n, bool* eof_at_start) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, p + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("worker pipe", errno);
    }
    if (r == 0) {
      if (got == 0 && eof_at_start) *eof_at_start = true;
      return Status::NotFound("end of stream");
    }
    got += static_cast<size_t>(r);
  }
  return Status::Ok();
}

std::string LengthPrefix(uint64_t n) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
  return s;
}

uint64_t ParseLength(const char* p) {
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return n;
}

constexpr uint64_t kMaxFrame = uint64_t{1} << 31;

}  // namespace

std::string EncodeRequest(const WorkRequest& r) {
  Json j = {{"op", r.op == WorkOp::kOcr ? "ocr" : "extract"},
            {"kind", KindName(r.kind)},
            {"page", r.page},
            {"dpi", r.dpi},
            {"languages", r.languages},
            {"barcodes", r.barcodes},
            {"path", r.path},
            {"name", r.name},
            {"out_dir", r.out_dir},
            {"max_expanded_bytes", r.limits.max_expanded_bytes},
            {"max_members", r.limits.max_members},
            {"max_ratio", r.limits.max_ratio},
            {"max_depth", r.limits.max_depth}};
  return Dump(j);
}

Result<WorkRequest> DecodeRequest(const std::string& json) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::BadData("worker request is not JSON");
  WorkRequest r;
  r.op = j.value("op", "extract") == "ocr" ? WorkOp::kOcr : WorkOp::kExtract;
  r.kind = ParseKind(j.value("kind", "pdf"));
  r.page = j.value("page", 0);
  r.dpi = j.value("dpi", 300);
  r.languages = j.value("languages", "");
  r.barcodes = j.value("barcodes", false);
  r.path = j.value("path", "");
  r.name = j.value("name", "");
  r.out_dir = j.value("out_dir", "");
  r.limits.max_expanded_bytes = j.value("max_expanded_bytes", r.limits.max_expanded_bytes);
  r.limits.max_members = j.value("max_members", r.limits.max_members);
  r.limits.max_ratio = j.value("max_ratio", r.limits.max_ratio);
  r.limits.max_depth = j.value("max_depth", r.limits.max_depth);
  return r;
}

std::string EncodeResponse(const WorkResponse& r) {
  Json pages = Json::array();
  for (const PdfPage& p : r.pages) pages.push_back({{"text", p.text}, {"needs_ocr", p.needs_ocr}});
  Json members = Json::array();
  for (const BundleMember& m : r.members)
    members.push_back({{"path", m.path}, {"file", m.file.string()}, {"size", m.size}});
  Json j = {{"mime", r.mime}, {"kind", KindName(r.kind)}, {"detail", r.detail}, {"error", r.error},
            {"confidence", r.confidence}, {"barcodes", r.barcodes},
            {"ocr_unavailable", r.ocr_unavailable},
            {"pages", std::move(pages)}, {"members", std::move(members)}};
  j["quarantine"] = r.quarantine ? Json(ToString(*r.quarantine)) : Json(nullptr);
  return Dump(j);
}

Result<WorkResponse> DecodeResponse(const std::string& json) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::BadData("worker response is not JSON");
  WorkResponse r;
  r.mime = j.value("mime", "");
  r.kind = ParseKind(j.value("kind", ""));
  r.detail = j.value("detail", "");
  r.error = j.value("error", "");
  r.confidence = j.value("confidence", -1.0);
  r.ocr_unavailable = j.value("ocr_unavailable", "");
  for (const Json& b : j.value("barcodes", Json::array()))
    if (b.is_string()) r.barcodes.push_back(b.get<std::string>());
  if (j.contains("quarantine") && j["quarantine"].is_string()) {
    r.quarantine = ParseQuarantineReason(j["quarantine"].get<std::string>());
    if (!r.quarantine) return Status::BadData("worker response: unknown reason");
  }
  for (const Json& p : j.value("pages", Json::array()))
    r.pages.push_back({p.value("text", ""), p.value("needs_ocr", false)});
  for (const Json& m : j.value("members", Json::array()))
    r.members.push_back({m.value("path", ""), m.value("file", ""), m.value("size", uint64_t{0})});
  return r;
}

Status WriteFrame(int fd, const std::string& payload) {
  std::string prefix = LengthPrefix(payload.size());
  DANGAN_RETURN_IF_ERROR(WriteAll(fd, prefix.data(), prefix.size(), "worker pipe"));
  return WriteAll(fd, payload.data(), payload.size(), "worker pipe");
}

Result<std::string> ReadFrame(int fd) {
  char head[8];
  bool eof = false;
  Status s = ReadAll(fd, head, 8, &eof);
  if (!s.ok()) return s;
  uint64_t n = ParseLength(head);
  if (n > kMaxFrame) return Status::BadData("frame too large");
  std::string payload(n, '\0');
  DANGAN_RETURN_IF_ERROR(ReadAll(fd, payload.data(), n, nullptr));
  return payload;
}

bool FrameBuffer::Oversized() const {
  return buf_.size() >= 8 && ParseLength(buf_.data()) > kMaxPayload;
}

bool FrameBuffer::Next(std::string* payload) {
  if (buf_.size() < 8) return false;
  uint64_t n = ParseLength(buf_.data());
  if (buf_.size() < 8 + n) return false;
  payload->assign(buf_, 8, n);
  buf_.erase(0, 8 + n);
  return true;
}

}  // namespace dangan::ingest
