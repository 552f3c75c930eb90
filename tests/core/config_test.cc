#include "core/config.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace dangan {
namespace {

TEST(ConfigTest, DefaultTextPlusAnAppendedOrgTableIsValidToml) {
  testing::ScopedTempDir dir;
  auto file = dir.path() / "dangan.toml";
  testing::WriteBytes(file, DefaultConfigText() +
                                "\n[org]\nown_name = \"某公司\"\nown_uscc = \"913405068909353411\"\n"
                                "[ingest]\nworkers = 3\n");
  auto c = LoadConfig(file);
  ASSERT_OK(c);
  EXPECT_EQ(c->org.own_uscc, "913405068909353411");
  EXPECT_EQ(c->ingest.workers, 3);
  EXPECT_EQ(c->index.batch_size, 500);
}

TEST(ConfigTest, AMissingFileGivesDefaults) {
  auto c = LoadConfig("/nonexistent/dangan.toml");
  ASSERT_OK(c);
  EXPECT_EQ(c->bundle.max_depth, 3);
}

TEST(ConfigTest, MalformedTomlNamesTheFile) {
  testing::ScopedTempDir dir;
  testing::WriteBytes(dir.path() / "dangan.toml", "[ingest\nworkers = 2\n");
  auto c = LoadConfig(dir.path() / "dangan.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("dangan.toml"), std::string::npos);
}

TEST(ConfigTest, AWrongTypeIsAnError) {
  testing::ScopedTempDir dir;
  testing::WriteBytes(dir.path() / "dangan.toml", "[index]\nbatch_size = \"many\"\n");
  EXPECT_FALSE(LoadConfig(dir.path() / "dangan.toml").ok());
}

}  // namespace
}  // namespace dangan

namespace dangan {
namespace {

TEST(ConfigTest, ThePackagedSampleParsesAndShowsTheDefaults) {
  auto c = LoadConfig(std::filesystem::path(DANGAN_SOURCE_DIR) / "packaging" / "dangan.toml");
  ASSERT_OK(c);
  Config defaults;
  EXPECT_EQ(c->archive.number_pattern, defaults.archive.number_pattern);
  EXPECT_EQ(c->ingest.worker_timeout_s, defaults.ingest.worker_timeout_s);
  EXPECT_EQ(c->ingest.worker_memory_mb, defaults.ingest.worker_memory_mb);
  EXPECT_EQ(c->bundle.max_expanded_mb, defaults.bundle.max_expanded_mb);
  EXPECT_EQ(c->bundle.max_depth, defaults.bundle.max_depth);
  EXPECT_EQ(c->index.batch_size, defaults.index.batch_size);
  EXPECT_EQ(c->watch.ignore, defaults.watch.ignore);
  EXPECT_EQ(c->ocr.dpi, defaults.ocr.dpi);
  EXPECT_EQ(c->access.default_days, defaults.access.default_days);
  EXPECT_EQ(c->retention.years.short_years, 10);
  EXPECT_EQ(c->retention.years.long_years, 30);
  EXPECT_TRUE(c->retention.by_type.empty());
  EXPECT_EQ(c->destruction.approvals, 2);
}

TEST(ConfigTest, RetentionYearsAndClassesByTypeAppendedToTheDefaultText) {
  testing::ScopedTempDir dir;
  auto file = dir.path() / "dangan.toml";
  testing::WriteBytes(file, DefaultConfigText() +
                                "\n[retention]\nshort_years = 5\n[retention.by_type]\n"
                                "invoice = \"long\"\ncontract = \"permanent\"\n"
                                "[destruction]\napprovals = 3\n");
  auto c = LoadConfig(file);
  ASSERT_OK(c);
  EXPECT_EQ(c->retention.years.short_years, 5);
  EXPECT_EQ(c->retention.years.long_years, 30);
  EXPECT_EQ(c->retention.by_type.at(DocType::kInvoice), RetentionClass::kLong);
  EXPECT_EQ(c->retention.by_type.at(DocType::kContract), RetentionClass::kPermanent);
  EXPECT_EQ(c->retention.by_type.count(DocType::kLetter), 0u);
  EXPECT_EQ(c->destruction.approvals, 3);
}

TEST(ConfigTest, BadRetentionSettingsAreNamed) {
  testing::ScopedTempDir dir;
  auto file = dir.path() / "dangan.toml";
  for (const char* bad : {"[retention.by_type]\nreceipt = \"long\"\n",
                          "[retention.by_type]\ninvoice = \"forever\"\n",
                          "[retention]\nshort_years = 0\n", "[destruction]\napprovals = 0\n"}) {
    testing::WriteBytes(file, bad);
    auto c = LoadConfig(file);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_NE(c.status().message().find(bad[1] == 'd' ? "destruction" : "retention"),
              std::string::npos) << c.status().message();
  }
}

TEST(ConfigTest, AccessDefaultDaysIsReadAndMustBePositive) {
  testing::ScopedTempDir dir;
  EXPECT_EQ(Config().access.default_days, 7);
  testing::WriteBytes(dir.path() / "dangan.toml", "[access]\ndefault_days = 14\n");
  auto c = LoadConfig(dir.path() / "dangan.toml");
  ASSERT_OK(c);
  EXPECT_EQ(c->access.default_days, 14);
  testing::WriteBytes(dir.path() / "dangan.toml", "[access]\ndefault_days = 0\n");
  auto bad = LoadConfig(dir.path() / "dangan.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("access.default_days"), std::string::npos);
}

}  // namespace
}  // namespace dangan
