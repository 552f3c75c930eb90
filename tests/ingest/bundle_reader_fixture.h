// The fixture shared by the bundle reader tests: a temporary folder, small
// limits (so bombs stay fast), and helpers to write, expand and inspect.
#ifndef DANGAN_TESTS_INGEST_BUNDLE_READER_FIXTURE_H_
#define DANGAN_TESTS_INGEST_BUNDLE_READER_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/bundle_reader.h"
#include "support/bundle_writer.h"
#include "support/test_util.h"

namespace dangan::ingest {

namespace fs = std::filesystem;
using ::dangan::testing::BundleFormat;
using ::dangan::testing::BundleOptions;
using ::dangan::testing::FixtureEntry;
using ::dangan::testing::MakeBundle;

constexpr int64_t kMiB = int64_t{1} << 20;

// A small PDF-looking payload: libmagic must not take it for a bundle.
inline std::string Pdf(const std::string& tag) { return "%PDF-1.4\n% " + tag + "\n%%EOF\n"; }

// size bytes that do not compress (a fixed xorshift stream).
inline std::string Noise(size_t size, uint64_t seed = 88172645463325252ull) {
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    c = static_cast<char>(seed >> 32);
  }
  return bytes;
}

class BundleReaderTest : public ::testing::Test {
 protected:
  BundleReaderTest() {
    limits_.max_expanded_bytes = 64 * kMiB;
    limits_.max_members = 100;
    limits_.max_ratio = 200;
    limits_.max_depth = 3;
  }

  std::string Make(BundleFormat format, const std::vector<FixtureEntry>& entries,
                   const BundleOptions& options = {}) {
    auto bytes = MakeBundle(format, entries, options);
    EXPECT_OK(bytes);
    return bytes.ok() ? *bytes : std::string();
  }

  BundleOutcome Expand(const std::string& name, const std::string& bytes) {
    fs::path bundle = dir_.path() / "in" / name;
    ::dangan::testing::WriteBytes(bundle, bytes);
    BundleOutcome outcome = ExpandBundle(bundle, out_dir(), limits_);
    EXPECT_OK(outcome.status);
    return outcome;
  }

  // member path -> bytes of its extracted file.
  static std::map<std::string, std::string> Contents(const BundleOutcome& outcome) {
    std::map<std::string, std::string> contents;
    for (const BundleMember& m : outcome.members)
      contents[m.path] = ::dangan::testing::ReadBytes(m.file);
    return contents;
  }

  std::vector<std::string> FilesLeft() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(out_dir(), ec)) names.push_back(e.path().string());
    return names;
  }

  // Expects a refusal with reason, a detail containing needle, and nothing left on disk.
  void ExpectRefused(const BundleOutcome& outcome, QuarantineReason reason,
                     const std::string& needle) {
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(ToString(outcome.reason), std::string(ToString(reason))) << outcome.detail;
    EXPECT_NE(outcome.detail.find(needle), std::string::npos) << outcome.detail;
    EXPECT_TRUE(outcome.members.empty());
    EXPECT_TRUE(FilesLeft().empty()) << FilesLeft().size() << " files left in out_dir";
  }

  fs::path out_dir() const { return dir_.path() / "out"; }

  ::dangan::testing::ScopedTempDir dir_;
  BundleLimits limits_;
};

}  // namespace dangan::ingest

#endif  // DANGAN_TESTS_INGEST_BUNDLE_READER_FIXTURE_H_
