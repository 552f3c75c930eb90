#include "ingest/router.h"

#include <gtest/gtest.h>

namespace dangan::ingest {
namespace {

catalog::Client MakeClient(std::string archive_no, std::string name, std::string uscc,
                           std::string code) {
  catalog::Client c;
  c.archive_no = std::move(archive_no);
  c.name = std::move(name);
  c.uscc = std::move(uscc);
  c.client_code = std::move(code);
  c.type = "enterprise";
  c.retention = "long";
  return c;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = TextFolder::Create();
    ASSERT_TRUE(f.ok());
    folder_ = std::move(f).value();
    clients_ = {
        MakeClient("KH-2019-0042", "上海华东机电设备有限公司", "913405068909353411", "C00042"),
        MakeClient("KH-2018-0006", "南京市康泰船舶工程有限责任公司", "91320115MAYG6LJ98A", "C00030"),
        MakeClient("KH-2017-0005", "石家庄市正定县体育馆", "51130123MAJCEBL45W", "C00015"),
    };
    // The department itself is client-like but never a match.
    auto rule = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
    ASSERT_TRUE(rule.ok());
    router_ = std::make_unique<Router>(clients_, *rule, "91520112MAJL1NRU68", "马鞍山市德润建筑工程有限责任公司",
                                       folder_.get());
  }
  RouteDecision Route(std::vector<std::string> folders, std::string text) {
    RouteInput in;
    in.folders = std::move(folders);
    in.page1 = text;
    in.all_text = text;
    return router_->Route(in);
  }

  std::unique_ptr<TextFolder> folder_;
  std::vector<catalog::Client> clients_;
  std::unique_ptr<Router> router_;
};

TEST_F(RouterTest, NearestFolderNamingAKnownArchiveWins) {
  auto d = Route({"scans", "kh_2018_0006", "KH-2019-0042", "inbox"}, "统一社会信用代码：913405068909353411");
  EXPECT_EQ(d.archive_no, "KH-2018-0006");
  EXPECT_EQ(d.routed_by, RoutedBy::kFolder);
}

TEST_F(RouterTest, FullWidthFolderNameIsNormalised) {
  auto d = Route({"ＫＨ－２０１７－０００５"}, "");
  EXPECT_EQ(d.archive_no, "KH-2017-0005");
}

TEST_F(RouterTest, FolderWithAnUnknownNumberFallsThroughAndIsACandidate) {
  auto d = Route({"KH-2099-0001"}, "档案编号：KH-2018-0006");
  EXPECT_EQ(d.archive_no, "KH-2018-0006");
  EXPECT_EQ(d.routed_by, RoutedBy::kPrintedNumber);
}

TEST_F(RouterTest, PrintedNumberNextToALabelBeatsOtherNumbers) {
  auto d = Route({}, "檔案編號：KH-2018-0006\n另見 KH-2019-0042 的合同");
  EXPECT_EQ(d.archive_no, "KH-2018-0006");
  EXPECT_EQ(d.routed_by, RoutedBy::kPrintedNumber);
}

TEST_F(RouterTest, TwoUnlabelledNumbersAreAmbiguous) {
  auto d = Route({}, "KH-2018-0006 与 KH-2019-0042");
  EXPECT_FALSE(d.archive_no.has_value());
  EXPECT_EQ(d.candidates.size(), 2u);
}

TEST_F(RouterTest, UsccOfExactlyOneClientRoutes) {
  auto d = Route({}, "甲方：马鞍山市德润建筑工程有限责任公司 91520112MAJL1NRU68\n乙方代码 91320115MAYG6LJ98A");
  EXPECT_EQ(d.archive_no, "KH-2018-0006");
  EXPECT_EQ(d.routed_by, RoutedBy::kUscc);
}

TEST_F(RouterTest, UsccWithAWrongCheckDigitIsNotAMatch) {
  auto d = Route({}, "乙方代码 91320115MAYG6LJ98B");
  EXPECT_FALSE(d.archive_no.has_value());
}

TEST_F(RouterTest, UsccsOfTwoClientsAreNeverGuessed) {
  auto d = Route({}, "借款人 51130123MAJCEBL45W 保证人 91320115MAYG6LJ98A");
  EXPECT_FALSE(d.archive_no.has_value());
  EXPECT_EQ(d.routed_by, RoutedBy::kUnfiled);
  ASSERT_EQ(d.candidates.size(), 2u);
  EXPECT_EQ(d.candidates[0].rule, "uscc");
}

TEST_F(RouterTest, ClientCodeOrRegisteredNameRoutesAndTraditionalNameMatches) {
  EXPECT_EQ(Route({}, "Customer Code: C00030").archive_no, "KH-2018-0006");
  auto d = Route({}, "承租方：南京市康泰船舶工程有限責任公司");
  EXPECT_EQ(d.archive_no, "KH-2018-0006");
  EXPECT_EQ(d.routed_by, RoutedBy::kClientCode);
}

TEST_F(RouterTest, ACodeInsideALongerTokenIsNotAMatch) {
  EXPECT_FALSE(Route({}, "No. XC00030Y").archive_no.has_value());
}

TEST_F(RouterTest, NothingKnownIsUnfiledWithAReason) {
  auto d = Route({"新收资料"}, "一份没有客户信息的通知");
  EXPECT_FALSE(d.archive_no.has_value());
  EXPECT_FALSE(d.candidates.empty());
}

}  // namespace
}  // namespace dangan::ingest

namespace dangan::ingest {
namespace {

TEST_F(RouterTest, AShortPersonalNameRoutesOnlyWhereItStandsAlone) {
  clients_.push_back(MakeClient("KH-2019-0007", "聂子墨", "", "C00093"));
  auto rule = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
  ASSERT_TRUE(rule.ok());
  Router router(clients_, *rule, "", "", folder_.get());
  RouteInput labelled;
  labelled.all_text = labelled.page1 = "补充协议\n乙方：聂子墨\n身份证号码：320213********5546";
  EXPECT_EQ(router.Route(labelled).archive_no, "KH-2019-0007");
  RouteInput salutation;  // a letter addressed to the person
  salutation.all_text = salutation.page1 = "关于催收欠款的函\n聂子墨：\n贵方尚欠我司货款";
  EXPECT_EQ(router.Route(salutation).archive_no, "KH-2019-0007");
  RouteInput running;
  running.all_text = running.page1 = "关于聂子墨先生等人参观的安排";
  EXPECT_FALSE(router.Route(running).archive_no.has_value());
}

}  // namespace
}  // namespace dangan::ingest

namespace dangan::ingest {
namespace {

TEST_F(RouterTest, AMisreadSecondUsccMakesTheDocumentAmbiguousNotFiled) {
  // Two parties; OCR read the first code right and garbled the second.
  auto d = Route({}, "借款人 统一社会信用代码：51130123MAJCEBL45W\n"
                     "保证人 统一社会信用代码：91320115MAYG6LJ98B\n");
  EXPECT_FALSE(d.archive_no.has_value());
  EXPECT_EQ(d.candidates.size(), 2u);
  // Alone, a misread code never files a document.
  auto alone = Route({}, "统一社会信用代码：91320115MAYG6LJ98B\n");
  EXPECT_FALSE(alone.archive_no.has_value());
}

}  // namespace
}  // namespace dangan::ingest
