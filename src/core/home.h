// Home: the paths of a dangan home (DESIGN §2). A value type; creates nothing.
#ifndef DANGAN_CORE_HOME_H_
#define DANGAN_CORE_HOME_H_

#include <filesystem>
#include <string>

namespace dangan {

class Home {
 public:
  explicit Home(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path config() const { return root_ / "dangan.toml"; }
  std::filesystem::path catalog() const { return root_ / "catalog.sqlite"; }
  std::filesystem::path index() const { return root_ / "index"; }
  std::filesystem::path store() const { return root_ / "store"; }
  std::filesystem::path staging() const { return root_ / "store" / ".staging"; }
  std::filesystem::path quarantine() const { return root_ / "quarantine"; }
  std::filesystem::path inbox() const { return root_ / "inbox"; }
  std::filesystem::path lock() const { return root_ / "dangan.lock"; }
  // Held by a running `watch` for its lifetime (core/writer_lock.h).
  std::filesystem::path watch_lock() const { return root_ / "dangan.watch.lock"; }

  // store/ARCHIVE_NO (or store/_unfiled) for an archive number ("" = unfiled).
  std::filesystem::path ArchiveDir(const std::string& archive_no) const {
    return store() / (archive_no.empty() ? std::string(kUnfiledDir) : archive_no);
  }
  // A path relative to the home, for JSON and human output.
  std::string Relative(const std::filesystem::path& p) const;

  static constexpr const char* kUnfiledDir = "_unfiled";

 private:
  std::filesystem::path root_;
};

}  // namespace dangan

#endif  // DANGAN_CORE_HOME_H_
