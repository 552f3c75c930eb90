#include "core/csv_reader.h"

#include <gtest/gtest.h>

namespace dangan {
namespace {

TEST(CsvReaderTest, ReadsUtf8WithBomAndQuotedFields) {
  auto f = ParseCsv("\xEF\xBB\xBF" "a,b\n1,\"x, y\"\n\n2,\"He said \"\"hi\"\"\"\n", "t.csv");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->encoding, "utf-8");
  ASSERT_EQ(f->rows.size(), 3u);
  EXPECT_EQ(f->rows[1].fields[1], "x, y");
  EXPECT_EQ(f->rows[2].line, 4);  // a blank line is skipped but counted
  EXPECT_EQ(f->rows[2].fields[1], "He said \"hi\"");
}

TEST(CsvReaderTest, ReadsGb18030) {
  // "名称\n合同\n" in GB18030.
  std::string gb = "\xC3\xFB\xB3\xC6\n\xBA\xCF\xCD\xAC\n";
  auto f = ParseCsv(gb, "gb.csv");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->encoding, "gb18030");
  EXPECT_EQ(f->rows[0].fields[0], "名称");
  EXPECT_EQ(f->rows[1].fields[0], "合同");
}

TEST(CsvReaderTest, AnUnclosedQuoteIsBadData) {
  auto f = ParseCsv("a,b\n1,\"open\n", "bad.csv");
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kBadData);
}

}  // namespace
}  // namespace dangan
