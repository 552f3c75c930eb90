// OCR repair of Latin garbage in Chinese pages (ocr_repair.cc).
//
// With "chi_sim+chi_tra+eng", Tesseract now and then reads a run of Chinese
// words with the English model and returns letters ("ARETE RAR RARE LT SME
// RE" for 本函适用于双方在西岗区口袋公园提升工程项下…): the text is lost for
// search and fields. On a page that is mostly Chinese, such runs (Latin-only
// words, no digits to speak of, not confidently read) are recognised again
// as one line with the Chinese models alone; the new reading replaces the
// run when it is Chinese.
#ifndef DANGAN_INGEST_OCR_REPAIR_INTERNAL_H_
#define DANGAN_INGEST_OCR_REPAIR_INTERNAL_H_

#include <string>
#include <utility>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace dangan::ingest::internal {

struct OcrWord {
  std::string text;
  float confidence = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
  bool line_end = false;  // last word of its line
  bool para_end = false;  // last word of its paragraph
  std::string line_text;  // first word of a line: the line as Tesseract wrote it
  bool changed = false;   // replaced (or blanked) by a repair
};

// The words of the page api has just recognised, in reading order.
std::vector<OcrWord> ReadWords(tesseract::TessBaseAPI* api);

// [first, last] runs of consecutive words on one line that look like Latin
// garbage, when the page is mostly Chinese; none otherwise.
std::vector<std::pair<size_t, size_t>> GarbledRuns(const std::vector<OcrWord>& words);

// True if text (a re-reading of a run) is Chinese enough to replace it.
bool IsChineseReading(const std::string& text);

// The page text: each line as Tesseract wrote it, but a repaired line from
// its words (no space next to a CJK character); paragraphs end with an
// empty line, as in Tesseract's page text.
std::string JoinWords(const std::vector<OcrWord>& words);

}  // namespace dangan::ingest::internal

#endif  // DANGAN_INGEST_OCR_REPAIR_INTERNAL_H_
