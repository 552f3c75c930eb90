// The repair of Latin garbage in Chinese OCR pages: which runs are read
// again, which readings replace them, and how the page text is put back.
#include "ingest/ocr_repair_internal.h"

#include <gtest/gtest.h>

namespace dangan::ingest::internal {
namespace {

OcrWord W(const std::string& text, float confidence = 90, bool line_end = false) {
  OcrWord w;
  w.text = text;
  w.confidence = confidence;
  w.line_end = line_end;
  return w;
}

// Line texts as ReadWords() records them: on the first word of each line.
void SetLineTexts(std::vector<OcrWord>* words) {
  size_t begin = 0;
  for (size_t i = 0; i < words->size(); ++i) {
    if (!(*words)[i].line_end) continue;
    std::string line;
    for (size_t k = begin; k <= i; ++k) line += (k > begin ? " " : "") + (*words)[k].text;
    (*words)[begin].line_text = line + "\n";
    begin = i + 1;
  }
}

TEST(OcrRepairTest, FindsLowConfidenceLatinRunsOnAChinesePage) {
  std::vector<OcrWord> words = {W("账户"), W("变更"), W("通知书", 90, true),
                                W("ARETE", 0), W("RAR", 0), W("RARE", 12, true),
                                W("请"), W("贵方"), W("PH", 40), W("财务", 90, true)};
  auto runs = GarbledRuns(words);
  ASSERT_EQ(runs.size(), 1u) << "a lone short word (PH) is left alone";
  EXPECT_EQ(runs[0], std::make_pair(size_t{3}, size_t{5}));
}

TEST(OcrRepairTest, LeavesEnglishPagesCodesAndConfidentWordsAlone) {
  std::vector<OcrWord> english = {W("PAYMENT", 40), W("REMINDER", 40, true), W("Date", 50),
                                  W("overdue", 30, true)};
  EXPECT_TRUE(GarbledRuns(english).empty()) << "not a Chinese page";
  std::vector<OcrWord> chinese = {W("统一社会信用代码"), W("91520111MARXJQ510F", 20),
                                  W("合同", 90, true), W("Invoice", 95), W("No", 95, true),
                                  W("甲方乙方双方签订")};
  EXPECT_TRUE(GarbledRuns(chinese).empty()) << "codes have digits; confident words stay";
}

TEST(OcrRepairTest, OnlyAChineseReadingReplacesARun) {
  EXPECT_TRUE(IsChineseReading("本函适用于双方在西岗区口袋公园提升工程项下"));
  EXPECT_FALSE(IsChineseReading(""));
  EXPECT_FALSE(IsChineseReading("ARETE RAR"));
  EXPECT_FALSE(IsChineseReading("A 口 BCDEF"));
}

TEST(OcrRepairTest, PutsThePageTextBackWithOnlyRepairedLinesRebuilt) {
  std::vector<OcrWord> words = {W("2023"), W("年"), W("5月", 90, true), W("ARETE", 0),
                                W("RAR", 0, true), W(" ", 95, true)};
  words[2].para_end = true;
  SetLineTexts(&words);
  words[0].line_text = "2023年5月\n";  // as Tesseract wrote it: no spaces
  EXPECT_EQ(JoinWords(words), "2023年5月\n\nARETE RAR\n");
  words[3].text = "本函适用于";
  words[3].changed = true;
  words[4].text.clear();
  words[4].changed = true;
  EXPECT_EQ(JoinWords(words), "2023年5月\n\n本函适用于\n");
}

}  // namespace
}  // namespace dangan::ingest::internal
