// End to end: scanned paper through the real binary: image-only PDFs, TIFF,
// JPEG, rotated and skewed pages, a cover sheet with a QR code, mixed PDFs,
// and documents stored as needs_ocr finished later (issue 4).
#include <fstream>

#include "e2e_fixture.h"
#include "support/pdf_fixture.h"
#include "support/scan_fixture.h"

namespace dangan::testing {
namespace {

bool HaveTraineddata() {
  for (const char* dir : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"})
    if (std::filesystem::exists(std::filesystem::path(dir) / "chi_sim.traineddata") &&
        std::filesystem::exists(std::filesystem::path(dir) / "eng.traineddata"))
      return true;
  return false;
}

class OcrE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    if (!HaveTraineddata())
      GTEST_SKIP() << "Tesseract traineddata is not installed (apt-get install tesseract-ocr-chi-sim "
                      "tesseract-ocr-chi-tra tesseract-ocr-eng tesseract-ocr-osd)";
    E2eTest::SetUp();
  }
  void Scan(const std::string& rel, ScanSpec spec) {
    std::filesystem::create_directories((drop() / rel).parent_path());
    ASSERT_TRUE(WriteScan(drop() / rel, spec)) << rel;
  }
  nlohmann::json DocBySource(const std::string& tail) {
    for (const auto& d : List())
      for (const auto& s : d["sources"]) {
        std::string src = s;
        if (src.size() >= tail.size() && src.compare(src.size() - tail.size(), tail.size(), tail) == 0)
          return d;
      }
    ADD_FAILURE() << "no document from " << tail;
    return nlohmann::json::object();
  }
  bool Finds(const std::string& query, int64_t id) {
    nlohmann::json r = Json({"search", query});
    for (const auto& h : r["hits"])
      if (h["id"] == id) return true;
    return false;
  }
};

TEST_F(OcrE2eTest, ScansOfEveryKindBecomeSearchableFiledAndFieldExtracted) {
  Scan("新收扫描/合同扫描件.pdf",
       {{"采购合同\n合同编号：HT-2024-0088\n签订日期：2024年5月20日\n"
         "甲方：马鞍山市德润建筑工程有限责任公司\n乙方：南京市康泰船舶工程有限责任公司\n"
         "统一社会信用代码：91320115MAYG6LJ98A\n合同总价：人民币伍万元整（¥50,000.00）\n"
         "乙方向甲方供应船用防腐涂料二百桶。"},
        300, 2.5, 0, "", ScanFormat::kPdf});
  Scan("新收扫描/發票.tif",
       {{"增值稅普通發票\n檔案編號：KH-2017-0005\n發票號碼：55667788\n開票日期：2024年6月1日\n"
         "貨物名稱：體育館照明燈具維修\n價稅合計：¥12,800.00"},
        300, -1.5, 0, "", ScanFormat::kTiffG4});
  Scan("IMG_0042.jpg",
       {{"PAYMENT REMINDER\nDate: 3 April 2024\nArchive No.: KH-2019-0042\n"
         "Dear customer, the invoices for the pump station maintenance remain unpaid."},
        300, 0, 90, "", ScanFormat::kJpeg});
  nlohmann::json sum = Json({"ingest", drop().string()});
  EXPECT_EQ(sum["stored"], 3);
  EXPECT_EQ(sum["needs_ocr"], 0);
  EXPECT_EQ(sum["indexed"], 3);
  EXPECT_GE(sum["ocr_pages"].get<int>(), 3);

  nlohmann::json contract = DocBySource("合同扫描件.pdf");
  EXPECT_EQ(contract["text_source"], "ocr");
  EXPECT_EQ(contract["archive_no"], "KH-2018-0006");
  EXPECT_EQ(contract["routed_by"], "uscc");
  EXPECT_EQ(contract["fields"]["contract_no"], "HT-2024-0088");
  EXPECT_EQ(contract["fields"]["date"], "2024-05-20");
  EXPECT_TRUE(Finds("船用防腐涂料", contract["id"])) << "a phrase finds the skewed scan";

  nlohmann::json invoice = DocBySource("發票.tif");
  EXPECT_EQ(invoice["archive_no"], "KH-2017-0005");
  EXPECT_EQ(invoice["routed_by"], "printed_number");
  EXPECT_EQ(invoice["fields"]["invoice_no"], "55667788");
  EXPECT_TRUE(Finds("体育馆照明", invoice["id"])) << "Simplified finds the Traditional scan";

  nlohmann::json letter = DocBySource("IMG_0042.jpg");
  EXPECT_EQ(letter["archive_no"], "KH-2019-0042") << "the sideways page was turned upright";
  EXPECT_TRUE(Finds("reminders unpaid maintenance", letter["id"]));

  RunResult text = Run({"--json", "show", std::to_string(contract["id"].get<int>()), "--text"});
  nlohmann::json pages = text.Json()["pages"];
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0]["text_source"], "ocr");
  EXPECT_GT(pages[0]["confidence"].get<double>(), 50);
  EXPECT_EQ(std::string(pages[0]["text"]).find("采 购"), std::string::npos)
      << "no spaces between Chinese characters";
  EXPECT_EQ(Json({"verify"})["ok"], true);
}

