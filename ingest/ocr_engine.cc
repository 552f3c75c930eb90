#include "ingest/ocr_engine.h"

#include <allheaders.h>  // Leptonica
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <vector>

#include "core/text_fold.h"
#include "ingest/image_messages_internal.h"
#include "ingest/ocr_repair_internal.h"

namespace dangan::ingest {
namespace {

using Clock = std::chrono::steady_clock;

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// Deskew: Leptonica's own thresholds (pixDeskew): below 0.1 degree a rotation
// only blurs; a confidence under 3 means too little text to measure.
constexpr float kMinSkewDeg = 0.1f;
constexpr float kMinSkewConfidence = 3.0f;
// A first pass at 0 degrees with this mean confidence or more is taken as
// upright and OSD is skipped. Measured on bench/ocr's degraded scans: upright
// pages 78-94; pages upside down or turned counter-clockwise 25-56 (turned
// clockwise, Tesseract's layout reads the lines as vertical text: 75-92).
constexpr int kUprightConfidence = 65;
// OSD runs on pages above this resolution halved (to ~150 dpi: plenty for
// its blob classifier, a quarter of the pixels to lay out; ~300 ms a page).
constexpr int kOsdHalvingDpi = 250;
// OSD's own scale: 15 is "reasonably confident"; below 2 it is a guess.
constexpr float kMinOrientationConfidence = 2.0f;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool IsLanguageList(const std::string& languages) {
  if (languages.empty() || languages.front() == '+' || languages.back() == '+') return false;
  for (size_t i = 0; i < languages.size(); ++i) {
    const char c = languages[i];
    if (c == '+' && languages[i + 1] == '+') return false;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+')) return false;
  }
  return true;
}

std::vector<std::string> SplitLanguages(const std::string& languages) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t plus = languages.find('+'); plus != std::string::npos;
       start = plus + 1, plus = languages.find('+', start))
    out.push_back(languages.substr(start, plus - start));
  out.push_back(languages.substr(start));
  return out;
}

// "chi_sim" -> "tesseract-ocr-chi-sim", Debian's package for it.
std::string DebianPackageOf(std::string language) {
  for (char& c : language)
    if (c == '_') c = '-';
  return "tesseract-ocr-" + language;
}

Status MissingTrainedData(const std::vector<std::string>& missing, const std::string& datapath) {
  std::string names, packages;
  for (const std::string& lang : missing) {
    names += (names.empty() ? "" : ", ") + lang + ".traineddata";
    packages += " " + DebianPackageOf(lang);
  }
  return Status::Unsupported("OCR unavailable: Tesseract data missing: " + names + " (looked in " +
                             (datapath.empty() ? "Tesseract's tessdata folder" : datapath) +
                             "; Debian: apt-get install" + packages + ")");
}

// One initialised Tesseract. Its tprintf chatter goes to /dev/null.
Result<TessPtr> InitTesseract(const std::string& languages, tesseract::OcrEngineMode mode) {
  TessPtr api(new tesseract::TessBaseAPI());
  const std::vector<std::string> names = {"debug_file"}, values = {"/dev/null"};
  if (api->Init(nullptr, languages.c_str(), mode, nullptr, 0, &names, &values, false) != 0)
    return MissingTrainedData(SplitLanguages(languages), "");
  std::vector<std::string> loaded;
  api->GetLoadedLanguagesAsVector(&loaded);
  std::vector<std::string> missing;
  for (const std::string& lang : SplitLanguages(languages))
    if (std::find(loaded.begin(), loaded.end(), lang) == loaded.end()) missing.push_back(lang);
  if (!missing.empty()) return MissingTrainedData(missing, api->GetDatapath());
  return api;
}

// Angle (degrees) that deskews a grey page, or 0 when there is no clear
// answer. Measured on a binarised copy; the grey page is left as it is.
float FindSkewDeg(Pix* grey) {
  PixPtr binary(pixThresholdToBinary(grey, 160));
  if (!binary) return 0;
  l_float32 angle = 0, confidence = 0;
  if (pixFindSkew(binary.get(), &angle, &confidence) != 0) return 0;
  if (confidence < kMinSkewConfidence || std::fabs(angle) < kMinSkewDeg) return 0;
  return angle;
}

// Deskews *grey in place; returns the angle corrected (0: left as it was).
// A shear rotation: at these small angles as good for OCR as area mapping
// (bench/ocr measured a lower CER) at 40% of its cost.
float Straighten(PixPtr* grey) {
  const float skew_deg = FindSkewDeg(grey->get());
  if (skew_deg == 0) return 0;
  constexpr float kRadiansPerDegree = static_cast<float>(M_PI / 180.0);
  PixPtr straight(pixRotate(grey->get(), skew_deg * kRadiansPerDegree, L_ROTATE_SHEAR,
                            L_BRING_IN_WHITE, 0, 0));
  if (!straight) return 0;
  *grey = std::move(straight);
  return skew_deg;
}

}  // namespace

