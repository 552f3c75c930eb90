// Bundle fixtures made at test time with libarchive's writer (STYLE §8):
// zip (UTF-8 or raw GBK/CP437 names, optional ZipCrypto), tar, tar.gz,
// tar.xz, 7z and a lone gzip file, with directories, symlinks and hard links.
#ifndef DANGAN_TESTS_SUPPORT_BUNDLE_WRITER_H_
#define DANGAN_TESTS_SUPPORT_BUNDLE_WRITER_H_

#include <string>
#include <vector>

#include "core/status.h"

namespace dangan::testing {

enum class BundleFormat {
  kZip,
  kTar,  // pax: UTF-8 names
  kTarGz,
  kTarXz,
  k7z,
  kGzip,  // one compressed file, no archive format (the first entry's data)
};

struct FixtureEntry {
  enum class Type { kFile, kDirectory, kSymlink, kHardlink };

  static FixtureEntry File(std::string name, std::string data) {
    return {std::move(name), std::move(data), Type::kFile, ""};
  }
  static FixtureEntry Directory(std::string name) {
    return {std::move(name), "", Type::kDirectory, ""};
  }
  static FixtureEntry Symlink(std::string name, std::string target) {
    return {std::move(name), "", Type::kSymlink, std::move(target)};
  }
  static FixtureEntry Hardlink(std::string name, std::string target) {
    return {std::move(name), "", Type::kHardlink, std::move(target)};
  }

  std::string name;  // the header's bytes: UTF-8, or raw GBK / CP437 (see raw_names)
  std::string data;  // kFile
  Type type = Type::kFile;
  std::string target;  // kSymlink, kHardlink
};

struct BundleOptions {
  // Zip: names are written byte for byte with the UTF-8 flag clear (as
  // Windows zippers write GBK names). Otherwise non-ASCII names are UTF-8
  // and flagged.
  bool raw_names = false;
  // Zip: "zipcrypt" (traditional PKWARE), "aes256", or "" for none.
  std::string zip_encryption;
  // Zip: store members uncompressed.
  bool store = false;
};

// The bytes of a bundle written by libarchive. kUnsupported when this
// libarchive cannot write what was asked (e.g. an encryption scheme).
Result<std::string> MakeBundle(BundleFormat format, const std::vector<FixtureEntry>& entries,
                               const BundleOptions& options = {});

// General purpose flag bits of the first local file header of a zip.
int FirstZipEntryFlags(const std::string& zip);

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_BUNDLE_WRITER_H_
