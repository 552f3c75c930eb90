#include "catalog/client_import.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace dangan::catalog {
namespace {

constexpr const char* kHeader =
    "archive_no,name,uscc,client_code,type,legal_rep,address,phone,credit_rating,retention,opened\n";

class ClientImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Catalog::Open(dir_.path() / "catalog.sqlite", true);
    ASSERT_OK(c);
    cat_ = std::move(c).value();
  }
  Result<ImportResult> Import(const std::string& text) {
    auto csv = ParseCsv(text, "clients.csv");
    if (!csv.ok()) return csv.status();
    return ImportClients(cat_.get(), *csv, *rule_);
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<Catalog> cat_;
  Result<ArchiveNumberRule> rule_ = ArchiveNumberRule::Create("[A-Z]{2,4}-[0-9]{4}-[0-9]{4,6}");
};

TEST_F(ClientImportTest, GoodRowsAreKeptAndBadRowsRejectedWithLineAndReason) {
  std::string csv = std::string(kHeader) +
      "KH-2015-0005,南充启元酒店管理集团有限公司,91511323MA2LL6U795,C00004,enterprise,邹剑,四川,0817,AA,permanent,2015-07-26\n"
      "KH-2015-0006,坏公司,91511323MA2LL6U796,C00005,enterprise,x,y,z,A,long,2015-07-26\n"
      "KH-2017-0012,耿荣轩,,C00019,individual,耿荣轩,福建,0592,C,short,2017-09-28\n"
      "KH-2017-0013,缺列公司,91220113MAYJG7CK21\n"
      "KH-2015-0005,重复公司,91220113MAYJG7CK21,C00021,enterprise,a,b,c,C,permanent,2017-05-01\n"
      "KH-2017-0014,日期错,91220113MAYJG7CK21,C00022,enterprise,a,b,c,C,permanent,2017-02-30\n"
      "KH-17-14,编号错,91220113MAYJG7CK21,C00023,enterprise,a,b,c,C,permanent,2017-02-01\n"
      "KH-2017-0015,类型错,91220113MAYJG7CK21,C00024,company,a,b,c,C,permanent,2017-02-01\n"
      "KH-2017-0016,期限错,91220113MAYJG7CK21,C00025,enterprise,a,b,c,C,forever,2017-02-01\n"
      "KH-2017-0017,,91220113MAYJG7CK21,C00026,enterprise,a,b,c,C,long,2017-02-01\n";
  auto r = Import(csv);
  ASSERT_OK(r);
  EXPECT_EQ(r->imported, 2);
  std::vector<std::pair<int, std::string>> got;
  for (const auto& rej : r->rejected) got.emplace_back(rej.line, rej.reason);
  std::vector<std::pair<int, std::string>> want = {
      {3, "bad USCC check digit"}, {5, "wrong column count"}, {6, "duplicate archive_no"},
      {7, "bad date"},             {8, "bad archive_no"},     {9, "bad type"},
      {10, "bad retention"},       {11, "missing name"}};
  EXPECT_EQ(got, want);
  auto c = cat_->GetClient("KH-2017-0012");
  ASSERT_OK(c);
  ASSERT_TRUE(c->has_value());
  EXPECT_EQ((*c)->type, "individual");
}

TEST_F(ClientImportTest, ImportIsAnUpsertAcrossFiles) {
  ASSERT_OK(Import(std::string(kHeader) +
                   "KH-2015-0005,旧名,91511323MA2LL6U795,C00004,enterprise,a,b,c,A,long,2015-07-26\n"));
  ASSERT_OK(Import(std::string(kHeader) +
                   "KH-2015-0005,新名,91511323MA2LL6U795,C00004,enterprise,a,b,c,A,long,2015-07-26\n"));
  auto c = cat_->GetClient("KH-2015-0005");
  ASSERT_OK(c);
  EXPECT_EQ((*c)->name, "新名");
  EXPECT_EQ(cat_->ListClients()->size(), 1u);
}

TEST_F(ClientImportTest, AHeaderWithoutARequiredColumnIsAnError) {
  auto r = Import("archive_no,name\nKH-2015-0005,x\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangan::catalog
