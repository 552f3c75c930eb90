#include "ingest/worker_main.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <new>

#include "core/crash_point.h"
#include "ingest/barcode.h"
#include "ingest/bundle_reader.h"
#include "ingest/ocr_engine.h"
#include "ingest/page_image.h"
#include "ingest/detect.h"
#include "ingest/image_check.h"
#include "ingest/pdf_extractor.h"
#include "ingest/worker_protocol.h"

namespace dangan::ingest {
namespace {

// The worker's OCR engine: created on the first OCR request, then reused for
// every page this worker recognises (issue 4: never one engine per page).
class OcrCache {
 public:
  Result<OcrEngine*> Get(const std::string& languages) {
    if (!engine_ || languages != languages_) {
      auto e = OcrEngine::Create(languages);
      if (!e.ok()) return e.status();
      engine_ = std::move(e).value();
      languages_ = languages;
    }
    return engine_.get();
  }

 private:
  std::unique_ptr<OcrEngine> engine_;
  std::string languages_;
};

WorkResponse Recognize(OcrCache* cache, const WorkRequest& req) {
  WorkerFaultPoint();
  WorkResponse resp;
  resp.kind = req.kind;
  auto engine = cache->Get(req.languages);
  if (!engine.ok()) {
    if (engine.status().code() == StatusCode::kUnsupported) {
      resp.ocr_unavailable = engine.status().message();
    } else {
      resp.error = engine.status().ToString();
    }
    return resp;
  }
  auto image = req.kind == FileKind::kPdf ? RenderPdfPage(req.path, req.page, req.dpi)
                                          : ReadImageFrame(req.path, req.page, req.dpi);
  if (!image.ok()) {
    if (image.status().code() != StatusCode::kBadData) {
      resp.error = image.status().ToString();
      return resp;
    }
    resp.quarantine = QuarantineReason::kCorrupt;
    resp.detail = "page " + std::to_string(req.page + 1) + ": " + image.status().message();
    return resp;
  }
  if (req.barcodes) resp.barcodes = DecodeBarcodes(*image);
  auto page = (*engine)->Recognize(*image);
  if (!page.ok()) {
    resp.error = page.status().ToString();
    return resp;
  }
  resp.pages.push_back({std::move(page->text), false});
  resp.confidence = page->confidence;
  return resp;
}

WorkResponse Process(Detector* detector, const WorkRequest& req) {
  WorkerFaultPoint();
  WorkResponse resp;
  auto mime = detector->MimeOfFile(req.path);
  if (!mime.ok()) {
    resp.error = mime.status().ToString();
    return resp;
  }
  resp.mime = *mime;
  resp.kind = KindOfMime(resp.mime);
  switch (resp.kind) {
    case FileKind::kPdf: {
      PdfOutcome pdf = ExtractPdf(req.path);
      resp.quarantine = pdf.quarantine;
      resp.detail = std::move(pdf.detail);
      resp.pages = std::move(pdf.pages);
      break;
    }
    case FileKind::kImage: {
      ImageCheck img = CheckImage(req.path, resp.mime);
      resp.quarantine = img.quarantine;
      resp.detail = std::move(img.detail);
      if (!resp.quarantine) resp.pages.assign(static_cast<size_t>(img.pages), PdfPage{"", true});
      break;
    }
    case FileKind::kBundle: {
      BundleOutcome b = ExpandBundle(req.path, req.out_dir, req.limits, req.name);
      if (!b.status.ok()) {
        resp.error = b.status.ToString();
      } else if (!b.ok) {
        resp.quarantine = b.reason;
        resp.detail = std::move(b.detail);
      } else {
        resp.members = std::move(b.members);
      }
      break;
    }
    case FileKind::kUnsupported:
      resp.quarantine = QuarantineReason::kUnsupported;
      resp.detail = "dangan does not read " + resp.mime;
      break;
  }
  return resp;
}

}  // namespace

int RunWorker(int request_fd, int response_fd, int memory_mb) {
  // The owner decides when a worker stops: a Ctrl-C on the terminal or a
  // SIGTERM to the whole service must not kill it mid-page (its input would
  // look like a crash); and it dies with its owner, so a killed ingest or
  // watch leaves no orphans behind.
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGTERM, SIG_IGN);
  ::signal(SIGHUP, SIG_IGN);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() == 1) return 0;  // the owner is already gone
  // RLIMIT_AS before any input is opened (STYLE §7): a bomb fails an
  // allocation here instead of exhausting the machine.
#ifndef __SANITIZE_ADDRESS__  // ASan's shadow memory needs terabytes of address space
  struct rlimit lim;
  lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(memory_mb) << 20;
  if (setrlimit(RLIMIT_AS, &lim) != 0) return 70;
#endif
  auto detector = Detector::Create();
  if (!detector.ok()) return 70;
  OcrCache ocr;
  for (;;) {
    auto frame = ReadFrame(request_fd);
    if (!frame.ok()) return frame.status().code() == StatusCode::kNotFound ? 0 : 74;
    WorkResponse resp;
    try {
      auto req = DecodeRequest(*frame);
      if (!req.ok()) return 70;
      resp = req->op == WorkOp::kOcr ? Recognize(&ocr, *req) : Process(detector->get(), *req);
    } catch (const std::bad_alloc&) {
      resp = WorkResponse();
      resp.quarantine = QuarantineReason::kOom;
      resp.detail = "ran out of memory (ingest.worker_memory_mb = " + std::to_string(memory_mb) + ")";
    }
    std::string encoded;
    try {
      encoded = EncodeResponse(resp);
    } catch (const std::bad_alloc&) {
      return kWorkerExitOom;
    }
    if (!WriteFrame(response_fd, encoded).ok()) return 74;
  }
}

}  // namespace dangan::ingest