TEST_F(OcrE2eTest, ACoverSheetQrCodeRoutesTheStackBehindIt) {
  Scan("scanner/SCAN_0001.pdf",
       {{"档案封面", "关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"},
        300, 0, 0, "KH-2017-0005", ScanFormat::kPdf});
  Json({"ingest", drop().string()});
  nlohmann::json doc = DocBySource("SCAN_0001.pdf");
  EXPECT_EQ(doc["archive_no"], "KH-2017-0005");
  EXPECT_EQ(doc["routed_by"], "barcode");
}

TEST_F(OcrE2eTest, TheLabelCommandPrintsACoverSheetThatFilesItself) {
  std::filesystem::create_directories(drop());
  nlohmann::json label = Json({"label", "kh-2018-0006", "--out", (drop() / "cover.pdf").string()});
  EXPECT_EQ(label["archive_no"], "KH-2018-0006");
  ASSERT_TRUE(std::filesystem::exists(drop() / "cover.pdf"));
  Json({"ingest", drop().string()});
  nlohmann::json doc = DocBySource("cover.pdf");
  EXPECT_EQ(doc["archive_no"], "KH-2018-0006");
  RunResult unknown = Run({"--json", "label", "ZZ-1999-0001"});
  EXPECT_NE(unknown.exit_code, 0);
}

TEST_F(OcrE2eTest, AMixedPdfKeepsItsTextLayerAndOcrsTheRest) {
  std::filesystem::create_directories(drop());
  ASSERT_TRUE(WriteTextPdf(drop() / "text.pdf", {ContractSimplified()}));
  ASSERT_TRUE(WriteScan(drop() / "scan.pdf", {{"附件：验收单\n验收结论：合格，同意付款。"}, 300, 0, 0, "",
                                             ScanFormat::kPdf}));
  std::string cmd = "qpdf --empty --pages '" + (drop() / "text.pdf").string() + "' '" +
                    (drop() / "scan.pdf").string() + "' -- '" + (drop() / "mixed.pdf").string() + "'";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "qpdf is not installed";
  std::filesystem::remove(drop() / "text.pdf");
  std::filesystem::remove(drop() / "scan.pdf");
  Json({"ingest", drop().string()});
  nlohmann::json doc = DocBySource("mixed.pdf");
  EXPECT_EQ(doc["text_source"], "mixed");
  EXPECT_EQ(doc["state"], "indexed");
  EXPECT_TRUE(Finds("验收结论", doc["id"]));
}

TEST_F(OcrE2eTest, DocumentsStoredWhileOcrWasOffAreFinishedOnceAndOnlyOnce) {
  std::ofstream(home() / "dangan.toml", std::ios::app) << "\n[ocr]\nlanguages = \"\"\n";
  Scan("scan.png", {{"关于年度对账的说明\n请贵单位于月底前完成对账。"}, 300, 0, 0, "", ScanFormat::kPng});
  nlohmann::json first = Json({"ingest", drop().string()});
  EXPECT_EQ(first["needs_ocr"], 1);
  // OCR on again: the default languages.
  std::string cfg = ReadBytes(home() / "dangan.toml");
  WriteBytes(home() / "dangan.toml", cfg.substr(0, cfg.rfind("[ocr]")));
  nlohmann::json done = Json({"reindex", "--ocr-pending"});
  EXPECT_EQ(done["ocr_finished"], 1);
  EXPECT_EQ(done["indexed"], 1);
  nlohmann::json doc = DocBySource("scan.png");
  EXPECT_EQ(doc["state"], "indexed");
  EXPECT_EQ(doc["text_source"], "ocr");
  EXPECT_TRUE(Finds("年度对账", doc["id"]));
  nlohmann::json again = Json({"ingest", drop().string()});
  EXPECT_EQ(again["ocr_pages"], 0) << "nothing is OCR'd twice";
}

}  // namespace
}  // namespace dangan::testing
