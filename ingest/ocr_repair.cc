#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cctype>
#include <memory>

#include "core/utf8.h"
#include "ingest/ocr_repair_internal.h"

namespace dangan::ingest::internal {
namespace {

// A page is "mostly Chinese" when this share of its letters are CJK.
constexpr double kMinCjkShare = 0.3;
// Latin words read at least this confidently are left alone.
constexpr float kTrustedLatinConfidence = 85;

struct Counts {
  size_t cjk = 0, latin = 0, digits = 0, other = 0;
};

Counts CountOf(const std::string& text) {
  Counts c;
  for (char32_t cp : DecodeUtf8(text)) {
    if (IsSpace(cp)) continue;
    if (IsCjk(cp)) {
      ++c.cjk;
    } else if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
      ++c.latin;
    } else if (cp >= '0' && cp <= '9') {
      ++c.digits;
    } else {
      ++c.other;
    }
  }
  return c;
}

// Letters only (or nearly), no CJK, not a code or number (those have
// digits), and not read confidently.
bool LooksGarbled(const OcrWord& w) {
  const Counts c = CountOf(w.text);
  if (c.cjk > 0 || c.latin < 2 || c.digits > 1) return false;
  if (w.confidence >= kTrustedLatinConfidence) return false;
  return c.latin * 2 >= c.latin + c.other;
}

}  // namespace

std::vector<OcrWord> ReadWords(tesseract::TessBaseAPI* api) {
  std::vector<OcrWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return words;
  constexpr auto kWord = tesseract::RIL_WORD;
  do {
    if (it->Empty(kWord)) continue;
    std::unique_ptr<char[]> text(it->GetUTF8Text(kWord));
    OcrWord w;
    if (text) w.text = text.get();
    w.confidence = it->Confidence(kWord);
    it->BoundingBox(kWord, &w.left, &w.top, &w.right, &w.bottom);
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      std::unique_ptr<char[]> line(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
      if (line) w.line_text = line.get();
    }
    w.line_end = it->IsAtFinalElement(tesseract::RIL_TEXTLINE, kWord);
    w.para_end = it->IsAtFinalElement(tesseract::RIL_PARA, kWord);
    words.push_back(std::move(w));
  } while (it->Next(kWord));
  return words;
}

std::vector<std::pair<size_t, size_t>> GarbledRuns(const std::vector<OcrWord>& words) {
  std::vector<std::pair<size_t, size_t>> runs;
  size_t cjk = 0, letters = 0;
  for (const OcrWord& w : words) {
    const Counts c = CountOf(w.text);
    cjk += c.cjk;
    letters += c.cjk + c.latin;
  }
  if (letters == 0 || static_cast<double>(cjk) < kMinCjkShare * static_cast<double>(letters))
    return runs;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!LooksGarbled(words[i])) continue;
    size_t last = i;
    while (!words[last].line_end && last + 1 < words.size() && LooksGarbled(words[last + 1])) ++last;
    // One short word alone ("PH", "ee") is as likely a stamp or a speck.
    if (last > i || CountOf(words[i].text).latin >= 4) runs.emplace_back(i, last);
    i = last;
  }
  return runs;
}

bool IsChineseReading(const std::string& text) {
  const Counts c = CountOf(text);
  return c.cjk >= 2 && c.cjk * 2 >= c.cjk + c.latin + c.other;
}

std::string JoinWords(const std::vector<OcrWord>& words) {
  std::string out;
  size_t begin = 0;
  while (begin < words.size()) {
    size_t end = begin;
    bool changed = words[begin].changed;
    while (!words[end].line_end && end + 1 < words.size()) changed |= words[++end].changed;
    std::string line;
    if (!changed) {
      line = words[begin].line_text;
    } else {
      for (size_t i = begin; i <= end; ++i) {
        const std::string& t = words[i].text;
        if (t.empty()) continue;
        if (!line.empty() && !IsCjk(DecodeUtf8(line).back()) && !IsCjk(DecodeUtf8(t).front()))
          line += ' ';
        line += t;
      }
    }
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    // A line of nothing but white space (Tesseract's reading of a rule or a
    // speck) is left out, as Tesseract's own page text does.
    if (line.find_first_not_of(" \t") != std::string::npos) out += line + '\n';
    if (words[end].para_end && !out.empty() && !out.ends_with("\n\n")) out += '\n';
    begin = end + 1;
  }
  return out;
}

}  // namespace dangan::ingest::internal