struct OcrEngine::Impl {
  TessPtr text;  // languages as asked, LSTM
  TessPtr osd;   // orientation and script detection (legacy engine, osd.traineddata)

  struct Pass {
    std::string text;
    int confidence = 0;
  };

  // Chinese models alone, for runs the page pass read as Latin garbage
  // (ocr_repair_internal.h); made at the first such run, once.
  std::string cjk_languages;  // "" when ocr.languages has no Chinese
  TessPtr cjk;
  bool cjk_tried = false;

  Result<Pass> RecognisePass(Pix* pix, int dpi) {
    text->SetImage(pix);
    text->SetSourceResolution(dpi);
    if (text->Recognize(nullptr) != 0) return Status::Internal("Tesseract failed to recognise a page");
    Pass pass;
    pass.confidence = text->MeanTextConf();
    std::vector<internal::OcrWord> words = internal::ReadWords(text.get());
    const auto runs = internal::GarbledRuns(words);
    if (!runs.empty() && RepairRuns(pix, dpi, runs, &words) > 0) {
      pass.text = internal::JoinWords(words);
    } else {
      std::unique_ptr<char[]> utf8(text->GetUTF8Text());
      if (utf8) pass.text = utf8.get();
    }
    text->Clear();  // page results are freed now, not at the next page
    return pass;
  }

  // Reads each run again as a block (its box may take in a table rule) with
  // the Chinese models; a Chinese
  // reading replaces the run's words. Returns the runs replaced.
  int RepairRuns(Pix* pix, int dpi, const std::vector<std::pair<size_t, size_t>>& runs,
                 std::vector<internal::OcrWord>* words) {
    if (!CjkEngine()) return 0;
    cjk->SetImage(pix);
    cjk->SetSourceResolution(dpi);
    int replaced = 0;
    for (const auto& [first, last] : runs) {
      int left = (*words)[first].left, top = (*words)[first].top;
      int right = (*words)[first].right, bottom = (*words)[first].bottom;
      for (size_t i = first + 1; i <= last; ++i) {
        const internal::OcrWord& w = (*words)[i];
        left = std::min(left, w.left), top = std::min(top, w.top);
        right = std::max(right, w.right), bottom = std::max(bottom, w.bottom);
      }
      const int pad = std::max(2, (bottom - top) / 4);
      left = std::max(0, left - pad), top = std::max(0, top - pad);
      right = std::min(static_cast<int>(pixGetWidth(pix)), right + pad);
      bottom = std::min(static_cast<int>(pixGetHeight(pix)), bottom + pad);
      cjk->SetRectangle(left, top, right - left, bottom - top);
      std::unique_ptr<char[]> utf8(cjk->GetUTF8Text());
      std::string reading = utf8 ? utf8.get() : "";
      while (!reading.empty() && (reading.back() == '\n' || reading.back() == ' ')) reading.pop_back();
      if (!internal::IsChineseReading(reading)) continue;
      spdlog::debug("ocr_repair was=\"{}\" now=\"{}\"", (*words)[first].text, reading);
      (*words)[first].text = std::move(reading);
      (*words)[first].changed = true;
      for (size_t i = first + 1; i <= last; ++i) {
        (*words)[i].text.clear();
        (*words)[i].changed = true;
      }
      ++replaced;
    }
    cjk->Clear();
    return replaced;
  }

  bool CjkEngine() {
    if (cjk || cjk_tried || cjk_languages.empty()) return cjk != nullptr;
    cjk_tried = true;
    try {
      auto made = InitTesseract(cjk_languages, tesseract::OEM_LSTM_ONLY);
      if (!made.ok()) {
        spdlog::warn("ocr_repair unavailable: {}", made.status().message());
        return false;
      }
      cjk = std::move(made).value();
      // A block, not a line: a run's box often takes in a table rule
      // above or below it, and single-line mode then reads nothing.
      cjk->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    } catch (const std::bad_alloc&) {  // under the worker's memory limit
      spdlog::warn("ocr_repair unavailable: out of memory loading {}", cjk_languages);
      cjk.reset();
    }
    return cjk != nullptr;
  }

