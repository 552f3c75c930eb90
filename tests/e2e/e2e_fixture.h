// A fresh dangan home with the department's config and a few clients, and a
// drop of generated documents, for tests that run the real binary.
#ifndef DANGAN_TESTS_E2E_E2E_FIXTURE_H_
#define DANGAN_TESTS_E2E_E2E_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/run_dangan.h"
#include "support/test_util.h"

namespace dangan::testing {

// The department itself and three clients (valid USCCs).
inline constexpr const char* kOwnUscc = "913405068909353411";
inline constexpr const char* kOwnName = "马鞍山市德润建筑工程有限责任公司";

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override;

  std::filesystem::path home() const { return dir_.path() / "home"; }
  std::filesystem::path drop() const { return dir_.path() / "inbox"; }
  RunResult Run(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {}) {
    return RunDangan(home(), args, env);
  }
  // --json run that must exit with one of ok and print one JSON object.
  nlohmann::json Json(const std::vector<std::string>& args, std::vector<int> ok = {0});
  // The same, acting as user (`--user USER`, RECORDS §1).
  RunResult As(const std::string& user, std::vector<std::string> args,
               const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), {"--user", user});
    return Run(args, env);
  }
  nlohmann::json JsonAs(const std::string& user, std::vector<std::string> args,
                        std::vector<int> ok = {0}) {
    args.insert(args.begin(), {"--user", user});
    return Json(args, ok);
  }
  // Writes a text PDF into the drop at rel with the given pages.
  void Pdf(const std::string& rel, const std::vector<std::string>& pages);
  // The standard drop: documents routed every way, a duplicate, bad inputs.
  void WriteStandardDrop();
  // Every document of `list --json`.
  std::vector<nlohmann::json> List();

  ScopedTempDir dir_;
};

// The documents of the standard drop (own words, three scripts).
std::string ContractSimplified();
std::string InvoiceTraditional();
std::string NoticeEnglish();

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_E2E_E2E_FIXTURE_H_
