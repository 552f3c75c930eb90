#include "ingest/image_check.h"

#include "core/fs.h"

namespace dangan::ingest {
namespace {

constexpr size_t kMaxImageBytes = size_t{1} << 30;

// JPEG: the last marker is EOI (FF D9), possibly followed by padding.
bool JpegComplete(const std::string& b) {
  size_t end = b.size();
  while (end > 0 && (b[end - 1] == '\0' || b[end - 1] == '\n' || b[end - 1] == '\r')) --end;
  if (end < 4) return false;
  std::string_view tail(b.data() + (end > 64 ? end - 64 : 0), end > 64 ? 64 : end);
  return tail.find("\xFF\xD9") != std::string_view::npos;
}

// PNG: chunks walk from the signature to IEND without running off the end.
bool PngComplete(const std::string& b) {
  size_t pos = 8;
  while (pos + 12 <= b.size()) {
    uint32_t len = (static_cast<uint32_t>(static_cast<unsigned char>(b[pos])) << 24) |
                   (static_cast<uint32_t>(static_cast<unsigned char>(b[pos + 1])) << 16) |
                   (static_cast<uint32_t>(static_cast<unsigned char>(b[pos + 2])) << 8) |
                   static_cast<uint32_t>(static_cast<unsigned char>(b[pos + 3]));
    std::string_view type(b.data() + pos + 4, 4);
    if (pos + 12 + static_cast<size_t>(len) > b.size()) return false;
    if (type == "IEND") return true;
    pos += 12 + static_cast<size_t>(len);
  }
  return false;
}

uint32_t ReadU32(const std::string& b, size_t at, bool little) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    uint32_t byte = static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
    v |= little ? byte << (8 * i) : byte << (8 * (3 - i));
  }
  return v;
}

uint16_t ReadU16(const std::string& b, size_t at, bool little) {
  uint16_t lo = static_cast<unsigned char>(b[at]), hi = static_cast<unsigned char>(b[at + 1]);
  return little ? static_cast<uint16_t>(lo | (hi << 8)) : static_cast<uint16_t>((lo << 8) | hi);
}

// TIFF: every IFD in the chain lies inside the file; counts the pages.
int TiffPages(const std::string& b) {
  if (b.size() < 8) return 0;
  bool little = b[0] == 'I';
  uint32_t off = ReadU32(b, 4, little);
  int pages = 0;
  while (off != 0 && pages < 10000) {
    if (static_cast<size_t>(off) + 2 > b.size()) return 0;
    uint16_t entries = ReadU16(b, off, little);
    size_t next_at = static_cast<size_t>(off) + 2 + size_t{12} * entries;
    if (next_at + 4 > b.size()) return 0;
    ++pages;
    uint32_t next = ReadU32(b, next_at, little);
    if (next <= off) break;  // a loop or a backwards chain: stop counting
    off = next;
  }
  return pages;
}

}  // namespace

ImageCheck CheckImage(const std::filesystem::path& path, std::string_view mime) {
  ImageCheck out;
  auto bytes = ReadFile(path, kMaxImageBytes);
  if (!bytes.ok()) {
    out.quarantine = QuarantineReason::kCorrupt;
    out.detail = bytes.status().message();
    return out;
  }
  const std::string& b = *bytes;
  bool ok = true;
  if (mime == "image/jpeg") {
    ok = JpegComplete(b);
    if (!ok) out.detail = "JPEG ends before its end-of-image marker (truncated)";
  } else if (mime == "image/png") {
    ok = PngComplete(b);
    if (!ok) out.detail = "PNG ends before its IEND chunk (truncated)";
  } else if (mime == "image/tiff") {
    out.pages = TiffPages(b);
    ok = out.pages > 0;
    if (!ok) out.detail = "TIFF directory points past the end of the file (truncated)";
  }
  if (!ok) out.quarantine = QuarantineReason::kCorrupt;
  return out;
}

}  // namespace dangan::ingest
