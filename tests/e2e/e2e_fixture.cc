#include "e2e_fixture.h"

#include <fstream>
#include <sstream>

#include "support/pdf_fixture.h"

namespace dangan::testing {

std::string ContractSimplified() {
  return "采购合同\n合同编号：HT-2023-0017\n签订日期：2023年3月15日\n"
         "甲方：马鞍山市德润建筑工程有限责任公司\n统一社会信用代码：913405068909353411\n"
         "乙方：上海华东机电设备有限公司\n统一社会信用代码：91310000MA1FL4XQ27\n"
         "合同总价：人民币壹佰贰拾伍万元整（¥1,250,000.00）\n"
         "甲方向乙方采购离心水泵十台，用于厂区给排水改造工程。";
}

std::string InvoiceTraditional() {
  return "增值稅專用發票\n檔案編號：KH-2018-0006\n發票號碼：04418823\n開票日期：2023年5月6日\n"
         "購買方：南京市康泰船舶工程有限責任公司\n納稅人識別號：91320115MAYG6LJ98A\n"
         "價稅合計（大寫）：叁拾伍萬伍仟捌佰玖拾陸元壹角壹分（小寫）¥355,896.11\n"
         "貨物名稱：船用鋼板焊接服務";
}

std::string NoticeEnglish() {
  return "PAYMENT REMINDER\nDate: 15 March 2024\n"
         "To: Shijiazhuang Zhengding Gymnasium, Unified Social Credit Code 51130123MAJCEBL45W\n"
         "We kindly remind you that invoice payments for the stadium lighting renovation are "
         "overdue. The outstanding amount is CNY 88,000.00.";
}

void E2eTest::SetUp() {
  RunResult init = Run({"--json", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  {
    std::ofstream cfg(home() / "dangan.toml", std::ios::app);
    cfg << "\n[org]\nown_name = \"" << kOwnName << "\"\nown_uscc = \"" << kOwnUscc << "\"\n"
        << "[index]\nbatch_size = 3\n";
  }
  std::string csv =
      "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,retention,opened\n"
      "KH-2019-0042,上海华东机电设备有限公司,91310000MA1FL4XQ27,C00042,enterprise,张三,上海,021,A,long,2019-01-02\n"
      "KH-2018-0006,南京市康泰船舶工程有限责任公司,91320115MAYG6LJ98A,C00030,enterprise,任鑫,南京,025,AA,long,2018-04-26\n"
      "KH-2017-0005,石家庄市正定县体育馆,51130123MAJCEBL45W,C00015,institution,覃国良,石家庄,0311,AAA,permanent,2017-05-12\n";
  WriteBytes(dir_.path() / "clients.csv", csv);
  RunResult imp = Run({"--json", "clients", "import", (dir_.path() / "clients.csv").string()});
  ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
}

nlohmann::json E2eTest::Json(const std::vector<std::string>& args, std::vector<int> ok) {
  std::vector<std::string> full = {"--json"};
  full.insert(full.end(), args.begin(), args.end());
  RunResult r = Run(full);
  bool fine = false;
  for (int code : ok) fine |= r.exit_code == code;
  EXPECT_TRUE(fine) << "exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err;
  nlohmann::json j = r.Json();
  EXPECT_TRUE(j.is_object()) << "stdout is not one JSON object: " << r.out;
  return j;
}

void E2eTest::Pdf(const std::string& rel, const std::vector<std::string>& pages) {
  std::filesystem::create_directories((drop() / rel).parent_path());
  ASSERT_TRUE(WriteTextPdf(drop() / rel, pages)) << rel;
}

void E2eTest::WriteStandardDrop() {
  Pdf("KH-2019-0042/采购合同.pdf", {ContractSimplified(), "第二页：交货与验收条款。"});
  Pdf("新收资料/增值稅專用發票.pdf", {InvoiceTraditional()});
  Pdf("Payment Reminder.pdf", {NoticeEnglish()});
  Pdf("无主通知.pdf", {"关于办公楼停电检修的通知\n各部门：本周六上午九时至十二时停电检修。"});
  std::filesystem::copy_file(drop() / "KH-2019-0042/采购合同.pdf", drop() / "采购合同 - 副本.pdf");
  WriteBytes(drop() / "扫描失败.pdf", "");
  WriteBytes(drop() / "scan_0042.pdf", std::string("\x8a\x13\xf0\x5c") + std::string(5000, 'r'));
  std::string whole = ReadBytes(drop() / "KH-2019-0042/采购合同.pdf");
  WriteBytes(drop() / "合同-未完成.pdf", whole.substr(0, whole.size() / 2));
}

std::vector<nlohmann::json> E2eTest::List() {
  RunResult r = Run({"--json", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> docs;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    docs.push_back(nlohmann::json::parse(line, nullptr, false));
    EXPECT_TRUE(docs.back().is_object()) << line;
  }
  return docs;
}

}  // namespace dangan::testing
