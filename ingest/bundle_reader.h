// Bundle expansion with libarchive (DESIGN §4.3): zip, tar (plain, gzip,
// bzip2, xz, zstd), 7z and rar, nested up to bundle.max_depth. A bundle is
// checked whole before any member is handed out: an unsafe, encrypted,
// corrupt or oversized bundle yields a quarantine reason and no members.
// Runs inside the extraction worker (ingest/worker_main.cc) only.
#ifndef DANGAN_INGEST_BUNDLE_READER_H_
#define DANGAN_INGEST_BUNDLE_READER_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/types.h"

namespace dangan::ingest {

struct BundleLimits {
  int64_t max_expanded_bytes = int64_t{2048} << 20;  // all members, all depths
  int max_members = 10000;                           // all members, all depths
  int max_ratio = 200;  // expanded / compressed, for members over 1 MiB
  int max_depth = 3;    // bundles inside bundles
};

struct BundleMember {
  // The member's path inside the bundle in UTF-8 (zip names in GBK/CP437
  // decoded), '/'-separated; a member of a nested bundle is
  // "inner.zip!dir/file.pdf" (DESIGN §4.3 "a.zip!b.zip!c.pdf" without "a.zip!").
  std::string path;
  std::filesystem::path file;  // the extracted bytes, inside out_dir
  uint64_t size = 0;
};

struct BundleOutcome {
  bool ok = false;
  QuarantineReason reason = QuarantineReason::kCorrupt;  // when !ok
  std::string detail;                                    // human-readable, names the member
  std::vector<BundleMember> members;                     // when ok: leaf members in order
};

// Expands bundle into out_dir (created; left empty when !ok). Never throws.
// Nested bundles are detected by content and expanded in place of their own
// member; only leaf members (non-bundles) are returned. Directories and
// zero-length directory entries are skipped; empty regular files are members.
BundleOutcome ExpandBundle(const std::filesystem::path& bundle,
                           const std::filesystem::path& out_dir, const BundleLimits& limits);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_BUNDLE_READER_H_