  // Clockwise quarter turns that make the page upright, by OSD; 0 when OSD
  // is unsure or finds too little text.
  int UprightQuads(Pix* grey, int dpi) {
    const bool halve = dpi >= kOsdHalvingDpi;
    PixPtr scaled(halve ? pixScaleAreaMap2(grey) : pixClone(grey));
    if (!scaled) return 0;
    osd->SetImage(scaled.get());
    osd->SetSourceResolution(halve ? dpi / 2 : dpi);
    int orient_deg = 0;
    float orient_conf = 0, script_conf = 0;
    const char* script = nullptr;
    const bool found =
        osd->DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf);
    osd->Clear();
    if (!found || orient_conf < kMinOrientationConfidence) return 0;
    // orient_deg is how far the page was turned clockwise; undo it.
    return ((360 - orient_deg) % 360) / 90;
  }
};

OcrEngine::OcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OcrEngine::~OcrEngine() = default;

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const std::string& languages) {
  if (!IsLanguageList(languages))
    return Status::InvalidArgument("ocr.languages must be names joined by '+', got '" + languages + "'");
  // One engine, one core: parallel pages come from worker processes. libgomp
  // reads OMP_THREAD_LIMIT once, as the process loads it (before main), so a
  // setenv here would be too late: WorkerPool starts workers with it set.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr)
    spdlog::warn("ocr_threads OMP_THREAD_LIMIT=unset (each Tesseract engine will use every core; "
                 "start the process with OMP_THREAD_LIMIT=1)");
  auto impl = std::make_unique<Impl>();
  DANGAN_ASSIGN_OR_RETURN(impl->osd, InitTesseract("osd", tesseract::OEM_TESSERACT_ONLY));
  const std::string datapath = impl->osd->GetDatapath();
  std::vector<std::string> missing;
  for (const std::string& lang : SplitLanguages(languages))
    if (!std::filesystem::exists(std::filesystem::path(datapath) / (lang + ".traineddata")))
      missing.push_back(lang);
  if (!missing.empty()) return MissingTrainedData(missing, datapath);
  DANGAN_ASSIGN_OR_RETURN(impl->text, InitTesseract(languages, tesseract::OEM_LSTM_ONLY));
  for (const std::string& lang : SplitLanguages(languages))
    if (lang.rfind("chi_", 0) == 0)
      impl->cjk_languages += (impl->cjk_languages.empty() ? "" : "+") + lang;
  impl->text->SetPageSegMode(tesseract::PSM_AUTO);
  impl->osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  return std::unique_ptr<OcrEngine>(new OcrEngine(std::move(impl)));
}

Result<OcrPage> OcrEngine::Recognize(const PageImage& page) {
  if (!page.pix) return Status::InvalidArgument("OCR of an empty page image");
  internal::MessageCapture capture;  // Leptonica's warnings go to the debug log
  const auto start = Clock::now();
  PixPtr grey(pixGetDepth(page.pix.get()) == 8 ? pixClone(page.pix.get())
                                                : pixConvertTo8(page.pix.get(), 0));
  if (!grey) return Status::Internal("cannot convert the page to 8-bit grey");

  OcrPage out;
  out.skew_deg = Straighten(&grey);
  const double deskew_ms = MillisSince(start);

  DANGAN_ASSIGN_OR_RETURN(Impl::Pass best, impl_->RecognisePass(grey.get(), page.dpi));
  double osd_ms = 0;
  const int first_confidence = best.confidence;
  if (best.confidence < kUprightConfidence) {
    const auto osd_start = Clock::now();
    const int quads = impl_->UprightQuads(grey.get(), page.dpi);
    osd_ms = MillisSince(osd_start);
    if (quads != 0) {
      PixPtr turned(pixRotateOrth(grey.get(), quads));
      if (!turned) return Status::Internal("pixRotateOrth failed");
      // The skew of a page on its side cannot be measured from its lines.
      const float more_skew_deg = Straighten(&turned);
      DANGAN_ASSIGN_OR_RETURN(Impl::Pass again, impl_->RecognisePass(turned.get(), page.dpi));
      if (again.confidence > best.confidence) {
        best = std::move(again);
        out.rotation_deg = quads * 90;
        out.skew_deg += more_skew_deg;
      }
    }
  }
  out.text = CleanExtractedText(best.text);
  out.confidence = best.confidence;
  spdlog::debug("ocr_page dpi={} skew_deg={:.2f} rotation_deg={} confidence={} first_confidence={} "
                "deskew_ms={:.0f} osd_ms={:.0f} total_ms={:.0f}",
                page.dpi, out.skew_deg, out.rotation_deg, out.confidence, first_confidence,
                deskew_ms, osd_ms, MillisSince(start));
  return out;
}

}  // namespace dangan::ingest
