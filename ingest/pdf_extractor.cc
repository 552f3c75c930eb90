#include "ingest/pdf_extractor.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/fs.h"
#include "core/text_fold.h"
#include "core/utf8.h"

namespace dangan::ingest {
namespace {

// Poppler reports damage through a global callback; keep the last message
// as the quarantine detail instead of printing it.
std::string* last_poppler_error = nullptr;

void OnPopplerMessage(const std::string& msg, void* /*closure*/) {
  if (last_poppler_error != nullptr) *last_poppler_error = msg;
}

// Points the callback at one extraction's message for the scope's lifetime.
class PopplerErrorCapture {
 public:
  explicit PopplerErrorCapture(std::string* sink) {
    last_poppler_error = sink;
    poppler::set_debug_error_function(OnPopplerMessage, nullptr);
  }
  ~PopplerErrorCapture() { last_poppler_error = nullptr; }
  PopplerErrorCapture(const PopplerErrorCapture&) = delete;
  PopplerErrorCapture& operator=(const PopplerErrorCapture&) = delete;
};

// A complete PDF ends with "%%EOF" (possibly followed by a little padding).
// A file cut short does not, even when Poppler can rebuild its xref.
bool HasEofMarker(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  off_t size = ::lseek(fd.get(), 0, SEEK_END);
  if (size <= 0) return false;
  const off_t tail = std::min<off_t>(size, 4096);
  std::string buf(static_cast<size_t>(tail), '\0');
  if (::pread(fd.get(), buf.data(), buf.size(), size - tail) != tail) return false;
  return buf.find("%%EOF") != std::string::npos;
}

// A text layer larger than any real page (a stream that inflates to hundreds
// of MB) is cut, so one hostile PDF cannot exhaust the coordinator's memory.
constexpr size_t kMaxPageTextBytes = size_t{1} << 20;
constexpr size_t kMaxDocumentTextBytes = size_t{32} << 20;

}  // namespace

bool IsTextLayerUsable(const std::string& text) {
  int meaningful = 0;
  for (char32_t c : DecodeUtf8(text)) {
    if (IsSpace(c) || c == U'\uFFFD') continue;
    if (IsHan(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)))) ++meaningful;
    if (meaningful >= 8) return true;
  }
  return false;
}

PdfOutcome ExtractPdf(const std::filesystem::path& path) {
  PdfOutcome out;
  std::string poppler_error;
  PopplerErrorCapture capture(&poppler_error);

  if (!HasEofMarker(path)) {
    out.quarantine = QuarantineReason::kCorrupt;
    out.detail = "truncated PDF: no %%EOF at the end of the file";
    return out;
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) {
    out.quarantine = QuarantineReason::kCorrupt;
    out.detail = "Poppler cannot open it" + (poppler_error.empty() ? "" : ": " + poppler_error);
    return out;
  }
  if (doc->is_locked()) {
    out.quarantine = QuarantineReason::kEncrypted;
    out.detail = "PDF needs a user password to open";
    return out;
  }
  const int n = doc->pages();
  if (n <= 0) {
    out.quarantine = QuarantineReason::kCorrupt;
    out.detail = "PDF has no pages" + (poppler_error.empty() ? "" : ": " + poppler_error);
    return out;
  }
  out.pages.reserve(static_cast<size_t>(n));
  size_t total = 0;
  for (int i = 0; i < n; ++i) {
    PdfPage page;
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (p && total < kMaxDocumentTextBytes) {
      poppler::byte_array utf8 =
          p->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      size_t keep = std::min({utf8.size(), kMaxPageTextBytes, kMaxDocumentTextBytes - total});
      page.text = CleanExtractedText(std::string_view(utf8.data(), keep));
      total += keep;
    }
    page.needs_ocr = !IsTextLayerUsable(page.text);
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace dangan::ingest
