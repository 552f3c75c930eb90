#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/test_util.h"

namespace dangan::testing {
namespace fs = std::filesystem;

ScopedTempDir::ScopedTempDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "dangan";
  for (char& c : name)
    if (c == '/') c = '_';
  path_ = fs::path(::testing::TempDir()) /
          ("dangan-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::error_code ec;
  fs::remove_all(path_, ec);
  fs::create_directories(path_);
}

ScopedTempDir::~ScopedTempDir() {
  if (std::getenv("DANGAN_KEEP_TEST_DIRS") != nullptr) return;
  std::error_code ec;
  // The store makes files read-only; owner write on folders is enough to remove them.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all,
                                              fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace dangan::testing

#ifdef DANGAN_SANITIZE
// LeakSanitizer's built-in suppressions hook: fontconfig (loaded by the Pango
// PDF fixtures) keeps its configuration cache for the life of the process.
// Not dangan's memory.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
