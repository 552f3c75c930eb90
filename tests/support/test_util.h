// Test helpers: Status assertions that print the message (leveldb
// util/testutil.h) and a fresh temporary folder per test.
#ifndef DANGAN_TESTS_SUPPORT_TEST_UTIL_H_
#define DANGAN_TESTS_SUPPORT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/status.h"

namespace dangan::testing {

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

// A folder below testing::TempDir() unique to the running test, created
// empty, removed by the destructor unless DANGAN_KEEP_TEST_DIRS is set.
class ScopedTempDir {
 public:
  ScopedTempDir();
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes bytes to path (creating folders); fails the test on error.
void WriteBytes(const std::filesystem::path& path, const std::string& bytes);
std::string ReadBytes(const std::filesystem::path& path);

}  // namespace dangan::testing

#define EXPECT_OK(expr) EXPECT_TRUE(::dangan::testing::StatusOf(expr).ok()) \
    << ::dangan::testing::StatusOf(expr).ToString()
#define ASSERT_OK(expr) ASSERT_TRUE(::dangan::testing::StatusOf(expr).ok()) \
    << ::dangan::testing::StatusOf(expr).ToString()

#endif  // DANGAN_TESTS_SUPPORT_TEST_UTIL_H_
