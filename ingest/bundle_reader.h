// Bundle expansion with libarchive (DESIGN §4.3): zip, tar (plain, gzip,
// bzip2, xz, zstd, lzip), 7z and rar, nested up to bundle.max_depth. A bundle
// is checked whole before any member is handed out: an unsafe, encrypted,
// corrupt or oversized bundle yields a quarantine reason and no members.
// Runs inside the extraction worker (ingest/worker_main.cc) only.
//
// Rules beyond DESIGN §5 (bundle_reader.cc has the details):
// - Links are never members and never created. A symlink whose target is
//   absolute or climbs out of the bundle, a hard link naming an absolute or
//   ".." path, and any member whose path runs through a symlink member (as
//   "passwd -> /etc/passwd" then "passwd") make the bundle unsafe_bundle.
//   A symlink pointing inside is skipped. Devices, FIFOs, sockets and the
//   macOS metadata folder "__MACOSX/" are skipped.
// - A bundle with no entries at all is corrupt (libarchive reads a 7z whose
//   index is damaged as empty; nothing would be stored and nothing kept).
// - A lone compressed file (report.pdf.gz, .bz2, .xz, .zst, .lz) is a bundle
//   of one member named after the bundle minus the suffix ("report.pdf"; the
//   gzip header's name when the bundle's name has no such suffix).
// - Expanded bytes are the bytes on disk in out_dir at any moment: leaf
//   members plus the nested bundle being expanded. Sizes declared in headers
//   are checked before a member is written; actual bytes and the ratio
//   (bytes written / compressed bytes consumed so far, once past 1 MiB) are
//   checked while streaming, so a bomb stops within one 64 KiB block.
// - Zips are read with the seekable reader only: a zip without its central
//   directory (cut off) is corrupt, never half-read.
// - Names: see DecodeMemberName() in ingest/bundle_names.h.
#ifndef DANGAN_INGEST_BUNDLE_READER_H_
#define DANGAN_INGEST_BUNDLE_READER_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
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
  // Not OK when dangan itself failed (out_dir not writable, disk full,
  // libmagic missing): then ok is false and reason means nothing; the
  // bundle is not to blame and must not be quarantined for it.
  Status status;
  bool ok = false;
  QuarantineReason reason = QuarantineReason::kCorrupt;  // when !ok
  std::string detail;                                    // human-readable, names the member
  std::vector<BundleMember> members;                     // when ok: leaf members in order
};

// name: the bundle's original file name, for naming the member of a lone
// compressed file (report.pdf.gz -> report.pdf); default: bundle's own name.
// Expands bundle into out_dir (created; the files this call made are removed
// again when !ok). Never throws. Member files get generated names ("000001"),
// mode 0600; member names never reach the file system. Nested bundles are
// detected by content (libmagic) and expanded in place of their own member;
// only leaf members (non-bundles) are returned. Directories are skipped;
// empty regular files are members. Reads names under a UTF-8 LC_CTYPE set for
// this thread only (uselocale), whatever the process locale is.
BundleOutcome ExpandBundle(const std::filesystem::path& bundle,
                           const std::filesystem::path& out_dir, const BundleLimits& limits,
                           std::string_view name = {});

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_BUNDLE_READER_H_
