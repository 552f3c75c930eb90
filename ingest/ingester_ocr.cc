// Ingester: OCR of the pages that have no usable text layer (issue 4).
//
// A document whose extraction left pages without text becomes an OcrDoc;
// each such page becomes a page task that any idle worker recognises with its
// own Tesseract engine, so the pages of one long scan are spread over every
// core while each worker stays a separate, limited process. When its last
// page is back the document is filed (new) or updated (stored earlier as
// needs_ocr). A page whose worker crashes, hangs or runs out of memory gets
// the document quarantined with that reason; a page image that cannot be
// decoded makes it corrupt.
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "ingest/detect.h"
#include "ingest/ingester.h"
#include "ingest/ingester_internal.h"

namespace dangan::ingest {
namespace fs = std::filesystem;

Ingester::DocText Ingester::DocText::FromExtract(const WorkResponse& resp) {
  DocText t;
  t.mime = resp.mime;
  t.kind = resp.kind;
  for (size_t i = 0; i < resp.pages.size(); ++i) {
    const PdfPage& p = resp.pages[i];
    t.pages.push_back({static_cast<int>(i + 1), p.text,
                       p.needs_ocr ? TextSource::kNone : TextSource::kText, -1});
  }
  return t;
}

DocState Ingester::DocText::State() const {
  for (const catalog::Page& p : pages)
    if (p.text_source == TextSource::kNone) return DocState::kNeedsOcr;
  return DocState::kStored;
}

TextSource Ingester::DocText::Source() const {
  bool text = false, ocr = false;
  for (const catalog::Page& p : pages) {
    text |= p.text_source == TextSource::kText;
    ocr |= p.text_source == TextSource::kOcr;
  }
  if (text && ocr) return TextSource::kMixed;
  if (ocr) return TextSource::kOcr;
  return text ? TextSource::kText : TextSource::kNone;
}

std::vector<std::string> Ingester::DocText::Texts() const {
  std::vector<std::string> texts;
  texts.reserve(pages.size());
  for (const catalog::Page& p : pages) texts.push_back(p.text);
  return texts;
}

// StartOcr: queue a task for each page without text, or finish at once when
// there is none (a text PDF) or OCR cannot run here.
Status Ingester::StartOcr(std::unique_ptr<OcrDoc> doc) {
  if (OcrEnabled()) {
    for (const catalog::Page& p : doc->text.pages) {
      if (p.text_source != TextSource::kNone) continue;
      pending_pages_.push_back({doc->id, p.page_no - 1});
      ++doc->unfinished;
    }
  }
  uint64_t id = doc->id;
  ocr_docs_[id] = std::move(doc);
  if (ocr_docs_[id]->unfinished == 0) return FinishOcrDoc(id);
  return Status::Ok();
}

Status Ingester::SubmitPage(const PageTask& task) {
  auto it = ocr_docs_.find(task.doc);
  if (it == ocr_docs_.end()) return Status::Internal("page task of an unknown document");
  OcrDoc* doc = it->second.get();
  WorkRequest req;
  req.op = WorkOp::kOcr;
  req.path = doc->file.string();
  req.kind = doc->text.kind == FileKind::kImage ? FileKind::kImage : FileKind::kPdf;
  req.page = task.page;
  req.dpi = config_.ocr.dpi;
  req.languages = config_.ocr.languages;
  req.barcodes = task.page == 0;  // a cover sheet is page 1
  uint64_t job_id = next_job_id_++;
  DANGAN_RETURN_IF_ERROR(pool_->Submit(job_id, req));
  running_pages_[job_id] = task;
  return Status::Ok();
}

// CompletePage: one page is back (or its worker failed). The document's other
// pages go on; a failure is remembered and decides the document's fate when
// its last page is in.
Status Ingester::CompletePage(const PageTask& task, const FinishedJob& finished) {
  auto it = ocr_docs_.find(task.doc);
  if (it == ocr_docs_.end()) return Status::Internal("OCR answer for an unknown document");
  OcrDoc* doc = it->second.get();
  --doc->unfinished;
  if (!finished.response) {
    if (!doc->failed) doc->failed = finished.failure, doc->detail = finished.detail;
  } else {
    const WorkResponse& resp = *finished.response;
    if (!resp.error.empty()) return Status::IoError("OCR of " + doc->file.string() + ": " + resp.error);
    if (!resp.ocr_unavailable.empty()) {
      if (ocr_unavailable_.empty())
        spdlog::warn("OCR is not available, scans stay needs_ocr: {}", resp.ocr_unavailable);
      ocr_unavailable_ = resp.ocr_unavailable;
    } else if (resp.quarantine) {
      if (!doc->failed) doc->failed = *resp.quarantine, doc->detail = resp.detail;
    } else if (!resp.pages.empty()) {
      catalog::Page& page = doc->text.pages[static_cast<size_t>(task.page)];
      page.text = resp.pages[0].text;
      page.text_source = TextSource::kOcr;
      page.confidence = resp.confidence;
      if (task.page == 0) doc->text.barcodes = resp.barcodes;
      ++summary_.ocr_pages;
      if (options_.progress) options_.progress(summary_, total_inputs_);
    }
  }
  if (doc->unfinished > 0) return Status::Ok();
  return FinishOcrDoc(task.doc);
}

Status Ingester::FinishOcrDoc(uint64_t id) {
  std::unique_ptr<OcrDoc> doc = std::move(ocr_docs_[id]);
  ocr_docs_.erase(id);
  if (doc->stored_id) {
    if (doc->failed) {
      spdlog::warn("OCR failed doc={} reason={} detail={}; it stays needs_ocr", *doc->stored_id,
                   ToString(*doc->failed), doc->detail);
      return Status::Ok();
    }
    return UpdateOcredDocument(doc.get());
  }
  if (doc->failed) return QuarantineJob(doc->job.get(), *doc->failed, doc->detail);
  return FileDocument(doc->job.get(), doc->text);
}

// QueuePendingOcr: documents stored as needs_ocr (by a run where OCR was not
// available, or one that stopped) get their pages recognised now. A document
// leaves needs_ocr only once all its pages have text, so none is OCR'd twice.
Status Ingester::QueuePendingOcr() {
  if (!OcrEnabled()) return Status::Ok();
  std::vector<catalog::Document> pending;
  catalog::DocumentFilter filter;
  filter.state = DocState::kNeedsOcr;
  DANGAN_RETURN_IF_ERROR(catalog_->ForEachDocument(filter, 0, [&](const catalog::Document& d) {
    pending.push_back(d);
    return true;
  }));
  for (const catalog::Document& d : pending) {
    auto pages = catalog_->GetPages(d.id);
    if (!pages.ok()) return pages.status();
    auto doc = std::make_unique<OcrDoc>();
    doc->id = next_job_id_++;
    doc->stored_id = d.id;
    doc->file = home_.root() / d.stored_path;
    doc->text.mime = d.mime;
    doc->text.kind = KindOfMime(d.mime);
    doc->text.pages = std::move(pages).value();
    DANGAN_RETURN_IF_ERROR(StartOcr(std::move(doc)));
  }
  if (!pending.empty()) spdlog::info("OCR of documents stored earlier documents={}", pending.size());
  return Status::Ok();
}

// UpdateOcredDocument: a document stored earlier as needs_ocr now has text.
//   1. fields, type and title from the text; an unfiled document is routed
//      again (a filed one keeps its archive)   2. moved to its archive folder
//   3. one transaction: the row and pages   4. handed to the sink
// A failed commit moves the file back. Crash after 2: the row still names the
// old path and Reconcile() moves the file back; the document stays needs_ocr
// and is recognised again by the next run.
Status Ingester::UpdateOcredDocument(OcrDoc* ocred) {
  auto found = catalog_->GetDocument(*ocred->stored_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::Ok();  // gone meanwhile
  catalog::Document doc = std::move(**found);
  const std::vector<std::string> texts = ocred->text.Texts();
  ExtractedFields fields = ExtractFields(texts, doc.original_name, field_context_, *folder_);
  doc.doc_type = fields.doc_type;
  doc.title = fields.title;
  doc.fields = std::move(fields.fields);
  doc.state = ocred->text.State();
  doc.text_source = ocred->text.Source();
  const std::string old_path = doc.stored_path;
  const std::optional<std::string> old_archive = doc.archive_no;
  if (!doc.archive_no) {
    RouteInput in;
    in.folders = doc.sources.empty() ? std::vector<std::string>{} : MemberFolders(doc.sources[0]);
    in.barcodes = ocred->text.barcodes;
    in.page1 = texts.empty() ? "" : texts[0];
    for (const std::string& t : texts) in.all_text += t + "\n";
    RouteDecision route = router_.Route(in);
    doc.archive_no = route.archive_no;
    doc.routed_by = route.routed_by;
    doc.candidates = std::move(route.candidates);
    if (doc.archive_no) {
      auto moved = store_.Refile(old_path, *doc.archive_no);
      if (!moved.ok()) return moved.status();
      doc.stored_path = *moved;
    }
  }
  Status s = catalog_->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog_->UpdateDocument(doc, ocred->text.pages));
    return catalog_->LogEvent("ocr", doc.id, ToString(doc.text_source));
  });
  if (!s.ok()) {
    if (doc.stored_path != old_path) (void)store_.Refile(doc.stored_path, old_archive.value_or(""));
    return s;
  }
  spdlog::info("recognised doc={} archive={} routed_by={} state={}", doc.id,
               doc.archive_no.value_or("-"), ToString(doc.routed_by), ToString(doc.state));
  ++summary_.ocr_finished;
  if (doc.state == DocState::kStored) DANGAN_RETURN_IF_ERROR(sink_->Add(doc, ocred->text.pages));
  return Status::Ok();
}

}  // namespace dangan::ingest
